"""Word lists of the built-in engine, read once from ``drafts/suggestions/data``.

The engine also reads the readability lists (wordy phrases, buzzwords, hedges,
glossary, transition words) through :mod:`drafts.readability.wordlists`; the
files here only hold what those lists do not: which hedges are safe to cut,
filler openers, contractions, redundant pairs, hype adjectives, outcome words,
irregular verbs and stopwords. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafts.readability import wordlists

DATA_DIR = Path(__file__).with_name("data")
_INSTRUCTIONS = frozenset({"say", "name", "show", "prove", "give", "spell", "explain"})
_PAREN = re.compile(r"\s*\([^)]*\)")


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV file with a header row, values stripped."""
    return tuple(
        {k: (v or "").strip() for k, v in row.items() if k is not None}
        for row in csv.DictReader(_lines(name))
    )


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """Entries of a one-entry-a-line ``.txt`` file, lowercased."""
    return tuple(ln.lower() for ln in _lines(name))


@lru_cache(maxsize=None)
def tokens(name: str) -> frozenset[str]:
    """Every whitespace-separated word of a ``.txt`` file, lowercased."""
    return frozenset(w.lower() for ln in _lines(name) for w in ln.split())


@dataclass(frozen=True)
class Verb:
    past: str
    base: str


@lru_cache(maxsize=1)
def irregular_verbs() -> dict[str, Verb]:
    return {r["participle"]: Verb(r["past"], r["base"]) for r in rows("irregular_verbs.csv")}


@lru_cache(maxsize=1)
def transitions() -> tuple[str, ...]:
    """Transition words and phrases, longest first (from the readability lists)."""
    return tuple(sorted(wordlists.word_set("transition_words.txt"), key=lambda p: -len(p)))


def plain_alternative(alternative: str, cut: bool) -> str | None:
    """The usable replacement in a word list's alternative column.

    ``"(cut it)"`` is ``""`` (delete); ``"clearly (or cut it)"`` is ``"clearly"``,
    or ``""`` when ``cut``; ``"working together (say what each side gains)"``
    is ``"working together"``; an instruction to the writer ("say what
    changed") is ``None``: there is nothing to put in the text.
    """
    alternative = alternative.strip()
    may_cut = "cut it" in alternative.lower()
    main = _PAREN.sub("", alternative).strip()
    if not main or (may_cut and cut):
        return "" if may_cut else None
    if main.split()[0].lower() in _INSTRUCTIONS:
        return None
    return main


def load_all() -> None:
    """Read every list now, so the first suggestion does not pay for it."""
    for name in ("cut_qualifiers.csv", "cut_phrases.csv", "redundant_pairs.csv",
                 "contractions.csv", "conversational.csv"):
        rows(name)
    lines("hype_adjectives.txt")
    lines("outcome_words.txt")
    tokens("stopwords.txt")
    tokens("generic_nouns.txt")
    irregular_verbs()
    transitions()
