"""GhostAdapter when Ghost misbehaves: error statuses mapped to typed errors, HTML
pages, timeouts, dropped connections, closed ports and redirects."""

from __future__ import annotations

import time

import pytest

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Rejected,
    RemoteConflict,
    ServerError,
    Timeout,
    TooLarge,
    Unreachable,
)
from drafts.export.ghost import GhostAdapter
from tests.unit.export.ghost_support import adapter_for, assert_clean, closed_port, make_post

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
