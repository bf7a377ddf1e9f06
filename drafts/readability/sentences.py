"""Sentence splitting inside one prose unit of the masked text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import Segmentation
from .wordlists import abbreviations

# A run of sentence-ending punctuation, the token before it and any closing
# quotes or brackets, followed by whitespace or the end of the unit.
_TERMINATOR = re.compile(r"([.!?]+)[\"'”’)\]]*(?=\s|$)")
_NEXT = re.compile(r"\s*([^\s\"'“‘(\[]?)([\w']*)")
_WORDCHAR = re.compile(r"\w")
_LEADING = re.compile(r"\s*")


@dataclass(frozen=True)
class RawSentence:
    start: int
    end: int
    unit: int


def _is_boundary(masked: str, m: re.Match[str], startpos: int, endpos: int) -> bool:
    after = _NEXT.match(masked, m.end(), endpos)
    assert after is not None
    first_char, next_word = after.group(1), after.group(2)
    if not first_char and not next_word:
        return True  # end of the unit
    if (first_char or next_word[:1]).islower():
        return False  # "e.g. this", "approx. five", "... and then"
    if m.group(1) != ".":
        return True
    j = m.start()
    while j > startpos and not masked[j - 1].isspace():
        j -= 1
    before = masked[j : m.start()]
    token = before.lstrip("\"'“‘([").lower() + "."
    abbr = abbreviations()
    if token in abbr.never_end:
        return False
    if token in abbr.may_end:
        return (first_char + next_word).lower() in abbr.openers
    if len(token) == 2 and token[0].isalpha() and before[-1:].isupper():
        return False  # an initial, as in "John F. Kennedy"
    return True


def split_sentences(seg: Segmentation) -> list[RawSentence]:
    masked = seg.masked
    out: list[RawSentence] = []
    for index, unit in enumerate(seg.units):
        cur = unit.start
        for m in _TERMINATOR.finditer(masked, unit.start, unit.end):
            if not _is_boundary(masked, m, unit.start, unit.end):
                continue
            _emit(masked, cur, m.end(), index, out)
            cur = m.end()
        _emit(masked, cur, unit.end, index, out)
    return out


def _emit(masked: str, start: int, end: int, unit: int, out: list[RawSentence]) -> None:
    lead = _LEADING.match(masked, start, end)
    assert lead is not None
    start = lead.end()
    while end > start and masked[end - 1].isspace():
        end -= 1
    if end > start and _WORDCHAR.search(masked, start, end) is not None:
        out.append(RawSentence(start, end, unit))
