"""The coach flags images without alt text (finding kind `image_alt`)."""

from __future__ import annotations


def test_markdown_image_without_alt_is_flagged(find, run):
    text = "# Costs\n\nWe cut costs by a third.\n\n![](/drafts/1/images/abc.png)\n\n![A bar chart](x.png)\n"
    assert find(text, "image_alt") == ["![](/drafts/1/images/abc.png)"]
    report = run(text)
    assert report.summary.images_without_alt == 1
    finding = next(f for f in report.findings if f.kind == "image_alt")
    assert "alt text" in finding.message and finding.suggestion
    assert finding.sentence is None


def test_blank_alt_and_reference_images_are_flagged_html_tags_are_text(find):
    text = (
        "Before ![  ](a.png) and ![][logo] in one line.\n\n"
        '- A list item with <img src="b.png"> and <img src="c.png" alt="Our team">.\n'
        "- Another with <img src='d.png' alt=''>.\n\n"
        "[logo]: logo.png\n"
    )
    # Raw HTML is shown as the text typed (drafts/rendering.py), so <img> is no image.
    assert find(text, "image_alt") == ["![  ](a.png)", "![][logo]"]


def test_images_in_code_are_not_flagged(find):
    text = "Write `![](x.png)` to add a picture.\n\n```\n![](y.png)\n```\n\n    ![](z.png)\n"
    assert find(text, "image_alt") == []


def test_image_findings_keep_the_report_sorted(run):
    text = "![](a.png)\n\nThe plan was approved by the board.\n\n![](b.png)\n"
    report = run(text)
    spans = [f.span for f in report.findings]
    assert spans == sorted(spans)
    assert [f.kind for f in report.findings] == ["image_alt", "passive", "image_alt"]
