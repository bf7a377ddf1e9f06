"""The dashboard's numbers against a hand-built history (tests/program_history.py)."""

from __future__ import annotations

from datetime import timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from drafts import glossary
from drafts.metrics import aggregates, posts, suggestions
from drafts.metrics.period import Filters, months
from drafts.readability import analyze
from tests import program_history as h


@pytest.fixture
def world(dbs):
    return h.build(dbs)


def six():
    return months(6, h.NOW, timezone.utc)


def test_months_are_calendar_months_in_the_viewers_zone():
    got = months(3, h.NOW, ZoneInfo("America/New_York"))
    assert [m.key for m in got] == ["2026-04", "2026-05", "2026-06"]
    assert got[0].start.isoformat() == "2026-04-01T04:00:00+00:00"  # midnight in New York (EDT)
    assert got[-1].end.isoformat() == "2026-07-01T04:00:00+00:00"
    assert [m.key for m in months(12, h.NOW, timezone.utc)][:2] == ["2025-07", "2025-08"]


def test_published_per_month_counts_first_publication_only(dbs, world):
    series = aggregates.by_month(dbs, Filters(), six())
    # Unpublished-later still counts; republished counts once; trashed, never-published and
    # before-the-period posts do not.
    assert series.counts == {"2026-03": 1, "2026-04": 1, "2026-05": 1}


def test_published_per_author_and_destination(dbs, world):
    authors = {s.name: s.counts for s in aggregates.by_author(dbs, Filters(), six())}
    assert authors == {"Ana Author": {"2026-03": 1, "2026-04": 1}, "Ben Writer": {"2026-05": 1}}
    places = {s.name: s.counts for s in aggregates.by_destination(dbs, Filters(), six())}
    assert places == {"WordPress site": {"2026-03": 1}, "Ghost blog": {"2026-04": 1}}


def test_filters_narrow_every_count(dbs, world):
    on_ghost = Filters(destination_id=world.ghost.id)
    assert aggregates.by_month(dbs, on_ghost, six()).counts == {"2026-04": 1}
    bens = Filters(author_id=world.ben.id)
    assert aggregates.by_month(dbs, bens, six()).counts == {"2026-05": 1}
    assert aggregates.tags(dbs, bens, six()) == [("security", 1)]
    three = months(3, h.NOW, timezone.utc)
    assert aggregates.by_month(dbs, Filters(months=3), three).counts == {"2026-04": 1, "2026-05": 1}


def test_topics_covered(dbs, world):
    assert aggregates.tags(dbs, Filters(), six()) == [("cloud", 2), ("cost", 1), ("security", 1)]


def _rows(dbs, f: Filters | None = None):
    rows = posts.post_rows(dbs, aggregates.published_posts(f or Filters(), six()))
    return {r.draft_id: r for r in rows}


def test_cycle_time_review_wait_and_rounds_per_post(dbs, world):
    rows = _rows(dbs)
    assert set(rows) == {world.cloud.id, world.zero.id, world.security.id}
    got = {d: (r.cycle_seconds / 86400, r.review_seconds / 3600, r.rounds) for d, r in rows.items()}
    assert got[world.cloud.id] == (5, 48, 2)
    assert got[world.zero.id] == (9, 72, 2)  # edited after approval: another round
    assert got[world.security.id] == (2, 24, 1)  # review after publication is not counted


def test_median_and_p90(dbs, world):
    summary, _ = posts.summarize(dbs, aggregates.published_posts(Filters(), six()), [])
    assert summary.posts == 3
    assert summary.cycle_median_days == 5 and summary.cycle_p90_days == pytest.approx(8.2)
    assert summary.review_median_hours == 48 and summary.review_p90_hours == pytest.approx(67.2)
    assert summary.rounds_mean == pytest.approx(5 / 3) and summary.rounds_max == 2
    assert posts.p90([]) is None and posts.p90([4]) == 4


def test_readability_at_first_submission_against_approval(dbs, world):
    terms = glossary.terms(dbs)
    buzzy = analyze(h.BUZZY, "executive", terms, title="Cloud costs")
    plain = analyze(h.PLAIN, "executive", terms, title="Cloud costs")
    cloud = _rows(dbs)[world.cloud.id]
    assert cloud.submitted.score == buzzy.score.score
    assert cloud.approved.score == plain.score.score
    assert cloud.submitted.buzzwords == sum(f.kind == "buzzword" for f in buzzy.findings) >= 6
    assert cloud.approved.buzzwords == 0
    summary, words = posts.summarize(dbs, aggregates.published_posts(Filters(), six()),
                                     [m.key for m in six()])
    assert summary.scored_pairs == 3
    assert summary.score_approved == pytest.approx(sum(r.approved.score for r in _rows(dbs).values()) / 3)
    march = next(w for w in words if w.month == "2026-03")
    assert (march.posts, march.buzzwords) == (1, 0)
    assert march.words == plain.metrics.words


def test_suggestion_use_and_acceptance_per_action(dbs, world):
    uses = {u.action: (u.asked, u.answered, u.accepted, u.rate)
            for u in suggestions.by_action(dbs, Filters(), six())}
    assert uses == {"concise": (3, 2, 1, 0.5), "headlines": (1, 1, 1, 1.0)}
    anas = suggestions.by_action(dbs, Filters(author_id=world.ana.id), six())
    assert [(u.action, u.asked) for u in anas] == [("concise", 3)]


def test_the_list_behind_a_month_and_a_tag(dbs, world):
    may = dbs.execute(select(aggregates.published_posts(Filters(), six(), month="2026-05")
                             .subquery().c.id)).scalars().all()
    assert may == [world.security.id]
    cloud = dbs.execute(select(aggregates.published_posts(Filters(), six(), tag="cloud")
                               .subquery().c.id)).scalars().all()
    assert sorted(cloud) == sorted([world.cloud.id, world.zero.id])
    live = dbs.execute(aggregates.live_on(Filters(), six(), world.wordpress.id, "2026-03")).scalars().all()
    assert live == [world.cloud.id]


def test_rebuilding_the_cycles_from_the_transitions_gives_the_same_rows(dbs, world):
    from drafts.metrics import cycle
    from drafts.models import DraftCycle

    def rows():
        return [(c.draft_id, c.first_published_at, c.review_seconds, c.rounds,
                 c.first_submit_revision_id, c.approval_revision_id)
                for c in dbs.scalars(select(DraftCycle).order_by(DraftCycle.draft_id))]

    kept = rows()
    assert len(kept) == 6
    dbs.expunge_all()
    assert cycle.rebuild(dbs) == 6
    dbs.commit()
    dbs.expunge_all()
    assert rows() == kept
