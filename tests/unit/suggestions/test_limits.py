"""Token estimates, output limits, the loop detector and the meter's stops."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from drafts.suggestions.actions import ACTIONS
from drafts.suggestions.limits import LoopDetector, estimate_tokens, output_limit
from drafts.suggestions.metering import Meter
from drafts.suggestions.provider import BudgetCrossed, OutputLooping, OutputTooLong, Usage

SAMPLES = sorted((Path(__file__).parent / "samples").glob("*.txt"))


def test_estimate_counts_words_by_piece_and_punctuation_alone():
    assert estimate_tokens("") == 0
    assert estimate_tokens("The board asked.") == 4  # The, board, asked, "."
    assert estimate_tokens("infrastructure") == 3  # 14 letters: three pieces
    text = SAMPLES[0].read_text()
    # English prose: about 1.3 tokens a word, never fewer than one a word.
    assert len(text.split()) <= estimate_tokens(text) <= 2 * len(text.split())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:8])
def test_real_articles_are_not_loops(path):
    text = path.read_text()
    detector = LoopDetector()
    answer = ""
    for i in range(0, len(text), 37):  # as if streamed
        answer += text[i:i + 37]
        assert not detector.looping(answer), answer[-300:]


def test_a_repeated_sentence_is_a_loop_soon():
    detector = LoopDetector()
    answer = ""
    for piece in ["Our costs fell. "] * 30:
        answer += piece
        if detector.looping(answer):
            break
    assert len(answer) < 200


def test_a_paragraph_retold_is_a_loop_but_a_repeated_passage_phrase_is_not():
    phrase = "the shortcuts we now pay to maintain every single quarter"
    source = f"We list {phrase}. Then {phrase}. And {phrase}. Yes, {phrase}."
    detector = LoopDetector(source)
    assert not detector.looping(source + " " * 64)
    retold = " ".join(f"In week {i}, {phrase}, said the board." for i in range(6))
    assert LoopDetector().looping(retold)


def test_rewrite_limits_follow_the_passage_and_stay_under_the_ceiling():
    clarity = ACTIONS["clarity"]
    assert output_limit(clarity, "Short.") < 50
    long = SAMPLES[1].read_text()
    assert output_limit(clarity, long[:2000]) < output_limit(clarity, long[:6000])
    assert output_limit(clarity, long * 5) == clarity.max_output_tokens
    assert output_limit(ACTIONS["expand_example"], "One idea here.") > output_limit(clarity, "One idea here.")


def meter(max_tokens=100, prompt=50, budget_left=None, builtin=False):
    return Meter(SimpleNamespace(
        provider=SimpleNamespace(is_builtin=builtin), request=SimpleNamespace(max_tokens=max_tokens),
        meta={"prompt_tokens": prompt, "budget_left": budget_left}, text="",
    ))


def test_meter_stops_a_stream_that_crosses_the_budget():
    m = meter(max_tokens=100, prompt=50, budget_left=80)  # another tab spent the rest
    m.sent = True
    with pytest.raises(BudgetCrossed) as crossed:
        for i in range(40):
            m.add(f" item{i}")
    assert "daily model token budget" in crossed.value.message
    tokens_in, tokens_out, estimated = m.spent()
    assert tokens_in == 50 and 30 <= tokens_out <= 35 and estimated


def test_meter_stops_runaway_and_looping_answers():
    m = meter(max_tokens=20)
    with pytest.raises(OutputTooLong):
        for i in range(100):
            m.add(f" distinct{i}")
    m = meter(max_tokens=10_000)
    with pytest.raises(OutputLooping):
        for _ in range(100):
            m.add("Again and again we said it. ")


def test_meter_prefers_the_servers_usage_and_costs_nothing_unsent():
    m = meter()
    assert m.spent() == (0, 0, False)
    m.sent = True
    m.add("Hello there.")
    m.usage = Usage(300, 4)
    assert m.spent() == (300, 4, False)
    assert meter(builtin=True).spent() == (0, 0, False)
