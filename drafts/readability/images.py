"""Images without alt text: the one finding about something that is not prose.

Images are masked out of the prose, so this pass looks at the original text of
each prose unit (paragraph, list item, table cell, heading) with the same
inline pattern the masking uses: an image inside inline code or a code block
is never flagged. Markdown images (`![alt](src)`, `![alt][ref]`) count; an
empty or blank alt is missing. An `<img>` tag is not an image: raw HTML is
shown as the text the author typed (see drafts/rendering.py).
"""

from __future__ import annotations

import re

from .inline_mask import _code_spans
from .model import Finding
from .segment import Segmentation

MESSAGE = "Image without alt text: readers who cannot see it (and search engines) get nothing."
SUGGESTION = ("Describe what the picture shows in a few words, between the square brackets: "
              "![Revenue by quarter, 2023-2024](...).")


# A Markdown image: ![alt](dest) or ![alt][ref] (the same shape the analyzer masks).
_IMAGE = re.compile(r"!\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])?")


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
        unit_text = text[unit.start : unit.end]
        code = _code_spans(unit_text)  # an image written inside inline code is not an image
        k = 0  # both lists are in text order: one walk, linear
        for m in _IMAGE.finditer(unit_text):
            while k < len(code) and code[k][1] <= m.start():
                k += 1
            if m.group(1).strip() or (k < len(code) and code[k][0] <= m.start()):
                continue
            span = (unit.start + m.start(), unit.start + m.end())
            out.append(Finding("image_alt", span, MESSAGE, SUGGESTION, None))
    return out
