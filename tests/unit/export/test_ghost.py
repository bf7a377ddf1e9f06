"""GhostAdapter end to end: its real httpx2 client against a fake Ghost Admin API on 127.0.0.1."""

from __future__ import annotations

import re
import socket
import time
from datetime import datetime, timedelta, timezone

import httpx2
import jwt
import pytest
from jwt.warnings import InsecureKeyLengthWarning

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
from drafts.export.ghost import GhostAdapter, iso_utc, sign_hs256
from tests.fake_ghost import FakeGhost, ghost_server  # noqa: F401

POSTS = "/ghost/api/admin/posts/"


@pytest.fixture
def ghost(ghost_server) -> FakeGhost:  # noqa: F811 (the fixture imported above)
    return ghost_server


def make_post(**changes) -> Post:
    fields = dict(
        title="How we cut cloud costs by 31%",
        slug="cloud-costs",
        html="<h2>What we changed</h2><p>We moved 40 services to reserved capacity.</p>",
        markdown="## What we changed\n\nWe moved 40 services to reserved capacity.",
        excerpt="Forty services, six months, a third off the bill.",
        tags=("Cloud", "FinOps"),
        status="publish",
    )
    fields.update(changes)
    return Post(**fields)


def adapter_for(server: FakeGhost, **kw) -> GhostAdapter:
    return GhostAdapter(server.base_url, server.admin_api_key, **kw)


def assert_clean(error: ExportError, server: FakeGhost) -> None:
    """A message a person can act on, with no credential in it."""
    assert server.secret not in error.message
    assert server.key_id not in error.message
    assert "eyJ" not in error.message  # no token
    assert error.message.rstrip().endswith((".", ")"))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the token -----------------------------------------------------------------------


def test_sign_hs256_matches_the_published_example():
    # The example token from RFC 7519's companion site jwt.io (secret "your-256-bit-secret").
    # PyJWT signs it; it warns that this example's key is shorter than Ghost's 32 bytes.
    with pytest.warns(InsecureKeyLengthWarning):
        token = sign_hs256({"alg": "HS256", "typ": "JWT"},
                           {"sub": "1234567890", "name": "John Doe", "iat": 1516239022},
                           b"your-256-bit-secret")
    assert token == ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6"
                     "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_"
                     "adQssw5c")


def test_the_admin_token_is_a_jwt_that_pyjwt_verifies(ghost):
    adapter_for(ghost).check()
    token = ghost.requests[-1].headers["authorization"].removeprefix("Ghost ")
    claims = jwt.decode(token, bytes.fromhex(ghost.secret), algorithms=["HS256"],
                        audience="/admin/")
    assert claims["exp"] - claims["iat"] == 300
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "kid": ghost.key_id, "typ": "JWT"}


def test_every_request_carries_a_fresh_admin_token(ghost):
    before = int(time.time())
    adapter_for(ghost).check()
    assert len(ghost.requests) == 2
    for request in ghost.requests:
        assert request.headers["authorization"].startswith("Ghost eyJ")
        assert request.headers["accept-version"] == "v5.0"
        assert request.jwt_header == {"alg": "HS256", "typ": "JWT", "kid": ghost.key_id}
        assert set(request.jwt_payload) == {"iat", "exp", "aud"}
        assert request.jwt_payload["aud"] == "/admin/"
        assert before <= request.jwt_payload["iat"] <= int(time.time())
        assert request.jwt_payload["exp"] - request.jwt_payload["iat"] == 300


@pytest.mark.parametrize("key", [
    "", "no-colon-here", "650c1a2b3c4d5e6f70819203:not-hex", "650c1a2b3c4d5e6f70819203:abc",
    ":" + "ab" * 32, "5f3c6a1b2c3d4e5f60718293a4",  # the last is a Content API key
])
def test_a_malformed_key_is_refused_before_any_request(key):
    with pytest.raises(AuthFailed) as caught:
        GhostAdapter("https://blog.example.com", key)
    assert "id:secret" in caught.value.message
    assert "Settings → Integrations" in caught.value.message
    if ":" in key and key.split(":", 1)[1]:
        assert key.split(":", 1)[1] not in caught.value.message


@pytest.mark.parametrize("url", ["blog.example.com", "ftp://blog.example.com", "https://", ""])
def test_an_admin_url_that_is_not_an_address_is_refused(url):
    with pytest.raises(Unreachable, match="full address"):
        GhostAdapter(url, "a" * 24 + ":" + "b" * 64)


def test_the_repr_never_shows_the_key(ghost):
    adapter = adapter_for(ghost)
    assert ghost.secret not in repr(adapter)
    assert ghost.base_url in repr(adapter)


# -- check -------------------------------------------------------------------------


