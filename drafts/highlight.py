"""Preview HTML with findings highlighted.

Marker characters from Unicode's private use area are placed at each
finding's span in the Markdown, the Markdown is rendered as usual, and the
markers become <mark> elements before the HTML is sanitized. The preview keeps
the exact look of the plain render, and highlights come from the same spans
the analyzer reports.

The markers must not change how the Markdown parses. CommonMark decides
whether `*`, `_` or `~~` opens or closes emphasis from the characters on
either side, so the inline parser used here looks past markers to the real
neighbours: `\ue000_word_\ue002` is emphasis exactly like `_word_`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline

from drafts.rendering import (
    MarkdownTooComplex,
    build_parser,
    markdown_to_raw_html,
    sanitize_html,
    too_complex_html,
)

_OPEN = "\ue000"
_SEP = "\ue001"
_CLOSE = "\ue002"
_MARKERS = re.compile(f"{_OPEN}(\\d+){_SEP}|{_CLOSE}")
_STRAY = re.compile(f"[{_OPEN}{_SEP}{_CLOSE}]")
_MARKER_BEFORE = re.compile(f"(?:{_OPEN}\\d+{_SEP}|{_CLOSE})+$")
_MARKER_AFTER = re.compile(f"(?:{_OPEN}\\d+{_SEP}|{_CLOSE})+")
_LOOKAROUND = 64  # markers around one spot: a few nested findings, never more


class _MarkerBlindState(StateInline):
    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:  # noqa: N802 (library name)
        """StateInline.scanDelims with the neighbours taken from beyond any markers."""
        pos = start
        maximum = self.posMax
        marker = self.src[start]
        while pos < maximum and self.src[pos] == marker:
            pos += 1
        before = self.src[max(0, start - _LOOKAROUND):start]
        skipped = _MARKER_BEFORE.search(before)
        last_at = start - (len(skipped.group(0)) if skipped else 0) - 1
        last = self.src[last_at] if last_at >= 0 else " "
        skipped = _MARKER_AFTER.match(self.src, pos, min(maximum, pos + _LOOKAROUND))
        next_at = skipped.end() if skipped else pos
        following = self.src[next_at] if next_at < maximum else " "

        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(following)) or isPunctChar(following)
        last_space = isWhiteSpace(ord(last))
        next_space = isWhiteSpace(ord(following))
        left = not (next_space or (next_punct and not (last_space or last_punct)))
        right = not (last_space or (last_punct and not (next_space or next_punct)))
        can_open = left and (canSplitWord or not right or last_punct)
        can_close = right and (canSplitWord or not left or next_punct)
        return Scanned(can_open, can_close, pos - start)


class _MarkerBlindInline(ParserInline):
    def parse(self, src, md, env, tokens):  # type: ignore[no-untyped-def]
        state = _MarkerBlindState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return build_parser(inline=_MarkerBlindInline())


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
    try:
        raw = markdown_to_raw_html("".join(pieces), _parser())
    except MarkdownTooComplex:
        return too_complex_html(text)
    kinds = {h.index: h.kind for h in highlights}

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == _CLOSE:
            return "</mark>"
        index = int(match.group(1))
        kind = re.sub(r"[^a-z_]", "", kinds.get(index, "finding"))
        return f'<mark class="hl hl-{kind}" data-finding="{index}">'

    marked = _STRAY.sub("", _MARKERS.sub(replace, raw))
    return sanitize_html(marked, extra_attributes={"mark": {"class", "data-finding"}})
