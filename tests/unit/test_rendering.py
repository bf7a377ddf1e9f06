from drafts.rendering import count_words, markdown_to_html, reading_minutes, render


def test_tables_and_fenced_code_render():
    html = markdown_to_html("| a | b |\n|---|--:|\n| 1 | 2 |\n\n```python\nx = 1 < 2\n```\n")
    assert "<table>" in html and "<td>1</td>" in html
    assert 'align="right"' in html
    assert '<pre><code class="language-python">x = 1 &lt; 2' in html


def test_only_language_classes_survive_on_code():
    html = markdown_to_html('```c++\nx\n```\n\n<code class="language-js evil">y</code> '
                            '<span class="evil">z</span>')
    assert '<code class="language-c++">x' in html and '<code class="language-js">y' in html
    assert "evil" not in html


def test_script_and_event_handlers_are_removed():
    html = markdown_to_html(
        'Hi <script>alert(1)</script> <img src="x" onerror="alert(2)"> '
        '<a href="javascript:alert(3)">x</a> <iframe src="https://e.com"></iframe>'
        '<p style="color:red" onclick="x()">styled</p>'
    )
    for bad in ("<script", "onerror", "javascript:", "<iframe", "onclick", "style="):
        assert bad not in html
    assert "Hi" in html and "styled" in html


def test_links_get_safe_rel():
    html = markdown_to_html("[site](https://example.com)")
    assert 'href="https://example.com"' in html
    assert 'rel="noopener noreferrer"' in html and "nofollow" not in html


def test_broken_markdown_never_raises():
    for text in ["**unclosed", "```\nno end", "[x](", "<div", "| a |\n|-", "\x00\ufffd", "#" * 500]:
        assert isinstance(markdown_to_html(text), str)


def test_word_count_and_reading_time():
    rendered = render("# Title here\n\nOne two three. It's well-known.\n\n- four\n- five")
    assert rendered.words == 9
    assert rendered.reading_minutes == 1
    assert count_words("") == 0
    assert reading_minutes(0) == 0
    assert reading_minutes(239) == 2


def test_markdown_for_export_makes_raw_html_inert_but_keeps_code_and_autolinks():
    from drafts.rendering import markdown_for_export

    text = ("Hi <script>alert(1)</script> and <img src=x onerror=alert(2)>.\n\n"
            "Use `a <b> c` inline and see <https://example.com>.\n\n"
            "```html\n<div>kept</div>\n```\n\n    <p>indented code</p>\n\nx < y and 3<4")
    out = markdown_for_export(text)
    assert "<script>" not in out and "&lt;script>" in out and "&lt;img src=x" in out
    assert "`a <b> c`" in out and "<https://example.com>" in out
    assert "```html\n<div>kept</div>\n```" in out and "    <p>indented code</p>" in out
    assert "x &lt; y and 3&lt;4" in out  # read back as "x < y and 3<4"
    # Rendered as HTML, the escaped tags are text, not elements.
    from drafts.rendering import markdown_to_html

    assert "&lt;script&gt;" in markdown_to_html(out)
