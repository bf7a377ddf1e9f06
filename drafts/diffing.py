"""Word-level diffs between two texts.

Lines are matched first (fast on long drafts, and keeps paragraphs aligned),
then changed stretches are diffed word by word. The result is a flat list of
operations that the history view, the conflict banner and (later) review and
suggestion screens all share.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

OpKind = Literal["equal", "insert", "delete"]
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_TOKEN = re.compile(r"\s+|[^\W_]+(?:['’][^\W_]+)*|.", re.UNICODE | re.DOTALL)


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


def _append(ops: list[DiffOp], kind: OpKind, text: str) -> None:
    if not text:
        return
    if ops and ops[-1].kind == kind:
        ops[-1] = DiffOp(kind, ops[-1].text + text)
    else:
        ops.append(DiffOp(kind, text))


def _word_diff(old: str, new: str, ops: list[DiffOp]) -> None:
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(ops, "equal", "".join(a[i1:i2]))
        else:
            _append(ops, "delete", "".join(a[i1:i2]))
            _append(ops, "insert", "".join(b[j1:j2]))


def word_diff(old: str, new: str) -> list[DiffOp]:
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    ops: list[DiffOp] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(ops, "equal", "".join(old_lines[i1:i2]))
        elif tag == "delete":
            _append(ops, "delete", "".join(old_lines[i1:i2]))
        elif tag == "insert":
            _append(ops, "insert", "".join(new_lines[j1:j2]))
        else:
            _word_diff("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]), ops)
    return ops


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
