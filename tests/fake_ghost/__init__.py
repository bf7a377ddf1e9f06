"""A fake Ghost 5 Admin API on 127.0.0.1, stateful and scriptable per test.

The package's modules: `model` (constants, errors, recorded requests, dates and
slugs), `auth` (Admin API JWTs), `server` (the HTTP server and request handler),
`faults` (scripted faults), `posts`, `users`, `images`, and `site` (`FakeGhost`,
which puts them together). Every public name is importable from `tests.fake_ghost`.

Standard library only: a ThreadingHTTPServer in a thread, on a free port. It
follows what Ghost 5.x does (the notes in docs/reference.md, and Ghost's source
for the auth checks, error shapes and messages):

- Everything lives under `/ghost/api/admin/`; a path without its trailing slash
  is redirected (301) like Ghost's pretty-URL middleware does; any other path is
  the theme's HTML 404 page.
- `GET /site/` is public. Every other route needs `Authorization: Ghost <jwt>`:
  HS256 signed with the hex-decoded secret of the key named by `kid`, `aud`
  ending in "admin/", not expired, issued at most five minutes ago, and (the
  documented rule, stricter than Ghost's own check) `exp - iat` at most five
  minutes. Failures answer like Ghost: 401 INVALID_JWT / UNKNOWN_ADMIN_API_KEY /
  INVALID_AUTH_HEADER, 400 for a malformed token or a missing `kid`, 403 when
  there is no Authorization header at all.
- Posts: `GET /posts/`, `POST /posts/` (201), `GET /posts/{id}/`,
  `GET /posts/slug/{slug}/`, `PUT /posts/{id}/`, `DELETE /posts/{id}/` (204).
  Ids are 24 hex digits, dates are "YYYY-MM-DDTHH:MM:SS.000Z" with one-second
  resolution, slugs are made unique ("slug-2"), HTML is only read with
  `?source=html` (otherwise Ghost drops it silently), a PUT must carry the stored
  `updated_at` (missing: 422 ValidationError; stale: 409 UPDATE_COLLISION) and
  tags given on update replace the post's tags. Drafts' and scheduled posts' URLs
  are previews (`/p/{uuid}/`), published posts' are `/{slug}/`.
- Staff users: `GET /users/`, `/users/{id}/`, `/users/email/{email}/`, `/users/slug/{slug}/`
  (404 NotFoundError when missing). A post's `authors` are given by id, email or slug
  (an unknown one is a 422) and replace the post's authors; without them a post
  written with an Admin API key belongs to the site owner. `add_user(name, email)`.

Faults, each used by the next request (or the next whose "METHOD /path?query"
contains `match`): `fail_next(status, type, message)`, `delay_next(seconds)` (then
answers normally: a create still happens after the client gave up),
`html_next()`, `redirect_next(location)`, `drop_next()` (hang up, no answer). With
`after=True`, `fail_next`, `html_next` and `drop_next` first handle the request for real
(the post IS saved), then answer with the error or page, or hang up: a blog that saved
the post and then failed. Server-side changes: `add_post`,
`edit_post` (moves `updated_at` on by at least a second) and `delete_post`.
Images: `POST /images/upload/` (multipart: `file`, optional `purpose` and `ref`)
checks the type and extension like Ghost, keeps the file in `images` and answers
201 `{"images": [{"url": ".../content/images/...", "ref"}]}`.
Set `time_offset` to move the server's clock (to expire tokens).

    def test_something(ghost_server):
        adapter = GhostAdapter(ghost_server.base_url, ghost_server.admin_api_key)
        ...
        assert ghost_server.requests[0].query == {"source": "html"}
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_ghost.auth import decode_jwt
from tests.fake_ghost.faults import _Fault
from tests.fake_ghost.model import (
    API,
    COLLISION,
    IMAGE_TYPES,
    MAX_TOKEN_AGE,
    NOT_FOUND_PAGE,
    POST_KEYS,
    STATUSES,
    GhostFault,
    RecordedRequest,
    ghost_date,
    parse_date,
    slugify,
)
from tests.fake_ghost.site import FakeGhost

__all__ = [
    "API", "COLLISION", "IMAGE_TYPES", "MAX_TOKEN_AGE", "NOT_FOUND_PAGE", "POST_KEYS",
    "STATUSES", "FakeGhost", "GhostFault", "RecordedRequest", "_Fault", "decode_jwt",
    "ghost_date", "ghost_server", "parse_date", "slugify",
]


@pytest.fixture
def ghost_server() -> Iterator[FakeGhost]:
    """A fresh fake Ghost site for one test, stopped afterwards."""
    server = FakeGhost()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake Ghost server failed: {server.errors}"
