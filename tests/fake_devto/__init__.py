"""A fake dev.to (Forem API v1) on 127.0.0.1, stateful and scriptable per test.

The package's modules: `model` (constants, recorded requests, users and Forem's
helpers), `server` (the HTTP server and request handler), `faults` (`Fault` and
scripting), `articles` (validation, create, update), `json_shapes` (how articles and
users are shown), and `site` (`FakeDevTo`, which puts them together). Every public
name is importable from `tests.fake_devto`.

Standard library only: a ThreadingHTTPServer in a thread, on a free port. It
follows the Forem API (forem/forem app/controllers/api/v1, checked against its
source) closely enough for the dev.to adapter:

    GET  /api/users/me                      the key's user
    GET  /api/articles/me[/published|/unpublished|/all]?per_page=&page=
                                            the key's articles (per_page: 30, max 1000)
    GET  /api/articles/{id}                 a published article (no key needed)
    POST /api/articles {"article": {...}}   201 + the article (no "published" field:
                                            Forem's single-article answer lacks it)
    PUT  /api/articles/{id} {"article": {...}}
                                            200; 404 when it is not the key's article

Authentication is the `api-key` header: missing or unknown -> 401
`{"error": "unauthorized", "status": 401}`. Validation failures -> 422
`{"error": "Title can't be blank and ...", "status": 422}` (Forem's sentence of
full messages): blank/long title, more than 4 tags, tags that are not
alphanumeric or longer than 30, the same body twice for one title, a canonical
URL already used or with spaces. Slugs are made as Forem makes them: the
title's slug plus "-" and a random base-26 suffix, plus "-temp-slug-<n>" while
unpublished (regenerated on first publish).

Fault injection: `script(Fault(...))` queues faults; each request takes the
first queued fault that matches its method and path prefix. A fault can answer
with any status, wait first (`delay`), never answer (`hang`), send a body that
is not JSON (`raw`), drop the connection, or process the request for real
first (`after=True`: the article is created, then the answer is late or fails).

    def test_something(devto_server):
        devto_server.script(Fault(status=500, method="POST"))
        adapter = DevToAdapter(devto_server.api_key, base_url=devto_server.base_url)
        ...
        assert devto_server.requests[0].headers["api-key"] == devto_server.api_key
        assert devto_server.articles[...]["title"] == "..."
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_devto.faults import Fault
from tests.fake_devto.model import (
    ACCEPT_V1,
    API_KEY,
    PER_PAGE_MAX,
    REASONS,
    RecordedRequest,
    User,
    forem_slug,
)
from tests.fake_devto.site import FakeDevTo

__all__ = [
    "ACCEPT_V1", "API_KEY", "PER_PAGE_MAX", "REASONS", "FakeDevTo", "Fault",
    "RecordedRequest", "User", "devto_server", "forem_slug",
]


@pytest.fixture
def devto_server() -> Iterator[FakeDevTo]:
    """A fresh fake dev.to for one test, stopped afterwards."""
    server = FakeDevTo()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake dev.to server failed: {server.errors}"
