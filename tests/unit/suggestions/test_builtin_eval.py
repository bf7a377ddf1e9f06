"""Evaluation of the built-in engine on real thought-leadership text (issue 13, item 2).

Sources (listed in samples/README.md): the five published CIO/CMO articles in
samples/seed-*.txt, and samples/byline-own.txt, CIO posts written for these
tests; split into paragraphs and sentences, plus the regressions the issue
reports. Every offline output is checked, apart from the engine's own guard
(wellformed.py): each sentence the rewrite created starts like a sentence and
keeps its subject, no doubled determiner, numbers and names kept, plural
glossary terms replaced by plural alternatives; for clarity and concise the
coach's grade and hard sentences are not worse; a held-back answer names what
the coach found, and "no changes" appears only when the coach finds no hard
sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafts.readability import analyze, load_seed_glossary
from drafts.suggestions import builtin_grounding as grounding
from drafts.suggestions import builtin_guard as guard
from drafts.suggestions.builtin import BuiltinEngine
from tests.unit.suggestions import wellformed

SAMPLES = sorted((Path(__file__).parent / "samples").glob("*.txt"))
SEED = load_seed_glossary()
ENGINE = BuiltinEngine()
REWRITES = ("clarity", "concise", "executive", "conversational", "jargon")


def paragraphs() -> list[str]:
    found = []
    for path in SAMPLES:
        for block in path.read_text().split("\n\n"):
            block = " ".join(block.split())
            if len(block.split()) >= 15 and block[-1:] in ".?!\"”":
                found.append(block)
    return found


def sentences() -> list[str]:
    out = []
    for para in paragraphs():
        out += [s.strip() for s in re.split(r"(?<=[.?!])\s+(?=[A-Z])", para) if len(s.split()) >= 5]
    return out


PARAGRAPHS = paragraphs()
SENTENCES = sentences()


def test_the_set_is_big_enough():
    assert len(PARAGRAPHS) >= 40 and len(SENTENCES) >= 200


def outcome(action: str, text: str) -> tuple[str, str]:
    try:
        return "offered", ENGINE.suggest(action, text, glossary=SEED, draft=text)
    except guard.NothingSafe as held:
        return "held", held.message


@pytest.mark.parametrize("action", REWRITES)
def test_every_offline_rewrite_of_the_set_does_no_harm(action):
    offered = 0
    for text in PARAGRAPHS + SENTENCES:
        kind, out = outcome(action, text)
        if kind == "held":
            assert "Your draft is unchanged" in out
            if "over 25 words" in out or "hard to read" in out:
                assert guard.hard_sentences(text, SEED)
            continue
        if out.strip() == text.strip():  # "no changes": the coach must agree
            assert action not in ("clarity", "concise", "executive") or not guard.hard_sentences(text, SEED)
            continue
        offered += 1
        problems = (wellformed.sentence_problems(text, out) + wellformed.kept_problems(action, text, out)
                    + wellformed.inflection_problems(text, out, SEED))
        assert problems == [], (text, out)
        assert guard.harms(action, text, out) == [], (text, out)
        assert not re.search(r"\b(\w+) \1\b", out.lower().replace("that that", "")) or \
            re.search(r"\b(\w+) \1\b", text.lower()), out
        if action in ("clarity", "concise"):  # readability not worse, by the coach's marks
            assert guard._hard_words(out) <= guard._hard_words(text)
            assert not worse_to_read(text, out), (text, out)
    assert offered >= 10


def worse_to_read(text: str, out: str) -> bool:
    """Longer sentences on average *and* a higher grade. Either alone is no verdict: a
    grade formula rewards filler such as "I would say that" (short words), and plain
    words can be more words ("data-driven" -> "based on data")."""
    before = analyze(text, "executive", SEED).metrics
    after = analyze(out, "executive", SEED).metrics
    longer = after.words / max(after.sentences, 1) > before.words / max(before.sentences, 1)
    return longer and after.flesch_kincaid_grade > before.flesch_kincaid_grade


def test_headlines_and_calls_to_action_on_the_articles_are_grounded():
    for path in SAMPLES:
        text = path.read_text()
        for action in ("headlines", "cta"):
            kind, out = outcome(action, text)
            if kind == "held":
                continue
            for line in out.splitlines():
                choice = line.split(" | ")[0]
                assert grounding.grounded(choice, text), (path.name, choice)


@pytest.mark.parametrize("action, text, never", [
    ("executive", "I think that has to change.", "Has to change"),
    ("jargon", "We built it on the new API gateway last year.", "new a "),
    ("clarity", "You just have to measure what matters to the board.", "Just"),
])
def test_issue_13_regressions(action, text, never):
    kind, out = outcome(action, text)
    assert never not in out
    if kind == "offered":
        assert guard.harms(action, text, out) == []


def test_headlines_never_invent_a_count():
    text = ("Below are four lessons CMOs can teach CIOs. Lesson one: know the customer. "
            "Lesson two: speak the business's language. Lesson three: measure what matters. "
            "Lesson four: content is king.")
    kind, out = outcome("headlines", text)
    assert kind == "held" or not re.search(r"\b(?:[0-9]|1[0-9])\b", out)


def test_the_guard_matches_the_hand_labelled_set():
    from tests.unit.suggestions.labelled import CHOICES
    from tests.unit.suggestions.labelled import REWRITES as LABELLED

    assert len(LABELLED) + len(CHOICES) >= 80
    wrong = [(a, out) for a, text, out, ok in LABELLED if (guard.harms(a, text, out) == []) != ok]
    wrong += [(k, c) for k, text, c, ok in CHOICES if grounding.grounded(c, text) != ok]
    assert wrong == []


def test_the_engine_matches_the_hand_labelled_set():
    """The engine never gives an output labelled not acceptable, and on the passages of
    the tagger-era labels it gives exactly the output labelled acceptable."""
    from tests.unit.suggestions.labelled import CHOICES
    from tests.unit.suggestions.labelled import REWRITES as LABELLED

    for action, text, out, ok in LABELLED:
        kind, got = outcome(action, text)
        if not ok:
            assert got.strip() != out.strip(), (action, text)
    tagger_era = LABELLED[LABELLED.index(next(r for r in LABELLED if r[1].startswith("In order to cut the bill"))):]
    for action, text, out, ok in tagger_era:
        if ok:
            assert outcome(action, text) == ("offered", out), (action, text)
    for kind, text, choice, ok in CHOICES:
        if not ok:
            assert choice not in outcome(kind, text)[1].split(" | ")[0:1], (kind, choice)


def test_issue_13_choices_on_the_articles():
    """No template around a non-phrase ("How we tackled teach CIOs"), no count the post does
    not state ("8 lessons from CMOs"), no call to action built around a topic guess."""
    for path in SAMPLES:
        text = path.read_text()
        answers = [out for kind, out in (outcome("headlines", text), outcome("cta", text))
                   if kind == "offered"]
        for line in "\n".join(answers).splitlines():
            choice = line.split(" | ")[0]
            assert not re.search(r"tackled|matters? to the board|lessons from|taught us|"
                                 r"ready for|customers notice|Follow me", choice), choice
            assert grounding._counts(choice) <= grounding._counts(text), choice


def test_the_excerpt_is_of_the_selection_and_the_meta_description_has_no_prefix():
    draft = next(p for p in SAMPLES if p.name.startswith("seed-000")).read_text()
    selection = ("Our cloud costs grew by 38% in 2023, and nobody in the finance team could say which "
                 "product was responsible for the increase.")
    out = ENGINE.suggest("excerpt", selection, glossary=SEED, draft=draft, title="What CMOs Can Teach CIOs")
    excerpt, meta = (line.split(" | ", 1)[1] for line in out.splitlines())
    assert excerpt == meta == selection
    whole = ENGINE.suggest("excerpt", "", glossary=SEED, draft=draft, title="What CMOs Can Teach CIOs")
    meta = whole.splitlines()[1].split(" | ", 1)[1]
    assert meta.startswith("Now more than ever") and not meta.lower().startswith("teach cios")
