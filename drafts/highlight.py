"""Preview HTML with findings highlighted.

Marker characters from Unicode's private use area are placed at each
finding's span in the Markdown, the Markdown is rendered as usual, and the
markers become <mark> elements before the HTML is sanitized. The preview keeps
the exact look of the plain render, and highlights come from the same spans
the analyzer reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafts.rendering import markdown_to_raw_html, sanitize_html

_OPEN = "\ue000"
_SEP = "\ue001"
_CLOSE = "\ue002"
_MARKERS = re.compile(f"{_OPEN}(\\d+){_SEP}|{_CLOSE}")
_STRAY = re.compile(f"[{_OPEN}{_SEP}{_CLOSE}]")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str
    index: int  # position in the list the browser gets, for click-to-jump


def _nestable(highlights: Sequence[Highlight], length: int) -> list[Highlight]:
    """Keep highlights that nest properly (outer sentences, inner words); drop crossings."""
    ordered = sorted(
        (h for h in highlights if 0 <= h.start < h.end <= length),
        key=lambda h: (h.start, -h.end),
    )
    kept: list[Highlight] = []
    stack: list[Highlight] = []
    for h in ordered:
        while stack and stack[-1].end <= h.start:
            stack.pop()
        if stack and h.end > stack[-1].end:
            continue  # crosses its parent's end
        kept.append(h)
        stack.append(h)
    return kept


def render_highlighted(markdown: str, highlights: Sequence[Highlight]) -> str:
    text = _STRAY.sub("", markdown or "")
    if len(text) != len(markdown or ""):
        highlights = ()  # spans no longer line up; show the plain render
    inserts: dict[int, list[str]] = {}
    for h in _nestable(highlights, len(text)):
        inserts.setdefault(h.start, []).append(f"{_OPEN}{h.index}{_SEP}")
        inserts.setdefault(h.end, []).insert(0, _CLOSE)
    pieces = []
    last = 0
    for position in sorted(inserts):
        pieces.append(text[last:position])
        # Closing markers first, then openings, so neighbours never overlap.
        marks = inserts[position]
        pieces.append("".join(m for m in marks if m == _CLOSE))
        pieces.append("".join(m for m in marks if m != _CLOSE))
        last = position
    pieces.append(text[last:])
    raw = markdown_to_raw_html("".join(pieces))
    kinds = {h.index: h.kind for h in highlights}

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == _CLOSE:
            return "</mark>"
        index = int(match.group(1))
        kind = re.sub(r"[^a-z_]", "", kinds.get(index, "finding"))
        return f'<mark class="hl hl-{kind}" data-finding="{index}">'

    marked = _STRAY.sub("", _MARKERS.sub(replace, raw))
    return sanitize_html(marked, extra_attributes={"mark": {"class", "data-finding"}})
