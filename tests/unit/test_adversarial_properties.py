"""No path that reads user text does more than linear work, whatever the text.

Hypothesis builds hostile Markdown by repeating a short pattern of
Markdown-significant pieces (brackets, stars, backticks, tags, pipes...),
which is how quadratic cases show up. For each path (preview, coach with the
highlighted preview, export, comment re-anchoring, @mentions) the CPU time
on the pattern must stay within a budget relative to plain prose of the same
length, and quadrupling the length must not cost much more than four times
as much. `bench/adversarial.py` prints the worst case over fixed families.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (see hostile_text)

from hostile_text import FAMILIES, PATHS, plain_time, repeat  # noqa: E402

from drafts.rendering import INLINE_STEP_BUDGET, MarkdownTooComplex, markdown_to_html, render  # noqa: E402

PIECES = ["[", "]", "(", ")", "![", "*", "**", "_", "`", "``", "<", ">", "<!--", "-->", "<a ",
          "&#x", "&", ";", "\\", "|", "~~", "#", "- ", "1. ", "\n", "\n\n", " ", "a", "word",
          "http://", "www.", "@", ".", ":", "\"", "'", "U.S.", "-", "=", "\t", "    "]
SMALL, LARGE = 4_000, 16_000


def cpu(function, text: str, runs: int = 2) -> float:
    import time

    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        function(text)
        best = min(best, time.thread_time() - start)
    return best


def _check(path: str, pattern: str) -> None:
    function = PATHS[path]
    small = cpu(function, repeat(pattern, SMALL), runs=3)
    large = cpu(function, repeat(pattern, LARGE))
    # An export parses three times (source positions, the raw-HTML check, the HTML).
    passes = 3 if path.startswith("export") else 1
    budget = 50 * plain_time(path, LARGE) + passes * 30e-6 * LARGE + 0.05
    if large > min(10 * small + 0.05, budget):
        # CPU time still varies with a busy machine's clock and caches: measure the
        # large text again before calling it a failure (a quadratic path fails both times).
        large = min(large, cpu(function, repeat(pattern, LARGE), runs=3))
    # Linear: four times the text, not much more than four times the time (quadratic: 16).
    assert large <= 10 * small + 0.05, (path, pattern, small, large)
    # And a bounded cost per character next to plain prose of the same length.
    assert large <= budget, (path, pattern, large, budget)


@pytest.mark.parametrize("path", sorted(PATHS))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
def test_hostile_patterns_cost_linear_time(path, pattern):
    _check(path, pattern)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_known_hostile_families_cost_linear_time(family):
    pattern = FAMILIES[family](64)
    for path in PATHS:
        _check(path, pattern)


def test_the_issue_cases_are_fast_now():
    """20 KB of nested link brackets took 74 s; unclosed brackets in prose took 6 s."""
    for text in ("[" * 20_000, "[a](" * 5_000, repeat("the plan [see notes and ", 20_000)):
        assert cpu(render, text, runs=1) < 2.0
        assert cpu(PATHS["coach (analyze + highlighted preview)"], text, runs=1) < 4.0


def test_over_the_budget_the_preview_shows_the_text_and_exports_say_what_to_do():
    hostile = "![a" * (INLINE_STEP_BUDGET // 2)
    assert cpu(render, hostile, runs=1) < 5.0
    rendered = render(hostile)
    assert rendered.too_complex and "Preview paused" in rendered.html
    assert "<pre>![a![a" in rendered.html and rendered.words > 0
    with pytest.raises(MarkdownTooComplex, match="put it inside a code block"):
        markdown_to_html(hostile)
    # The same characters inside a code block cost nothing and render.
    fenced = "```\n" + hostile + "\n```\n\nAfter the code."
    assert "<p>After the code.</p>" in markdown_to_html(fenced)
    # Real Markdown far larger than any draft stays well inside the budget.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert not render(readme * 20).too_complex
