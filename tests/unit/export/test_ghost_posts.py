"""GhostAdapter posts end to end against the fake Ghost Admin API: create, update
(conflicts, deleted posts) and find_by_slug."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from drafts.export.base import (
    BadResponse,
    Rejected,
    RemoteConflict,
    RemoteGone,
    RemotePost,
)
from tests.unit.export.ghost_support import POSTS, adapter_for, assert_clean, make_post

# -- create ------------------------------------------------------------------------


def test_create_publishes_with_html_and_returns_the_remote_post(ghost):
    publish_at = datetime(2025, 3, 1, 10, 30, 15, tzinfo=timezone(timedelta(hours=1)))
    remote = adapter_for(ghost).create(make_post(publish_at=publish_at))

    (request,) = ghost.requests
    assert (request.method, request.path, request.query) == ("POST", POSTS, {"source": "html"})
    assert request.body == {"posts": [{
        "title": "How we cut cloud costs by 31%",
        "html": "<h2>What we changed</h2><p>We moved 40 services to reserved capacity.</p>",
        "status": "published",
        "slug": "cloud-costs",
        "custom_excerpt": "Forty services, six months, a third off the bill.",
        "tags": [{"name": "Cloud"}, {"name": "FinOps"}],
        "published_at": "2025-03-01T09:30:15.000Z",
    }]}
    stored = ghost.posts[remote.remote_id]
    assert re.fullmatch(r"[0-9a-f]{24}", remote.remote_id)
    assert stored["html"] == make_post().html  # ?source=html: Ghost kept the HTML
    assert [t["name"] for t in stored["tags"]] == ["Cloud", "FinOps"]
    assert remote.status == "published"
    assert remote.url == f"{ghost.base_url}/cloud-costs/"
    assert remote.updated_at == stored["updated_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", remote.updated_at)
    assert remote.extra["slug"] == "cloud-costs"
    assert remote.extra["uuid"] == stored["uuid"]


def test_create_a_remote_draft_sends_no_date_and_gets_a_preview_url(ghost):
    publish_at = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
    remote = adapter_for(ghost).create(make_post(status="draft", publish_at=publish_at))
    body = ghost.requests[0].body["posts"][0]
    assert body["status"] == "draft"
    assert "published_at" not in body
    assert remote.status == "draft"
    assert remote.url == f"{ghost.base_url}/p/{remote.extra['uuid']}/"


def test_create_scheduled_sends_the_utc_date(ghost):
    when = (datetime.now(timezone.utc) + timedelta(days=2)).replace(microsecond=0)
    remote = adapter_for(ghost).create(make_post(status="schedule", publish_at=when))
    body = ghost.requests[0].body["posts"][0]
    assert body["status"] == "scheduled"
    assert body["published_at"] == when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert remote.status == "scheduled"
    assert ghost.posts[remote.remote_id]["published_at"] == body["published_at"]


def test_a_scheduled_post_without_a_date_is_refused_before_any_request(ghost):
    with pytest.raises(Rejected, match="publish date"):
        adapter_for(ghost).create(make_post(status="schedule"))
    assert ghost.requests == []


def test_an_unknown_status_is_refused_before_any_request(ghost):
    with pytest.raises(Rejected, match="publish, draft or schedule"):
        adapter_for(ghost).create(make_post(status="private"))
    assert ghost.requests == []


def test_ghost_refuses_a_schedule_too_soon_and_says_why(ghost):
    soon = datetime.now(timezone.utc) + timedelta(seconds=30)
    with pytest.raises(Rejected) as caught:
        adapter_for(ghost).create(make_post(status="schedule", publish_at=soon))
    assert caught.value.status == 422
    assert "Date must be at least 2 minutes in the future" in caught.value.message
    assert ghost.posts == {}


def test_ghost_refuses_a_long_excerpt_with_its_own_message(ghost):
    with pytest.raises(Rejected) as caught:
        adapter_for(ghost).create(make_post(excerpt="x" * 301))
    assert caught.value.message == (
        "Ghost rejected the post (422): Validation error, cannot save post: Value in "
        "[posts.custom_excerpt] exceeds maximum length of 300 characters. Fix what it names, "
        "then publish again.")


def test_a_taken_slug_gets_a_suffix_from_ghost(ghost):
    ghost.add_post("Someone else's post", slug="cloud-costs")
    remote = adapter_for(ghost).create(make_post())
    assert remote.extra["slug"] == "cloud-costs-2"
    assert remote.url.endswith("/cloud-costs-2/")


def test_create_sends_the_canonical_url_and_drops_empty_and_repeated_tags(ghost):
    post = make_post(canonical_url="https://example.com/original", tags=("Cloud", " ", "Cloud"))
    adapter_for(ghost).create(post)
    body = ghost.requests[0].body["posts"][0]
    assert body["canonical_url"] == "https://example.com/original"
    assert body["tags"] == [{"name": "Cloud"}]


def test_an_empty_excerpt_is_sent_as_none(ghost):
    remote = adapter_for(ghost).create(make_post(excerpt="", tags=()))
    body = ghost.requests[0].body["posts"][0]
    assert body["custom_excerpt"] is None
    assert body["tags"] == []
    assert ghost.posts[remote.remote_id]["custom_excerpt"] is None


# -- update ------------------------------------------------------------------------


def test_update_sends_the_last_read_updated_at_and_replaces_tags(ghost):
    adapter = adapter_for(ghost)
    created = adapter.create(make_post())
    ghost.time_offset = 5  # later on Ghost's clock (updated_at has one-second resolution)
    changed = make_post(title="How we cut cloud costs by a third", tags=("Leadership",),
                        html="<p>New text.</p>")
    updated = adapter.update(created, changed)

    request = ghost.requests[-1]
    assert (request.method, request.path) == ("PUT", f"{POSTS}{created.remote_id}/")
    assert request.query == {"source": "html"}
    sent = request.body["posts"][0]
    assert sent["updated_at"] == created.updated_at
    assert sent["title"] == "How we cut cloud costs by a third"
    assert sent["tags"] == [{"name": "Leadership"}]
    stored = ghost.posts[created.remote_id]
    assert [t["name"] for t in stored["tags"]] == ["Leadership"]  # Cloud and FinOps are gone
    assert stored["html"] == "<p>New text.</p>"
    assert updated.remote_id == created.remote_id
    assert updated.updated_at == stored["updated_at"] != created.updated_at

    again = adapter.update(updated, changed)  # the new updated_at works for the next update
    assert again.remote_id == created.remote_id


def test_updating_a_published_post_keeps_its_date(ghost):
    adapter = adapter_for(ghost)
    first = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
    created = adapter.create(make_post(publish_at=first))
    later = datetime(2025, 4, 1, 9, 0, tzinfo=timezone.utc)  # the service passes "now" again
    updated = adapter.update(created, make_post(title="Corrected", publish_at=later))
    assert "published_at" not in ghost.requests[-1].body["posts"][0]
    assert updated.extra["published_at"] == "2025-03-01T09:00:00.000Z"


def test_publishing_a_remote_draft_sets_its_date(ghost):
    adapter = adapter_for(ghost)
    draft = adapter.create(make_post(status="draft"))
    when = datetime(2025, 4, 1, 9, 0, tzinfo=timezone.utc)
    published = adapter.update(draft, make_post(publish_at=when))
    assert ghost.requests[-1].body["posts"][0]["published_at"] == "2025-04-01T09:00:00.000Z"
    assert published.status == "published"
    assert published.url == f"{ghost.base_url}/cloud-costs/"


def test_update_after_an_edit_in_ghost_is_a_conflict_and_overwrites_nothing(ghost):
    adapter = adapter_for(ghost)
    created = adapter.create(make_post())
    ghost.edit_post(created.remote_id, title="The editor's title")
    with pytest.raises(RemoteConflict) as caught:
        adapter.update(created, make_post(title="Byline's title"))
    assert caught.value.status == 409
    assert "Saving failed! Someone else is editing this post" in caught.value.message
    assert "Nothing was overwritten" in caught.value.message
    assert ghost.posts[created.remote_id]["title"] == "The editor's title"
    assert_clean(caught.value, ghost)


def test_update_of_a_post_deleted_in_ghost_is_remote_gone(ghost):
    adapter = adapter_for(ghost)
    created = adapter.create(make_post())
    ghost.delete_post(created.remote_id)
    with pytest.raises(RemoteGone) as caught:
        adapter.update(created, make_post())
    assert caught.value.status == 404
    assert ghost.posts == {}  # not re-created
    assert_clean(caught.value, ghost)


def test_update_without_a_known_updated_at_is_refused_before_any_request(ghost):
    adapter = adapter_for(ghost)
    created = adapter.create(make_post())
    blind = RemotePost(created.remote_id, created.url, created.status, updated_at="")
    with pytest.raises(Rejected, match="last read"):
        adapter.update(blind, make_post(title="Blind write"))
    assert len(ghost.requests) == 1
    assert ghost.posts[created.remote_id]["title"] == make_post().title


def test_an_html_404_on_update_is_not_taken_for_a_deleted_post(ghost):
    adapter = adapter_for(ghost)
    created = adapter.create(make_post())
    ghost.html_next(404, "<html><body>Not found</body></html>")
    with pytest.raises(BadResponse):
        adapter.update(created, make_post())


# -- find_by_slug ------------------------------------------------------------------


def test_find_by_slug_finds_a_post_and_it_can_be_updated(ghost):
    made = ghost.add_post("Made in Ghost", slug="cloud-costs", status="draft",
                                 tags=("Old",))
    adapter = adapter_for(ghost)
    found = adapter.find_by_slug("cloud-costs")
    request = ghost.requests[-1]
    assert (request.method, request.path) == ("GET", f"{POSTS}slug/cloud-costs/")
    assert found == RemotePost(made["id"], made["url"], "draft", made["updated_at"],
                               {"uuid": made["uuid"], "slug": "cloud-costs", "published_at": "",
                                "title": "Made in Ghost"})
    updated = adapter.update(found, make_post())
    assert updated.status == "published"
    assert [t["name"] for t in ghost.posts[made["id"]]["tags"]] == ["Cloud", "FinOps"]


def test_find_by_slug_returns_none_when_ghost_has_no_such_post(ghost):
    assert adapter_for(ghost).find_by_slug("never-published") is None


def test_find_by_slug_quotes_the_slug(ghost):
    assert adapter_for(ghost).find_by_slug("a/b c") is None
    assert ghost.requests[-1].path == f"{POSTS}slug/a%2Fb%20c/"


def test_find_by_slug_on_a_page_that_is_not_ghost_is_bad_response(ghost):
    ghost.html_next(404, "<html><body>Nothing here</body></html>")
    with pytest.raises(BadResponse):
        adapter_for(ghost).find_by_slug("cloud-costs")
