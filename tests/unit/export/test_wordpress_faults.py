"""The WordPress adapter when the site misbehaves: error statuses mapped to typed errors,
the server's messages, HTML replies, timeouts, cut connections, nothing listening,
and no message carrying the credentials."""

from __future__ import annotations

import socket
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
from drafts.export.wordpress import WordPressAdapter
from tests.fake_wordpress import EDITOR_PASSWORD
from tests.unit.export.wordpress_support import adapter_for, make_post

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
