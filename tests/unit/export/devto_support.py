"""Helpers shared by the dev.to adapter tests (test_devto*.py): a sample post, an adapter
for the fake Forem API, a free port."""

from __future__ import annotations

import socket
from datetime import datetime, timezone

from drafts.export.base import Post
from drafts.export.devto import DevToAdapter
from tests.fake_devto import FakeDevTo


def make_post(**changes) -> Post:
    fields = dict(
        title="Why our platform team stopped estimating",
        slug="why-our-platform-team-stopped-estimating",
        html="<p>We stopped.</p>",
        markdown="We **stopped**.\n\n## What changed\n\nEverything.\n",
        excerpt="Estimates cost more than they saved us.",
        tags=("Engineering", "management", "C++", "dev-ops", "extra"),
        status="publish",
        publish_at=datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc),
        timezone="Europe/Berlin",
        author_name="Ada",
        canonical_url="https://blog.example.com/why-we-stopped-estimating",
    )
    fields.update(changes)
    return Post(**fields)


def adapter_for(server: FakeDevTo, **kw) -> DevToAdapter:
    kw.setdefault("timeout", 5.0)
    return DevToAdapter(kw.pop("api_key", server.api_key), base_url=server.base_url, **kw)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
