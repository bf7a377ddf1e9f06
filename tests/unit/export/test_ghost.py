"""GhostAdapter end to end: its real httpx2 client against a fake Ghost Admin API on 127.0.0.1.

This file: the Admin API token and `check`. Posts are in test_ghost_posts.py, failures in
test_ghost_faults.py, the fake's own behaviour in test_ghost_fake.py."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import jwt
import pytest
from jwt.warnings import InsecureKeyLengthWarning

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    Unreachable,
)
from drafts.export.ghost import GhostAdapter, iso_utc, sign_hs256
from tests.unit.export.ghost_support import POSTS, adapter_for, assert_clean, make_post

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


def test_iso_utc_needs_an_aware_datetime():
    assert iso_utc(datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)) == "2025-01-02T03:04:05.000Z"
    with pytest.raises(ValueError):
        iso_utc(datetime(2025, 1, 2, 3, 4, 5))
