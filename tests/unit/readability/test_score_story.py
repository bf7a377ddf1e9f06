"""The score, its light and the highlights tell one story (issue 10, item 6).

Pinned on real texts: the five articles in samples/ (see samples/README.md) and
the case observed in the issue, a green 91/100 next to 25 of 62 sentences
highlighted hard or very hard.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafts.readability import BANDS, analyze
from drafts.readability.audience import Highlighted, score

SAMPLES = sorted((Path(__file__).parent / "samples").glob("seed-*.txt"))


def _hard_share(report) -> float:
    tough = sum(1 for s in report.sentences if s.difficulty in ("hard", "very_hard"))
    return tough / len(report.sentences)


def test_the_five_samples_are_there():
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("audience", list(BANDS))
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:8])
def test_light_never_contradicts_the_hard_sentence_highlights(path, audience, seed_glossary):
    report = analyze(path.read_text(encoding="utf-8"), audience, seed_glossary)
    share = _hard_share(report)
    highlighted = sum(1 for f in report.findings if f.kind in ("hard", "very_hard"))
    assert highlighted == sum(1 for s in report.sentences if s.difficulty != "ok")
    if share > 0.25:
        assert report.score.light != "green", (path.name, audience, report.score)
        assert "hard or very hard" in report.score.reason
    if share > 0.5:
        assert report.score.light == "red"


@pytest.mark.parametrize("audience", list(BANDS))
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:8])
def test_score_is_derived_from_the_highlighted_findings(path, audience, seed_glossary):
    """Counting the findings the coach highlights gives back exactly the score shown."""
    report = analyze(path.read_text(encoding="utf-8"), audience, seed_glossary)
    kinds = [f.kind for f in report.findings]
    found = Highlighted(
        sentences=len(report.sentences), hard=kinds.count("hard"),
        very_hard=kinds.count("very_hard"),
        passive=len({f.sentence for f in report.findings if f.kind == "passive"}),
        adverbs=kinds.count("adverb"), jargon=kinds.count("buzzword") + kinds.count("glossary"),
    )
    again = score(audience, report.score.grade, report.score.flesch_reading_ease,
                  report.metrics.words, found)
    assert again == report.score


def test_sample_that_used_to_score_a_green_91(seed_glossary):
    """seed-001 for executives: inside the band, but 28 of 64 sentences are hard. The old
    score said 91, green; now the light agrees with the highlights."""
    report = analyze(SAMPLES[1].read_text(encoding="utf-8"), "executive", seed_glossary)
    assert report.metrics.sentences == 64
    assert report.summary.hard_sentences + report.summary.very_hard_sentences == 28
    assert report.score.reason.startswith("Inside the executive band")
    assert "28 of 64 sentences are hard or very hard to read (44%" in report.score.reason
    assert report.score.light == "red"
    assert report.score.score < 55


def test_the_case_reported_in_the_issue():
    """91/100 green "inside the executive band" with 25 of 62 sentences highlighted."""
    found = Highlighted(sentences=62, hard=13, very_hard=12)
    result = score("executive", 10, 52, 940, found)
    assert result.light != "green"
    assert result.score <= 60
    assert "25 of 62 sentences are hard or very hard" in result.reason


def test_plain_draft_stays_green(run):
    text = ("Our finance team closed the quarter four days sooner after we replaced the old "
            "ledger. I asked every manager to name one report they no longer needed. Most of "
            "them named three, and we retired forty reports in a month. The savings paid for "
            "the project before the summer. ") * 6
    report = run(text)
    assert report.summary.hard_sentences == report.summary.very_hard_sentences == 0
    assert report.score.light == "green"


@given(
    sentences=st.integers(1, 400), hard=st.integers(0, 400), very_hard=st.integers(0, 400),
    passive=st.integers(0, 400), adverbs=st.integers(0, 300), jargon=st.integers(0, 300),
    words=st.integers(1, 20_000), grade=st.floats(1, 18), ease=st.floats(-50, 120),
    audience=st.sampled_from(list(BANDS)),
)
def test_the_light_rules_hold_for_any_counts(sentences, hard, very_hard, passive, adverbs, jargon,
                                             words, grade, ease, audience):
    hard, very_hard = min(hard, sentences), min(very_hard, sentences - min(hard, sentences))
    found = Highlighted(sentences, hard, very_hard, min(passive, sentences), adverbs, jargon)
    result = score(audience, grade, ease, words, found)
    share = (hard + very_hard) / sentences
    assert 0 <= result.score <= 100
    if share > 0.25:
        assert result.light != "green"
    if share > 0.5:
        assert result.light == "red"
    # More highlighted hard sentences never raise the score.
    if hard + very_hard < sentences:
        worse = score(audience, grade, ease, words,
                      Highlighted(sentences, hard + 1, very_hard, found.passive, adverbs, jargon))
        assert worse.score <= result.score
