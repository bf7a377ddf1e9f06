"""The public API: exports, version, frozen results, JSON output, no Flask."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import drafts.readability as rd
from drafts.readability import ANALYZER_VERSION, GlossaryTerm, analyze

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "drafts" / "readability"


def test_exports_and_version():
    for name in ("analyze", "GlossaryTerm", "ANALYZER_VERSION", "load_seed_glossary", "warm_up"):
        assert hasattr(rd, name)
    assert "textstat/0.7.13" in ANALYZER_VERSION
    term = GlossaryTerm("latency", "delay", "say how long")
    assert (term.term, term.alternative, term.note) == ("latency", "delay", "say how long")


def test_report_is_frozen_and_typed(run):
    report = run("We cut costs by 10%. The plan was approved by the board.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.audience = "general"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings[0].kind = "x"  # type: ignore[misc]
    assert report.analyzer_version == ANALYZER_VERSION


def test_to_dict_is_json_with_documented_shape(run, seed_glossary):
    md = "# Why latency matters\n\nLatency was reduced by the team. We leverage APIs.\n"
    report = analyze(md, "general", seed_glossary, title="Why latency matters to revenue")
    data = report.to_dict()
    again = json.loads(json.dumps(data))
    assert again == data
    assert set(data) == {
        "analyzer_version", "audience", "title", "post_type", "metrics", "score",
        "summary", "sentences", "findings", "structure", "scorecard",
    }
    assert set(data["metrics"]) >= {
        "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
        "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
        "text_standard", "words", "sentences", "paragraphs", "reading_time_minutes",
    }
    finding = data["findings"][0]
    assert set(finding) == {"kind", "span", "message", "suggestion", "sentence"}
    assert isinstance(finding["span"], list) and len(finding["span"]) == 2
    assert {c["id"] for c in data["structure"]} == {
        "sentence_length", "paragraph_length", "subheading_distribution",
        "passive_voice", "transition_words", "consecutive_sentences",
    }
    assert [c["id"] for c in data["scorecard"]] == [
        "headline", "opening", "subheadings", "evidence", "business_outcomes",
        "point_of_view", "call_to_action", "length",
    ]
    assert set(data["score"]) == {"score", "light", "grade", "flesch_reading_ease", "band", "reason",
                                  "deductions"}
    # The documentation names every top-level key.
    doc = (ROOT / "docs" / "readability.md").read_text(encoding="utf-8")
    for key in data:
        assert f"`{key}`" in doc


def test_bad_arguments_get_a_sentence_that_says_what_to_do():
    with pytest.raises(ValueError, match="executive, general, technical"):
        analyze("Hello there.", "ceo", [])
    with pytest.raises(ValueError, match="short, standard, long"):
        analyze("Hello there.", "general", [], post_type="epic")


def test_package_never_imports_flask():
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert re.search(r"^\s*(import|from)\s+flask", source, re.MULTILINE) is None, path
    code = "import sys, drafts.readability as r; r.analyze('Hi there.', 'general', []);" \
           "print('flask' in sys.modules, 'textstat' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_modules_stay_small():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path


def test_warm_up_then_first_analysis_is_fast():
    code = (
        "import time; t=time.perf_counter();"
        "import drafts.readability as r; r.warm_up();"
        "t1=time.perf_counter(); r.analyze('We cut costs. ' * 300, 'executive',"
        " r.load_seed_glossary()); t2=time.perf_counter();"
        "print(t2 - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert float(out) < 3.0  # generous for a loaded CI machine; the bench prints the real figure
