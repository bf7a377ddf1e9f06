"""Helpers shared by the WordPress adapter tests (test_wordpress.py, test_wordpress_update.py,
test_wordpress_faults.py): a sample post, an adapter for the fake site, a Basic header."""

from __future__ import annotations

import base64

from drafts.export.base import Post
from drafts.export.wordpress import WordPressAdapter
from tests.fake_wordpress import (
    EDITOR_PASSWORD,
    FakeWordPress,
)


def make_post(**overrides) -> Post:
    fields = dict(title="Why we rewrote the billing system", slug="why-we-rewrote-billing",
                  html="<p>It was <strong>slow</strong>.</p>", markdown="It was **slow**.",
                  excerpt="Three lessons from a rewrite.", tags=(), status="publish")
    fields.update(overrides)
    return Post(**fields)


def adapter_for(site: FakeWordPress, user: str = "editor", password: str = EDITOR_PASSWORD,
                **kwargs) -> WordPressAdapter:
    return WordPressAdapter(site.base_url, user, password, **kwargs)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
