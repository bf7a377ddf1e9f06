"""Highlight markers never change how the Markdown parses."""

from drafts.highlight import Highlight, render_highlighted
from drafts.rendering import markdown_to_html


def _strip_marks(html: str) -> str:
    import re

    return re.sub(r"</?mark[^>]*>", "", html)


def test_highlights_around_emphasis_keep_the_emphasis():
    text = "_Really_ it was decided by the board. **Very good.** ~~old~~ and *new* words."
    spans = []
    for index, needle in enumerate(["_Really_ it was decided by the board.", "Really",
                                    "**Very good.**", "~~old~~", "new", "*new*"]):
        start = text.index(needle)
        spans.append(Highlight(start, start + len(needle), "hard", index))
    html = render_highlighted(text, spans)
    assert _strip_marks(html) == markdown_to_html(text)
    assert html.count("<mark") == 6


def test_highlights_inside_links_tables_and_raw_html_text():
    text = "| a | b |\n|---|---|\n| **one** | <b>two</b> |\n\nSee [the *plan*](https://e.com) now."
    spans = [Highlight(text.index(n), text.index(n) + len(n), "adverb", i)
             for i, n in enumerate(["**one**", "<b>two</b>", "the *plan*", "plan"])]
    html = render_highlighted(text, spans)
    assert _strip_marks(html) == markdown_to_html(text)
    assert "&lt;b&gt;" in html and "<b>" not in html
