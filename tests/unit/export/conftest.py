"""Fixtures shared by the export adapter tests in this folder: each fake blog under the
short name its tests use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drafts.export.wordpress import WordPressAdapter
from tests.fake_devto import FakeDevTo
from tests.fake_ghost import FakeGhost
from tests.fake_wordpress import FakeWordPress
from tests.unit.export.wordpress_support import adapter_for as wordpress_adapter_for


@pytest.fixture
def ghost(ghost_server) -> FakeGhost:
    return ghost_server


@pytest.fixture
def fake(devto_server) -> FakeDevTo:
    """The fake dev.to of tests/fake_devto/, under a short name."""
    return devto_server


@pytest.fixture
def site(wordpress_server) -> FakeWordPress:
    return wordpress_server


@pytest.fixture
def wp(site: FakeWordPress) -> WordPressAdapter:
    return wordpress_adapter_for(site, timeout=3.0)


@pytest.fixture
def plain_site() -> Iterator[FakeWordPress]:
    """A site without pretty permalinks: only /?rest_route= answers."""
    server = FakeWordPress(pretty_permalinks=False)
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors
