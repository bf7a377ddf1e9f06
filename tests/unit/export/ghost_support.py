"""Helpers shared by the GhostAdapter tests (test_ghost*.py): a sample post, an adapter
for the fake Ghost, the check that an error message is clean, a closed port."""

from __future__ import annotations

import socket

from drafts.export.base import (
    ExportError,
    Post,
)
from drafts.export.ghost import GhostAdapter
from tests.fake_ghost import FakeGhost

POSTS = "/ghost/api/admin/posts/"


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
