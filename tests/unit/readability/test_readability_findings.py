"""Sentence-level findings: kinds, spans, messages and suggestions."""

from __future__ import annotations

import pytest

from drafts.readability import wordlists
from drafts.readability.findings import hemingway_grade

LONG_EASY = "We sat and we ate and we ran and we sat and we ate and we ran home."
LONG_HARD = (
    "Organizations that systematically underinvest in foundational data infrastructure "
    "inevitably discover that sophisticated analytical initiatives deliver disappointing outcomes."
)
TWELVE_WORDS = "Interoperability considerations predominate organizational modernization decisions " \
    "everywhere, notwithstanding extraordinary implementation difficulties internationally."


def test_hemingway_grade_formula():
    assert hemingway_grade(letters=60, words=14) == round(4.71 * 60 / 14 + 0.5 * 14 - 21.43)
    assert hemingway_grade(0, 0) == 0


def test_hard_and_very_hard_sentences(run):
    report = run(f"{LONG_EASY} {LONG_HARD}")
    by_kind = {f.kind: f for f in report.findings if f.kind in ("hard", "very_hard")}
    assert "very_hard" in by_kind and "hard" not in by_kind
    assert by_kind["very_hard"].span == (len(LONG_EASY) + 1, len(LONG_EASY) + 1 + len(LONG_HARD))
    assert report.sentences[0].difficulty == "ok"


def test_sentences_under_14_words_are_never_hard(run):  # 12 words, grade 40+
    report = run(TWELVE_WORDS)
    assert report.sentences[0].words == 12
    assert report.sentences[0].grade >= 14
    assert report.sentences[0].difficulty == "ok"
    assert not [f for f in report.findings if f.kind in ("hard", "very_hard")]


def test_hard_band_is_grade_10_to_13(run):
    text = "Our operations team consolidated several monitoring tools into one platform last year."
    report = run(text)
    s = report.sentences[0]
    assert s.words >= 14 or s.difficulty == "ok"
    grades = {f.kind for f in report.findings}
    if s.words >= 14 and 10 <= s.grade <= 13:
        assert "hard" in grades


def test_adverbs_with_exceptions(find):
    md = "We quickly shipped a friendly, costly and early daily family release. Kelly left."
    assert find(md, "adverb") == ["quickly"]


def test_passive_voice(find):
    assert find("The plan was approved by the board.", "passive") == ["was approved"]
    assert find("The data is being migrated.", "passive") == ["is being migrated"]
    assert find("The system was quietly retired.", "passive") == ["was quietly retired"]
    assert find("The report was written last year.", "passive") == ["was written"]
    assert find("She is interested in cost.", "passive") == []
    assert find("There is limited time.", "passive") == []


def test_qualifiers_wordy_cliches(run):
    md = ("This is really quite important. In order to win, we must utilize data. "
          "At the end of the day, it's low-hanging fruit.")
    report = run(md)
    got = {(f.kind, md[f.span[0] : f.span[1]]) for f in report.findings}
    assert {("qualifier", "really"), ("qualifier", "quite")} <= got
    assert {("wordy", "In order to"), ("wordy", "utilize")} <= got
    assert {("cliche", "At the end of the day"), ("cliche", "low-hanging fruit")} <= got
    wordy = {md[f.span[0] : f.span[1]]: f.suggestion for f in report.findings if f.kind == "wordy"}
    assert wordy == {"In order to": "to", "utilize": "use"}


REQUIRED_BUZZWORDS = ["leverage", "synergy", "paradigm", "best-in-class", "game-changer",
                      "deep dive", "move the needle", "north star", "world-class", "going forward"]


@pytest.mark.parametrize("term", REQUIRED_BUZZWORDS)
def test_required_buzzwords_are_flagged_with_a_suggestion(run, term):
    md = f"Our plan: {term.upper()} is what we need."
    report = run(md)
    flagged = [f for f in report.findings if f.kind == "buzzword"]
    assert [md[f.span[0] : f.span[1]].lower() for f in flagged] == [term]
    assert flagged[0].suggestion and flagged[0].message


def test_buzzword_spelled_with_spaces_or_plural(find):
    assert find("They are best in class.", "buzzword") == ["best in class"]
    assert find("We found synergies.", "buzzword") == ["synergies"]
    assert find("Leveraging data helps.", "buzzword") == ["Leveraging"]


def test_findings_carry_the_sentence_index(run):
    report = run("We met. The plan was approved.")
    passive = [f for f in report.findings if f.kind == "passive"][0]
    assert passive.sentence == 1
    assert report.sentences[1].passive


def test_word_lists_are_data_files_with_dozens_of_entries():
    sizes = {
        "buzzwords": len(wordlists.pairs("buzzwords.csv", "term", "alternative")),
        "wordy": len(wordlists.pairs("wordy_phrases.csv", "phrase", "alternative")),
        "cliches": len(wordlists.word_set("cliches.txt")),
        "hedges": len(wordlists.word_set("hedges.txt")),
        "adverb exceptions": len(wordlists.word_set("adverb_exceptions.txt")),
        "participles": len(wordlists.word_set("irregular_participles.txt")),
        "transitions": len(wordlists.word_set("transition_words.txt")),
        "abbreviations": len(wordlists.pairs("abbreviations.csv", "abbreviation", "can_end")),
    }
    for name, size in sizes.items():
        assert size >= 50, (name, size)
    assert all(alt for _, alt in wordlists.pairs("wordy_phrases.csv", "phrase", "alternative"))
