"""Structure checks with Yoast's thresholds."""

from __future__ import annotations

import pytest


def check(report, check_id):
    return next(c for c in report.structure if c.id == check_id)


SHORT = "We cut costs fast."  # 4 words
LONG = "Word " + " ".join(["word"] * 20) + "."  # 21 words


def body(long: int, short: int) -> str:
    return " ".join([LONG] * long + [SHORT] * short)


@pytest.mark.parametrize(
    "long, short, light",
    # 25% green, 30% orange, 33% and 50% red
    [(1, 3, "green"), (3, 7, "orange"), (1, 2, "red"), (1, 1, "red"), (0, 5, "green")],
)
def test_long_sentence_share(run, long, short, light):
    report = run(body(long, short))
    result = check(report, "sentence_length")
    assert result.light == light
    if result.light != "green":
        assert len(result.spans) == long


def test_list_items_are_not_long_sentences(run):
    items = "\n".join(f"- {LONG}" for _ in range(5))
    report = run(f"{SHORT}\n\n{items}\n")
    assert check(report, "sentence_length").light == "green"


@pytest.mark.parametrize("words, light", [(150, "green"), (151, "orange"), (200, "orange"),
                                          (201, "red")])
def test_paragraph_length(run, words, light):
    para = " ".join(["word"] * words) + "."
    report = run(f"{para}\n\nShort one here.")
    result = check(report, "paragraph_length")
    assert result.light == light
    assert result.value == words
    if light != "green":
        assert result.spans == ((0, len(para)),)


def section(words: int) -> str:
    sentences = [" ".join(["word"] * 10) + "."] * (words // 10)
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


@pytest.mark.parametrize("words, light", [(300, "green"), (310, "orange"), (350, "orange"),
                                          (360, "red")])
def test_words_per_subheading_section(run, words, light):
    md = f"## First\n\n{section(100)}\n\n## Second\n\n{section(words)}\n"
    assert check(run(md), "subheading_distribution").light == light


def test_long_text_without_subheadings_is_red(run):
    assert check(run(section(400)), "subheading_distribution").light == "red"
    assert check(run(section(200)), "subheading_distribution").light == "green"


@pytest.mark.parametrize("passive, active, light", [(1, 9, "green"), (3, 17, "orange"),
                                                    (2, 18, "green"), (4, 16, "red")])
def test_passive_share(run, passive, active, light):
    sentences = ["The plan was approved by them."] * passive + ["We approved the plan."] * active
    result = check(run(" ".join(sentences)), "passive_voice")
    assert result.light == light


@pytest.mark.parametrize("with_t, without, light", [(3, 7, "green"), (2, 8, "orange"),
                                                    (1, 9, "red")])
def test_transition_share(run, with_t, without, light):
    filler = " ".join(["word"] * 19)
    sentences = [f"However {filler}."] * with_t + [f"Plain {filler}."] * without
    result = check(run(" ".join(sentences)), "transition_words")
    assert result.light == light


def test_transition_check_needs_200_words(run):
    assert check(run("However we grew. " * 10), "transition_words").light == "grey"


def test_three_sentences_with_the_same_start_are_red(run):
    md = "We grew. We hired. We shipped. Then we rested."
    result = check(run(md), "consecutive_sentences")
    assert result.light == "red"
    assert len(result.spans) == 3
    assert check(run("We grew. We hired. They shipped."), "consecutive_sentences").light == "green"
