"""The editor bundle on its own (static/vendor/byline-editor.js), on a bare page.

Each test drives Chromium like a writer: typing, shortcuts, the link dialog,
undo, the Markdown toggle, highlights and comment anchors, and checks the
Markdown the editor hands back (what Byline stores).

Highlights, comment anchors and the selection are in test_editor_bundle_highlights.py,
images in test_editor_bundle_images.py; the helpers in bundle_editor.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.bundle_editor import SAMPLE, caret_to_end, load, md, select_text

pytestmark = pytest.mark.browser


def test_renders_markdown_as_the_post_looks(ed):
    load(ed, SAMPLE)
    prose = ed.locator(".bl-prose")
    assert prose.locator("h2").inner_text() == "Heading two"
    assert prose.locator("strong").inner_text() == "bold"
    assert prose.locator("em").inner_text() == "italic"
    assert prose.locator("s").inner_text() == "struck"
    assert prose.locator("p code").inner_text() == "code"
    assert prose.locator("a").get_attribute("href") == "https://example.com"
    assert prose.locator("ul > li").count() == 3
    assert prose.locator("ul ul > li").inner_text() == "nested"
    assert prose.locator("ol").get_attribute("start") == "3"
    assert prose.locator("blockquote").inner_text() == "A quote"
    assert prose.locator("pre code").inner_text() == 'print("hi")'
    assert prose.locator(".bl-code-lang").input_value() == "python"
    assert prose.locator("th").all_inner_texts() == ["Name", "Score"]
    assert prose.locator("td.align-right").inner_text() == "3"
    assert prose.locator("img[src]").get_attribute("alt") == "A chart"
    assert prose.locator("hr").count() == 1
    assert prose.locator("p br:not(.ProseMirror-trailingBreak)").count() == 1
    font = ed.evaluate("() => getComputedStyle(document.querySelector('.bl-prose')).fontFamily")
    assert "mono" not in font.lower()
    width = ed.evaluate("() => document.querySelector('.bl-prose').getBoundingClientRect().width")
    assert 500 < width < 900  # about 70 characters, not the full 1440 px window
    assert md(ed) == SAMPLE


def test_markdown_shortcuts_as_in_ghost_and_notion(ed):
    ed.click(".bl-prose")
    for line in ["## Title", "A **bold** and *soft* and `code` and ~~old~~ word", "- first", "second", ""]:
        ed.keyboard.type(line)
        ed.keyboard.press("Enter")
    for line in ["1. one", "two", "", "> said", ""]:
        ed.keyboard.type(line)
        ed.keyboard.press("Enter")
    ed.keyboard.type("```js")
    ed.keyboard.press("Enter")
    ed.keyboard.type("let a = 1;")
    for _ in range(3):
        ed.keyboard.press("Enter")
    ed.keyboard.type("---")
    ed.keyboard.type("end")
    assert md(ed) == (
        "## Title\n\nA **bold** and *soft* and `code` and ~~old~~ word\n\n- first\n- second\n\n"
        "1. one\n2. two\n\n> said\n\n```js\nlet a = 1;\n```\n\n---\n\nend"
    )


def test_ctrl_k_opens_a_link_dialog_and_links_the_selection(ed):
    load(ed, "Read the report today.")
    select_text(ed, "report")
    ed.keyboard.press("Control+k")
    dialog = ed.get_by_role("dialog", name="Link")
    assert dialog.is_visible()
    assert dialog.get_by_label("Text").input_value() == "report"
    assert dialog.get_by_label("Address").evaluate("(el) => el === document.activeElement")
    ed.keyboard.type("javascript:alert(1)")
    ed.keyboard.press("Enter")
    assert "cannot be used" in dialog.get_by_role("alert").inner_text()
    dialog.get_by_label("Address").fill("example.com/report")
    dialog.get_by_role("button", name="Apply").click()
    assert not dialog.is_visible()
    assert md(ed) == "Read the [report](https://example.com/report) today."
    # Editing the same link: the dialog offers removal; Escape closes and returns focus.
    ed.keyboard.press("ArrowLeft")
    ed.keyboard.press("Control+k")
    assert dialog.get_by_label("Address").input_value() == "https://example.com/report"
    ed.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert ed.evaluate("() => document.activeElement.classList.contains('bl-prose')")
    ed.keyboard.press("Control+k")
    dialog.get_by_role("button", name="Remove link").click()
    assert md(ed) == "Read the report today."


def test_each_change_is_one_undo_step(ed):
    load(ed, "Alpha beta.")
    caret_to_end(ed)
    ed.keyboard.type(" Gamma")
    ed.wait_for_timeout(700)
    ed.keyboard.press("Shift+Home")
    ed.keyboard.press("Control+b")
    assert md(ed) == "**Alpha beta. Gamma**"
    ed.evaluate("() => __ed.setMarkdown('# Restored\\n\\nLocal copy.', {history: true})")
    ed.evaluate("() => __ed.replaceText('Local copy', 'Coach fix')")
    ed.keyboard.press("Control+a")
    ed.evaluate("() => __ed.replaceSelection('Suggested *text*')")
    steps = [
        "Suggested *text*",
        "# Restored\n\nCoach fix.",
        "# Restored\n\nLocal copy.",
        "**Alpha beta. Gamma**",
        "Alpha beta. Gamma",
        "Alpha beta.",
    ]
    assert md(ed) == steps[0]
    for expected in steps[1:]:
        ed.keyboard.press("Control+z")
        assert md(ed) == expected
    for expected in reversed(steps[:-1]):
        ed.keyboard.press("Control+Shift+z")
        assert md(ed) == expected
    ed.evaluate("() => __ed.undo()")
    assert md(ed) == steps[1]
    ed.evaluate("() => __ed.redo()")
    assert md(ed) == steps[0]


def test_replace_text_finds_plain_text_across_formatting(ed):
    load(ed, "We **utilize** the cloud. We utilize people.")
    assert ed.evaluate("() => __ed.replaceText('utilize', 'use', {occurrence: 1})") is True
    assert md(ed) == "We **utilize** the cloud. We use people."
    assert ed.evaluate("() => __ed.replaceText('not there', 'x')") is False


def test_markdown_toggle_edits_the_same_document_with_one_history(ed):
    load(ed, "# Title\n\nBody text.")
    ed.evaluate("() => __ed.setMode('markdown')")
    assert ed.evaluate("() => __ed.mode()") == "markdown"
    source = ed.get_by_label("Markdown source")
    assert source.is_visible() and not ed.locator(".bl-prose").is_visible()
    assert source.input_value() == "# Title\n\nBody text."
    source.click()
    ed.keyboard.press("Control+End")
    ed.keyboard.type("\n\n- added")
    assert md(ed) == "# Title\n\nBody text.\n\n- added"
    ed.evaluate("() => __ed.setMode('rich')")
    # textContent, waited for: innerText is empty for a block the browser has not laid out yet
    expect(ed.locator(".bl-prose li")).to_have_text("added")
    ed.click(".bl-prose")
    ed.keyboard.press("Control+z")
    assert md(ed) == "# Title\n\nBody text."
    ed.evaluate("() => __ed.setMode('markdown')")
    source.click()
    ed.keyboard.press("Control+Shift+z")
    assert source.input_value() == "# Title\n\nBody text.\n\n- added"


def test_what_the_schema_cannot_hold_is_kept_verbatim(ed):
    text = "Text with a note[^1].\n\n[^1]: The footnote.\n\n[ref]: https://example.com/ref"
    load(ed, text)
    assert ed.locator(".bl-prose pre.bl-raw").count() == 2
    assert md(ed) == text


def test_html_is_text_as_on_the_server(ed):
    # Raw HTML is off on the server: the author sees the tags they typed.
    load(ed, '<div class="callout">\n<p>Raw <b>HTML</b></p>\n</div>\n\nText with <sup>2</sup> and `\n<div>`.')
    assert ed.locator(".bl-prose pre.bl-raw").count() == 0
    assert ed.locator(".bl-prose b, .bl-prose sup, .bl-prose div.callout").count() == 0
    paragraphs = ed.locator(".bl-prose p").all_inner_texts()
    assert paragraphs == ['<div class="callout"> <p>Raw <b>HTML</b></p> </div>', "Text with <sup>2</sup> and  <div>."]
    assert ed.locator(".bl-prose p code").inner_text() == " <div>"
    assert md(ed) == (
        '&lt;div class="callout"> &lt;p>Raw &lt;b>HTML&lt;/b>&lt;/p> &lt;/div>\n\n'
        "Text with &lt;sup>2&lt;/sup> and ` <div>`."
    )


def test_image_alt_text_is_kept_exactly(ed):
    load(ed, "![  ](a.png) ![*Q3* `chart` \\* &lt;](b.png)")
    assert ed.locator(".bl-prose img[src]").evaluate_all("(imgs) => imgs.map((i) => i.alt)") == ["  ", "Q3 chart * <"]
    assert md(ed) == "![  ](a.png) ![Q3 chart \\* <](b.png)"


def test_read_only_and_destroy(ed):
    load(ed, "Fixed text.")
    ed.evaluate("() => __ed.setEditable(false)")
    ed.click(".bl-prose")
    ed.keyboard.type("more")
    assert md(ed) == "Fixed text."
    ed.evaluate("() => __ed.setEditable(true)")
    ed.evaluate("() => __ed.destroy()")
    assert ed.locator(".bl-editor").count() == 0


def test_phone_width_never_scrolls_sideways(ed):
    ed.set_viewport_size({"width": 390, "height": 844})
    load(ed, SAMPLE + "\n\nThe budget doubles next year.")
    ed.evaluate("() => __ed.setCommentAnchors([{id: 1, quote: 'budget doubles', resolved: false}])")
    assert ed.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert ed.get_by_role("button", name="Open comment thread").is_visible()


def test_toolbar_commands_make_tables_lists_and_headings(ed):
    load(ed, "Title")
    ed.click(".bl-prose p")
    assert ed.evaluate("() => __ed.exec('h2')") is True
    assert ed.evaluate("() => __ed.isActive('h2')") is True
    ed.keyboard.press("End")
    ed.keyboard.press("Enter")
    ed.evaluate("() => __ed.exec('table')")
    for cell in ["Team", "Spend", "", "Data", "$4"]:
        ed.keyboard.type(cell)
        ed.keyboard.press("Tab")
    assert md(ed) == "## Title\n\n| Team | Spend |  |\n| --- | --- | --- |\n| Data | $4 |  |\n|  |  |  |"
    ed.keyboard.press("Control+z")
    assert "$4" not in md(ed)
