"""Helpers that drive the editor's writing surface the way a person does, whichever it is:
the rich-text editor (static/vendor/byline-editor.js) or the plain Markdown text area."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

RICH = "#editor-mount [contenteditable=true]"


def is_rich(page: Page) -> bool:
    page.wait_for_function("() => window.BylinePage && window.BylinePage.surface")
    return bool(page.evaluate("() => window.BylinePage.surface.rich"))


def surface(page: Page) -> Locator:
    """The element a person types into."""
    return page.locator(RICH) if is_rich(page) else page.locator("#body")


def markdown(page: Page) -> str:
    return page.evaluate("() => window.BylinePage.surface.getMarkdown()")


def expect_markdown(page: Page, pattern, timeout: int = 5000) -> None:
    """The hidden form field mirrors the surface: check it (it is what a plain form posts)."""
    expect(page.locator("#body")).to_have_value(pattern, timeout=timeout)


def type_at_end(page: Page, text: str, delay: float = 0) -> None:
    box = surface(page)
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text, delay=delay)


def replace_all(page: Page, text: str) -> None:
    """Select everything and type new text (typed, so Markdown shortcuts apply)."""
    box = surface(page)
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def select_text(page: Page, text: str) -> None:
    """Select the first occurrence of `text` as a person would (a DOM selection in the
    rich editor, a range in the text area)."""
    if is_rich(page):
        found = page.evaluate(
            """(t) => {
              // The text may run across several nodes (marks, highlights): join them first.
              const root = document.querySelector('#editor-mount [contenteditable=true]');
              root.focus();
              const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
              const nodes = [];
              let all = "";
              let node;
              while ((node = walker.nextNode())) {
                nodes.push([node, all.length]);
                all += node.data;
              }
              const at = all.indexOf(t);
              if (at < 0) return false;
              const locate = (pos, end) => {
                for (const [n, start] of nodes) {
                  const stop = start + n.data.length;
                  if (pos < stop || (end && pos === stop)) return [n, pos - start];
                }
                return null;
              };
              const [sn, so] = locate(at, false);
              const [en, eo] = locate(at + t.length, true);
              const range = document.createRange();
              range.setStart(sn, so);
              range.setEnd(en, eo);
              const sel = window.getSelection();
              sel.removeAllRanges();
              sel.addRange(range);
              return true;
            }""",
            text,
        )
        assert found, f"{text!r} is not in the editor"
        page.wait_for_function(
            "(t) => { const s = window.BylinePage.surface.getSelection(); return s && s.text === t; }", arg=text)
    else:
        page.locator("#body").evaluate(
            "(el, t) => { const i = el.value.indexOf(t); el.focus(); el.setSelectionRange(i, i + t.length);"
            " el.dispatchEvent(new Event('select')); }", text)


def selected_text(page: Page) -> str:
    return page.evaluate("() => window.BylinePage.surface.getSelection().text")
