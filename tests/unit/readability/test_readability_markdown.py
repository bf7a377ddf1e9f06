"""Markdown awareness: what is prose, where units end, where sentences end."""

from __future__ import annotations

import pytest

from drafts.readability.segment import segment
from drafts.readability.sentences import split_sentences


def sentences(markdown: str) -> list[str]:
    seg = segment(markdown)
    return [markdown[r.start : r.end] for r in split_sentences(seg)]


def prose(markdown: str) -> str:
    return " ".join(segment(markdown).masked.split())


def test_code_blocks_are_not_prose(find):
    md = (
        "We ship daily.\n\n```python\nleverage = synergy  # paradigm\n```\n\n"
        "    indented = 'leverage the paradigm'\n\n~~~\nleverage\n~~~\n"
    )
    assert find(md, "buzzword") == []
    assert prose(md) == "We ship daily."


def test_inline_code_urls_html_and_images_are_not_prose():
    md = (
        "Run `leverage --synergy` now. See https://example.com/leverage and "
        "<span class=\"paradigm\">this</span> chart ![a paradigm shift](img/leverage.png) "
        "or <https://x.io/synergy> or www.synergy.io today."
    )
    text = prose(md)
    assert "leverage" not in text and "synergy" not in text and "paradigm" not in text
    assert "this" in text and "chart" in text and "today." in text


def test_link_text_is_prose_but_destination_is_not(find):
    md = "Read [how we leverage data](https://example.com/paradigm) today."
    assert find(md, "buzzword") == ["leverage"]
    assert "paradigm" not in prose(md)


def test_heading_then_list_never_merge():
    md = "## Why we moved\n- Costs were too high\n- Releases took weeks\n\n| Team | Result |\n|---|---|\n| Ops | Faster releases |\n"
    assert sentences(md) == [
        "Why we moved", "Costs were too high", "Releases took weeks",
        "Team", "Result", "Ops", "Faster releases",
    ]


def test_units_have_kinds():
    md = "# Title here\n\nA paragraph.\n\n- an item\n\n| a | b |\n|---|---|\n| c | d |\n\nSetext heading\n---\n"
    kinds = [u.kind for u in segment(md).units]
    assert kinds == ["heading", "paragraph", "list_item", "table_cell", "table_cell",
                     "table_cell", "table_cell", "heading"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. market grew. Europe did not.", ["The U.S. market grew.", "Europe did not."]),
        ("Use tools, e.g. Jira and i.e. boards. Then stop.",
         ["Use tools, e.g. Jira and i.e. boards.", "Then stop."]),
        ("Dr. Smith of Acme Inc. agreed with us.", ["Dr. Smith of Acme Inc. agreed with us."]),
        ("We bought servers, racks, etc. and then waited.",
         ["We bought servers, racks, etc. and then waited."]),
        ("Revenue grew 3.5 percent. Costs fell 2.25%.", ["Revenue grew 3.5 percent.", "Costs fell 2.25%."]),
        ("Margins fell. We acted.", ["Margins fell.", "We acted."]),
        ("Why? Because speed matters!", ["Why?", "Because speed matters!"]),
        ("We hired Acme Inc. The results came fast.", ["We hired Acme Inc.", "The results came fast."]),
        ('He said "ship it." We did.', ['He said "ship it."', "We did."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_spans_point_into_the_original_markdown(run):
    md = "> **Latency** was *reduced* by [the team](http://x.y).\n>\n> We really leverage `code`."
    report = run(md)
    texts = {f.kind: md[f.span[0] : f.span[1]] for f in report.findings}
    assert texts["buzzword"] == "leverage"
    assert texts["qualifier"] == "really"
    assert texts["passive"] == "was *reduced"
    for s in report.sentences:
        assert 0 <= s.span[0] < s.span[1] <= len(md)


def test_html_block_and_front_matter_like_rules_are_skipped():
    md = "<div>\nleverage synergy\n</div>\n\nPlain words here.\n\n---\n\n<!-- a\nparadigm -->\nEnd."
    assert "leverage" not in prose(md) and "paradigm" not in prose(md)
    assert sentences(md) == ["Plain words here.", "End."]
