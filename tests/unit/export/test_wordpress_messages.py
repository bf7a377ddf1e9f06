"""Test connection says what is actually wrong with a WordPress destination (issue 9, item 11)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from drafts.export.base import AuthFailed, BadResponse
from drafts.export.wordpress import WordPressAdapter
from tests.fake_wordpress import EDITOR_PASSWORD, FakeWordPress


class _Redirecting(BaseHTTPRequestHandler):
    """A site that is not WordPress: every address redirects to its login page."""

    def do_GET(self):  # noqa: N802
        self.send_response(302)
        self.send_header("Location", "/account/login?next=%2F")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def not_wordpress() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_wrong_application_password_says_so_and_not_to_use_https(wordpress_server):
    adapter = WordPressAdapter(wordpress_server.base_url, "editor", "wrong pass word 1234")
    with pytest.raises(AuthFailed) as raised:
        adapter.check()
    message = raised.value.message
    assert "https://" not in message
    assert "user name or the application password is wrong" in message
    assert "Application Passwords" in message and "Test connection" in message


def test_an_unknown_user_name_says_so_too(wordpress_server):
    with pytest.raises(AuthFailed) as raised:
        WordPressAdapter(wordpress_server.base_url, "nobody", EDITOR_PASSWORD).check()
    assert "user name or the application password is wrong" in raised.value.message


def test_application_passwords_ignored_over_http_say_use_https(wordpress_server):
    wordpress_server.environment = "production"
    with pytest.raises(AuthFailed) as raised:
        WordPressAdapter(wordpress_server.base_url, "editor", EDITOR_PASSWORD).check()
    message = raised.value.message
    assert "https://" in message and "application passwords" in message.lower()
    assert "is wrong" not in message


def test_a_site_that_is_not_wordpress_says_so_not_try_again_later(not_wordpress):
    with pytest.raises(BadResponse) as raised:
        WordPressAdapter(not_wordpress, "editor", EDITOR_PASSWORD).check()
    message = raised.value.message
    assert "Try again later" not in message
    assert "not a WordPress site" in message and "/account/login" in message
    assert "302" in message and "site address" in message


def test_a_redirect_while_publishing_is_also_named(not_wordpress):
    with pytest.raises(BadResponse) as raised:
        WordPressAdapter(not_wordpress, "editor", EDITOR_PASSWORD).find_by_slug("x")
    assert "Try again later" not in raised.value.message


def test_the_fake_keeps_a_wrong_password_anonymous_like_wordpress_61(wordpress_server):
    site: FakeWordPress = wordpress_server
    assert site._authenticate("Basic ZWRpdG9yOndyb25n") is None  # editor:wrong
    assert "application-passwords" in site._index()["authentication"]
    site.environment = "production"
    assert "application-passwords" not in site._index()["authentication"]
