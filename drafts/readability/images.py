"""Images without alt text: the one finding about something that is not prose.

Images are masked out of the prose, so this pass looks at the original text of
each prose unit (paragraph, list item, table cell, heading) with the same
inline pattern the masking uses: an image inside inline code or a code block
is never flagged. Markdown images (`![alt](src)`, `![alt][ref]`) count; an
empty or blank alt is missing. An `<img>` tag is not an image: raw HTML is
shown as the text the author typed (see drafts/rendering.py).
"""

from __future__ import annotations

from .model import Finding
from .segment import _INLINE, Segmentation

MESSAGE = "Image without alt text: readers who cannot see it (and search engines) get nothing."
SUGGESTION = ("Describe what the picture shows in a few words, between the square brackets: "
              "![Revenue by quarter, 2023-2024](...).")


def _alt(token: str) -> str | None:
    """The alt text of an image token, "" when empty, None when it is not an image."""
    if token.startswith("!["):
        return token[2 : token.index("]")]
    return None


def _may_have_images(text: str) -> bool:
    """Cheap test first: most drafts have no "![" at all."""
    return "![" in text


def missing_alt(seg: Segmentation) -> list[Finding]:
    text = seg.text
    if not _may_have_images(text):
        return []
    out: list[Finding] = []
    for unit in seg.units:
        if not _may_have_images(text[unit.start : unit.end]):
            continue
        for m in _INLINE.finditer(text, unit.start, unit.end):
            alt = _alt(m.group(0))
            if alt is not None and not alt.strip():
                out.append(Finding("image_alt", m.span(), MESSAGE, SUGGESTION, None))
    return out