def test_check_reads_the_site_title_and_proves_the_key(ghost):
    assert adapter_for(ghost).check() == "Connected to The Byline Test Blog."
    site, posts = ghost.requests
    assert (site.method, site.path) == ("GET", "/ghost/api/admin/site/")
    assert (posts.method, posts.path, posts.query) == ("GET", POSTS, {"limit": "1", "fields": "id"})


@pytest.mark.parametrize("suffix", ["/", "/ghost", "/ghost/", "/ghost/api/admin/"])
def test_the_admin_url_may_be_pasted_with_the_ghost_path(ghost, suffix):
    adapter = GhostAdapter(ghost.base_url + suffix, ghost.admin_api_key)
    assert adapter.check() == "Connected to The Byline Test Blog."


def test_check_fails_on_a_wrong_secret_although_the_public_site_endpoint_answers(ghost):
    wrong = f"{ghost.key_id}:{'ab' * 32}"
    with pytest.raises(AuthFailed) as caught:
        GhostAdapter(ghost.base_url, wrong).check()
    assert caught.value.status == 401
    assert "Invalid token: invalid signature" in caught.value.message
    assert "ab" * 32 not in caught.value.message
    assert_clean(caught.value, ghost)


def test_check_fails_on_an_unknown_key_id(ghost):
    other = f"{'0' * 24}:{ghost.secret}"
    with pytest.raises(AuthFailed, match="Unknown Admin API Key") as caught:
        GhostAdapter(ghost.base_url, other).check()
    assert_clean(caught.value, ghost)


def test_check_on_an_address_that_is_not_ghost(ghost):
    with pytest.raises(BadResponse, match="No Ghost Admin API answered") as caught:
        GhostAdapter(ghost.base_url + "/blog", ghost.admin_api_key).check()
    assert caught.value.status == 404
    assert_clean(caught.value, ghost)


def test_an_expired_token_is_auth_failed_with_a_clock_hint(ghost):
    ghost.time_offset = 400  # the server's clock is ahead: our token looks old
    with pytest.raises(AuthFailed) as caught:
        adapter_for(ghost).create(make_post())
    assert "Invalid token: jwt expired" in caught.value.message
    assert "clock" in caught.value.message
    assert ghost.posts == {}
    assert_clean(caught.value, ghost)


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


# -- faults ------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "kind", "code", "expected"), [
    (401, "UnauthorizedError", "INVALID_JWT", AuthFailed),
    (400, "BadRequestError", "INVALID_JWT", AuthFailed),
    (403, "NoPermissionError", None, NotAllowed),
    (404, "NotFoundError", None, BadResponse),
    (409, "UpdateCollisionError", "UPDATE_COLLISION", RemoteConflict),
    (413, "RequestEntityTooLargeError", None, TooLarge),
    (422, "ValidationError", None, Rejected),
    (400, "ValidationError", None, Rejected),
    (429, "TooManyRequestsError", None, ServerError),
    (500, "InternalServerError", None, ServerError),
    (503, "InternalServerError", None, ServerError),
    (418, "TeapotError", None, ExportError),
])
def test_each_error_status_maps_to_its_error(ghost, status, kind, code, expected):
    ghost.fail_next(status, kind, "The server's own words.", code=code)
    with pytest.raises(expected) as caught:
        adapter_for(ghost).create(make_post())
    assert type(caught.value) is expected
    assert caught.value.status == status
    assert caught.value.retryable is (expected is ServerError)
    assert_clean(caught.value, ghost)
    assert ghost.posts == {}


def test_the_servers_message_is_cut_to_200_characters(ghost):
    ghost.fail_next(422, "ValidationError", "Too long: " + "word " * 200)
    with pytest.raises(Rejected) as caught:
        adapter_for(ghost).create(make_post())
    said = caught.value.message.split("(422): ", 1)[1].split(". Fix what", 1)[0]
    assert len(said) == 200
    assert said.endswith("…")


def test_an_html_error_page_still_maps_by_status(ghost):
    ghost.html_next(502, "<html><body>Bad gateway</body></html>")
    with pytest.raises(ServerError) as caught:
        adapter_for(ghost).create(make_post())
    assert caught.value.status == 502


def test_a_timeout_is_retryable_and_the_post_can_be_found_after(ghost):
    ghost.delay_next(1.0, match="POST")
    adapter = adapter_for(ghost, timeout=0.25)
    started = time.monotonic()
    with pytest.raises(Timeout) as caught:
        adapter.create(make_post())
    assert time.monotonic() - started < 0.9
    assert caught.value.retryable
    assert "0.25 seconds" in caught.value.message
    assert_clean(caught.value, ghost)
    assert ghost.wait_idle()
    # Ghost created it after Byline gave up: the lookup the service does first finds it.
    found = adapter_for(ghost).find_by_slug("cloud-costs")
    assert found is not None and found.status == "published"


