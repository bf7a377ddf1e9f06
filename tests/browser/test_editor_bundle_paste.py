"""Paste from Word, Google Docs and a web page into the editor.

The editor comes from the `ed` fixture (tests/browser/conftest.py). The
fixtures in fixtures/paste/ are clipboard HTML as those applications put
it there (Word for Windows with a comment and tracked changes, Google Docs
with its docs-internal-guid wrapper, a blog article with navigation, styles
and scripts). Each is pasted as a browser paste event carrying a DataTransfer,
and the Markdown the editor then holds is compared with the .md next to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "paste"
CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))

PASTE = """([html, text]) => {
  const target = document.querySelector('.bl-prose');
  target.focus();
  const data = new DataTransfer();
  if (html !== null) data.setData('text/html', html);
  data.setData('text/plain', text);
  target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def paste(page, html: str | None, text: str) -> str:
    page.click(".bl-prose")
    page.evaluate(PASTE, [html, text])
    return page.evaluate("() => __ed.getMarkdown()")


def test_there_is_a_fixture_per_source():
    assert {"word-windows", "google-docs", "web-article"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_paste_keeps_structure_and_drops_office_markup(ed, case):
    html = (FIXTURES / f"{case}.html").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{case}.md").read_text(encoding="utf-8").rstrip("\n")
    markdown = paste(ed, html, "plain text fallback")
    assert markdown == expected
    prose = ed.locator(".bl-prose")
    # Nothing of the source's look survives: no fonts, colours or Office classes.
    assert prose.locator("[style]").count() == 0
    assert prose.locator("[class*=Mso], font, span[lang]").count() == 0


def test_word_comments_and_deleted_text_are_not_pasted(ed):
    html = (FIXTURES / "word-windows.html").read_text(encoding="utf-8")
    markdown = paste(ed, html, "")
    assert "Please cite" not in markdown and "[JD1]" not in markdown
    assert "haggle" not in markdown and "negotiate" in markdown


def test_pasted_markdown_text_becomes_formatting(ed):
    markdown = paste(ed, None, "## Plan\n\n- **Tag** everything\n- Review [costs](https://example.com)")
    assert markdown == "## Plan\n\n- **Tag** everything\n- Review [costs](https://example.com)"


def test_pasted_plain_text_stays_text(ed):
    markdown = paste(ed, None, "Budget up 3% (again) in 2027")
    assert markdown == "Budget up 3% (again) in 2027"


def test_one_paste_is_one_undo_step(ed):
    ed.evaluate("() => __ed.setMarkdown('Start.', {history: false})")
    ed.click(".bl-prose p")
    ed.keyboard.press("End")
    ed.evaluate(PASTE, ["<p>One <b>two</b></p><ul><li>three</li></ul>", "One two three"])
    assert ed.evaluate("() => __ed.getMarkdown()") != "Start."
    ed.keyboard.press("Control+z")
    assert ed.evaluate("() => __ed.getMarkdown()") == "Start."


def test_pasted_screenshot_goes_through_the_page_upload(ed):
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    paste(ed, f'<p>Chart: <img src="{pixel}" alt="Q3 chart"></p>', "Chart:")
    ed.wait_for_function("() => __ed.getMarkdown().includes('/uploads/')")
    assert ed.evaluate("() => __ed.getMarkdown()") == "Chart: ![Q3 chart](/uploads/pasted.png)"
    assert ed.evaluate("() => __uploads") == ["pasted.png"]


def test_links_with_unsafe_addresses_never_become_live(ed):
    # Markdown: CommonMark refuses the link, the words stay as text.
    ed.evaluate("() => __ed.setMarkdown('[x](javascript:alert(1)) and <a href=\"vbscript:y\">z</a>', {history: false})")
    assert ed.locator(".bl-prose a[href]").count() == 0
    # Pasted HTML: the link goes, its text stays.
    ed.evaluate("() => __ed.setMarkdown('', {history: false})")
    markdown = paste(ed, '<p><a href="javascript:alert(1)">Click</a> <a href="data:text/html,x">me</a></p>', "")
    assert markdown == "Click me"
    assert ed.locator(".bl-prose a[href]").count() == 0
