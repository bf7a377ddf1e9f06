"""The tagger and inflection layer of the built-in engine (drafts/suggestions/grammar.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafts.suggestions import grammar
from drafts.suggestions.builtin import BuiltinEngine

ROOT = Path(__file__).resolve().parents[3]


def test_it_runs_with_no_network_and_no_nltk_data():
    """Nothing downloads at run time: a fresh interpreter whose sockets all fail, with
    NLTK pointed at an empty place, tags, chunks and inflects."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from drafts.suggestions import grammar\n"
        "print(grammar.plural_phrase('a connection between systems'))\n"
        "print(grammar.noun_phrases('The new API gateway connects four legacy systems.'))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "NLTK_DATA": "/nonexistent", "HF_HUB_OFFLINE": "1",
           "HOME": "/nonexistent", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=60, check=True).stdout
    assert out.splitlines() == ["connections between systems",
                                "['new API gateway', 'four legacy systems']"]


@pytest.mark.parametrize("text, verb_first", [
    ("has to change", True),
    ("That has to change.", False),
    ("will cut the bill", True),
    ("We will cut the bill.", False),
    ("Review the bill every week.", False),  # an instruction starts with a base form, not a finite verb
])
def test_a_sentence_that_starts_with_a_finite_verb_has_lost_its_subject(text, verb_first):
    assert grammar.starts_with_verb(text) is verb_first


@pytest.mark.parametrize("sentence, left", [
    ("Our core ordering system is a monolith that was written in 2009, and every change to it "
     "takes weeks of testing.", "Our core ordering system is a monolith that was written in 2009"),
    ("No CMO wants to be seen as careless with security, but at the same time, no one wants a CMO "
     "to put security before customers.", "No CMO wants to be seen as careless with security"),
    ("The result was a 22% cut in monthly spend by the end of the year, and the board now reviews "
     "the cloud bill every quarter.", "The result was a 22% cut in monthly spend by the end of the year"),
])
def test_splits_where_two_whole_clauses_meet(sentence, left):
    points = grammar.split_points(sentence)
    assert [sentence[:p] for p in points] == [left]


@pytest.mark.parametrize("sentence", [
    # the second half has no subject of its own
    "Hold joint meetings on a regular basis to ensure strategies are aligned, and share data and "
    "findings with the product teams.",
    # its only verb is in a relative clause: "the technology that makes"
    "Every item starts with the business outcome, then the cost, then the risk, and only at the "
    "end the technology that makes it possible.",
    # its verb sits after a subordinator: "as he or she considers"
    "You can also begin to understand the concerns of the CMO, and ideally partner with your "
    "colleague as he or she considers new initiatives.",
    # a list of verbs, not two clauses
    "Understanding how CMOs prioritize projects, allocate budgets, and lead their teams can teach "
    "CIOs what agile means.",
    # one sentence in two halves
    "The sooner you get your people exposed to marketing's concerns, and offer technical "
    "solutions, the more likely both roles succeed.",
])
def test_no_split_where_one_half_is_not_a_clause(sentence):
    assert grammar.split_points(sentence) == []


@pytest.mark.parametrize("phrase, plural", [
    ("a connection between systems", "connections between systems"),
    ("a system that runs our software across many servers",
     "systems that run our software across many servers"),
    ("central store of raw data", "central stores of raw data"),
    ("old system still in use", "old systems still in use"),
    ("traffic distributor", "traffic distributors"),
])
def test_plural_alternatives_are_inflected(phrase, plural):
    assert grammar.plural_phrase(phrase) == plural


def test_verb_forms_come_from_lemminflect():
    assert grammar.inflect("leverage", "VBZ") == "leverages"
    assert grammar.inflect("build", "VBD") == "built"
    assert grammar.inflect("Gateway", "NNS") == "Gateways"


def test_noun_phrases_drop_determiners_and_pronouns():
    assert grammar.noun_phrases("Below are four lessons CMOs can teach CIOs. They need the same "
                                "language.") == ["four lessons CMOs", "CIOs", "same language"]


@pytest.mark.parametrize("text, out", [
    ("Our APIs let partners connect, and every new API must state who pays for it.",
     "Our connections between systems (APIs) let partners connect, and every new connection "
     "between systems must state who pays for it."),
    ("We replaced two legacy systems with one data warehouse.",
     "We replaced two old systems still in use with one central store of cleaned business data."),
])
def test_glossary_replacements_fit_the_sentence(text, out):
    assert BuiltinEngine().suggest("jargon", text) == out


def test_a_glossary_term_used_as_a_modifier_is_left_and_the_engine_says_why():
    from drafts.suggestions.builtin_guard import NothingSafe

    with pytest.raises(NothingSafe) as held:
        BuiltinEngine().suggest("jargon", "We built it on the new API gateway last year.")
    assert "“API” describes “gateway”" in held.value.message
