"""Word-level diffs between two texts, in bounded time.

The diff works down three levels: lines (paragraphs), then sentences inside
changed lines, then words inside changed sentences. At each level the common
start and end are cut off first (linear), so a small edit in a huge text costs
little. The word level, the only one that can be quadratic, runs only on
blocks whose size product is under a budget, and the whole diff has a time
budget: past it, what is left is shown as a coarser replace (the removed
block struck out, the new one underlined). A diff is always correct, only
sometimes coarser. The result is a flat list of operations that the history
view, the conflict answer, tracked changes and suggestions all share.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from patiencediff import PatienceSequenceMatcher

OpKind = Literal["equal", "insert", "delete"]
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r"\s+|[^\W_]+(?:['’][^\W_]+)*|.", re.UNICODE | re.DOTALL)
# A sentence ends at . ! ? (maybe closed by a quote or bracket) followed by spaces.
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]]*\s+")

# Word-level matching is skipped for a block when len(old) * len(new) tokens
# exceeds this (SequenceMatcher is quadratic in the worst case).
WORD_BUDGET = 400_000
# Tokens (words and the spaces between them) average about three characters.
_CHARS_PER_TOKEN = 3
# Blocks this small (two sentences, say) are always matched: cheap, and what
# people look at. The time budget only stops larger matches.
_ALWAYS_FINE = 10_000
# Wall-clock budget for one diff; past it, remaining blocks are shown coarsely.
TIME_BUDGET_S = 0.08


@dataclass(frozen=True)
class DiffOp:
    kind: OpKind
    text: str


@dataclass(frozen=True)
class DiffStats:
    inserted_words: int
    deleted_words: int

    @property
    def unchanged(self) -> bool:
        return self.inserted_words == 0 and self.deleted_words == 0


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _sentences(text: str) -> list[str]:
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)]
    pieces = [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)])]
    return [p for p in pieces if p]


def _append(ops: list[DiffOp], kind: OpKind, text: str) -> None:
    if not text:
        return
    if ops and ops[-1].kind == kind:
        ops[-1] = DiffOp(kind, ops[-1].text + text)
    else:
        ops.append(DiffOp(kind, text))


class _Differ:
    def __init__(self, deadline: float, word_budget: int) -> None:
        self.ops: list[DiffOp] = []
        self.deadline = deadline
        self.word_budget = word_budget
        # Finer levels, from paragraphs down to words.
        self.levels: list[Callable[[str], list[str]]] = [_lines, _sentences, _tokens]

    def coarse(self, old: str, new: str) -> None:
        _append(self.ops, "delete", old)
        _append(self.ops, "insert", new)

    def diff(self, old: str, new: str, level: int) -> None:
        if level == len(self.levels) - 1 and len(old) * len(new) > self.word_budget * _CHARS_PER_TOKEN**2:
            # Too big for a word-level match: do not even tokenize it.
            self.coarse(old, new)
            return
        a, b = self.levels[level](old), self.levels[level](new)
        # Common start and end: linear, and usually all that differs is small.
        head = 0
        while head < len(a) and head < len(b) and a[head] == b[head]:
            head += 1
        tail = 0
        while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        _append(self.ops, "equal", "".join(a[:head]))
        a_mid, b_mid = a[head:len(a) - tail], b[head:len(b) - tail]
        self.middle(a_mid, b_mid, level)
        _append(self.ops, "equal", "".join(a[len(a) - tail:]))

    def middle(self, a: list[str], b: list[str], level: int) -> None:
        if not a or not b:
            self.coarse("".join(a), "".join(b))
            return
        words = level == len(self.levels) - 1
        if words and len(a) * len(b) > self.word_budget:
            self.coarse("".join(a), "".join(b))
            return
        if len(a) * len(b) > _ALWAYS_FINE and time.monotonic() > self.deadline:
            self.coarse("".join(a), "".join(b))
            return
        # Paragraphs and sentences are anchored on the units that occur once on
        # each side (patience diff: n log n, and repeats cannot make it slow);
        # words, within one small changed block, get the finer difflib match.
        if words:
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            for op in _semantic(matcher.get_opcodes(), a, b):
                _append(self.ops, op.kind, op.text)
            return
        for tag, i1, i2, j1, j2 in PatienceSequenceMatcher(None, a, b).get_opcodes():
            old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
            if tag == "equal":
                _append(self.ops, "equal", old)
            elif tag == "replace":
                self.diff(old, new, level + 1)
            else:
                self.coarse(old, new)


def _semantic(opcodes, a: list[str], b: list[str]) -> list[DiffOp]:
    """Word-level operations a person can read: an unchanged stretch shorter than
    the changes on both sides of it (a lone space, "the", a comma between two
    rewritten sentences) is folded into them, so a rewrite reads as "this was
    replaced by that", not as confetti. (The rule is diff-match-patch's
    semantic cleanup.)"""
    ops: list[list] = []  # [kind, text], equal or a (delete, insert) pair
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            ops.append(["equal", "".join(a[i1:i2])])
        else:
            ops.append(["change", "".join(a[i1:i2]), "".join(b[j1:j2])])
    stack: list[list] = []  # one pass: a merge may let the change absorb the equal before it
    for op in ops:
        stack.append(op)
        while len(stack) >= 3 and stack[-1][0] == "change" and stack[-2][0] == "equal" \
                and stack[-3][0] == "change":
            before, middle, after = stack[-3], stack[-2], stack[-1]
            size = len(middle[1])
            if size > max(len(before[1]), len(before[2])) or size > max(len(after[1]), len(after[2])):
                break
            stack[-3:] = [["change", before[1] + middle[1] + after[1], before[2] + middle[1] + after[2]]]
    ops = stack
    out: list[DiffOp] = []
    for op in ops:
        if op[0] == "equal":
            _append(out, "equal", op[1])
        else:
            _append(out, "delete", op[1])
            _append(out, "insert", op[2])
    return out


def word_diff(
    old: str, new: str, *, time_budget: float = TIME_BUDGET_S, word_budget: int = WORD_BUDGET
) -> list[DiffOp]:
    """Operations turning `old` into `new`: equal, delete and insert stretches.

    Joining the equal and delete texts gives `old`; equal and insert give `new`.
    """
    differ = _Differ(time.monotonic() + time_budget, word_budget)
    differ.diff(old, new, 0)
    return differ.ops


def diff_stats(ops: list[DiffOp]) -> DiffStats:
    def words(kind: str) -> int:
        return sum(len(_WORDS.findall(op.text)) for op in ops if op.kind == kind)

    return DiffStats(inserted_words=words("insert"), deleted_words=words("delete"))


def diff_html(ops: list[DiffOp]) -> str:
    """Escaped HTML: <ins> for insertions, <del> for deletions."""
    parts = []
    for op in ops:
        text = html.escape(op.text)
        if op.kind == "insert":
            parts.append(f'<ins class="diff-ins">{text}</ins>')
        elif op.kind == "delete":
            parts.append(f'<del class="diff-del">{text}</del>')
        else:
            parts.append(text)
    return "".join(parts)
