"""Static-site files: front matter that reads back exactly, paths, zips and HTML downloads."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.export.base import FileExport, Post
from drafts.export.static_site import (
    StaticSiteExporter,
    markdown_with_front_matter,
    standalone_html,
    yaml_string,
)

NOW = datetime(2024, 5, 3, 12, 0, tzinfo=timezone.utc)
PUBLISH_AT = datetime(2024, 5, 1, 7, 30, tzinfo=timezone.utc)  # 09:30 in Berlin (CEST)

TRICKY = [
    'Ship it: a "quick" guide',
    "C:\\Users\\ada\\notes",
    "Line one\nLine two",
    "tab\there\r\nand CRLF",
    "Ünïcødé — 日本語 🚀",
    "#not a comment",
    "- not a list",
    "yes",
    "null",
    "---",
    "'single' quotes",
    "{braces} [brackets] & *star !tag %pct @at `tick` | pipe > gt",
    " leading and trailing ",
    "",
    "line\u2028separator\u2029and\u0085next line",
    "\ufeffbom \x7f del \x00 nul \x1b esc",
]


def make_post(**changes) -> Post:
    fields = dict(
        title="Why we stopped estimating: a retrospective",
        slug="why-we-stopped-estimating",
        html="<p>We <strong>stopped</strong>.</p>",
        markdown="We **stopped**.\n\n## What changed\n\nEverything.\n",
        excerpt="Estimates cost more than they saved us.",
        tags=("engineering", "management"),
        status="publish",
        publish_at=PUBLISH_AT,
        timezone="Europe/Berlin",
        author_name="Ada Lovelace",
    )
    fields.update(changes)
    return Post(**fields)


# -- reading the front matter back, as a YAML parser does ------------------------------


def read_front_matter(text: str) -> tuple[dict, str]:
    """Split a document into (fields, body); the fields read by PyYAML's safe loader.

    Jekyll's own date format (2024-05-01 09:30:00 +0200) is a plain string to a YAML
    parser (Jekyll parses it itself); it is read here as Jekyll reads it.
    """
    assert text.startswith("---\n"), text[:40]
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, "the front matter is not closed"
    fields = yaml.safe_load(head + "\n")
    assert isinstance(fields, dict)
    for key, value in fields.items():
        if isinstance(value, str) and key == "date":
            fields[key] = datetime.strptime(value, "%Y-%m-%d %H:%M:%S %z")
    return fields, body


# -- the exporter ----------------------------------------------------------------------


def test_unknown_generator_is_a_clear_value_error():
    with pytest.raises(ValueError, match="choose Hugo, Jekyll or Astro"):
        StaticSiteExporter("gatsby")
    assert StaticSiteExporter(" Hugo ").generator == "hugo"


def test_it_registers_like_an_adapter():
    from drafts.export import registry

    exporter = registry.build("static", {"generator": "jekyll"}, "")
    assert isinstance(exporter, StaticSiteExporter)
    assert (exporter.kind, exporter.label, exporter.generator) == (
        "static", "Static site files", "jekyll")
    assert "no connection" in exporter.check()


def test_hugo_file_is_exactly_this():
    file = StaticSiteExporter("hugo").export(make_post(), now=NOW)

    assert file == FileExport(
        "why-we-stopped-estimating.md",
        (
            "---\n"
            'title: "Why we stopped estimating: a retrospective"\n'
            "date: 2024-05-01T09:30:00+02:00\n"
            "draft: false\n"
            'slug: "why-we-stopped-estimating"\n'
            'author: "Ada Lovelace"\n'
            'description: "Estimates cost more than they saved us."\n'
            'tags: ["engineering", "management"]\n'
            "---\n"
            "\n"
            "We **stopped**.\n\n## What changed\n\nEverything.\n"
        ).encode(),
        "text/markdown; charset=utf-8",
    )


def test_hugo_draft_and_no_publish_time_uses_now_in_the_posts_zone():
    post = make_post(status="draft", publish_at=None, timezone="America/New_York", tags=())
    fields, _ = read_front_matter(StaticSiteExporter("hugo").export(post, now=NOW).content.decode())

    assert fields["draft"] is True
    assert fields["tags"] == []
    assert fields["date"] == NOW
    assert fields["date"].utcoffset().total_seconds() == -4 * 3600  # EDT


def test_jekyll_file_is_exactly_this():
    file = StaticSiteExporter("jekyll").export(make_post(), now=NOW)

    assert file.filename == "_posts/2024-05-01-why-we-stopped-estimating.md"
    assert file.content.decode() == (
        "---\n"
        'layout: "post"\n'
        'title: "Why we stopped estimating: a retrospective"\n'
        "date: 2024-05-01 09:30:00 +0200\n"
        'author: "Ada Lovelace"\n'
        'tags: ["engineering", "management"]\n'
        "published: true\n"
        "---\n"
        "\n"
        "We **stopped**.\n\n## What changed\n\nEverything.\n"
    )


def test_jekyll_file_name_uses_the_local_date():
    # 23:30 UTC on 30 April is already 1 May in Tokyo.
    post = make_post(publish_at=datetime(2024, 4, 30, 23, 30, tzinfo=timezone.utc),
                     timezone="Asia/Tokyo", status="draft")
    file = StaticSiteExporter("jekyll").export(post, now=NOW)
    fields, _ = read_front_matter(file.content.decode())

    assert file.filename == "_posts/2024-05-01-why-we-stopped-estimating.md"
    assert fields["published"] is False
    assert fields["date"].isoformat() == "2024-05-01T08:30:00+09:00"


def test_astro_file_and_its_updated_date():
    file = StaticSiteExporter("astro").export(make_post(), now=NOW)

    assert file.filename == "src/content/blog/why-we-stopped-estimating.md"
    assert file.content.decode().split("---\n")[1] == (
        'title: "Why we stopped estimating: a retrospective"\n'
        'description: "Estimates cost more than they saved us."\n'
        "pubDate: 2024-05-01T09:30:00+02:00\n"
        'author: "Ada Lovelace"\n'
        "updatedDate: 2024-05-03T14:00:00+02:00\n"
    )


def test_astro_has_no_updated_date_on_the_day_it_is_published():
    post = make_post(publish_at=datetime(2024, 5, 3, 8, 0, tzinfo=timezone.utc))
    text = StaticSiteExporter("astro").export(post, now=NOW).content.decode()
    fields, _ = read_front_matter(text)
    assert "updatedDate" not in fields
    assert fields["pubDate"] == datetime(2024, 5, 3, 8, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "astro"])
@pytest.mark.parametrize("title", TRICKY)
def test_tricky_titles_round_trip(generator, title):
    post = make_post(title=title, excerpt=title, tags=(title, "plain"))
    text = StaticSiteExporter(generator).export(post, now=NOW).content.decode("utf-8")
    fields, body = read_front_matter(text)

    expected = title
    assert fields["title"] == expected
    if generator != "jekyll":
        assert fields["description"] == expected
    if generator != "astro":
        assert fields["tags"] == [expected, "plain"]
    assert body == "\nWe **stopped**.\n\n## What changed\n\nEverything.\n"
    head = text.split("\n---\n")[0]
    assert head.count("\n") == len(fields)  # no value spilled onto another line


def test_yaml_string_escapes_what_yaml_cannot_hold_raw():
    assert yaml_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert yaml_string("x\ny\tz") == '"x\\ny\\tz"'
    # PyYAML's escapes for the line separators, DEL, NUL and the BOM (YAML 1.1 and 1.2).
    assert yaml_string("\u2028\x85\x7f\x00\ufeff") == '"\\L\\N\\x7F\\0\\uFEFF"'
    assert yaml_string("日本") == '"日本"'
    assert yaml_string("\ud800") == '"\ufffd"'
    for text in ("\u2028\x85\x7f\x00\ufeff", "日本 🚀", "yes", "1e3", "0o17", "~", "- x"):
        assert yaml.safe_load(yaml_string(text)) == text


def test_slugs_are_safe_file_names():
    exporter = StaticSiteExporter("hugo")
    assert exporter.export(make_post(slug="../../etc/passwd"), now=NOW).filename == "etc-passwd.md"
    assert exporter.export(make_post(slug="", title="Ünïcòdé: 2024!"),
                           now=NOW).filename == "unicode-2024.md"
    assert exporter.export(make_post(slug="", title="日本語"), now=NOW).filename == "post.md"


def test_a_body_with_its_own_rules_and_crlf_stays_intact():
    markdown = "Intro\r\n\r\n---\r\n\r\ntitle: not front matter\r\n"
    _, body = read_front_matter(StaticSiteExporter("hugo").export(
        make_post(markdown=markdown), now=NOW).content.decode())
    assert body == "\nIntro\n\n---\n\ntitle: not front matter\n"


def test_an_empty_body_ends_after_the_front_matter():
    text = StaticSiteExporter("hugo").export(make_post(markdown=""), now=NOW).content.decode()
    assert text.endswith("tags: [\"engineering\", \"management\"]\n---\n")


# -- zips ------------------------------------------------------------------------------


def test_export_many_is_a_deterministic_sorted_zip():
    posts = [make_post(slug="zebra", title="Zebra"), make_post(slug="apple", title="Apple"),
             make_post(slug="apple", title="Apple again")]
    exporter = StaticSiteExporter("jekyll")

    first = exporter.export_many(posts, now=NOW)
    second = exporter.export_many(list(reversed(posts)), now=NOW)

    assert first.filename == "jekyll-posts-2024-05-03.zip"
    assert first.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(first.content)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == ["_posts/2024-05-01-apple-2.md", "_posts/2024-05-01-apple.md",
                         "_posts/2024-05-01-zebra.md"]
        zebra = archive.read("_posts/2024-05-01-zebra.md").decode()
        assert archive.getinfo(names[0]).date_time == (2024, 5, 3, 12, 0, 0)
    assert zebra == exporter.export(posts[0], now=NOW).content.decode()
    assert read_front_matter(zebra)[0]["title"] == "Zebra"
    # The same posts give the same bytes, whatever the order they came in (the two
    # "apple" posts swap their -2 suffix, so compare the name lists and one file).
    with zipfile.ZipFile(io.BytesIO(second.content)) as archive:
        assert archive.namelist() == names
        assert archive.read("_posts/2024-05-01-zebra.md").decode() == zebra
    assert exporter.export_many(posts, now=NOW).content == first.content


def test_export_many_needs_a_post():
    with pytest.raises(ValueError, match="at least one post"):
        StaticSiteExporter("hugo").export_many([], now=NOW)


# -- downloads -------------------------------------------------------------------------


def test_markdown_download_has_generic_front_matter():
    text = markdown_with_front_matter(make_post(), NOW)
    fields, body = read_front_matter(text)

    assert list(fields) == ["title", "date", "draft", "slug", "author", "description", "tags"]
    assert fields == {
        "title": "Why we stopped estimating: a retrospective",
        "date": PUBLISH_AT,
        "draft": False,
        "slug": "why-we-stopped-estimating",
        "author": "Ada Lovelace",
        "description": "Estimates cost more than they saved us.",
        "tags": ["engineering", "management"],
    }
    assert "date: 2024-05-01T09:30:00+02:00\n" in text
    assert body == "\nWe **stopped**.\n\n## What changed\n\nEverything.\n"


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs["content"]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def test_standalone_html_is_a_whole_escaped_document():
    post = make_post(title='<script>alert("x")</script> & "quotes"',
                     excerpt='A "quoted" <b>excerpt</b>',
                     canonical_url="https://blog.example.com/a?b=1&c=2")
    page = standalone_html(post)

    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert page.rstrip().endswith("</html>")
    assert "<script>" not in page
    assert post.html in page
    parsed = _Collect()
    parsed.feed(page)
    assert parsed.title == post.title
    assert parsed.meta["description"] == post.excerpt
    assert parsed.meta["author"] == "Ada Lovelace"
    assert 'href="https://blog.example.com/a?b=1&amp;c=2"' in page
    assert '<time datetime="2024-05-01T09:30:00+02:00">01 May 2024</time>' in page
    assert parsed.tags.count("style") == 1 and "h1" in parsed.tags


def test_standalone_html_without_optional_parts():
    page = standalone_html(make_post(author_name="", publish_at=None, canonical_url=""))
    assert 'name="author"' not in page and "canonical" not in page and "byline" not in page.split(
        "</style>")[1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
                max_size=4))
def test_property_any_title_and_tags_read_back_exactly(title, tags):
    for generator in ("hugo", "jekyll", "astro"):
        post = make_post(title=title, excerpt=title, tags=tuple(tags), author_name=title)
        text = StaticSiteExporter(generator).export(post, now=NOW).content.decode("utf-8")
        fields, body = read_front_matter(text)
        assert fields["title"] == title and fields.get("author", "") == title
        if generator != "astro":
            assert fields["tags"] == list(tags)
        assert body == "\nWe **stopped**.\n\n## What changed\n\nEverything.\n"
