"""`flask sync-stats` against a real Ghost 5.130 (issue 14 item 5): Ghost answers the five
counts Byline asks for with `include=count.*`, and Byline keeps them for the post."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from drafts.export.blog_stats import GHOST_COUNTS, GHOST_INCLUDE
from drafts.metrics import blog
from drafts.models import PostStats
from tests.realcms import blogs
from tests.realcms.flow import unique

pytestmark = pytest.mark.realcms
blogs.skip_module_unless_running()


def test_sync_stats_reads_ghosts_counts_for_a_live_post(newsroom, real_ghost):
    destination = newsroom.destination_for(real_ghost)
    draft = newsroom.approved(unique("What the board asks about AI"))
    messages = newsroom.publish(draft, destination)
    record = newsroom.record(draft, destination)
    assert record.status == "published", messages

    # What Ghost itself answers: every count asked for, as a whole number (a new post: 0).
    response = real_ghost.call("GET", f"/posts/{record.remote_id}/", params={"include": GHOST_INCLUDE})
    assert response.status_code == 200, response.text
    counts = response.json()["posts"][0]["count"]
    assert set(GHOST_COUNTS) <= set(counts) and all(isinstance(counts[n], int) for n in GHOST_COUNTS)

    result = newsroom.app.test_cli_runner().invoke(args=["sync-stats"])
    assert result.exit_code == 0, result.output
    assert "Read the numbers of 1 post." in result.output
    newsroom.dbs.expire_all()
    [reading] = blog.for_draft(newsroom.dbs, draft.id)
    assert reading.destination == destination.name
    assert [value for _, value, _ in reading.values] == [counts[n] for n in GHOST_COUNTS]

    # A second run keeps the first reading: history, one row per post per run.
    assert newsroom.app.test_cli_runner().invoke(args=["sync-stats"]).exit_code == 0
    assert newsroom.dbs.scalar(select(func.count()).select_from(PostStats)) == 2
    assert "Blog numbers" in newsroom.page(draft)
