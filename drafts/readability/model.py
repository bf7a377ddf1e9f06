"""Frozen dataclasses shared by the analysis passes and the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Span = tuple[int, int]
Light = Literal["green", "orange", "red", "grey"]
Status = Literal["pass", "warn", "fail"]

FINDING_KINDS = (
    "hard",
    "very_hard",
    "adverb",
    "passive",
    "qualifier",
    "wordy",
    "cliche",
    "buzzword",
    "glossary",
    "acronym",
    "image_alt",
)


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    alternative: str
    note: str = ""


@dataclass(frozen=True)
class Finding:
    kind: str
    span: Span
    message: str
    suggestion: str | None = None
    sentence: int | None = None  # index into Report.sentences


@dataclass(frozen=True)
class Sentence:
    span: Span
    unit: str  # heading | paragraph | list_item | table_cell
    block: int
    words: int
    grade: int  # Hemingway's per-sentence ARI grade
    difficulty: str  # ok | hard | very_hard
    passive: bool
    transition: bool
    first_word: str


@dataclass(frozen=True)
class DocumentMetrics:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float
    text_standard: float
    words: int
    sentences: int
    paragraphs: int
    reading_time_minutes: float


@dataclass(frozen=True)
class StructureCheck:
    id: str
    light: Light  # grey: not applicable to this draft
    value: float
    reason: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class AudienceBand:
    audience: str
    label: str
    grade_min: float
    grade_max: float
    fre_min: float
    fre_max: float


@dataclass(frozen=True)
class Deduction:
    """Points the score loses for one reason (the band, or one kind of highlight)."""

    id: str  # audience_band | hard_sentences | passive | adverbs | jargon
    points: float
    why: str


@dataclass(frozen=True)
class ReadabilityScore:
    score: int  # 0-100
    light: Light
    grade: float
    flesch_reading_ease: float
    band: AudienceBand
    reason: str
    # Largest first; 100 minus their sum is the score before rounding and the caps.
    deductions: tuple[Deduction, ...] = ()


@dataclass(frozen=True)
class ScorecardItem:
    id: str
    status: Status
    why: str
    spans: tuple[Span, ...] = ()
