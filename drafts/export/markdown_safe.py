"""The author's Markdown, made safe for renderers that pass raw HTML through.

Static-site generators (Jekyll, Astro) and dev.to render the exported Markdown
themselves, and several let raw HTML through. The export must carry what the
preview shows: raw HTML as the text the author typed, and no link the
sanitizer would strip. Decided by parsing (markdown-it-py, CommonMark with GFM
tables and strikethrough, raw HTML off: how the text reads when HTML is shown
as text), then changing the source as little as possible:

- every `<` that is text (outside code, autolinks and link destinations) becomes
  `&lt;` (read as "<" by every Markdown flavour), so no renderer can take it for
  the start of a tag or an HTML block;
- a link or image whose address the preview's sanitizer (nh3, the allow-list
  in drafts.rendering) would remove loses its brackets and address and keeps
  its text, as in the preview; such an autolink becomes text; such a
  reference definition points nowhere ("#");
- every `{:` that is text gets its brace escaped (`\\{:`, read as "{:" by every
  Markdown flavour): kramdown (Jekyll's renderer) reads `{: onclick="..."}` as
  attributes for the element before it, and `{::nomarkdown}` as raw output;
- code blocks, code spans and safe autolinks are left byte for byte.

The result is parsed again with raw HTML on (as Jekyll or Astro would) and
checked: no HTML, no unsafe address, the same code as the draft. If that check
ever failed, `ExportNotSafe` says so rather than exporting it.
"""

from __future__ import annotations

import bisect
import html
from functools import lru_cache
from urllib.parse import unquote

import nh3
from markdown_it.token import Token

from drafts.errors import ValidationError
from drafts.export.markdown_positions import (
    Unmapped,
    definition_lines,
    normalize,
    offsets,
    parser,
)
from drafts.rendering import URL_SCHEMES

_REFERENCE = parser(html=False)  # how the draft reads with raw HTML shown as text
_RAW_HTML = parser(html=True)  # how Jekyll or Astro would read the export


class ExportNotSafe(ValidationError):
    def __init__(self) -> None:
        super().__init__("Byline could not make this post's Markdown safe to export. Nothing "
                         "was exported. Simplify any raw HTML or unusual links in the text, "
                         "then try again.")


@lru_cache(maxsize=4096)
def url_allowed(url: str) -> bool:
    """Whether the preview's sanitizer keeps this address, in every spelling a renderer
    might produce from it (as written, percent-decoded, entity-decoded)."""
    for form in {url, unquote(url), html.unescape(url), html.unescape(unquote(url))}:
        cleaned = nh3.clean(f'<a href="{html.escape(form, quote=True)}">x</a>', tags={"a"},
                            attributes={"a": {"href"}}, url_schemes=set(URL_SCHEMES),
                            link_rel=None)
        if "href=" not in cleaned:
            return False
    return True


def export_markdown(text: str) -> str:
    """The Markdown to export: what the preview shows, with nothing live in it."""
    src = normalize(text)
    tokens = _REFERENCE.parse(src, {})
    edits: list[tuple[int, int, str]] = []
    try:
        for token in tokens:
            if token.type == "inline":
                edits += _inline_edits(token, src)
            elif token.type == "definition" and not url_allowed(token.meta.get("url", "")):
                edits += _definition_edits(token, src)
    except Unmapped:
        raise ExportNotSafe() from None
    out = _apply(src, edits)
    if not _safe(out, _code(tokens)):
        raise ExportNotSafe()
    return out


# -- edits within one inline token ---------------------------------------------------------


def _inline_edits(token: Token, src: str) -> list[tuple[int, int, str]]:
    content = token.content
    if "<" not in content and "[" not in content and "{:" not in content:
        return []
    places = offsets(token, src)
    protected: list[tuple[int, int]] = []
    edits: list[tuple[int, int, str]] = []  # in content positions, mapped at the end
    _walk(token.children or [], 0, content, protected, edits)
    protected.sort()
    joinable = [span for span in protected if content[span[0]] != "<"]  # not autolinks
    for i in _text_brackets(content, protected):
        edits.append((i, i + 1, "&lt;"))
    for i in _text_braces(content, protected):
        edits.append((i, i + 1, "\\{"))
    for line_break, first in _protected_line_starts(content, joinable):
        # A line that starts with "<" inside code (or a link's address) would start an
        # HTML block for a renderer with raw HTML on, cutting the code in two: join it
        # to the line before (code turns a line break into a space anyway).
        edits.append((line_break, first, " " + content[line_break + 1:first]))
    mapped = []
    for start, end, replacement in edits:
        begin, stop = places[start], places[end] if end > start else places[start]
        if begin < 0 or stop < 0:
            raise Unmapped("edit in expanded whitespace")
        mapped.append((begin, stop, replacement))
    return mapped


