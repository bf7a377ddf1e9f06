"""The WordPress adapter against a fake WordPress REST API over real HTTP on 127.0.0.1.

This file: check and create. Update, find_by_slug and plain permalinks are in
test_wordpress_update.py, faults in test_wordpress_faults.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from drafts.export.base import (
    AuthFailed,
    NotAllowed,
    Rejected,
    RemotePost,
)
from tests.fake_wordpress import (
    CONTRIBUTOR_PASSWORD,
    EDITOR_PASSWORD,
)
from tests.unit.export.wordpress_support import adapter_for, basic, make_post

# -- check ---------------------------------------------------------------------------


def test_check_names_the_site_and_user(site, wp):
    assert wp.check() == f"Connected to {site.base_url} as Editor."
    [request] = site.requests
    assert (request.method, request.path) == ("GET", "/wp-json/wp/v2/users/me?context=edit")
    assert request.headers["authorization"] == basic("editor", EDITOR_PASSWORD)
    assert wp.pretty_permalinks is True


def test_check_fails_when_the_account_can_only_draft(site):
    # WordPress leaves publish_posts out of a contributor's capabilities (never false).
    assert "publish_posts" not in site._me("contributor")["capabilities"]
    with pytest.raises(NotAllowed) as raised:
        adapter_for(site, "contributor", CONTRIBUTOR_PASSWORD).check()
    message = raised.value.message
    assert "Contributor" in message and "cannot publish" in message
    assert "Author or Editor role" in message


@pytest.mark.parametrize("user, password", [
    ("editor", "wrong pass word 1234"),
    ("nobody", EDITOR_PASSWORD),
])
def test_check_refuses_bad_credentials_without_echoing_them(site, user, password):
    with pytest.raises(AuthFailed) as raised:
        adapter_for(site, user, password).check()
    assert raised.value.status == 401
    assert "Test connection" in raised.value.message
    assert password not in raised.value.message
    assert basic(user, password)[6:] not in raised.value.message
    assert password not in repr(adapter_for(site, user, password))


def test_check_explains_credentials_ignored_over_http(site):
    site.environment = "production"  # application passwords need HTTPS
    with pytest.raises(AuthFailed) as raised:
        adapter_for(site).check()
    assert "https://" in raised.value.message


def test_application_password_spaces_are_optional(site):
    adapter = adapter_for(site, password=EDITOR_PASSWORD.replace(" ", ""))
    assert adapter.check().endswith("as Editor.")


# -- create ----------------------------------------------------------------------------


def test_create_publishes_and_sends_exactly_the_post(site, wp):
    remote = wp.create(make_post())

    [request] = site.requests
    assert (request.method, request.path) == ("POST", "/wp-json/wp/v2/posts")
    assert request.headers["authorization"] == basic("editor", EDITOR_PASSWORD)
    assert request.headers["content-type"] == "application/json"
    assert request.json == {
        "title": "Why we rewrote the billing system",
        "content": "<p>It was <strong>slow</strong>.</p>",
        "excerpt": "Three lessons from a rewrite.",
        "status": "publish",
        "slug": "why-we-rewrote-billing",
        "tags": [],
    }
    stored = site.posts[1]
    assert stored["status"] == "publish" and stored["author"] == "editor"
    assert stored["content"] == "<p>It was <strong>slow</strong>.</p>"
    assert remote == RemotePost(
        remote_id="1", url=f"{site.base_url}/why-we-rewrote-billing/",
        status="publish", updated_at=stored["modified_gmt"],
        extra={"slug": "why-we-rewrote-billing", "title": "Why we rewrote the billing system"},
        published_at=stored["date_gmt"])


def test_create_draft_sends_no_date(site, wp):
    at = datetime(2030, 1, 1, tzinfo=timezone.utc)
    remote = wp.create(make_post(status="draft", publish_at=at))
    assert remote.status == "draft"
    assert remote.url == f"{site.base_url}/?p=1"
    assert "date_gmt" not in site.requests[-1].json


def test_schedule_sends_future_with_gmt_date(site, wp):
    local = datetime.now(ZoneInfo("America/New_York")).replace(microsecond=0) + timedelta(days=3)
    remote = wp.create(make_post(status="schedule", publish_at=local, timezone="America/New_York"))

    body = site.requests[-1].json
    assert body["status"] == "future"
    assert body["date_gmt"] == local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    assert remote.status == "future"
    assert site.posts[1]["date_gmt"] == body["date_gmt"]


def test_schedule_without_a_date_is_refused_before_sending(site, wp):
    with pytest.raises(Rejected, match="publish date"):
        wp.create(make_post(status="schedule"))
    assert site.requests == []


def test_reused_slug_comes_back_as_slug_2(site, wp):
    first = wp.create(make_post())
    second = wp.create(make_post(title="Another take"))
    assert (first.extra["slug"], second.extra["slug"]) == (
        "why-we-rewrote-billing", "why-we-rewrote-billing-2")
    assert second.url.endswith("/why-we-rewrote-billing-2/")


def test_tags_are_found_by_exact_name_or_created(site, wp):
    python = site.add_tag("Python")
    site.add_tag("Google")  # a substring match for "Go", not the same tag
    ampersand = site.add_tag("R & D")  # stored "R &amp; D": search misses it

    wp.create(make_post(tags=("python", "Go", "R & D", "Go")))

    go = next(t["id"] for t in site.tags.values() if t["name"] == "Go")
    assert site.requests[-1].json["tags"] == [python, go, ampersand]
    assert site.tag_names(1) == ["Python", "Go", "R & D"]
    sent = [(r.method, r.route, r.query.get("search"), r.json)
            for r in site.requests]
    assert sent[:6] == [
        ("GET", "/wp/v2/tags", "python", None),
        ("GET", "/wp/v2/tags", "Go", None),
        ("POST", "/wp/v2/tags", None, {"name": "Go"}),
        ("GET", "/wp/v2/tags", "R & D", None),
        ("POST", "/wp/v2/tags", None, {"name": "R & D"}),  # 400 term_exists, with its id
        ("POST", "/wp/v2/posts", None, sent[5][3]),
    ]
    assert site.requests[0].query["per_page"] == "100"


def test_contributor_may_draft_but_not_publish(site):
    adapter = adapter_for(site, "contributor", CONTRIBUTOR_PASSWORD)
    assert adapter.create(make_post(status="draft")).status == "draft"
    with pytest.raises(NotAllowed) as raised:
        adapter.create(make_post(slug="other"))
    assert raised.value.status == 403
    assert "remote draft" in raised.value.message
    assert list(site.posts) == [1]
