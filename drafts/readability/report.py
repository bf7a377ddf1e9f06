"""The analysis report and its JSON-ready form (see docs/readability.md)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .model import (
    DocumentMetrics,
    Finding,
    ReadabilityScore,
    ScorecardItem,
    Sentence,
    StructureCheck,
)


@dataclass(frozen=True)
class Summary:
    """Hemingway-style counters."""

    sentences: int
    hard_sentences: int
    very_hard_sentences: int
    adverbs: int
    adverbs_aim: int  # round(paragraphs / 3) or fewer
    passive: int
    passive_aim: int  # round(sentences / 5) or fewer
    qualifiers: int
    wordy_phrases: int
    cliches: int
    buzzwords: int
    glossary_terms: int
    acronyms: int
    images_without_alt: int = 0


@dataclass(frozen=True)
class Report:
    analyzer_version: str
    audience: str
    title: str
    post_type: str
    metrics: DocumentMetrics
    score: ReadabilityScore
    summary: Summary
    sentences: tuple[Sentence, ...]
    findings: tuple[Finding, ...]
    structure: tuple[StructureCheck, ...]
    scorecard: tuple[ScorecardItem, ...]
    cleaned_text: str = dataclasses.field(repr=False, default="")

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable dict (``cleaned_text`` is left out)."""
        out = _plain(self)
        assert isinstance(out, dict)
        out.pop("cleaned_text", None)
        return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
