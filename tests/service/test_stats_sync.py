"""`sync-stats` against the fake Ghost (tests/fake_ghost_stats.py) and dev.to: history kept,
one failure does not stop the others, two runs at once do not both read."""

from __future__ import annotations

from datetime import timedelta

from cryptography.fernet import Fernet
from sqlalchemy import func, select

from drafts.export import service
from drafts.metrics import blog, stats_sync
from drafts.models import (
    Destination,
    ExportRecord,
    PostStats,
    Role,
    StatsLock,
    StatsSync,
    utcnow,
)
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from tests.factories import make_draft, make_user

KEY = Fernet.generate_key()
BOX = SecretBox(KEY)


def _published(dbs, destination, reviewer, author, title):
    draft = make_draft(dbs, author, title=title, body="We cut our cloud bill by a third. " * 10)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    service.publish(dbs, draft, reviewer, destination, box=BOX, sleep=lambda _s: None)
    return draft, dbs.scalar(select(ExportRecord).where(ExportRecord.draft_id == draft.id))


def _world(dbs, server):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    ghost = service.add_destination(dbs, reviewer, kind="ghost", name="Ghost blog",
                                    settings={"admin_url": server.base_url},
                                    secret=server.admin_api_key, box=BOX)
    wordpress = Destination(kind="wordpress", name="WordPress site", settings_json="{}")
    dbs.add(wordpress)
    dbs.commit()
    one, rec_one = _published(dbs, ghost, reviewer, author, "Cloud costs")
    two, rec_two = _published(dbs, ghost, reviewer, author, "Zero trust")
    dbs.add(ExportRecord(draft_id=two.id, destination_id=wordpress.id, status="published",
                         remote_id="77", live_since=utcnow()))
    dbs.commit()
    return one, rec_one, two, rec_two


def test_sync_reads_every_live_ghost_post_and_keeps_history(dbs, ghost_stats_server):
    server = ghost_stats_server
    one, rec_one, two, rec_two = _world(dbs, server)
    server.set_counts(rec_one.remote_id, signups=3, paid_conversions=1, clicks=12,
                      positive_feedback=4, negative_feedback=1)
    run = stats_sync.sync(dbs, BOX)
    assert (run.ok, run.failed, run.lines) == (2, 0, [])
    asked = [r for r in server.requests if r.method == "GET" and "include" in r.query]
    assert {r.query["include"] for r in asked} == {
        "count.signups,count.paid_conversions,count.clicks,count.positive_feedback,"
        "count.negative_feedback"}
    [reading] = blog.for_draft(dbs, one.id)  # the WordPress copy is not read: nothing to read
    assert reading.destination == "Ghost blog"
    assert [(label, value) for label, value, _ in reading.values] == [
        ("Sign-ups", 3), ("Paid conversions", 1), ("Newsletter clicks", 12), ("Liked it", 4),
        ("Did not like it", 1)]

    server.set_counts(rec_one.remote_id, signups=5, clicks=20)
    again = stats_sync.sync(dbs, BOX)
    assert again.ok == 2
    assert dbs.scalar(select(func.count()).select_from(PostStats)) == 4  # history, not overwritten
    [reading] = blog.for_draft(dbs, one.id)
    assert reading.values[0] == ("Sign-ups", 5, 2) and reading.values[2] == ("Newsletter clicks", 20, 8)
    assert blog.last_sync(dbs).posts_ok == 2


def test_one_failing_post_is_reported_and_the_others_are_read(dbs, ghost_stats_server):
    server = ghost_stats_server
    one, rec_one, two, rec_two = _world(dbs, server)
    server.fail_next(500, match=f"/posts/{rec_one.remote_id}/")
    server.delete_post(rec_two.remote_id)
    run = stats_sync.sync(dbs, BOX)
    assert (run.ok, run.failed) == (0, 2)
    assert any("“Cloud costs” on Ghost blog" in line for line in run.lines)
    assert any("“Zero trust” on Ghost blog: the post is no longer there" in line for line in run.lines)
    server.set_counts(rec_one.remote_id, signups=1)
    run = stats_sync.sync(dbs, BOX)
    assert (run.ok, run.failed) == (1, 1)
    assert dbs.scalar(select(StatsSync.message).order_by(StatsSync.id.desc()).limit(1)).startswith(
        "“Zero trust”")


