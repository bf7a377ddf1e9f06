"""The editor bundle on its own (static/vendor/byline-editor.js), on a bare page.

Each test drives Chromium like a writer: typing, shortcuts, the link dialog,
undo, the Markdown toggle, highlights and comment anchors, and checks the
Markdown the editor hands back (what Byline stores).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.bundle_page import serve

pytestmark = pytest.mark.browser

SAMPLE = """## Heading two

Some **bold**, *italic*, ~~struck~~ and `code` with a [link](https://example.com "Example").

- one
- two
  - nested

3. three
4. four

> A quote

```python
print("hi")
```

| Name | Score |
| :--- | ---: |
| Ann | 3 |

![A chart](https://example.com/chart.png)

---

Line one\\
line two"""


@pytest.fixture(scope="module")
def bundle_server():
    server = serve()
    yield server
    server.stop()


@pytest.fixture
def ed(page, bundle_server):
    page.goto(bundle_server.url + "/")
    page.wait_for_function("() => window.__ed")
    yield page
    assert page.evaluate("() => window.__cspViolations") == []


def md(page) -> str:
    return page.evaluate("() => __ed.getMarkdown()")


def load(page, text: str) -> None:
    page.evaluate("(t) => __ed.setMarkdown(t, {history: false})", text)


def select_text(page, text: str) -> None:
    """Select `text` in the editor as a mouse drag would (a DOM selection,
    which may cross formatting)."""
    page.evaluate(
        """(text) => {
          const root = document.querySelector('.bl-prose');
          root.focus();
          const nodes = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          let all = '';
          while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
          const at = all.indexOf(text);
          if (at < 0) throw new Error('not in the editor: ' + text);
          const locate = (offset, end) => {
            for (const [node, start] of nodes) {
              if (offset < start + node.data.length || (end && offset === start + node.data.length)) return [node, offset - start];
            }
          };
          const range = document.createRange();
          range.setStart(...locate(at, false));
          range.setEnd(...locate(at + text.length, true));
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        text,
    )


def caret_to_end(page) -> None:
    page.click(".bl-prose")
    page.keyboard.press("Control+End")


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


def test_dropped_image_is_uploaded_by_the_page_and_shown(ed):
    load(ed, "Before.")
    ed.evaluate(
        """() => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'chart.png', {type: 'image/png'}));
          const p = document.querySelector('.bl-prose p');
          const r = p.getBoundingClientRect();
          p.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, clientX: r.right - 2,
            clientY: r.top + 5, bubbles: true, cancelable: true}));
        }"""
    )
    ed.wait_for_selector(".bl-prose img[src='/uploads/chart.png']", state="attached")
    assert ed.evaluate("() => __uploads") == ["chart.png"]
    assert md(ed) == "Before.![](/uploads/chart.png)"


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


def test_picked_image_is_uploaded_and_inserted(ed):
    load(ed, "Chart below.")
    ed.click(".bl-prose p")
    ed.keyboard.press("End")
    with ed.expect_file_chooser() as chooser:
        ed.evaluate("() => __ed.exec('image')")
    chooser.value.set_files(
        files=[{"name": "q3.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n"}]
    )
    ed.wait_for_function("() => __ed.getMarkdown().includes('/uploads/q3.png')")
    assert md(ed) == "Chart below.![](/uploads/q3.png)"
