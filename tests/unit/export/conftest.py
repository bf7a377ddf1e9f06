"""Fixtures shared by the export adapter tests in this folder: each fake blog under the
short name its tests use."""

from __future__ import annotations

import pytest

from tests.fake_ghost import FakeGhost


@pytest.fixture
def ghost(ghost_server) -> FakeGhost:
    return ghost_server
