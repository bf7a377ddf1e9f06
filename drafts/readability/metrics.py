"""Document metrics: textstat 0.7.13's eight formulas, computed in one pass.

textstat is fed a *cleaned text* built from Byline's own sentence split: each
sentence's prose (non-prose blanked, whitespace collapsed), with any ".", "!"
or "?" inside it removed, and one "." at its end. textstat then sees exactly
our sentences (it still ignores sentences of two words or fewer, and so do we,
to give its numbers).

``compute_metrics`` reproduces textstat's counting rules (tokenising,
punctuation removal, CMU syllables with Pyphen fallback, Dale-Chall easy
words, the first-100-words rule of Linsear Write inside ``text_standard``) so
that tests can assert equality with ``textstat_metrics`` on the same text while
the analyzer pays for one pass instead of eight.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .syllables import syllables

WORDS_PER_MINUTE = 238
_CLEAN = str.maketrans({".": None, "!": None, "?": None, "’": "'"})
_NONCONTRACTION_APOS = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCT = re.compile(r"[^\w\s\']")
_WORDCHAR = re.compile(r"\w")
# A whitespace token with no word character: textstat drops it as a word.
_BARE_TOKEN = re.compile(r"(?:^| )[^\w ]+(?= |$)")
_TS_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def clean_sentence(prose: str) -> str:
    """One sentence as textstat should see it ('' if it has no word)."""
    cleaned = " ".join(prose.translate(_CLEAN).split())
    if _WORDCHAR.search(cleaned) is None:
        return ""
    return cleaned + "."


def cleaned_text(sentences: Iterable[str]) -> str:
    return " ".join(s for s in sentences if s)


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """textstat's Dale-Chall easy words, read without importing textstat."""
    spec = importlib.util.find_spec("textstat")
    assert spec is not None and spec.submodule_search_locations
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as f:
        return frozenset(ln.strip() for ln in f)


def _words(text: str) -> list[str]:
    """textstat's ``list_words`` with its defaults."""
    return _PUNCT.sub("", _NONCONTRACTION_APOS.sub("", text)).split()


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0  # as textstat counts them
    syllables: int = 0
    polysyllables: int = 0
    fog_hard: int = 0
    dale_hard: int = 0
    letters: int = 0
    chars: int = 0
    raw_tokens: int = 0
    linsear: float = 0.0


def _count_sentences(text: str) -> int:
    if not text:
        return 0
    found = _TS_SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for s in found if len(_words(s)) <= 2))


def _linsear(text: str, tokens: list[str], all_words: list[str]) -> float:
    if len(tokens) > 100:
        chosen: list[str] = []
        used = 0
        while used < len(tokens) and len(chosen) < 100:
            chosen.extend(_words(tokens[used]))
            used += 1
    else:
        chosen, used = all_words, len(tokens)
    easy = hard = 0
    for w in chosen:
        n = syllables(w.lower())
        if n >= 3:
            hard += 1
        elif n > 0:
            easy += 1
    sentences = _count_sentences(" ".join(tokens[:used]))
    if sentences == 0:
        return 0.0
    number = float((easy * 1 + hard * 3) / sentences)
    if number <= 20:
        number -= 2
    return number / 2


_word_info: dict[str, tuple[int, bool, bool]] = {}


def clear_cache() -> None:
    _word_info.clear()