def test_a_second_run_while_one_holds_the_lease_reads_nothing(dbs, ghost_stats_server):
    _world(dbs, ghost_stats_server)
    now = utcnow()
    dbs.add(StatsLock(name="sync", holder=999, until=now + timedelta(minutes=5)))
    dbs.commit()
    run = stats_sync.sync(dbs, BOX, now=now)
    assert run.busy and "in progress" in run.lines[0]
    assert dbs.scalar(select(func.count()).select_from(PostStats)) == 0
    # A crashed run's lease lapses.
    later = stats_sync.sync(dbs, BOX, now=now + stats_sync.LEASE + timedelta(minutes=6))
    assert not later.busy and later.ok == 2
    assert dbs.get(StatsLock, "sync").until is None


def test_the_cli_reports_failures_with_exit_status_1(app, runner, dbs, ghost_stats_server):
    one, rec_one, two, rec_two = _world(dbs, ghost_stats_server)
    app.config["BYLINE_ENCRYPTION_KEY"] = KEY
    ghost_stats_server.delete_post(rec_two.remote_id)
    result = runner.invoke(args=["sync-stats"])
    assert result.exit_code == 1, result.output
    assert "Zero trust" in result.output and "Read the numbers of 1 post" in result.output


def test_devto_views_and_reactions_come_from_one_list(dbs, devto_server):
    author = make_user(dbs, Role.AUTHOR)
    reviewer = make_user(dbs, Role.REVIEWER)
    devto = service.add_destination(dbs, reviewer, kind="devto", name="dev.to",
                                    settings={"base_url": devto_server.base_url},
                                    secret=devto_server.api_key, box=BOX)
    dbs.commit()
    draft, record = _published(dbs, devto, reviewer, author, "Cloud costs")
    run = stats_sync.sync(dbs, BOX)
    assert (run.ok, run.failed) == (1, 0), run.lines
    [reading] = blog.for_draft(dbs, draft.id)
    assert [(label, value) for label, value, _ in reading.values] == [("Views", 0), ("Reactions", 0)]


def test_the_trend_sums_each_posts_last_reading_per_month(dbs, ghost_stats_server):
    from datetime import timezone

    from drafts.metrics import aggregates
    from drafts.metrics.period import Filters, months

    one, rec_one, two, rec_two = _world(dbs, ghost_stats_server)
    ghost = dbs.get(Destination, rec_one.destination_id)
    now = utcnow()
    period = months(3, now, timezone.utc)
    ghost_stats_server.set_counts(rec_one.remote_id, signups=1)
    stats_sync.sync(dbs, BOX, now=period[1].start + timedelta(days=1))
    ghost_stats_server.set_counts(rec_one.remote_id, signups=3)
    stats_sync.sync(dbs, BOX, now=period[1].start + timedelta(days=2))
    ghost_stats_server.set_counts(rec_one.remote_id, signups=7, clicks=2)
    stats_sync.sync(dbs, BOX, now=now)
    ids = select(aggregates.published_posts(Filters(months=3), period).subquery().c.id)
    trend = blog.by_month(dbs, ids, period, ghost)
    keys = [m.key for m in period]
    assert [t[0] for t in trend] == keys
    got = {key: (posts, values[0], values[2]) for key, posts, values in trend}
    assert got[keys[-1]] == (2, 7, 2)  # this month: both posts, the last reading
    assert got[keys[1]] == (2, 3, 0)  # a month with two readings sums the later one
    assert got[keys[0]] == (0, 0, 0)
