"""The sentence pass: per-sentence facts and sentence-level findings.

It finds hard sentences (Hemingway's rule), adverbs, passive voice,
qualifiers, wordy phrases, cliches, buzzwords, glossary terms and undefined
acronyms, and records the signals that the structure checks and the scorecard
need (transition words, business words, stance, ...). Regular expressions
scan the masked text once for adverb, acronym and passive candidates; phrase
lists are matched on each sentence's words through a dictionary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import wordlists
from .glossary import AcronymChecker
from .model import Finding, Sentence, Span
from .passive import BE_WORDS, PASSIVE_RE, existential, is_passive
from .phrases import WORD_RE, Index, Phrase, match_at
from .segment import Segmentation
from .sentences import RawSentence

_HYPHEN_JOIN = re.compile(r"\w-(?=\w)")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_COUNTED = frozenset({"business", "tech"})  # only their number matters
FINDING_CATEGORIES = frozenset({"buzzword", "wordy", "cliche", "qualifier", "glossary"})
_MESSAGES = {
    "buzzword": ('Buzzword: "{t}". Say what you mean in plain words.', "{s}"),
    "wordy": ('Wordy: "{t}".', "{s}"),
    "cliche": ('Cliché: "{t}". Say it plainly.', None),
    "qualifier": ('Qualifier: "{t}" weakens the claim.', "Cut it, or commit to the claim."),
    "glossary": ('Jargon: "{t}" may lose non-technical readers.', "{s}"),
}


@dataclass(frozen=True)
class Signal:
    category: str  # stance, cta, throat, evidence
    span: Span
    sentence: int


@dataclass(frozen=True)
class PassResult:
    sentences: tuple[Sentence, ...]
    findings: tuple[Finding, ...]
    signals: tuple[Signal, ...]
    business_terms: int
    tech_terms: int


def hemingway_grade(letters: int, words: int) -> int:
    """ARI for one sentence, rounded as Hemingway (JavaScript Math.round) does."""
    if words == 0:
        return 0
    return math.floor(4.71 * letters / words + 0.5 * words - 21.43 + 0.5)


def _bucket(
    matches: Sequence[re.Match[str]], raws: Sequence[RawSentence]
) -> dict[int, list[re.Match[str]]]:
    """Group matches by the sentence that contains them."""
    out: dict[int, list[re.Match[str]]] = {}
    k = 0
    for m in matches:
        while k < len(raws) and raws[k].end <= m.start():
            k += 1
        if k == len(raws):
            break
        if raws[k].start <= m.start() and m.end() <= raws[k].end:
            out.setdefault(k, []).append(m)
    return out


class _Pass:
    def __init__(self, seg: Segmentation, index: Index, glossary_every_use: bool) -> None:
        self.seg = seg
        self.index = index
        self.every_use = glossary_every_use
        self.adverb_skip = wordlists.word_set("adverb_exceptions.txt") | wordlists.word_set(
            "hedges.txt"
        )
        self.acronyms = AcronymChecker()
        self.glossary_seen: set[str] = set()
        self.findings: list[Finding] = []
        self.signals: list[Signal] = []
        self.counts: Counter[str] = Counter()
        # per sentence
        self.si = 0
        self.raw = RawSentence(0, 0, 0)
        self.chunk = ""
        self.words: list[str] = []
        self._starts: list[int] | None = None

    def start(self, si: int, raw: RawSentence, chunk: str, words: list[str]) -> None:
        self.si, self.raw, self.chunk, self.words, self._starts = si, raw, chunk, words, None

    def span(self, i: int, j: int) -> Span:
        """Offsets of words ``i``..``j`` (inclusive) of the current sentence."""
        if self._starts is None:
            # Only non-word characters lie between two words, so the next
            # occurrence of a word is where the tokenizer found it.
            starts = []
            pos = 0
            find = self.chunk.find
            for w in self.words:
                pos = find(w, pos)
                starts.append(pos)
                pos += len(w)
            self._starts = starts
        base = self.raw.start
        return (base + self._starts[i], base + self._starts[j] + len(self.words[j]))

    def phrases(self, lowers: list[str]) -> bool:
        """Match phrase lists in one sentence; True if it has a transition word."""
        first = self.index.first
        hits = [i for i, lw in enumerate(lowers) if lw in first]
        if not hits:
            return False
        single, multi = self.index.single, self.index.multi
        n = len(lowers)
        transition = False
        for i in hits:
            lw = lowers[i]
            rest = multi.get(lw)
            if rest is not None and i + 1 < n and lowers[i + 1] in rest:
                found: Sequence[Phrase] = match_at(self.index, lowers, i)
            else:
                found = single.get(lw, ())
            for phrase in found:
                cat = phrase.category
                if cat == "transition":
                    transition = True
                elif cat in _COUNTED:
                    self.counts[cat] += 1
                elif cat in FINDING_CATEGORIES:
                    self.add_finding(cat, self.span(i, i + len(phrase.words) - 1), phrase)
                else:
                    span = self.span(i, i + len(phrase.words) - 1)
                    self.signals.append(Signal(cat, span, self.si))
        return transition

    def add_finding(self, cat: str, span: Span, phrase: Phrase) -> None:
        if cat == "glossary" and not self.every_use:
            if phrase.label.lower() in self.glossary_seen:
                return
            self.glossary_seen.add(phrase.label.lower())
        msg, sug = _MESSAGES[cat]
        suggestion = sug.format(s=phrase.suggestion) if sug else None
        if cat == "glossary" and phrase.note:
            suggestion = f"{phrase.suggestion}. {phrase.note}"
        text = self.seg.text[span[0] : span[1]]
        self.findings.append(Finding(cat, span, msg.format(t=text), suggestion or None, self.si))

    def adverbs(self, words: list[str], lowers: list[str]) -> None:
        skip = self.adverb_skip
        found = [i for i, lw in enumerate(lowers) if lw.endswith("ly")]
        for i in found:
            lw = lowers[i]
            if len(lw) > 4 and lw not in skip:
                if i == 0 or not words[i][0].isupper():  # "Kelly", "Italy": names
                    self.findings.append(
                        Finding("adverb", self.span(i, i),
                                f'Adverb: "{words[i]}". A stronger verb usually says it better.',
                                "Cut it or use a more precise verb.", self.si)
                    )

    def acronym(self, found: Sequence[re.Match[str]]) -> None:
        masked, raw = self.seg.masked, self.raw
        for m in found:
            acro = self.acronyms.check(masked, m.start(), m.end(), raw.start, raw.end)
            if acro is not None:
                self.findings.append(
                    Finding("acronym", m.span(),
                            f'Acronym "{acro}" is not spelled out at first use.',
                            f'Write the full name first, then "({acro})".', self.si)
                )

    def passive(self) -> bool:
        chunk = self.chunk
        lowered = chunk.lower()
        if len(lowered) != len(chunk):  # a few characters grow when lowercased
            lowered = chunk
        any_passive = False
        base = self.raw.start
        for m in PASSIVE_RE.finditer(lowered):
            if not is_passive(m.group("part").lower(), m.group("agent") is not None):
                continue
            if existential(lowered, m.start()):
                continue
            any_passive = True
            span = (base + m.start(), base + m.end("part"))
            self.findings.append(
                Finding("passive", span,
                        f'Passive voice: "{self.seg.text[span[0] : span[1]]}". Say who acts.',
                        "Rewrite it with the actor as the subject.", self.si)
            )
        return any_passive


def run_pass(
    seg: Segmentation,
    raws: Sequence[RawSentence],
    chunks: Sequence[str],
    index: Index,
    glossary_every_use: bool,
) -> PassResult:
    """``chunks[i]`` is ``seg.masked[raws[i].start:raws[i].end]``."""
    state = _Pass(seg, index, glossary_every_use)
    acronyms = _bucket(list(_ACRONYM.finditer(seg.masked)), raws)
    sentences: list[Sentence] = []
    for si, raw in enumerate(raws):
        chunk = chunks[si]
        words = WORD_RE.findall(chunk)
        state.start(si, raw, chunk, words)
        lowers = [w.lower() for w in words]
        if "’" in chunk:
            lowers = [w.replace("’", "'") for w in lowers]
        count = len(words)
        if "-" in chunk:
            count -= len(_HYPHEN_JOIN.findall(chunk))
        grade = hemingway_grade(sum(map(len, words)), count)
        difficulty = "ok"
        if count >= 14 and grade >= 10:
            difficulty = "very_hard" if grade >= 14 else "hard"
            state.findings.append(_hard(difficulty, raw, count, grade, si))
        transition = state.phrases(lowers)
        state.adverbs(words, lowers)
        if si in acronyms:
            state.acronym(acronyms[si])
        passive = not BE_WORDS.isdisjoint(lowers) and state.passive()
        unit = seg.units[raw.unit]
        sentences.append(
            Sentence((raw.start, raw.end), unit.kind, unit.block, count, grade, difficulty,
                     passive, transition, lowers[0] if lowers else "")
        )
    findings = sorted(state.findings, key=lambda f: (f.span[0], f.span[1], f.kind))
    return PassResult(
        tuple(sentences), tuple(findings), tuple(state.signals),
        state.counts["business"], state.counts["tech"],
    )


def _hard(kind: str, raw: RawSentence, words: int, grade: int, si: int) -> Finding:
    label = "Very hard" if kind == "very_hard" else "Hard"
    return Finding(
        kind,
        (raw.start, raw.end),
        f"{label} to read: {words} words at grade {grade}.",
        "Split it into shorter sentences or use simpler words.",
        si,
    )
