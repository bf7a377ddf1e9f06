"""Edits on a Markdown passage that never touch anything but prose.

A :class:`Doc` holds the passage, the readability report of it and its masked
copy (prose kept, code, URLs and markup blanked, same length). Rules turn
findings into :class:`Edit` objects with offsets into the original text; an
edit is only made where the original equals the masked copy and outside link
text, so code, inline code, URLs and links stay byte for byte. Edits are then
applied sentence by sentence, fixing capitals at a sentence start and "a"/"an"
next to a change.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafts.readability import GlossaryTerm, Report, Sentence, analyze
from drafts.readability.segment import segment

# Link text stops at the next "[" too, so a line of "[" is scanned once (not n²).
_LINK_TEXT = re.compile(r"(?<!!)\[([^\[\]\n]*)\](?=[(\[])")
_WORD = re.compile(r"[\w'’]+")
_ARTICLE_END = re.compile(r"(?<![\w'’])([Aa]n?)(\s*)$")
_NEXT_WORD = re.compile(r"(\s*)([\w'’]+)")
_CAP_SKIP = " \t\n*_\"'“‘(["


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    priority: int = 5  # lower wins when two edits overlap
    match_case: bool = True  # an original capital ("Leverage") gives a capital replacement


class Doc:
    """A passage, its readability report and its masked copy."""

    def __init__(self, text: str, glossary: Sequence[GlossaryTerm]) -> None:
        self.text = text
        # Executive: every use of a glossary term is reported, not just the first.
        self.report: Report = analyze(text, "executive", glossary)
        self.masked = segment(text).masked
        self._links = [(m.start(1), m.end(1)) for m in _LINK_TEXT.finditer(text)]
        self._link_starts = [s for s, _ in self._links]
        self._sentence_starts = [s.span[0] for s in self.report.sentences]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.report.sentences

    def clean(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` plain prose, outside link text?"""
        if self.text[start:end] != self.masked[start:end]:
            return False
        i = bisect.bisect_right(self._link_starts, end) - 1
        return not (i >= 0 and self._links[i][1] > start)

    def sentence_index(self, start: int) -> int | None:
        """Index of the sentence holding offset ``start``, if any."""
        i = bisect.bisect_right(self._sentence_starts, start) - 1
        if i >= 0 and start < self.sentences[i].span[1]:
            return i
        return None

    def word_before(self, start: int, floor: int) -> str:
        words = _WORD.findall(self.text, max(floor, start - 40), start)
        return words[-1].lower() if words else ""

    def word_after(self, end: int, ceiling: int) -> str:
        m = _NEXT_WORD.match(self.text, end, ceiling)
        return m.group(2).lower() if m else ""


def deletion(doc: Doc, start: int, end: int, sentence: Sentence, priority: int = 5) -> Edit:
    """Cut ``text[start:end]`` with the comma and space that belong to it."""
    t = doc.text
    s0, s1 = sentence.span
    if start <= s0:
        k = end
        if k < s1 and t[k] == ",":
            k += 1
        while k < s1 and t[k] in " \t":
            k += 1
        return Edit(start, k, "", priority)
    j = start
    while j > s0 and t[j - 1] in " \t":
        j -= 1
    if end < s1 and t[end] == ",":
        if j > s0 and t[j - 1] == ",":  # "we are, basically, done"
            return Edit(j - 1, end + 1, "", priority)
        k = end + 1
        while k < s1 and t[k] in " \t":
            k += 1
        return Edit(start, k, "", priority)
    if j < start:
        return Edit(j, end, "", priority)
    k = end
    while k < s1 and t[k] in " \t":
        k += 1
    return Edit(start, k, "", priority)


def resolve(edits: Iterable[Edit]) -> list[Edit]:
    """Non-overlapping edits in text order: deletions that touch are merged,
    otherwise the edit with the lower priority (then the earlier, longer) wins."""
    cuts: list[Edit] = []
    for e in sorted((e for e in edits if not e.text), key=lambda e: (e.start, -e.end)):
        if cuts and e.start <= cuts[-1].end:
            last = cuts[-1]
            cuts[-1] = Edit(last.start, max(last.end, e.end), "", min(last.priority, e.priority))
        else:
            cuts.append(e)
    candidates = sorted(
        [e for e in edits if e.text] + cuts,
        key=lambda e: (e.priority, e.start, -(e.end - e.start)),
    )
    starts: list[int] = []
    taken: list[Edit] = []
    for e in candidates:
        i = bisect.bisect_left(starts, e.start)
        if i > 0 and taken[i - 1].end > e.start:
            continue
        if i < len(taken) and taken[i].start < e.end:
            continue
        if i < len(taken) and taken[i].start == e.start == e.end:
            continue
        starts.insert(i, e.start)
        taken.insert(i, e)
    return taken


def capitalize_first(text: str) -> tuple[str, bool]:
    """Capitalize the first letter (skipping spaces and emphasis); False if none."""
    for i, ch in enumerate(text):
        if ch in _CAP_SKIP:
            continue
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :], True
        return text, True  # a digit or other mark starts the sentence: leave it
    return text, False


def apply_in_sentence(text: str, start: int, end: int, edits: Sequence[Edit]) -> str:
    """``text[start:end]`` with ``edits`` (sorted, inside it) applied."""
    out: list[str] = []
    size = 0
    pos = start
    cap = False
    boundaries: list[int] = []
    for e in edits:
        chunk = text[pos : e.start]
        if chunk:
            if cap and not size:
                chunk = chunk.lstrip()
            if cap:
                chunk, done = capitalize_first(chunk)
                cap = not done
            out.append(chunk)
            size += len(chunk)
        at_start = size == 0 or not "".join(out).strip()
        boundaries.append(size)
        if e.text:
            rep = e.text
            original = text[e.start : e.end]
            keep_cap = e.match_case and original[:1].isupper() and not original.isupper()
            if at_start or cap or keep_cap:
                rep, _ = capitalize_first(rep)
            cap = False
            out.append(rep)
            size += len(rep)
        else:
            cap = cap or at_start
        pos = e.end
    tail = text[pos:end]
    if cap:
        if not size:
            tail = tail.lstrip()
        tail, _ = capitalize_first(tail)
    out.append(tail)
    return fix_articles("".join(out), boundaries)


def vowel_sound(word: str) -> bool:
    if word.isupper() and 1 < len(word) <= 6:
        return word[0] in "AEFHILMNORSX"
    low = word.lower()
    if low[:1].isdigit():
        return low[0] == "8" or low[:2] in ("11", "18") and len(low) in (2, 5)
    if low.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ubi", "ura", "ure")):
        return False
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    return low[:1] in ("a", "e", "i", "o", "u")


def fix_articles(text: str, boundaries: Iterable[int]) -> str:
    """Make "a"/"an" agree with the word after it, next to each edit."""
    for b in sorted(set(boundaries), reverse=True):
        left = _ARTICLE_END.search(text, max(0, b - 6), b)
        if left is None:
            continue
        nxt = _NEXT_WORD.match(text, b)
        if nxt is None or not (left.group(2) + nxt.group(1)) or "\n\n" in nxt.group(1):
            continue
        article = left.group(1)
        want = "an" if vowel_sound(nxt.group(2)) else "a"
        if article.lower() != want:
            want = want.capitalize() if article[0].isupper() else want
            text = text[: left.start(1)] + want + text[left.end(1) :]
    return text
