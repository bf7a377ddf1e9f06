"""The editor bundle on a bare page: highlights as decorations mapped from Markdown offsets,
comment anchors, the selection it reports, and the highlight card from the keyboard."""

from __future__ import annotations

import pytest

from tests.browser.bundle_editor import load, md, select_text

pytestmark = pytest.mark.browser


def test_highlights_are_decorations_mapped_from_markdown_offsets(ed):
    text = "# Plan\n\nWe will utilize synergy. Then we utilize it again.\n\n- The **very** long item"
    load(ed, text)
    second = text.index("utilize", text.index("Then"))
    findings = [
        {"index": 0, "kind": "wordy", "text": "utilize", "start": second, "end": second + 7, "title": "Wordy"},
        {"index": 1, "kind": "hard", "text": "The **very** long item", "start": text.index("The **"),
         "end": len(text), "title": "Hard"},
        # Offsets from an older version of the text: found by its words instead.
        {"index": 2, "kind": "buzzword", "text": "synergy", "start": 1, "end": 8, "title": "Buzzword"},
    ]
    ed.evaluate("(l) => __ed.setHighlights(l, {visible: true})", findings)
    shown = ed.evaluate(
        "() => [...new Set([...document.querySelectorAll('.bl-prose mark.hl')].map(m => m.dataset.finding))]"
    )
    assert sorted(shown) == ["0", "1", "2"]
    wordy = ed.locator("mark.hl-wordy")
    assert wordy.inner_text() == "utilize"
    assert wordy.evaluate("(m) => m.closest('p').textContent").startswith("We will utilize synergy. Then")
    assert ed.evaluate(
        "() => { const m = document.querySelector('mark.hl-wordy'); const p = m.closest('p');"
        " return p.textContent.indexOf('Then') < p.textContent.indexOf(m.textContent, 20); }"
    )
    assert ed.locator("mark.hl-hard").all_inner_texts() == ["The ", "very", " long item"] or (
        "".join(ed.locator("mark.hl-hard").all_inner_texts()) == "The very long item"
    )
    assert ed.locator("mark.hl-buzzword").inner_text() == "synergy"
    # Colours come from app.css; hiding them costs no rebuild.
    bg = wordy.evaluate("(m) => getComputedStyle(m).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    ed.evaluate("() => __ed.setHighlightsVisible(false)")
    assert wordy.evaluate("(m) => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    ed.evaluate("() => __ed.setHighlightsVisible(true)")
    # Typing before a highlight moves it with its words.
    ed.click(".bl-prose h1")
    ed.keyboard.press("End")
    ed.keyboard.type(" for 2027")
    assert ed.locator("mark.hl-wordy").inner_text() == "utilize"
    assert md(ed).startswith("# Plan for 2027\n\n")
    ed.locator("mark.hl-buzzword").click()
    event = ed.evaluate("() => __events.filter(e => e.type === 'highlight').pop()")
    assert event["index"] == 2 and event["kind"] == "buzzword" and event["top"] > 0


def test_comment_anchors_mark_the_passage_and_select_it(ed):
    load(ed, "First paragraph.\n\nThe budget doubles next year, says the plan.\n\nLast one.")
    ed.evaluate(
        "() => __ed.setCommentAnchors(["
        "{id: 7, quote: 'budget doubles next year', resolved: false, outdated: false},"
        "{id: 8, quote: 'no longer in the text', resolved: false, outdated: true}])"
    )
    anchor = ed.locator(".bl-prose .bl-comment")
    assert anchor.inner_text() == "budget doubles next year"
    marker = ed.get_by_role("button", name="Open comment thread")
    assert marker.count() == 1
    marker.click()
    assert ed.evaluate("() => __events.filter(e => e.type === 'comment').pop().id") == "7"
    ed.click("text=Last one.")
    assert ed.evaluate("() => __ed.selectComment(7)") is True
    assert ed.evaluate("() => __ed.getSelection().text") == "budget doubles next year"
    assert ed.evaluate("() => __ed.selectComment(8)") is False
    # Editing inside the paragraph keeps the anchor on its words.
    ed.click("text=First paragraph.")
    ed.keyboard.press("Home")
    ed.keyboard.type("The ")
    assert anchor.inner_text() == "budget doubles next year"


def test_selection_reports_text_and_markdown(ed):
    load(ed, "Plain and **bold** words.")
    select_text(ed, "Plain and bold")
    sel = ed.evaluate("() => __ed.getSelection()")
    assert sel["empty"] is False
    assert sel["text"] == "Plain and bold"
    assert sel["markdown"] == "Plain and **bold**"
    ed.wait_for_function("() => __events.some(e => e.type === 'selection' && e.sel.text === 'Plain and bold')")
    # Extending it with the keyboard is reported too.
    ed.keyboard.press("Shift+ArrowRight")
    ed.wait_for_function("() => __events.filter(e => e.type === 'selection').pop().sel.text === 'Plain and bold '")


def test_highlight_card_opens_from_the_keyboard(ed):
    load(ed, "We will utilize it.")
    ed.evaluate(
        "() => __ed.setHighlights([{index: 4, kind: 'wordy', text: 'utilize', start: 8, end: 15,"
        " title: 'Wordy'}], {visible: true})"
    )
    select_text(ed, "tili")
    ed.keyboard.press("ArrowLeft")  # caret inside the highlighted word
    ed.keyboard.press("Alt+Enter")
    event = ed.evaluate("() => __events.filter(e => e.type === 'highlight').pop()")
    assert event["index"] == 4
    assert md(ed) == "We will utilize it."
