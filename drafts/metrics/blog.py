"""The blogs' numbers as people see them: on one post, and summed on the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from drafts.metrics.period import Month
from drafts.metrics.sql import month_of
from drafts.models import Destination, PostStats, StatsSync

# What each kind of blog counts, in the order shown, with the words people read.
COUNTED = {
    "ghost": (("signups", "Sign-ups"), ("paid_conversions", "Paid conversions"),
              ("clicks", "Newsletter clicks"), ("positive_feedback", "Liked it"),
              ("negative_feedback", "Did not like it")),
    "devto": (("views", "Views"), ("reactions", "Reactions")),
}
NOT_COUNTED = {
    "wordpress": "WordPress itself keeps no view counts (a statistics plugin does), so Byline "
                 "shows none rather than zeros.",
    "static": "Static sites are files Byline hands over; it cannot see how they are read.",
}


@dataclass(frozen=True)
class Reading:
    destination: str
    kind: str
    values: list[tuple[str, int | None, int | None]]  # (label, value, change since the last)
    taken_at: datetime


def latest_ids(draft_ids: Select | list[int] | None = None) -> Select:
    """The id of each post's latest reading (optionally of some drafts only)."""
    query = select(func.max(PostStats.id)).group_by(PostStats.record_id)
    if draft_ids is not None:
        query = query.where(PostStats.draft_id.in_(draft_ids))
    return query


def for_draft(session: Session, draft_id: int) -> list[Reading]:
    """Each blog's latest numbers for one draft, with the change since the reading before."""
    rows = session.execute(
        select(PostStats, Destination).join(Destination, Destination.id == PostStats.destination_id)
        .where(PostStats.draft_id == draft_id).order_by(PostStats.record_id, PostStats.id.desc())
    )
    latest: dict[int, tuple[PostStats, Destination, PostStats | None]] = {}
    for stats, destination in rows:
        if stats.record_id not in latest:
            latest[stats.record_id] = (stats, destination, None)
        elif latest[stats.record_id][2] is None:
            latest[stats.record_id] = (latest[stats.record_id][0], destination, stats)
    out = []
    for stats, destination, before in latest.values():
        values = []
        for name, label in COUNTED.get(destination.kind, ()):
            now, then = getattr(stats, name), getattr(before, name) if before else None
            values.append((label, now, now - then if now is not None and then is not None else None))
        out.append(Reading(destination.name, destination.kind, values, stats.taken_at))
    return out


@dataclass(frozen=True)
class BlogTotals:
    destination_id: int
    destination: str
    kind: str
    posts: int
    totals: list[tuple[str, str, int]]  # (field, label, sum)
    note: str = ""  # why there are no numbers


def totals(session: Session, draft_ids: Select, destinations: list[Destination]) -> list[BlogTotals]:
    """Per destination: the latest readings of the given drafts' posts, summed."""
    fields = [name for kind in COUNTED.values() for name, _ in kind]
    rows = session.execute(
        select(PostStats.destination_id, func.count(),
               *[func.coalesce(func.sum(getattr(PostStats, name)), 0) for name in fields])
        .where(PostStats.id.in_(latest_ids(draft_ids)))
        .group_by(PostStats.destination_id))
    found = {row[0]: (row[1], dict(zip(fields, row[2:], strict=True))) for row in rows}
    out = []
    for destination in destinations:
        if destination.kind not in COUNTED:
            out.append(BlogTotals(destination.id, destination.name, destination.kind, 0, [],
                                  NOT_COUNTED.get(destination.kind, "")))
            continue
        posts, sums = found.get(destination.id, (0, {}))
        out.append(BlogTotals(destination.id, destination.name, destination.kind, posts,
                              [(name, label, int(sums.get(name, 0)))
                               for name, label in COUNTED[destination.kind]]))
    return out


def by_month(session: Session, draft_ids: Select, months: list[Month],
             destination: Destination) -> list[tuple[str, int, list[int]]]:
    """The trend at one destination: per month, the posts read and the sum of each post's last
    reading in that month (the blogs' counts only grow, so the sums show the growth)."""
    names = [name for name, _ in COUNTED.get(destination.kind, ())]
    if not names:
        return []
    bucket = month_of(PostStats.taken_at, months)
    last = (select(func.max(PostStats.id))
            .where(PostStats.draft_id.in_(draft_ids), PostStats.destination_id == destination.id,
                   PostStats.taken_at >= months[0].start, PostStats.taken_at < months[-1].end)
            .group_by(PostStats.record_id, bucket))
    rows = session.execute(
        select(bucket, func.count(), *[func.coalesce(func.sum(getattr(PostStats, n)), 0) for n in names])
        .where(PostStats.id.in_(last)).group_by(bucket))
    found = {month: (posts, [int(v) for v in sums]) for month, posts, *sums in rows if month}
    return [(m.key, *found.get(m.key, (0, [0] * len(names)))) for m in months]


def last_sync(session: Session) -> StatsSync | None:
    return session.scalar(select(StatsSync).where(StatsSync.finished_at.is_not(None))
                          .order_by(StatsSync.id.desc()).limit(1))
