"""Hostile text for the cost checks: the paths that read user text, and inputs built to be slow.

Shared by tests/unit/test_adversarial_properties.py (hypothesis, time budget
relative to plain prose of the same length) and bench/adversarial.py (prints
the worst case found).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

PROSE = ("Our cloud bill fell by a third after we moved the reporting jobs. The board "
         "approved the plan in March, and the team shipped it in six weeks. ")


@dataclass(frozen=True)
class _Person:
    name: str
    email: str


PEOPLE = [_Person(f"Person {i} Lee", f"person{i}.lee@example.com") for i in range(40)]


def repeat(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


# Each family: a name and a function from a length to a text of about that length.
FAMILIES: dict[str, Callable[[int], str]] = {
    "open brackets": lambda n: repeat("[", n),
    "nested link brackets": lambda n: "[" * (n // 2) + "a" + "](x)" * (n // 8),
    "link openers": lambda n: repeat("[a](", n),
    "image openers": lambda n: repeat("![", n),
    "image alt runs": lambda n: repeat("![a", n),
    "prose with unclosed brackets": lambda n: repeat("the plan [see notes and ", n),
    "link refs": lambda n: repeat("[a]: <", n),
    "emphasis stars": lambda n: repeat("*a ", n),
    "emphasis underscores": lambda n: repeat("_a ", n),
    "strong runs": lambda n: repeat("**a", n),
    "mixed delimiters": lambda n: repeat("*_~~*_", n),
    "backticks": lambda n: repeat("`", n),
    "code openers": lambda n: repeat("``a", n),
    "angle brackets": lambda n: repeat("<", n),
    "tag openers": lambda n: repeat("<a ", n),
    "comment openers": lambda n: repeat("<!--", n),
    "autolink openers": lambda n: repeat("<http://a", n),
    "entities": lambda n: repeat("&#x", n),
    "backslashes": lambda n: repeat("\\", n),
    "urls": lambda n: repeat("http://a.b/", n),
    "quotes": lambda n: repeat(">", n),
    "list nesting": lambda n: repeat("- ", n),
    "ordered nesting": lambda n: repeat("1. ", n),
    "table pipes": lambda n: "|" + repeat("a|", n // 2) + "\n|" + repeat("-|", n // 2),
    "table rows": lambda n: "|a|b|\n|-|-|\n" + repeat("|a|\n", n),
    "headings": lambda n: repeat("###### x\n", n),
    "fences": lambda n: repeat("```\n", n),
    "no spaces": lambda n: repeat("a", n),
    "dots and abbreviations": lambda n: repeat("U.S. e.g. 3.5 ", n),
    "one long line of words": lambda n: repeat("word ", n),
    "mentions": lambda n: repeat("@Person 1 Lee @person2 ", n),
    "whitespace": lambda n: repeat(" \t\n", n),
}


def _analysis(text: str) -> object:
    from drafts.highlight import Highlight, render_highlighted
    from drafts.readability import analyze, load_seed_glossary

    report = analyze(text, "executive", load_seed_glossary(), title="A title")
    highlights = [Highlight(f.span[0], f.span[1], f.kind, i) for i, f in enumerate(report.findings)]
    return render_highlighted(text, highlights)


def _render(text: str) -> object:
    from drafts.rendering import render

    return render(text)


def _export(text: str) -> object:
    from drafts.rendering import markdown_for_export, markdown_to_html

    return markdown_to_html(markdown_for_export(text))


def _reanchor(text: str) -> object:
    from drafts.review.comment_text import find_passage

    quote = (text[: 5000] or "x") + " gone"
    return find_passage(text, quote, len(text)), find_passage(text, text[-40:] or "x", 0)


def _mentions(text: str) -> object:
    from drafts.review.comment_text import find_mentions

    return find_mentions(text[:5000], PEOPLE)  # comments are at most 5,000 characters


def _builtin_suggestions(text: str) -> object:
    from drafts.suggestions.builtin import ACTIONS, _answer
    from drafts.suggestions.builtin_guard import NothingSafe
    from drafts.suggestions.provider import ProviderBadRequest, Request

    answers = []
    for action in sorted(ACTIONS):
        request = Request(messages=(), model="builtin", max_tokens=1000, action=action, text=text,
                          context={"draft": text, "title": "A title", "glossary": []})
        try:
            answers.append(_answer(request))
        except (ProviderBadRequest, NothingSafe):  # a plain answer: nothing safe to offer
            answers.append("")
    return answers


# The paths that read what a person typed, as they run per request.
PATHS: dict[str, Callable[[str], object]] = {
    "preview (render)": _render,
    "coach (analyze + highlighted preview)": _analysis,
    "export (Markdown + HTML)": _export,
    "comment re-anchoring": _reanchor,
    "comment @mentions": _mentions,
    "built-in suggestions (every action)": _builtin_suggestions,
}


def timed(function: Callable[[str], object], text: str, runs: int = 1) -> float:
    """CPU seconds of this thread (steady on a loaded machine), best of `runs`."""
    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        function(text)
        best = min(best, time.thread_time() - start)
    return best


@lru_cache(maxsize=64)
def plain_time(path: str, size: int) -> float:
    """The best of three runs on ordinary prose of `size` characters."""
    return timed(PATHS[path], repeat(PROSE, size), runs=3)