def count(sentences: list[str]) -> Counts:
    """Shared counts over cleaned sentences (each ending in '.')."""
    text = cleaned_text(sentences)
    if not text:
        return Counts()
    easy = easy_words()
    words = _words(text)
    short = 0
    n_sent = 0
    for s in sentences:
        if not s:
            continue
        n_sent += 1
        # <= 2 words: textstat ignores the sentence. A token is a word exactly
        # when it has a word character, so only sentences with a bare
        # punctuation token need the full word split.
        if s.count(" ") < 2 or (_BARE_TOKEN.search(s) and len(_words(s)) <= 2):
            short += 1
    syl = poly = fog = dale = 0
    info = _word_info
    for w, k in Counter(words).items():
        entry = info.get(w)
        if entry is None:
            low = w.lower()
            n = syllables(low)
            entry = (n, n >= 3, low not in easy)
            if len(info) > 200_000:
                info.clear()
            info[w] = entry
        syl += entry[0] * k
        if entry[1]:
            poly += k
        if entry[2]:
            dale += k
            if entry[1]:
                fog += k
    joined = "".join(words)  # word characters plus contraction apostrophes
    tokens = text.split()
    return Counts(
        words=len(words),
        sentences=max(1, n_sent - short),
        syllables=syl,
        polysyllables=poly,
        fog_hard=fog,
        dale_hard=dale,
        letters=len(joined) - joined.count("'"),
        chars=len(text) - text.count(" "),
        raw_tokens=len(tokens),
        linsear=_linsear(text, tokens, words),
    )


SCORE_FIELDS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "text_standard",
)


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def scores(c: Counts) -> dict[str, float]:
    """The eight textstat scores from shared counts (same arithmetic as textstat)."""
    wps = _div(c.words, c.sentences)
    spw = _div(c.syllables, c.words)
    fre = 0.0 if wps == 0 or spw == 0 else 206.835 - 1.015 * wps - 84.6 * spw
    fkg = 0.0 if wps == 0 or spw == 0 else (0.39 * wps) + (11.8 * spw) - 15.59
    fog = 0.0 if c.words == 0 else 0.4 * (wps + 100 * c.fog_hard / c.words)
    smog = 0.0 if c.sentences == 0 else (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291
    letters = _div(c.letters, c.words) * 100
    sents = _div(c.sentences, c.words) * 100
    cli = 0.0 if letters == 0 or sents == 0 else (0.058 * letters) - (0.296 * sents) - 15.8
    cpw = _div(c.chars, c.raw_tokens)
    ari = 0.0 if cpw == 0 or wps == 0 else (4.71 * cpw) + (0.5 * wps) - 21.43
    dale = 0.0
    if c.words:
        per = 100 * c.dale_hard / c.words
        dale = (0.1579 * per) + (0.0496 * wps) + (3.6365 if per > 5 else 0.0)
    result = {
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fkg,
        "gunning_fog": fog,
        "smog_index": smog,
        "coleman_liau_index": cli,
        "automated_readability_index": ari,
        "dale_chall_readability_score": dale,
    }
    result["text_standard"] = _text_standard(result, c.linsear)
    return result


def _fre_grades(score: float) -> list[int]:
    bands = ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11]), (30, [12]))
    if score < 100:
        for floor, grades in bands:
            if score >= floor:
                return grades
    return [13]


def _text_standard(s: dict[str, float], linsear: float) -> float:
    """textstat's consensus grade: the most common of floor/ceil/round of each."""
    grade: list[int] = []

    def add(score: float) -> None:
        grade.extend([math.floor(score), math.ceil(score), round(score)])

    add(s["flesch_kincaid_grade"])
    grade.extend(_fre_grades(s["flesch_reading_ease"]))
    for key in ("smog_index", "coleman_liau_index", "automated_readability_index",
                "dale_chall_readability_score"):
        add(s[key])
    add(linsear)
    add(s["gunning_fog"])
    consensus = Counter(grade).most_common(1)[0][0]
    return float(max(1, min(consensus, 18)))  # textstat clamps to grades 1-18


def textstat_scores(text: str) -> dict[str, float]:
    """The same eight scores from textstat itself (reference path, slower)."""
    from .textstat_compat import offline_textstat

    ts = offline_textstat()
    result = {name: float(getattr(ts, name)(text)) for name in SCORE_FIELDS[:-1]}
    result["text_standard"] = float(ts.text_standard(text, float_output=True))
    return result
