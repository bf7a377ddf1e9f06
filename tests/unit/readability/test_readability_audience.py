"""Audience bands, the 0-100 score and its traffic light."""

from __future__ import annotations

import pytest

from drafts.readability import BANDS
from drafts.readability.audience import Highlighted, score

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
    result = score(audience, grade, ease, words=100, found=Highlighted(sentences=10))
    assert (result.score, result.light) == (expected, light)
    assert result.reason


def test_hard_sentences_lower_the_score():
    clean = score("executive", 9, 60, 100, Highlighted(sentences=20)).score
    two_hard = score("executive", 9, 60, 100, Highlighted(sentences=20, hard=2)).score
    two_very_hard = score("executive", 9, 60, 100, Highlighted(sentences=20, very_hard=2)).score
    assert clean == 100
    assert two_hard == 92  # 10% hard: 8 points
    assert two_very_hard == 88  # very hard costs half as much again


@pytest.mark.parametrize("hard, very_hard", [(6, 0), (3, 3), (0, 6), (26, 0)])
def test_more_than_a_quarter_hard_is_never_green(hard, very_hard):
    # 6 of 20 (30%), and 26 of 100: the band is perfect and nothing else is highlighted.
    sentences = 20 if hard + very_hard == 6 else 100
    result = score("executive", 9, 60, 1000, Highlighted(sentences, hard, very_hard))
    assert result.light != "green"
    assert result.score < 80
    assert "hard or very hard" in result.reason


def test_exactly_a_quarter_hard_can_still_be_green():
    result = score("executive", 9, 60, 1000, Highlighted(sentences=20, hard=5))
    assert (result.score, result.light) == (80, "green")


def test_more_than_half_hard_is_red():
    result = score("technical", 11, 45, 1000, Highlighted(sentences=20, hard=11))
    assert result.light == "red"


@pytest.mark.parametrize("field, value, deduction", [
    ("passive", 6, "passive"),  # 30% of 20 sentences: 10 points
    ("adverbs", 30, "adverbs"),  # 3 per 100 words: 10 points
    ("jargon", 20, "jargon"),  # 2 per 100 words: 10 points
])
def test_highlighted_style_findings_cost_points(field, value, deduction):
    found = Highlighted(sentences=20, **{field: value})
    result = score("executive", 9, 60, 1000, found)
    assert result.score == 90
    assert [d.id for d in result.deductions] == [deduction]
    assert result.deductions[0].points == 10


def test_deductions_explain_the_score():
    found = Highlighted(sentences=40, hard=8, very_hard=4, passive=8, adverbs=10, jargon=5)
    result = score("executive", 11, 60, 800, found)
    assert [d.id for d in result.deductions][:2] == ["audience_band", "hard_sentences"]
    total = sum(d.points for d in result.deductions)
    assert result.score == round(max(0, 100 - total))
    assert result.reason.startswith("Executive readers: grade 11 is 1 harder than 8-10.")
    assert "12 of 40 sentences are hard or very hard" in result.reason


def test_same_text_scores_differently_per_audience(run):
    dense = {a: run(DENSE, audience=a).score for a in BANDS}
    assert dense["technical"].score >= dense["executive"].score >= dense["general"].score
    assert dense["general"].light == "red"
    assert run(SIMPLE, audience="general").score.score > dense["general"].score


def test_empty_draft_scores_grey(run):
    result = run("").score
    assert (result.score, result.light) == (0, "grey")
