"""Markdown -> sanitized HTML, plain text, word count and reading time.

One renderer for the preview, the history view and (later) exports, so what
the author sees is what is published. Raw HTML in Markdown is passed through
the Markdown parser and then cleaned by nh3 against an allow-list: scripts,
event handlers, styles and javascript: URLs never survive.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

import markdown
import nh3

EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "code": {"class"},  # only language-* classes survive (see _keep_language_class)
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
PREVIEW_LINK_REL = "noopener noreferrer"  # exports carry no rel: the company's own links
_LANGUAGE_CLASS = re.compile(r"language-[\w+#.-]{1,40}")

WORDS_PER_MINUTE = 238  # average silent reading speed for non-fiction
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Rendered:
    html: str
    words: int
    reading_minutes: int


def _keep_language_class(tag: str, attribute: str, value: str) -> str | None:
    if tag != "code" or attribute != "class":
        return value
    kept = " ".join(c for c in value.split() if _LANGUAGE_CLASS.fullmatch(c))
    return kept or None


def sanitize_html(raw: str, extra_attributes: dict[str, set[str]] | None = None, *,
                  link_rel: str | None = PREVIEW_LINK_REL) -> str:
    """Clean HTML against the allow-list; `extra_attributes` also allows those tags."""
    attributes = {k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()}
    attributes.update(extra_attributes or {})
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS) | set(extra_attributes or ()),
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel=link_rel,
        attribute_filter=_keep_language_class,
    )


def markdown_to_raw_html(text: str) -> str:
    """Render Markdown to HTML that is NOT yet safe: always sanitize the result."""
    return markdown.markdown(
        text or "",
        extensions=EXTENSIONS,
        extension_configs=EXTENSION_CONFIGS,
        output_format="html",
    )


def markdown_to_html(text: str, *, link_rel: str | None = PREVIEW_LINK_REL) -> str:
    """Render Markdown and sanitize the result. Never raises on odd input."""
    return sanitize_html(markdown_to_raw_html(text), link_rel=link_rel)


def html_to_text(fragment: str) -> str:
    return html.unescape(nh3.clean(fragment, tags=set()))


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def reading_minutes(words: int) -> int:
    return 0 if words == 0 else max(1, math.ceil(words / WORDS_PER_MINUTE))


def render(text: str) -> Rendered:
    body_html = markdown_to_html(text)
    words = count_words(html_to_text(body_html))
    return Rendered(html=body_html, words=words, reading_minutes=reading_minutes(words))


def markdown_for_export(text: str) -> str:
    """The author's Markdown with raw HTML made inert: see drafts.export.markdown_safe."""
    from drafts.export.markdown_safe import export_markdown

    return export_markdown(text)
