"""The fake Ghost with the counts Ghost 5 adds to a post when asked (`include=count.*`).

Ghost 5.130 answers `GET /ghost/api/admin/posts/{id}/?include=count.signups,count.clicks,...`
with the post plus `"count": {"signups": 3, "clicks": 12, ...}`, only the counts asked for.
Set a post's numbers with `set_counts(post_id, signups=3, ...)` (unset ones are 0).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_ghost import FakeGhost


class FakeGhostStats(FakeGhost):
    def __init__(self, title: str = "The Byline Test Blog") -> None:
        self.counts: dict[str, dict[str, int]] = {}
        super().__init__(title)

    def set_counts(self, post_id: str, **counts: int) -> None:
        with self._lock:
            self.counts.setdefault(post_id, {}).update(counts)

    def post_json(self, post: dict, query: dict | None = None) -> dict:
        shown = super().post_json(post, query)
        include = str((query or {}).get("include") or "")
        wanted = [part.split(".", 1)[1] for part in include.split(",") if part.startswith("count.")]
        if wanted:
            mine = self.counts.get(post["id"], {})
            shown["count"] = {name: mine.get(name, 0) for name in wanted}
        return shown


@pytest.fixture
def ghost_stats_server() -> Iterator[FakeGhostStats]:
    server = FakeGhostStats()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake Ghost server failed: {server.errors}"
