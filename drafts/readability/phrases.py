"""One word-indexed matcher for every phrase list (buzzwords, hedges, ...).

Phrases are matched on word tokens, case-insensitively and on whole words, so
"best-in-class" also matches "best in class". Lookup is a dictionary hit on a
word, which keeps the scan linear in the length of the draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import wordlists
from .model import GlossaryTerm

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    category: str
    label: str  # the phrase as written in the list
    suggestion: str = ""
    note: str = ""


@dataclass(frozen=True)
class Index:
    """Single-word phrases by word; longer phrases by their first two words."""

    single: dict[str, tuple[Phrase, ...]]
    multi: dict[str, dict[str, tuple[Phrase, ...]]]
    first: frozenset[str]

    def __contains__(self, word: str) -> bool:
        return word in self.first


def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD_RE.findall(phrase))


def plural_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The phrase and its plural forms (last word + s / es / y -> ies)."""
    last = words[-1]
    forms = [words, words[:-1] + (last + "s",)]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(words[:-1] + (last + "es",))
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms.append(words[:-1] + (last[:-1] + "ies",))
    return forms


def _build(phrases: Iterable[Phrase]) -> Index:
    single: dict[str, dict[str, Phrase]] = {}
    multi: dict[str, dict[str, list[Phrase]]] = {}
    for p in phrases:
        if not p.words:
            continue
        if len(p.words) == 1:
            single.setdefault(p.words[0], {}).setdefault(p.category, p)
        else:
            multi.setdefault(p.words[0], {}).setdefault(p.words[1], []).append(p)
    frozen_multi = {
        w1: {w2: tuple(sorted(ps, key=lambda p: -len(p.words))) for w2, ps in rest.items()}
        for w1, rest in multi.items()
    }
    frozen_single = {w: tuple(by_cat.values()) for w, by_cat in single.items()}
    return Index(frozen_single, frozen_multi, frozenset(frozen_single) | frozenset(frozen_multi))


def _entries() -> Iterable[Phrase]:
    for term, alt in wordlists.pairs("buzzwords.csv", "term", "alternative"):
        for form in plural_forms(phrase_words(term)):
            yield Phrase(form, "buzzword", term, alt)
    for phrase, alt in wordlists.pairs("wordy_phrases.csv", "phrase", "alternative"):
        yield Phrase(phrase_words(phrase), "wordy", phrase, alt)
    simple = {
        "cliches.txt": "cliche",
        "hedges.txt": "qualifier",
        "transition_words.txt": "transition",
        "stance_markers.txt": "stance",
        "call_to_action.txt": "cta",
        "throat_clearing.txt": "throat",
        "evidence_cues.txt": "evidence",
    }
    for name, category in simple.items():
        for line in wordlists.word_set(name):
            yield Phrase(phrase_words(line), category, line)
    for name, category in (("business_outcomes.txt", "business"), ("tech_terms.txt", "tech")):
        for line in wordlists.word_set(name):
            for form in plural_forms(phrase_words(line)):
                yield Phrase(form, category, line)


@lru_cache(maxsize=1)
def _base_phrases() -> tuple[Phrase, ...]:
    return tuple(_entries())


@lru_cache(maxsize=1)
def base_index() -> Index:
    return _build(_base_phrases())


@lru_cache(maxsize=32)
def index_with_glossary(glossary: tuple[GlossaryTerm, ...]) -> Index:
    if not glossary:
        return base_index()
    extra = [
        Phrase(form, "glossary", term.term, term.alternative, term.note)
        for term in glossary
        if phrase_words(term.term)
        for form in plural_forms(phrase_words(term.term))
    ]
    return _build(_base_phrases() + tuple(extra))


def match_at(index: Index, lowers: Sequence[str], i: int) -> list[Phrase]:
    """Phrases starting at word ``i``: the longest one of each category."""
    found: list[Phrase] = []
    word = lowers[i]
    rest = index.multi.get(word)
    n = len(lowers)
    if rest is not None and i + 1 < n:
        candidates = rest.get(lowers[i + 1])
        if candidates:
            cats: set[str] = set()
            for p in candidates:
                k = len(p.words)
                if p.category in cats or i + k > n:
                    continue
                if k == 2 or tuple(lowers[i + 2 : i + k]) == p.words[2:]:
                    found.append(p)
                    cats.add(p.category)
            singles = index.single.get(word, ())
            found.extend(p for p in singles if p.category not in cats)
            return found
    return list(index.single.get(word, ()))
