"""The fake Ghost Admin API itself behaves like Ghost (auth refusals, trailing-slash
redirects, `?source=html`, `updated_at`), so the adapter tests can trust it."""

from __future__ import annotations

import time

import httpx2

from drafts.export.ghost import sign_hs256
from tests.fake_ghost import FakeGhost
from tests.unit.export.ghost_support import POSTS

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
