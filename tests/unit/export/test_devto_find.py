"""The dev.to adapter's find_by_slug against the fake Forem API: Forem's slug suffixes,
drafts, the newest of several, long titles, every page, a create that timed out."""

from __future__ import annotations

import pytest

from drafts.export.base import Timeout
from drafts.export.devto import title_slug
from tests.fake_devto import Fault
from tests.unit.export.devto_support import adapter_for, make_post

# -- find_by_slug ---------------------------------------------------------------------


def test_find_by_slug_matches_the_title_slug_with_forems_suffix(fake):
    fake.add_article("Why our platform team stopped estimating, part two")
    fake.add_article("Something else entirely")
    created = adapter_for(fake).create(make_post())

    found = adapter_for(fake).find_by_slug("why-our-platform-team-stopped-estimating")

    assert found is not None and found.remote_id == created.remote_id
    assert found.status == "publish"
    [get] = fake.requests_to("GET", "/api/articles/me/all")
    assert get.query == {"per_page": "1000", "page": "1"}


def test_find_by_slug_finds_an_unpublished_draft(fake):
    draft = fake.add_article("A quiet draft", published=False)
    assert "-temp-slug-" in draft["slug"]

    found = adapter_for(fake).find_by_slug("a-quiet-draft")

    assert found is not None and found.remote_id == str(draft["id"])
    assert found.status == "draft"


def test_find_by_slug_returns_none_when_nothing_matches(fake):
    fake.add_article("A quiet draft, continued")
    fake.add_article("Another post", slug="a-quiet-draft-is-not-this-one-x1")
    assert adapter_for(fake).find_by_slug("a-quiet-draft") is None
    assert adapter_for(fake).find_by_slug("") is None


def test_find_by_slug_prefers_the_newest_of_several(fake):
    fake.add_article("Same title", body_markdown="one")
    newest = fake.add_article("Same title", body_markdown="two", published=False)
    found = adapter_for(fake).find_by_slug("same-title")
    assert found is not None and found.remote_id == str(newest["id"])


def test_find_by_slug_matches_a_long_title_cut_at_80_characters(fake):
    title = "A very long title " * 8
    article = fake.add_article(title)
    slug = title_slug(title)
    assert len(slug) == 80

    found = adapter_for(fake).find_by_slug(slug)

    assert found is not None and found.remote_id == str(article["id"])


def test_find_by_slug_reads_every_page(fake):
    target = fake.add_article("The one we want")
    for n in range(1000):
        fake.add_article(f"Filler {n}")

    found = adapter_for(fake).find_by_slug("the-one-we-want")

    assert found is not None and found.remote_id == str(target["id"])
    pages = [r.query["page"] for r in fake.requests_to("GET", "/api/articles/me/all")]
    assert pages == ["1", "2"]


def test_a_create_that_timed_out_is_found_afterwards(fake):
    """The server stored the article but answered too late: the lookup must find it."""
    fake.script(Fault(after=True, delay=2.0, method="POST"))
    adapter = adapter_for(fake, timeout=0.3)

    with pytest.raises(Timeout) as caught:
        adapter.create(make_post())
    assert caught.value.retryable

    found = adapter.find_by_slug(make_post().slug)
    assert found is not None
    assert len(fake.articles) == 1
    assert found.remote_id == str(next(iter(fake.articles)))
