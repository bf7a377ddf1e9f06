"""Reading answers: choice lists, and rewrites as changes the author accepts one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafts.writing.diffing import word_diff

_NUMBERING = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")
_FENCE = re.compile(r"^```[a-zA-Z]*\n(.*)\n```$", re.DOTALL)


@dataclass(frozen=True)
class Choice:
    text: str
    rationale: str


@dataclass(frozen=True)
class Segment:
    """Either unchanged text, or one change (old -> new) the author accepts or rejects."""

    kind: str  # "same" | "change"
    old: str
    new: str


def clean_output(text: str) -> str:
    """Strip a code fence wrapped around the whole answer, and outer blank lines."""
    stripped = text.strip()
    match = _FENCE.match(stripped)
    return (match.group(1) if match else stripped).strip("\n")


def parse_choices(text: str, limit: int) -> list[Choice]:
    choices = []
    for line in clean_output(text).splitlines():
        line = _NUMBERING.sub("", line).strip().strip('"').strip()
        if not line:
            continue
        body, _, why = line.partition(" | ")
        if "|" in body and not why:
            body, _, why = body.partition("|")
        body = body.strip().strip('"*').strip()
        if body:
            choices.append(Choice(text=body, rationale=why.strip()))
    return choices[:limit]


def rewrite_segments(original: str, rewritten: str) -> list[Segment]:
    """Group a word diff into changes: each run of deletions/insertions between equal text."""
    segments: list[Segment] = []
    old, new = [], []

    def flush() -> None:
        if old or new:
            segments.append(Segment("change", "".join(old), "".join(new)))
            old.clear()
            new.clear()

    for op in word_diff(original, rewritten):
        if op.kind == "equal":
            # A lone space between two changes belongs to one change.
            if op.text.isspace() and (old or new) and len(op.text) <= 1:
                old.append(op.text)
                new.append(op.text)
                continue
            flush()
            segments.append(Segment("same", op.text, op.text))
        elif op.kind == "delete":
            old.append(op.text)
        else:
            new.append(op.text)
    flush()
    return segments


def apply_segments(segments: list[Segment], accepted: set[int]) -> str:
    return "".join(s.new if (s.kind == "change" and i in accepted) else s.old
                   for i, s in enumerate(segments))
