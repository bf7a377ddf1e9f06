"""Checks on an offered rewrite, written apart from the engine's own guard.

Each returns a list of problems (empty when the output is fine), so a failing
test names what went wrong. They read the output as an editor would: every
sentence the rewrite created must start like a sentence (no dangling "and",
"which", "also", "just"; not with a bare verb such as "Has to change") and,
when it was cut off a longer sentence, stand as a whole clause; no doubled
determiner ("the a", "new a"); every number and name kept; a plural glossary
term replaced by a plural alternative.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafts.readability import GlossaryTerm
from drafts.readability.phrases import phrase_words, plural_forms
from drafts.suggestions import grammar

SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
DOUBLED = re.compile(r"\b(?:a|an|the|this|that|these|those|our|your|their|its|my|new|every|each)"
                     r"\s+(?:a|an|the)\b", re.IGNORECASE)
DANGLING = frozenset("and or which because also just really very then often ideally only".split())
ALLOWED_LEADS = frozenset({"but", "so", "yet"})  # kept from ", but" when a sentence is split


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if WORD.search(s)]


def sentence_problems(original: str, output: str) -> list[str]:
    before = set(_sentences(original))
    starts = {WORD.findall(s)[0].lower() for s in before}
    problems = []
    for s in _sentences(output):
        if s in before:
            continue
        first = WORD.findall(s)[0].lower()
        if first in DANGLING and first not in starts:
            problems.append(f"dangling start: {s!r}")
        if grammar.starts_with_verb(s):
            problems.append(f"no subject: {s!r}")
        body = re.sub(r"^(?:But|So|Yet)\s+", "", s).rstrip(".")
        cut_off = any(f"{j}{body[:1].lower()}{body[1:30]}" in original
                      for j in (", and ", ", but ", ", so ", "; "))
        if cut_off and not grammar.clause(body):
            problems.append(f"not a whole clause: {s!r}")
    doubled = {m.lower() for m in DOUBLED.findall(output)} - {m.lower() for m in DOUBLED.findall(original)}
    problems += [f"doubled determiner: {d!r}" for d in sorted(doubled)]
    return problems


def kept_problems(action: str, original: str, output: str) -> list[str]:
    """Numbers and names (capitalised words past a sentence's first word) must stay.

    Plain-words actions may spell out an acronym (it stays in brackets on first use)."""
    problems = [f"number dropped: {n}" for n in NUMBER.findall(original) if n not in output]
    for s in _sentences(original):
        for name in WORD.findall(s)[1:]:
            if not name[0].isupper() or name in output:
                continue
            if action in ("jargon", "executive") and name.rstrip("s").isupper():
                continue
            problems.append(f"name dropped: {name}")
    return problems


def inflection_problems(original: str, output: str, glossary: Sequence[GlossaryTerm]) -> list[str]:
    """A plural term replaced by its alternative must read plural ("connections between systems")."""
    problems = []
    low_out = output.lower()
    for term in glossary:
        base = phrase_words(term.term)
        alt = term.alternative.strip()
        if not base or not alt:
            continue
        for form in plural_forms(base):
            if form == base:
                continue
            plural = " ".join(form)
            if re.search(rf"\b{re.escape(plural)}\b", original, re.IGNORECASE) and \
                    not re.search(rf"\b{re.escape(plural)}\b", output, re.IGNORECASE):
                singular = re.sub(r"^(?:a|an|one)\s+", "", alt.lower())
                wanted = grammar.plural_phrase(alt).lower()
                if wanted != singular and singular in low_out and wanted not in low_out:
                    problems.append(f"{plural!r} became the singular {singular!r}")
    return problems
