"""Liquid and Hugo shortcodes written in a post stay text in the static-site files."""

from __future__ import annotations

from datetime import UTC, datetime

from drafts.export.base import Post
from drafts.export.ssg_templates import hugo_body, jekyll_body
from drafts.export.static_site import StaticSiteExporter

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _file(generator: str, markdown: str) -> str:
    post = Post(title="Templates", slug="templates", markdown=markdown, html="", excerpt="",
                tags=(), status="publish")
    return StaticSiteExporter(generator).export(post, now=NOW).content.decode()


def test_plain_posts_are_left_alone():
    text = "We cut the bill by a third {for real}.\n\n```\nx = {1: 2}\n```"
    assert jekyll_body(text) == text and hugo_body(text) == text


def test_jekyll_gets_liquid_as_raw_text():
    body = jekyll_body("Use {{ site.title }} and {% include x.html %} in `{{ page }}`.")
    assert body == "{% raw %}\nUse {{ site.title }} and {% include x.html %} in `{{ page }}`.\n{% endraw %}"


def test_an_endraw_in_the_text_is_printed_not_obeyed():
    body = jekyll_body("a {% endraw %} b {%- endraw -%} c")
    assert body == ('{% raw %}\na {% endraw %}{{ "{%" }}{% raw %} endraw %} b '
                    '{% endraw %}{{ "{%" }}{% raw %}- endraw -%} c\n{% endraw %}')


def test_hugo_shortcodes_are_written_in_hugos_escaped_form():
    assert hugo_body("See {{< youtube abc >}} and {{% param x %}}.") == \
        "See {{</* youtube abc */>}} and {{%/* param x */%}}."
    assert hugo_body("```\n{{< figure src=\"a.png\" >}}\n```") == \
        "```\n{{</* figure src=\"a.png\" */>}}\n```"


def test_hugo_openers_never_closed_get_an_entity_brace():
    assert hugo_body("a {{< b {{< c >}} d {{% e") == "a &#123;{< b {{</* c */>}} d &#123;{% e"


def test_hugo_scan_is_linear_on_hostile_text():
    text = "{{<" * 50_000 + ">}}" * 10
    out = hugo_body(text)
    assert out.count("/*") == 1 and out.count("&#123;") == 49_999


def test_the_generators_files_carry_the_safe_bodies():
    assert "{% raw %}" in _file("jekyll", "Hello {{ site.x }}")
    assert "{{</* x */>}}" in _file("hugo", "Hello {{< x >}}")
    assert "Hello {{ site.x }}" in _file("astro", "Hello {{ site.x }}")
