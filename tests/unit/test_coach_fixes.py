"""One-click fixes offered by the coach's card: replacements, never advice."""

from drafts.coach_fixes import fix_for, replacement
from drafts.readability.model import GlossaryTerm

GLOSSARY = [GlossaryTerm("technical debt", "shortcuts we now pay to maintain", "Give the cost.")]


def test_wordy_phrases_and_buzzwords_get_their_plain_alternative():
    assert fix_for("wordy", "in order to") == "to"
    assert fix_for("wordy", "Utilize") == "Use"  # the sentence's capital is kept
    assert fix_for("buzzword", "leverage") == "use"
    assert fix_for("buzzword", "synergy") == "working together"  # the hint in brackets is dropped


def test_glossary_terms_use_the_team_glossary():
    assert fix_for("glossary", "Technical debt", GLOSSARY) == "Shortcuts we now pay to maintain"
    assert fix_for("glossary", "latency", GLOSSARY) is None  # not in this glossary


def test_advice_is_never_pasted_into_the_text():
    assert fix_for("buzzword", "game-changer") is None  # "say what changed and for whom"
    assert replacement("name the change you made") is None
    assert fix_for("passive", "was approved") is None
    assert fix_for("hard", "A long sentence.") is None


def test_cut_it_means_delete():
    assert fix_for("wordy", "it is important to note that") == ""
    assert replacement("in (or cut it)") == "in"
