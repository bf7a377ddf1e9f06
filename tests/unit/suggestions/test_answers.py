"""Answers are checked before they are offered (issue 13, item 5)."""

from __future__ import annotations

import pytest

from drafts.suggestions.actions import ACTIONS
from drafts.suggestions.answers import check_choices, clean_rewrite, result_payload
from drafts.suggestions.provider import ProviderError

PASSAGE = "We cut release time from nine months to six weeks by testing every change."
PARAGRAPH = (
    "Now more than ever, organizations' chief information officers and chief marketing "
    "officers must rely on each other to do their jobs more effectively. Below is Part II."
)


def test_echoed_delimiters_and_unasked_markup_are_stripped_from_a_rewrite():
    answer = "<draft>\nWe cut release time to six weeks by testing every change.</pre>\n</draft>"
    payload = result_payload(ACTIONS["clarity"], PASSAGE, answer)
    assert payload["text"] == "We cut release time to six weeks by testing every change."
    assert "<" not in "".join(s["new"] for s in payload["segments"])
    assert payload["notes"] == ["Byline removed markup the model added that was not in your passage."]


def test_markup_the_passage_had_is_kept_and_a_title_echo_goes():
    original = "Use the <kbd>Save</kbd> button."
    checked = clean_rewrite(original, "Post title: Saving\nPress <kbd>Save</kbd>.<script>x</script>")
    assert checked.text == "Press <kbd>Save</kbd>.x"


def test_paragraphs_offered_as_headlines_are_dropped_and_said_so():
    answer = "\n".join([
        "Nine months to six weeks: how we ship | a number",
        f"{PARAGRAPH} | too long",
        "We test. Then we ship. | two sentences",
        "<draft> | echo",
        "Why testing every change pays | a question",
    ])
    kept, notes = check_choices(ACTIONS["headlines"], answer)
    assert [c.text for c in kept] == ["Nine months to six weeks: how we ship",
                                      "Why testing every change pays"]
    assert any("left out 1 option the model offered: longer than 90 characters" in n for n in notes)
    assert any("more than one sentence" in n for n in notes)


def test_no_usable_headline_is_an_error_that_says_why():
    with pytest.raises(ProviderError) as failure:
        result_payload(ACTIONS["headlines"], PASSAGE, "\n".join([PARAGRAPH] * 5))
    assert "left out 5 options" in failure.value.message and "unchanged" in failure.value.message


def test_every_kept_headline_is_a_title_the_save_accepts():
    from drafts.writing.editing import MAX_TITLE

    answer = "\n".join(f"Headline number {i} about shipping faster | why" for i in range(9))
    kept, _ = check_choices(ACTIONS["headlines"], answer)
    assert len(kept) == 5 and all(len(c.text) < MAX_TITLE for c in kept)


def test_an_excerpt_over_its_limit_is_not_offered_and_a_long_meta_is_dropped():
    with pytest.raises(ProviderError) as failure:
        result_payload(ACTIONS["excerpt"], PASSAGE, f"Excerpt | {PARAGRAPH}")
    assert "over the 160" in failure.value.message
    payload = result_payload(ACTIONS["excerpt"], PASSAGE,
                             f"Excerpt | We ship in six weeks.\nMeta description | {PARAGRAPH}")
    assert payload["excerpt"] == "We ship in six weeks." and payload["meta_description"] == ""
    assert "left out the meta description" in payload["notes"][0]
