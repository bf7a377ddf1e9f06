"""Audience bands, the 0-100 score and its traffic light."""

from __future__ import annotations

import pytest

from drafts.readability import BANDS
from drafts.readability.audience import score

SIMPLE = "We cut costs. Our customers are happy. The team ships every week. " * 10
DENSE = (
    "Organizational interoperability considerations necessitate comprehensive architectural "
    "modernization initiatives, particularly regarding authentication infrastructure. "
) * 10


def test_bands_are_distinct_and_documented():
    assert set(BANDS) == {"executive", "general", "technical"}
    exe, gen, tech = BANDS["executive"], BANDS["general"], BANDS["technical"]
    assert (exe.grade_min, exe.grade_max, exe.fre_min, exe.fre_max) == (8, 10, 50, 70)
    assert (gen.grade_min, gen.grade_max, gen.fre_min, gen.fre_max) == (7, 9, 60, 75)
    assert (tech.grade_min, tech.grade_max, tech.fre_min, tech.fre_max) == (9, 12, 40, 60)


@pytest.mark.parametrize(
    "audience, grade, ease, expected, light",
    [
        ("executive", 9, 60, 100, "green"),
        ("executive", 11, 60, 75, "orange"),  # one grade too hard
        ("executive", 12, 45, 38, "red"),  # two grades and 5 ease points too hard
        ("executive", 7, 72, 95, "green"),  # easier than the band costs less
        ("executive", 3, 96, 70, "orange"),  # far easier: capped, never red on its own
        ("technical", 11, 45, 100, "green"),
        ("general", 11, 45, 12, "red"),
    ],
)
def test_score_against_band(audience, grade, ease, expected, light):
    result = score(audience, grade, ease, words=100, sentences=10, hard=0, very_hard=0)
    assert (result.score, result.light) == (expected, light)
    assert result.reason


def test_hard_sentences_lower_the_score():
    clean = score("executive", 9, 60, 100, 10, 0, 0).score
    hard = score("executive", 9, 60, 100, 10, hard=5, very_hard=5).score
    assert hard == clean - 20


def test_same_text_scores_differently_per_audience(run):
    dense = {a: run(DENSE, audience=a).score for a in BANDS}
    assert dense["technical"].score >= dense["executive"].score >= dense["general"].score
    assert dense["general"].light == "red"
    assert run(SIMPLE, audience="general").score.score > dense["general"].score


def test_empty_draft_scores_grey(run):
    result = run("").score
    assert (result.score, result.light) == (0, "grey")