def _walk(children: list[Token], at: int, content: str,
          protected: list[tuple[int, int]], edits: list[tuple[int, int, str]]) -> None:
    for child in children:
        span = child.meta.get("span")
        if child.type == "code_inline" and span:
            protected.append((at + span[0], at + span[1]))
        elif child.type == "link_open" and span and child.markup == "autolink":
            if url_allowed(child.attrGet("href") or ""):
                protected.append((at + span[0], at + span[1]))
            # an unsafe autolink stays unprotected: its "<" is escaped like any text
        elif child.type in ("link_open", "image") and span:
            _link(child, at, content, protected, edits)
        if child.type == "image" and child.children:
            _walk(child.children, at + child.meta.get("children_at", 0), content, protected,
                  edits)


def _link(token: Token, at: int, content: str, protected: list[tuple[int, int]],
          edits: list[tuple[int, int, str]]) -> None:
    start, end = at + token.meta["span"][0], at + token.meta["span"][1]
    label_end = at + token.meta["label_end"]
    opener = 2 if token.type == "image" else 1
    address = token.attrGet("src" if token.type == "image" else "href") or ""
    if not url_allowed(address):  # keep the text, drop the link (as the sanitizer does)
        edits.append((start, start + opener, ""))
        edits.append((label_end, end, ""))
        protected.append((label_end, end))
        return
    tail = content[label_end + 1:end]
    protected.append((label_end, end))
    if tail in ("", "[]") and "<" in content[start:label_end]:
        # A shortcut or collapsed reference whose label has a "<" to escape: its label
        # would no longer match the definition, so write the address out.
        edits.append((label_end + 1, end, _inline_destination(token, address)))


def _inline_destination(token: Token, address: str) -> str:
    title = token.attrGet("title") or ""
    written = "".join("\\" + c if c.isascii() and not c.isalnum() and c != " " else c
                      for c in " ".join(str(title).split()))
    return f"(<{address}>" + (f' "{written}"' if written else "") + ")"


def _protected_line_starts(content: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    starts = [start for start, _ in protected]
    at = content.find("\n")
    while at >= 0:
        first = at + 1
        while first < len(content) and content[first] in " \t":
            first += 1
        inside = bisect.bisect_right(starts, first) - 1
        end = content.find("\n", first)
        line = content[first:] if end < 0 else content[first:end]
        if line.startswith("<") and inside >= 0 and first < protected[inside][1] \
                and _starts_html_block(line):
            found.append((at, first))
        at = end
    return found


def _starts_html_block(line: str) -> bool:
    tokens = _RAW_HTML.parse(line, {})
    return bool(tokens) and tokens[0].type == "html_block"


def _text_brackets(content: str, protected: list[tuple[int, int]]) -> list[int]:
    """Each "<" that is text: outside protected spans, not already escaped."""
    return _unescaped(content, protected, "<")


def _text_braces(content: str, protected: list[tuple[int, int]]) -> list[int]:
    """Each "{" before ":" that is text (a kramdown attribute list or extension)."""
    return _unescaped(content, protected, "{:")


def _unescaped(content: str, protected: list[tuple[int, int]], needle: str) -> list[int]:
    found = []
    ranges = iter(protected)
    current = next(ranges, None)
    i = content.find(needle)
    while i >= 0:
        while current is not None and current[1] <= i:
            current = next(ranges, None)
        if current is None or not current[0] <= i < current[1]:
            slashes = 0
            while i - slashes - 1 >= 0 and content[i - slashes - 1] == "\\":
                slashes += 1
            if slashes % 2 == 0:
                found.append(i)
        i = content.find(needle, i + 1)
    return found


# -- reference definitions -----------------------------------------------------------------


def _definition_edits(token: Token, src: str) -> list[tuple[int, int, str]]:
    text, places = definition_lines(token, src)
    label = token.meta.get("label", "")
    pos = 1 + len(label) + 2  # "[" label "]:"
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    result = _REFERENCE.helpers.parseLinkDestination(text, pos, len(text))
    if not result.ok or result.pos <= pos:
        raise Unmapped("definition")
    return [(places[pos], places[result.pos - 1] + 1, "#")]


# -- applying and checking -----------------------------------------------------------------


def _apply(src: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    last = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < last:
            raise ExportNotSafe()
        out.append(src[last:start])
        out.append(replacement)
        last = end
    out.append(src[last:])
    return "".join(out)


def _code(tokens: list[Token]) -> list[tuple[str, str]]:
    """Every code block and code span, in order: (kind and info, content)."""
    found: list[tuple[str, str]] = []

    def visit(items: list[Token]) -> None:
        for token in items:
            if token.type in ("fence", "code_block"):
                found.append((f"{token.type}:{token.info}", token.content))
            elif token.type == "code_inline":
                found.append(("code_inline", token.content))
            if token.children:
                visit(token.children)

    visit(tokens)
    return found


def _safe(markdown: str, code: list[tuple[str, str]]) -> bool:
    tokens = _RAW_HTML.parse(markdown, {})
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.type in ("html_block", "html_inline"):
            return False
        if token.type == "link_open" and not url_allowed(token.attrGet("href") or ""):
            return False
        if token.type == "image" and not url_allowed(token.attrGet("src") or ""):
            return False
        stack.extend(token.children or [])
    return _code(tokens) == code
