"""Passive voice: a form of "be" (optionally with an adverb between) + past participle.

A participle is a word from the irregular list or a word ending in "-ed".
Choices made against the labeled set in
tests/unit/readability/labeled_sentences.csv:

* adjectives that look like participles ("interested", "committed") and
  "un-...-ed" words ("unexpected", "unprecedented") are not passive unless an
  agent follows ("was surprised by the board");
* existential "there is/are" ("there is limited time") is not passive;
* punctuation breaks the verb group ("is, in short, finished" is not matched).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import wordlists

_BE = r"(?:am|is|are|was|were|be|been|being|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
_BETWEEN = (
    r"(?:\w+ly|not|also|often|always|never|now|already|still|just|then|all|"
    r"been|being|increasingly|rarely|usually|typically|widely|generally)"
)
PASSIVE_RE = re.compile(
    rf"(?<![\w'’]){_BE}(?:\s+{_BETWEEN}){{0,2}}\s+(?P<part>\w+)\b(?P<agent>\s+by\b)?",
    re.IGNORECASE,
)
_THERE = re.compile(r"\bthere\s+$", re.IGNORECASE)
_NEVER = frozenset("indeed need speed red bed hundred sacred naked wicked".split())


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    return (
        wordlists.word_set("irregular_participles.txt"),
        wordlists.word_set("passive_exclusions.txt"),
    )


def is_passive(participle: str, agent: bool) -> bool:
    """Does this (lowercase) word after a form of "be" make a passive?"""
    irregular, excluded = _lists()
    if participle in irregular:
        return True
    if not (participle.endswith("ed") and len(participle) > 3) or participle in _NEVER:
        return False
    if participle in excluded or participle.startswith("un"):
        return agent
    return True


BE_WORDS = frozenset(
    "am is are was were be been being isn't aren't wasn't weren't".split()
)


def existential(text: str, start: int) -> bool:
    """Is the form of "be" at ``text[start]`` preceded by "there" ("there is ...")?"""
    return _THERE.search(text, max(0, start - 12), start) is not None
