"""The static-site files, built by the real generators (Debian's Hugo and Jekyll).

A post that talks about Liquid, Hugo shortcodes or kramdown's attribute lists must come
out of the site exactly as the preview showed it: the template syntax as text, and no
attribute, tag or value the author did not see. Skipped when the generators are not
installed (`apt-get install hugo jekyll`); with CI set they must be.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafts.export.base import Post
from drafts.export.markdown_safe import export_markdown
from drafts.export.static_site import StaticSiteExporter

WHEN = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)  # in the past: generators skip future posts
HOSTILE = """# Templates in a post

Liquid {{ site.title }}, {% if true %}shown{% endif %} and {% endraw %} stay text.

Hugo {{< youtube abc >}}, {{% param "title" %}} and an open {{< shortcode stay text.

A paragraph
{: onclick="alert(1)" .x}

*Span*{: onmouseover="alert(2)"} and {::nomarkdown}<b>raw</b>{:/} stay text.

```
code {{ x }} {{< y >}} {% z %} {: w}
```
"""
VISIBLE = [
    "Liquid {{ site.title }}, {% if true %}shown{% endif %} and {% endraw %} stay text.",
    "an open {{< shortcode stay text.",
    '{: onclick=', "{::nomarkdown}<b>raw</b>{:/} stay text.",
    "code {{ x }} {{< y >}} {% z %} {: w}",
]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed (apt-get install hugo jekyll)", pytrace=False)
        pytest.skip(f"{name} is not installed: `apt-get install hugo jekyll` runs these tests")
    return path


class _Page(HTMLParser):
    """The text of a page's body and every tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _export(generator: str) -> tuple[str, bytes]:
    post = Post(title="Templates", slug="templates", markdown=export_markdown(HOSTILE), html="",
                excerpt="", tags=(), status="publish")
    file = StaticSiteExporter(generator).export(post, now=WHEN)
    return file.filename, file.content


def _hugo(tmp_path: Path) -> Path:
    site = tmp_path / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "SITE-TITLE"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    (site / "layouts" / "_default" / "single.html").write_text("<html><body>{{ .Content }}</body></html>")
    (site / "layouts" / "_default" / "list.html").write_text("<html><body></body></html>")
    name, content = _export("hugo")
    target = site / "content" / name
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    subprocess.run([_tool("hugo"), "--quiet", "-d", "out"], cwd=site, check=True, timeout=120,
                   capture_output=True)
    return site / "out" / name.removesuffix(".md") / "index.html"


def _jekyll(tmp_path: Path) -> Path:
    site = tmp_path / "jekyll"
    (site / "_layouts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: SITE-TITLE\nmarkdown: kramdown\n")
    (site / "_layouts" / "post.html").write_text("<html><body>{{ content }}</body></html>")
    name, content = _export("jekyll")
    (site / name).parent.mkdir(parents=True)
    (site / name).write_bytes(content)
    subprocess.run([_tool("jekyll"), "build", "--quiet", "-d", "out"], cwd=site, check=True,
                   timeout=300, capture_output=True)
    return site / "out" / "2026" / "01" / "15" / "templates.html"


@pytest.mark.parametrize("build", [_hugo, _jekyll], ids=["hugo", "jekyll"])
def test_template_syntax_in_a_post_is_text_on_the_built_site(tmp_path, build):
    page = _read(build(tmp_path))
    text = re.sub(r"\s+", " ", "".join(page.text)).replace("“", '"').replace("”", '"')
    for shown in VISIBLE:
        assert shown in text, (shown, text)
    assert "SITE-TITLE" not in text  # no template ran
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "b"), tag
        assert not [name for name, _ in attrs if name.lower().startswith("on")], (tag, attrs)
