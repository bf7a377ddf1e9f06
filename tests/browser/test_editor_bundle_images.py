"""The editor bundle on a bare page: images dropped or picked are uploaded by the page and
inserted."""

from __future__ import annotations

import pytest

from tests.browser.bundle_editor import load, md

pytestmark = pytest.mark.browser


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
