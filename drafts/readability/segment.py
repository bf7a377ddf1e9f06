"""Split Markdown into prose units, keeping offsets into the original text.

The result is a *masked* copy of the draft with exactly the same length:
prose characters are kept, everything that is not prose (code blocks, inline
code, URLs, HTML tags, images, Markdown markers, link destinations) becomes a
space. Every later pass scans the masked copy, so every offset it finds is an
offset into the original Markdown.

Units are the places a sentence may live: headings, paragraphs, list items and
table cells. A sentence never crosses a unit boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from drafts.readability.inline_mask import mask_inline

UnitKind = Literal["heading", "paragraph", "list_item", "table_cell"]


@dataclass(frozen=True)
class Unit:
    kind: UnitKind
    start: int
    end: int
    block: int  # units of one list or one table share a block number
    level: int = 0  # heading level (1-6), 0 for other kinds


@dataclass(frozen=True)
class Segmentation:
    text: str
    masked: str
    units: tuple[Unit, ...]


_QUOTE = re.compile(r" {0,3}> ?")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_HRULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_REFDEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
_LIST = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_TABLE_DELIM = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_BLOCK = re.compile(
    r" {0,3}<(?:!--|\?|!\[CDATA\[|/?(?:address|article|aside|audio|blockquote|br|center|details|"
    r"dialog|div|dl|dt|dd|figure|figcaption|footer|form|h[1-6]|header|hr|iframe|img|li|main|nav|"
    r"ol|p|picture|pre|script|section|source|style|summary|svg|table|tbody|td|tfoot|th|thead|"
    r"tr|ul|video)(?:[\s>/]|$))",
    re.IGNORECASE,
)

# Inline constructs that are not prose. Each match is blanked out, keeping length.
def _split_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell content spans of one table row (``|`` separated)."""
    cells: list[tuple[int, int]] = []
    cell_start = start
    i = start
    while i <= end:
        if i == end or (text[i] == "|" and (i == start or text[i - 1] != "\\")):
            s, e = cell_start, i
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                cells.append((s, e))
            cell_start = i + 1
        i += 1
    return cells


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.units: list[Unit] = []
        self.segments: list[tuple[int, int]] = []
        self.block = -1
        self.open: list[int] | None = None  # [kind index, start, end, block]
        self.open_kind: UnitKind = "paragraph"

    def close(self) -> None:
        if self.open is not None:
            _, start, end, block = self.open
            self.units.append(Unit(self.open_kind, start, end, block))
            self.open = None

    def start(self, kind: UnitKind, s: int, e: int, new_block: bool = True) -> None:
        self.close()
        if new_block:
            self.block += 1
        self.open = [0, s, e, self.block]
        self.open_kind = kind
        self.segments.append((s, e))

    def extend(self, s: int, e: int) -> None:
        assert self.open is not None
        self.open[2] = e
        self.segments.append((s, e))

    def single(self, kind: UnitKind, s: int, e: int, block: int, level: int = 0) -> None:
        self.close()
        self.units.append(Unit(kind, s, e, block, level))
        self.segments.append((s, e))


def _html_block_end(low: str) -> str | None:
    """What ends an HTML block opened by this line (None: the line itself)."""
    if low.lstrip().startswith("<!--"):
        return None if "-->" in low else "-->"
    for tag in ("script", "style", "pre"):
        if f"<{tag}" in low:
            return None if f"</{tag}>" in low else f"</{tag}>"
    return ""  # ends at the next blank line


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = end
        if stop > pos and text[stop - 1] == "\r":
            stop -= 1
        spans.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    return spans


def segment(text: str) -> Segmentation:
    b = _Builder(text)
    lines = _line_spans(text)
    fence: str | None = None
    html_until: str | None = None
    prev_blank = True
    in_list = False
    table_block: int | None = None
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        i += 1
        if fence is not None:
            stripped = text[ls:le].strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        cs = ls
        while (m := _QUOTE.match(text, cs, le)) is not None:
            cs = m.end()
        line = text[cs:le]
        if html_until is not None:
            if html_until == "":
                if not line.strip():
                    html_until = None
                    prev_blank = True
            elif html_until in line.lower():
                html_until = None
            continue
        if not line.strip():
            b.close()
            prev_blank = True
            table_block = None
            continue
        if table_block is not None:
            if "|" in line:
                for s, e in _split_cells(text, cs, le):
                    b.single("table_cell", s, e, table_block)
                continue
            table_block = None
        if line[:1].isalpha() and "|" not in line:  # fast path: a plain prose line
            if b.open is not None and not prev_blank:
                b.extend(cs, le)
            else:
                in_list = False
                b.start("paragraph", cs, le)
            prev_blank = False
            continue
        if (m := _FENCE.match(line)) is not None:
            b.close()
            fence = m.group(1)[0] * len(m.group(1))
            prev_blank = False
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if b.open is None and prev_blank and not in_list and (
            line.startswith("\t") or indent >= 4
        ):
            continue  # indented code block
        if _HTML_BLOCK.match(line):
            b.close()
            html_until = _html_block_end(line.lower())
            prev_blank = False
            continue
        if (m := _ATX.match(line)) is not None:
            start = cs + m.end()
            end = le
            close = _ATX_CLOSE.search(text[start:le])
            if close is not None:
                end = start + close.start()
            while end > start and text[end - 1].isspace():
                end -= 1
            b.block += 1
            b.single("heading", start, end, b.block, len(m.group(1)))
            prev_blank, in_list = False, False
            continue
        if (
            b.open is not None
            and b.open_kind == "paragraph"
            and _SETEXT.match(line)
        ):
            _, start, end, block = b.open
            b.open = None
            level = 1 if line.strip()[0] == "=" else 2
            b.units.append(Unit("heading", start, end, block, level))
            prev_blank, in_list = False, False
            continue
        if _HRULE.match(line):
            b.close()
            prev_blank, in_list = False, False
            continue
        if b.open is None and _REFDEF.match(line):
            continue
        if (m := _LIST.match(line)) is not None:
            same_list = in_list and b.units and b.units[-1].kind == "list_item"
            same_list = same_list or (b.open is not None and b.open_kind == "list_item")
            b.start("list_item", cs + m.end(), le, new_block=not same_list)
            prev_blank, in_list = False, True
            continue
        if b.open is None and "|" in line and i < len(lines):
            ns, ne = lines[i]
            if _TABLE_DELIM.match(text, ns, ne) and "-" in text[ns:ne]:
                b.close()
                b.block += 1
                table_block = b.block
                for s, e in _split_cells(text, cs, le):
                    b.single("table_cell", s, e, table_block)
                i += 1  # the delimiter row is not prose
                prev_blank, in_list = False, False
                continue
        start = cs + indent
        if b.open is not None and not prev_blank:
            b.extend(start, le)  # continuation line (lazy for list items)
        else:
            in_list = in_list and indent > 0
            b.start("paragraph", start, le)
        prev_blank = False
    b.close()
    b.units.sort(key=lambda u: u.start)
    return Segmentation(text, _build_masked(text, b.segments), tuple(b.units))


def _build_masked(text: str, segments: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    cur = 0
    for s, e in sorted(segments):
        if s < cur:
            continue
        pieces.append(" " * (s - cur))
        pieces.append(mask_inline(text[s:e]))
        cur = e
    pieces.append(" " * (len(text) - cur))
    masked = "".join(pieces)
    assert len(masked) == len(text)
    return masked
