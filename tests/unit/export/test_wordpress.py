"""The WordPress adapter against a fake WordPress REST API over real HTTP on 127.0.0.1."""

from __future__ import annotations

import base64
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Post,
    Rejected,
    RemoteConflict,
    RemoteGone,
    RemotePost,
    ServerError,
    Timeout,
    TooLarge,
    Unreachable,
)
from drafts.export.wordpress import WordPressAdapter
from tests.fake_wordpress import (
    CONTRIBUTOR_PASSWORD,
    EDITOR_PASSWORD,
    FakeWordPress,
    wordpress_server,  # noqa: F401
)


def make_post(**overrides) -> Post:
    fields = dict(title="Why we rewrote the billing system", slug="why-we-rewrote-billing",
                  html="<p>It was <strong>slow</strong>.</p>", markdown="It was **slow**.",
                  excerpt="Three lessons from a rewrite.", tags=(), status="publish")
    fields.update(overrides)
    return Post(**fields)


def adapter_for(site: FakeWordPress, user: str = "editor", password: str = EDITOR_PASSWORD,
                **kwargs) -> WordPressAdapter:
    return WordPressAdapter(site.base_url, user, password, **kwargs)


@pytest.fixture
def site(wordpress_server) -> FakeWordPress:  # noqa: F811 (the fixture imported above)
    return wordpress_server


@pytest.fixture
def wp(site: FakeWordPress) -> WordPressAdapter:
    return adapter_for(site, timeout=3.0)


@pytest.fixture
def plain_site() -> Iterator[FakeWordPress]:
    """A site without pretty permalinks: only /?rest_route= answers."""
    server = FakeWordPress(pretty_permalinks=False)
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


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


# -- update and find_by_slug ---------------------------------------------------------------


def test_update_sends_the_fields_to_the_post(site, wp):
    created = wp.create(make_post(status="draft"))
    time.sleep(1.05)  # modified_gmt has one-second resolution
    updated = wp.update(created, make_post(title="Billing, rewritten", tags=("ops",)))

    request = site.requests[-1]
    assert (request.method, request.path) == ("POST", "/wp-json/wp/v2/posts/1")
    assert request.json["title"] == "Billing, rewritten"
    assert request.json["status"] == "publish"
    stored = site.posts[1]
    assert (stored["title"], stored["status"]) == ("Billing, rewritten", "publish")
    assert site.tag_names(1) == ["ops"]
    assert updated.remote_id == "1" and updated.status == "publish"
    assert updated.updated_at == stored["modified_gmt"] != created.updated_at
    assert len(site.posts) == 1


def test_update_of_a_post_deleted_in_wp_admin_is_remote_gone(site, wp):
    created = wp.create(make_post())
    site.delete_post(int(created.remote_id))
    with pytest.raises(RemoteGone) as raised:
        wp.update(created, make_post())
    assert raised.value.status == 404
    assert site.posts == {}  # not re-created


def test_find_by_slug_sees_drafts_and_reports_missing(site, wp):
    created = wp.create(make_post(status="draft"))
    found = wp.find_by_slug("why-we-rewrote-billing")
    assert found == created
    request = site.requests[-1]
    assert request.method == "GET" and request.route == "/wp/v2/posts"
    assert request.query == {"slug": "why-we-rewrote-billing", "status": "any",
                             "context": "edit"}
    assert wp.find_by_slug("never-written") is None


# -- sites without pretty permalinks ---------------------------------------------------------


def test_falls_back_to_rest_route_once(plain_site):
    adapter = adapter_for(plain_site)
    assert adapter.check().endswith("as Editor.")
    remote = adapter.create(make_post())

    paths = [r.path for r in plain_site.requests]
    assert paths == [
        "/wp-json/wp/v2/users/me?context=edit",  # the theme's HTML 404
        "/?rest_route=%2Fwp%2Fv2%2Fusers%2Fme&context=edit",
        "/?rest_route=%2Fwp%2Fv2%2Fposts",
    ]
    assert adapter.pretty_permalinks is False
    assert remote.url == f"{plain_site.base_url}/?p=1"
    assert adapter.find_by_slug(remote.extra["slug"]) == remote


def test_fallback_on_first_create_does_not_duplicate(plain_site):
    adapter = adapter_for(plain_site)
    adapter.create(make_post())
    assert len(plain_site.posts) == 1
    assert [r.route for r in plain_site.requests] == ["/wp/v2/posts", "/wp/v2/posts"]


def test_explicit_plain_permalinks_skip_detection(plain_site):
    adapter_for(plain_site, pretty_permalinks=False).check()
    assert [r.path for r in plain_site.requests] == [
        "/?rest_route=%2Fwp%2Fv2%2Fusers%2Fme&context=edit"]


