"""Fixtures shared by the service tests in this folder. `blog` runs a test once against each
fake blog (WordPress, Ghost, dev.to); a module may define its own `blog` instead."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["wordpress", "ghost", "devto"])
def blog(request):
    """(kind, server) for each network destination."""
    kind = request.param
    fixture = {"wordpress": "wordpress_server", "ghost": "ghost_server", "devto": "devto_server"}[kind]
    return kind, request.getfixturevalue(fixture)
