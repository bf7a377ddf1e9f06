"""Published posts counted in the database: per month, author, destination and tag.

A post counts once, in the month of its first publication (the first `publish` step of the
workflow, kept in draft_cycles: see cycle.py), whatever happened after: taken offline, edited and published again. Trashed
drafts never count. Per destination, a post counts in the month it first went live there
(`export_records.live_since`), so one post on two blogs counts once on each.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session

from drafts.metrics.period import Filters, Month
from drafts.metrics.sql import month_of
from drafts.models import Destination, Draft, DraftCycle, DraftTag, ExportRecord, User


def published_posts(f: Filters, months: list[Month], *, month: str | None = None,
                    tag: str | None = None) -> Select:
    """One row per post first published in the months, narrowed by the filters (and one month
    or one tag when given): id, author_id, created_at, published_at, month, and its cycle's
    review_seconds, rounds and the revisions scored at first submission and at approval."""
    c = DraftCycle
    published = c.first_published_at
    query = (select(Draft.id, Draft.author_id, Draft.created_at, published.label("published_at"),
                    month_of(published, months).label("month"), c.review_seconds, c.rounds,
                    c.first_submit_revision_id, c.approval_revision_id)
             .join(c, c.draft_id == Draft.id)
             .where(Draft.trashed_at.is_(None), published >= months[0].start,
                    published < months[-1].end))
    if f.author_id is not None:
        query = query.where(Draft.author_id == f.author_id)
    if f.destination_id is not None:
        query = query.where(exists().where(
            ExportRecord.draft_id == Draft.id, ExportRecord.destination_id == f.destination_id,
            ExportRecord.live_since.is_not(None)))
    if month is not None:
        chosen = [m for m in months if m.key == month]
        if not chosen:
            return query.where(False)
        query = query.where(published >= chosen[0].start, published < chosen[0].end)
    if tag is not None:
        query = query.where(exists().where(DraftTag.draft_id == Draft.id, DraftTag.name == tag))
    return query


@dataclass(frozen=True)
class Series:
    """Counts per month for one thing (an author, a destination, or all posts)."""

    key: int | None
    name: str
    counts: dict[str, int]  # month key -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def by_month(session: Session, f: Filters, months: list[Month]) -> Series:
    posts = published_posts(f, months).subquery()
    rows = session.execute(select(posts.c.month, func.count()).group_by(posts.c.month))
    return Series(None, "All posts", {m: n for m, n in rows if m})


def by_author(session: Session, f: Filters, months: list[Month]) -> list[Series]:
    posts = published_posts(f, months).subquery()
    rows = session.execute(
        select(posts.c.author_id, User.name, posts.c.month, func.count())
        .join(User, User.id == posts.c.author_id)
        .group_by(posts.c.author_id, User.name, posts.c.month))
    return _series(rows)


def by_destination(session: Session, f: Filters, months: list[Month]) -> list[Series]:
    bucket = month_of(ExportRecord.live_since, months)
    query = (select(Destination.id, Destination.name, bucket, func.count(func.distinct(Draft.id)))
             .select_from(ExportRecord)
             .join(Draft, Draft.id == ExportRecord.draft_id)
             .join(Destination, Destination.id == ExportRecord.destination_id)
             .where(Draft.trashed_at.is_(None), ExportRecord.live_since >= months[0].start,
                    ExportRecord.live_since < months[-1].end)
             .group_by(Destination.id, Destination.name, bucket))
    if f.author_id is not None:
        query = query.where(Draft.author_id == f.author_id)
    if f.destination_id is not None:
        query = query.where(ExportRecord.destination_id == f.destination_id)
    return _series(session.execute(query))


def live_on(f: Filters, months: list[Month], destination_id: int, month: str | None) -> Select:
    """The ids of posts that first went live on one destination (in one month)."""
    query = (select(ExportRecord.draft_id).join(Draft, Draft.id == ExportRecord.draft_id)
             .where(Draft.trashed_at.is_(None), ExportRecord.destination_id == destination_id,
                    ExportRecord.live_since >= months[0].start,
                    ExportRecord.live_since < months[-1].end))
    if f.author_id is not None:
        query = query.where(Draft.author_id == f.author_id)
    chosen = [m for m in months if m.key == month]
    if month is not None:
        if not chosen:
            return query.where(False)
        query = query.where(ExportRecord.live_since >= chosen[0].start,
                            ExportRecord.live_since < chosen[0].end)
    return query


def _series(rows) -> list[Series]:
    found: dict[int, tuple[str, dict[str, int]]] = {}
    for key, name, month, count in rows:
        if month:
            found.setdefault(key, (name, {}))[1][month] = count
    return sorted((Series(k, name, counts) for k, (name, counts) in found.items()),
                  key=lambda s: (-s.total, s.name.lower()))


def tags(session: Session, f: Filters, months: list[Month]) -> list[tuple[str, int]]:
    """Topics covered: each tag with the number of posts published in the period carrying it."""
    posts = published_posts(f, months).subquery()
    count = func.count()
    rows = session.execute(
        select(DraftTag.name, count).join(posts, posts.c.id == DraftTag.draft_id)
        .group_by(DraftTag.name).order_by(count.desc(), DraftTag.name))
    return [(name, n) for name, n in rows]
