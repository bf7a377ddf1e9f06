"""Readability analysis for Byline drafts: pure functions, frozen results.

    from drafts.readability import analyze, load_seed_glossary
    report = analyze(markdown, "executive", load_seed_glossary(), title="...")
    report.to_dict()  # JSON-ready, described in docs/readability.md
"""

from .analyzer import ANALYZER_VERSION, analyze, warm_up
from .audience import AUDIENCES, BANDS
from .glossary import load_seed_glossary
from .model import (
    AudienceBand,
    Deduction,
    DocumentMetrics,
    Finding,
    GlossaryTerm,
    ReadabilityScore,
    ScorecardItem,
    Sentence,
    StructureCheck,
)
from .report import Report, Summary

__all__ = [
    "ANALYZER_VERSION",
    "AUDIENCES",
    "BANDS",
    "AudienceBand",
    "Deduction",
    "DocumentMetrics",
    "Finding",
    "GlossaryTerm",
    "ReadabilityScore",
    "Report",
    "ScorecardItem",
    "Sentence",
    "StructureCheck",
    "Summary",
    "analyze",
    "load_seed_glossary",
    "warm_up",
]