# -- faults ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status, code, error_class", [
    (401, "rest_not_logged_in", AuthFailed),
    (403, "rest_cannot_publish", NotAllowed),
    (409, "rest_conflict", RemoteConflict),
    (413, "rest_too_large", TooLarge),
    (500, "internal_server_error", ServerError),
    (502, "bad_gateway", ServerError),
    (503, "maintenance", ServerError),
])
def test_error_statuses_map_to_typed_errors(site, wp, status, code, error_class):
    site.fail_next(status, code, route="/wp/v2/posts")
    with pytest.raises(error_class) as raised:
        wp.create(make_post())
    assert raised.value.status == status
    assert raised.value.retryable is (status >= 500)
    assert raised.value.message.rstrip().endswith(".")


@pytest.mark.parametrize("status", [400, 422])
def test_validation_errors_carry_the_servers_message(site, wp, status):
    site.fail_next(status, "rest_invalid_param", "Invalid parameter(s): status",
                               params={"status": "status is not one of publish, draft."})
    with pytest.raises(Rejected) as raised:
        wp.create(make_post())
    assert raised.value.status == status
    assert "Invalid parameter(s): status (status is not one of publish, draft)" in (
        raised.value.message)


def test_server_message_html_is_stripped(site, wp):
    site.fail_next(400, "rest_invalid_param", "Invalid <code>slug</code>.")
    with pytest.raises(Rejected, match=r"\(400\): Invalid slug\. Fix what it names"):
        wp.create(make_post())


def test_a_long_server_message_is_cut(site, wp):
    site.fail_next(422, "rest_invalid_param", "x" * 5000)
    with pytest.raises(Rejected) as raised:
        wp.create(make_post())
    assert "x" * 199 in raised.value.message and "x" * 200 not in raised.value.message


def test_other_403_names_the_servers_reason(site, wp):
    site.fail_next(403, "rest_cannot_edit", "Sorry, you are not allowed to edit "
                               "this post.", route="/wp/v2/posts/1")
    remote = wp.create(make_post())
    with pytest.raises(NotAllowed, match="not allowed to edit this post"):
        wp.update(remote, make_post())


@pytest.mark.parametrize("status, error_class", [
    (200, BadResponse),  # a login page or a security plugin
    (413, TooLarge),  # nginx's own page
    (502, ServerError),
    (401, AuthFailed),
])
def test_html_replies(site, wp, status, error_class):
    site.html_next(status, route="/wp/v2/posts")
    with pytest.raises(error_class):
        wp.create(make_post())


def test_html_on_check_is_bad_response(site, wp):
    site.html_next()
    with pytest.raises(BadResponse, match="Check the site address"):
        wp.check()


def test_json_that_is_not_a_post_is_bad_response(site, wp):
    site.fail_next(200, "odd", "Not a post.", route="/wp/v2/posts")
    with pytest.raises(BadResponse):
        wp.create(make_post())


def test_missing_rest_route_is_bad_response(site, wp):
    site.fail_next(404, "rest_no_route", "No route was found.")
    with pytest.raises(BadResponse, match="site address"):
        wp.find_by_slug("anything")


def test_slow_site_times_out_without_creating(site):
    site.delay_next(5, route="/wp/v2/posts")
    adapter = adapter_for(site, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(Timeout) as raised:
        adapter.create(make_post())
    assert time.monotonic() - started < 2
    assert raised.value.retryable
    assert site.posts == {}


def test_timeout_after_the_post_was_created_is_found_by_slug(site):
    site.drop_next(5)
    adapter = adapter_for(site, timeout=0.3)
    with pytest.raises(Timeout):
        adapter.create(make_post())
    assert [p["slug"] for p in site.posts.values()] == ["why-we-rewrote-billing"]
    found = adapter.find_by_slug("why-we-rewrote-billing")
    assert found is not None and found.remote_id == "1"


def test_connection_cut_before_an_answer_is_treated_like_a_timeout(site, wp):
    site.close_next(route="/wp/v2/posts")
    with pytest.raises(Timeout, match="connection to the blog broke"):
        wp.create(make_post())


def test_nothing_listening_is_unreachable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    adapter = WordPressAdapter(f"http://127.0.0.1:{port}", "editor", EDITOR_PASSWORD, timeout=2)
    with pytest.raises(Unreachable) as raised:
        adapter.check()
    assert "Check the site address" in raised.value.message
    assert EDITOR_PASSWORD not in raised.value.message


def test_no_message_carries_the_credentials(site):
    secret = "abcd EFGH 1234 ijkl MNOP 9999"
    url = site.base_url.replace("http://", f"http://editor:{secret}@")
    adapter = WordPressAdapter(url, "editor", secret, timeout=0.3)
    errors: list[ExportError] = []
    for fault in ("fail", "html", "close"):
        getattr(site, f"{fault}_next")(*([401] if fault == "fail" else []))
        with pytest.raises(ExportError) as raised:
            adapter.check()
        errors.append(raised.value)
    for error in errors:
        assert secret not in error.message and "editor:" not in error.message
