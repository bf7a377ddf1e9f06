"""Static-site generators' own template syntax in a post, kept as the text it is.

Jekyll runs every post through Liquid before Markdown (`{{ site.x }}`, `{% include %}`),
and Hugo runs shortcodes before Markdown (`{{< youtube id >}}`, `{{% param %}}`), in code
blocks too. A CIO writing about them must see them in the published post exactly as in
the preview, and nothing in a post may run the site's templates:

- Jekyll: a body with `{{` or `{%` is wrapped in `{% raw %}...{% endraw %}`; an
  `{% endraw %}` written in the text closes the raw block, prints its `{%`, and
  opens the raw block again.
- Hugo: each shortcode (`{{<`...`>}}`, `{{%`...`%}}`) is written in Hugo's own escaped
  form (`{{</*`...`*/>}}`), which Hugo prints as the shortcode's text. An opening
  `{{<` or `{{%` with no closing is text to Hugo's lexer only when its first brace is
  written as an entity (`&#123;`), read as "{" by every Markdown renderer.

Both scans are linear in the length of the text.
"""

from __future__ import annotations

import re

_LIQUID = re.compile(r"\{\{|\{%")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_SHORTCODE_EDGE = re.compile(r"\{\{[<%]|[>%]\}\}")
_CLOSER = {"<": ">", "%": "%"}


def jekyll_body(markdown: str) -> str:
    """The body with every Liquid tag kept as text."""
    if not _LIQUID.search(markdown):
        return markdown
    body = _ENDRAW.sub(lambda m: '{% endraw %}{{ "{%" }}{% raw %}' + m.group(0)[2:], markdown)
    return "{% raw %}\n" + body + "\n{% endraw %}"


def hugo_body(markdown: str) -> str:
    """The body with every shortcode kept as text."""
    if "{{<" not in markdown and "{{%" not in markdown:
        return markdown
    out: list[str] = []
    done = 0
    opener: re.Match | None = None
    for edge in _SHORTCODE_EDGE.finditer(markdown):
        text = edge.group(0)
        if text.startswith("{{"):
            if opener is not None:  # an opener never closed: text
                out.append(markdown[done:opener.start()] + "&#123;")
                done = opener.start() + 1
            opener = edge
        elif opener is not None and text[0] == _CLOSER[opener.group(0)[2]]:
            out.append(markdown[done:opener.end()] + "/*" + markdown[opener.end():edge.start()]
                       + "*/" + text)
            done, opener = edge.end(), None
    if opener is not None:
        out.append(markdown[done:opener.start()] + "&#123;")
        done = opener.start() + 1
    out.append(markdown[done:])
    return "".join(out)


__all__ = ["hugo_body", "jekyll_body"]
