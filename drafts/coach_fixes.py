"""One-click fixes for the coach's findings: the plain words to put in place of a phrase.

A fix exists only where the word lists give a replacement, not advice: "utilize" -> "use",
"in order to" -> "to", "leverage" -> "use", a glossary term -> its plain alternative.
"(cut it)" means the fix is to delete the phrase (an empty string). Advice such as
"say what changed" or the bracketed hint in "big change (say what changed)" is never
pasted into the writer's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from drafts.readability import wordlists
from drafts.readability.model import GlossaryTerm

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\s*\([^)]*\)")
_ADVICE = ("say ", "name ", "show ", "what ", "prove ", "cut ", "write ", "give ")
FIXABLE = frozenset({"wordy", "buzzword", "glossary"})


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


@lru_cache(maxsize=1)
def _phrase_alternatives() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for phrase, alternative in wordlists.pairs("wordy_phrases.csv", "phrase", "alternative"):
        table[("wordy", _key(phrase))] = alternative
    for term, alternative in wordlists.pairs("buzzwords.csv", "term", "alternative"):
        table[("buzzword", _key(term))] = alternative
    return table


def replacement(alternative: str) -> str | None:
    """The part of a list's alternative that can replace the phrase, or None for advice."""
    raw = alternative.strip()
    if raw.lower().strip("()") in {"cut it", "cut"}:
        return ""
    plain = _BRACKETED.sub("", raw).strip()
    if not plain or plain.lower().startswith(_ADVICE):
        return None
    return plain


def _match_case(original: str, fix: str) -> str:
    if fix and original[:1].isupper() and fix[:1].islower():
        return fix[0].upper() + fix[1:]
    return fix


def fix_for(kind: str, text: str, glossary: Iterable[GlossaryTerm] = ()) -> str | None:
    """The replacement for this finding's text, '' to delete it, or None when there is none."""
    if kind not in FIXABLE or not text.strip():
        return None
    key = _key(text)
    if kind == "glossary":
        alternative = next((t.alternative for t in glossary if _key(t.term) == key), None)
    else:
        alternative = _phrase_alternatives().get((kind, key))
    if alternative is None:
        return None
    fix = replacement(alternative)
    if fix is None or _key(fix) == key:
        return None
    return _match_case(text.strip(), fix)