def test_a_dropped_connection_is_treated_like_a_timeout(ghost):
    ghost.drop_next(match="POST")
    with pytest.raises(Timeout) as caught:
        adapter_for(ghost).create(make_post())
    assert caught.value.retryable
    assert "broke before Ghost answered" in caught.value.message
    assert_clean(caught.value, ghost)


def test_a_closed_port_is_unreachable(ghost):
    port = closed_port()
    adapter = GhostAdapter(f"http://127.0.0.1:{port}", ghost.admin_api_key, timeout=2)
    with pytest.raises(Unreachable) as caught:
        adapter.check()
    assert f"127.0.0.1:{port}" in caught.value.message
    assert not caught.value.retryable
    assert_clean(caught.value, ghost)


@pytest.mark.parametrize("call", ["check", "create", "find_by_slug"])
def test_a_login_page_instead_of_json_is_bad_response(ghost, call):
    ghost.html_next(200)
    adapter = adapter_for(ghost)
    with pytest.raises(BadResponse) as caught:
        if call == "check":
            adapter.check()
        elif call == "create":
            adapter.create(make_post())
        else:
            adapter.find_by_slug("cloud-costs")
    assert "not Ghost Admin API JSON" in caught.value.message
    assert_clean(caught.value, ghost)


def test_a_redirect_is_not_followed_and_says_which_address_to_use(ghost):
    ghost.redirect_next("https://blog.example.com/ghost/api/admin/posts/?source=html")
    with pytest.raises(BadResponse) as caught:
        adapter_for(ghost).create(make_post())
    assert "redirects" in caught.value.message
    assert "https://blog.example.com/ghost/api/admin/posts/" in caught.value.message
    assert len(ghost.requests) == 1
    assert ghost.posts == {}


# -- the fake itself behaves like Ghost ------------------------------------------------


def raw_token(server: FakeGhost, *, iat: int | None = None, life: int = 300,
              aud: str = "/admin/") -> str:
    iat = int(time.time()) if iat is None else iat
    return sign_hs256({"alg": "HS256", "typ": "JWT", "kid": server.key_id},
                      {"iat": iat, "exp": iat + life, "aud": aud}, bytes.fromhex(server.secret))


def raw(server: FakeGhost, method: str, path: str, token: str | None = None, **kw):
    headers = {"Authorization": f"Ghost {token}"} if token else {}
    with httpx2.Client(timeout=httpx2.Timeout(5.0)) as client:
        return client.request(method, server.base_url + path, headers=headers, **kw)


def test_fake_refuses_missing_auth_long_tokens_and_wrong_audience(ghost):
    assert raw(ghost, "GET", POSTS).status_code == 403
    long = raw(ghost, "GET", POSTS, raw_token(ghost, life=3600))
    assert long.status_code == 401 and long.json()["errors"][0]["code"] == "INVALID_JWT"
    content = raw(ghost, "GET", POSTS, raw_token(ghost, aud="/content/"))
    assert content.status_code == 401
    assert raw(ghost, "GET", POSTS, "not-a-jwt").status_code == 400
    assert raw(ghost, "GET", POSTS, raw_token(ghost)).status_code == 200


def test_fake_redirects_paths_without_a_trailing_slash(ghost):
    answer = raw(ghost, "GET", "/ghost/api/admin/posts?limit=1", raw_token(ghost))
    assert answer.status_code == 301
    assert answer.headers["location"] == "/ghost/api/admin/posts/?limit=1"


def test_fake_drops_html_without_source_html_and_needs_updated_at(ghost):
    token = raw_token(ghost)
    made = raw(ghost, "POST", POSTS, token,
               json={"posts": [{"title": "T", "html": "<p>Lost</p>"}]})
    assert made.status_code == 201
    post = made.json()["posts"][0]
    assert ghost.posts[post["id"]]["html"] == ""
    missing = raw(ghost, "PUT", f"{POSTS}{post['id']}/?source=html", token,
                  json={"posts": [{"title": "T2"}]})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["type"] == "ValidationError"
    stale = raw(ghost, "PUT", f"{POSTS}{post['id']}/", token,
                json={"posts": [{"title": "T2", "updated_at": "2001-01-01T00:00:00.000Z"}]})
    assert stale.status_code == 409
    assert stale.json()["errors"][0] | {"id": ""} == {
        "message": "Saving failed! Someone else is editing this post.", "context": None,
        "type": "UpdateCollisionError", "details": None, "property": None, "help": None,
        "code": "UPDATE_COLLISION", "id": "", "ghostErrorCode": None}


def test_iso_utc_needs_an_aware_datetime():
    assert iso_utc(datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)) == "2025-01-02T03:04:05.000Z"
    with pytest.raises(ValueError):
        iso_utc(datetime(2025, 1, 2, 3, 4, 5))
