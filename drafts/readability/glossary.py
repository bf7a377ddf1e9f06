"""Glossary terms and acronyms that lose non-technical readers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import wordlists
from .model import GlossaryTerm

__all__ = ["GlossaryTerm", "load_seed_glossary", "AcronymChecker"]

ACRONYM_RE = re.compile(r"[A-Z]{2,6}s?")
_FILLERS = frozenset({"of", "and", "the", "for", "to", "in", "on", "a", "an", "as", "at", "by"})
_OPEN_PAREN = re.compile(r"[ \t]*\(")
_WORDS = re.compile(r"\w+")


def load_seed_glossary() -> list[GlossaryTerm]:
    """The IT terms shipped in ``data/glossary_seed.csv``."""
    return [
        GlossaryTerm(row["term"], row["alternative"], row.get("note", ""))
        for row in wordlists.csv_rows("glossary_seed.csv")
    ]


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return wordlists.exact_set("common_acronyms.txt") | wordlists.exact_set("not_acronyms.txt")


def _initials_match(acronym: str, words: Sequence[str], from_end: bool) -> bool:
    """Do these words spell the acronym (with or without filler words)?"""
    letters = acronym.upper()
    n = len(letters)
    for candidate in (list(words), [w for w in words if w.lower() not in _FILLERS]):
        part = candidate[-n:] if from_end else candidate[:n]
        if len(part) == n and "".join(w[0] for w in part).upper() == letters:
            return True
    return False


class AcronymChecker:
    """Tracks acronyms in reading order; reports the first use not spelled out.

    Spelled out means "Service Level Agreement (SLA)" or "SLA (service level
    agreement)" at the first use. Acronyms every reader knows (CEO, AI, US,
    ...) and all-caps emphasis words are listed in data files and skipped.
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.known = _known()

    def check(self, masked: str, start: int, end: int, floor: int, ceiling: int) -> str | None:
        """The acronym at ``masked[start:end]`` if this is its first use and it
        is not spelled out there; ``floor``/``ceiling`` bound the sentence."""
        word = masked[start:end]
        base = word[:-1] if word.endswith("s") else word
        if base in self.seen or word in self.known or base in self.known:
            return None
        self.seen.add(base)
        # "Service Level Agreement (SLA)"
        if start > floor and masked[start - 1] == "(":
            before = _WORDS.findall(masked, max(floor, start - 160), start - 1)
            if _initials_match(base, before[-(len(base) + 4) :], from_end=True):
                return None
        # "SLA (service level agreement)"
        paren = _OPEN_PAREN.match(masked, end, ceiling)
        if paren is not None:
            close = masked.find(")", paren.end(), min(ceiling, paren.end() + 200))
            inside = _WORDS.findall(masked, paren.end(), close) if close > 0 else []
            if _initials_match(base, inside, from_end=False):
                return None
        return base
