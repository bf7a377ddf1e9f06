"""Property tests: never raises, spans stay inside the text, big drafts work."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafts.readability import analyze

MARKDOWN_BITS = st.sampled_from([
    "# ", "## ", "- ", "* ", "1. ", "> ", "```", "~~~", "    ", "\t", "|", "---", "\n", "\n\n",
    "`", "**", "_", "[", "]", "(", ")", "![", "<div>", "</div>", "<!--", "-->", "http://x.io/a.b",
    "e.g.", "U.S.", "Dr.", "3.5", "...", "?", "!", ".", " ", "The plan was approved.",
    "We leverage synergy going forward.", "SLA", "Service Level Agreement (SLA)", "really",
    "quickly", "In order to", "latency", "’", "é", "İ", "ß", "\u0301", "\u2028", "\r\n", "😀",
])


def check_report(text: str, audience: str = "executive") -> None:
    report = analyze(text, audience, [], title=text[:40])
    n = len(text)
    for f in report.findings:
        assert 0 <= f.span[0] <= f.span[1] <= n
    for s in report.sentences:
        assert 0 <= s.span[0] < s.span[1] <= n
    for c in report.structure:
        assert all(0 <= a <= b <= n for a, b in c.spans)
    for c in report.scorecard:
        assert all(0 <= a <= b <= n for a, b in c.spans)
    assert 0 <= report.score.score <= 100
    json.dumps(report.to_dict())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    check_report(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_BITS, max_size=60).map("".join),
       st.sampled_from(["executive", "general", "technical"]))
def test_arbitrary_markdown_never_raises(text, audience):
    check_report(text, audience)


def test_empty_draft_gives_a_well_formed_empty_report():
    for text in ("", "   \n\n", "```\ncode only\n```"):
        report = analyze(text, "general", [])
        assert report.findings == () and report.sentences == ()
        assert report.metrics.words == 0 and report.metrics.sentences == 0
        assert report.metrics.flesch_reading_ease == 0.0
        assert report.score.light == "grey"
        assert {c.light for c in report.structure} <= {"grey", "green"}
        assert len(report.scorecard) == 8
        json.dumps(report.to_dict())


def test_one_megabyte_draft():
    block = (
        "## Section\n\nWe cut costs by 12% in the U.S. The plan was approved by the board. "
        "In order to move the needle we leverage `code` and [links](http://x.io).\n\n"
        "- item one\n- item two\n\n```\nx = 1\n```\n\n"
    )
    text = block * (1_000_000 // len(block) + 1)
    assert len(text) >= 1_000_000
    report = analyze(text, "executive", [])
    assert report.metrics.words > 100_000
    assert all(0 <= f.span[0] <= f.span[1] <= len(text) for f in report.findings)
