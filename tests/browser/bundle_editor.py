"""Driving the editor on the bundle page (tests/browser/bundle_page.py) in the
test_editor_bundle*.py tests: a sample document, reading and loading Markdown, selecting
text as a mouse drag would, the caret to the end."""

from __future__ import annotations

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
