"""Word lists shipped as data files in ``drafts/readability/data``.

Every list is read once and cached; :func:`load_all` reads them all (the
analyzer's ``warm_up`` calls it). Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _rows(name: str) -> list[dict[str, str]]:
    lines = _lines(name)
    return [
        {k: (v or "").strip() for k, v in row.items() if k is not None}
        for row in csv.DictReader(lines)
    ]


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A lowercased set from a one-entry-a-line ``.txt`` file."""
    return frozenset(ln.lower() for ln in _lines(name))


@lru_cache(maxsize=None)
def exact_set(name: str) -> frozenset[str]:
    """A case-preserving set from a one-entry-a-line ``.txt`` file."""
    return frozenset(_lines(name))


@lru_cache(maxsize=None)
def pairs(name: str, key: str, value: str) -> tuple[tuple[str, str], ...]:
    """``(key, value)`` pairs from a CSV file with a header row."""
    return tuple((row[key], row[value]) for row in _rows(name))


@lru_cache(maxsize=None)
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(_rows(name))


@dataclass(frozen=True)
class Abbreviations:
    never_end: frozenset[str]
    may_end: frozenset[str]
    openers: frozenset[str]


@lru_cache(maxsize=None)
def abbreviations() -> Abbreviations:
    never: set[str] = set()
    may: set[str] = set()
    for abbr, can_end in pairs("abbreviations.csv", "abbreviation", "can_end"):
        # Store the last dotted token ("et al." -> "al.").
        token = abbr.lower().split()[-1]
        (may if can_end.lower() == "yes" else never).add(token)
    return Abbreviations(frozenset(never), frozenset(may), word_set("sentence_openers.txt"))


ALL_FILES = (
    "adverb_exceptions.txt",
    "business_outcomes.txt",
    "call_to_action.txt",
    "cliches.txt",
    "common_acronyms.txt",
    "evidence_cues.txt",
    "hedges.txt",
    "irregular_participles.txt",
    "not_acronyms.txt",
    "passive_exclusions.txt",
    "sentence_openers.txt",
    "stance_markers.txt",
    "tech_terms.txt",
    "throat_clearing.txt",
    "transition_words.txt",
)


def load_all() -> None:
    """Read every list now, so the first analysis does not pay for it."""
    for name in ALL_FILES:
        word_set(name)
    exact_set("common_acronyms.txt")
    exact_set("not_acronyms.txt")
    pairs("buzzwords.csv", "term", "alternative")
    pairs("wordy_phrases.csv", "phrase", "alternative")
    csv_rows("glossary_seed.csv")
    abbreviations()
