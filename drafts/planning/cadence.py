"""Cadence: "two posts a month", and whether each author is on pace, ahead or behind.

An author's posts in a period are their distinct posts published in it (first went live)
plus those scheduled in it. The target is pro-rated by how much of the period has passed:
`expected = posts * elapsed / length`. Ahead: more than half a post over `expected`;
behind: more than half a post under; else on pace. A period is the calendar month, or the
ISO week (Monday to Sunday), in the viewer's time zone. A cadence set for one author
replaces the team's for them; the team's applies to every other active author.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from drafts.errors import PermissionDenied, ValidationError
from drafts.export.pending import SCHEDULED
from drafts.export.service import zone
from drafts.models import Cadence, Draft, ExportRecord, Role, User, UserRole, utcnow

PERIODS = {"week": "a week", "month": "a month"}
TOLERANCE = 0.5  # posts
LABELS = {"ahead": "Ahead", "on_pace": "On pace", "behind": "Behind"}


@dataclass(frozen=True)
class Pace:
    author: User
    target: int
    period: str
    done: int
    expected: float
    status: str  # ahead | on_pace | behind
    team: bool  # the team's cadence, not one of the author's own

    @property
    def label(self) -> str:
        return LABELS[self.status]


def pace_status(done: int, target: int, fraction: float) -> tuple[float, str]:
    """(expected so far, status) for `done` posts against `target`, `fraction` of the period gone."""
    expected = target * min(max(fraction, 0.0), 1.0)
    if done > expected + TOLERANCE:
        return expected, "ahead"
    if done < expected - TOLERANCE:
        return expected, "behind"
    return expected, "on_pace"


def period_bounds(period: str, now: datetime, tz_name: str = "") -> tuple[datetime, datetime]:
    """The period containing `now`, as UTC datetimes [start, end)."""
    tz = zone(tz_name)
    today = now.astimezone(tz).date()
    if period == "week":
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=7)
    else:
        first = today.replace(day=1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (datetime.combine(first, time(), tz).astimezone(timezone.utc),
            datetime.combine(last, time(), tz).astimezone(timezone.utc))


def set_cadence(session: Session, admin: User, *, posts: int, period: str, author: User | None = None) -> Cadence | None:
    """Set the team's cadence (author None) or one author's; 0 posts removes it."""
    if not admin.has_role(Role.ADMIN):
        raise PermissionDenied("Only admins set the cadence.")
    if period not in PERIODS:
        raise ValidationError("Choose posts per week or per month.", field="period")
    if not 0 <= posts <= 100:
        raise ValidationError("Choose between 0 and 100 posts.", field="posts")
    if author is not None and not author.has_role(Role.AUTHOR):
        raise ValidationError("A cadence is for an author: choose one from the list.", field="author_id")
    row = session.scalar(select(Cadence).where(
        Cadence.author_id.is_(None) if author is None else Cadence.author_id == author.id))
    if posts == 0:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        row = Cadence(author_id=author.id if author else None, posts=posts, period=period)
        session.add(row)
    row.posts, row.period, row.updated_by_id, row.updated_at = posts, period, admin.id, utcnow()
    session.flush()
    return row


def cadences(session: Session) -> tuple[Cadence | None, dict[int, Cadence]]:
    """(the team's cadence, {author id: their own})."""
    team, own = None, {}
    for row in session.scalars(select(Cadence)):
        if row.author_id is None:
            team = row
        else:
            own[row.author_id] = row
    return team, own


def authors(session: Session) -> list[User]:
    return list(session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.AUTHOR, User.active.is_(True)).order_by(User.name, User.id)))


def posts_in(session: Session, author_ids: list[int], start: datetime, end: datetime) -> dict[int, int]:
    """Distinct posts per author published (first live) or scheduled in [start, end)."""
    if not author_ids:
        return {}
    in_period = or_(
        (ExportRecord.status == SCHEDULED) & (ExportRecord.publish_at >= start) & (ExportRecord.publish_at < end),
        (ExportRecord.live_since >= start) & (ExportRecord.live_since < end),
    )
    rows = session.execute(
        select(Draft.author_id, func.count(func.distinct(Draft.id)))
        .join(ExportRecord, ExportRecord.draft_id == Draft.id)
        .where(Draft.author_id.in_(author_ids), Draft.trashed_at.is_(None), in_period)
        .group_by(Draft.author_id))
    return dict(rows.all())


def paces(session: Session, *, now: datetime | None = None, tz_name: str = "",
          only: User | None = None) -> list[Pace]:
    """On pace / ahead / behind for every author with a cadence (or just `only`)."""
    now = now or utcnow()
    team, own = cadences(session)
    people = [only] if only is not None else authors(session)
    result = []
    for period in PERIODS:
        start, end = period_bounds(period, now, tz_name)
        fraction = (now - start) / (end - start)
        chosen = [(p, own.get(p.id) or team) for p in people]
        chosen = [(p, c) for p, c in chosen if c is not None and c.period == period]
        counts = posts_in(session, [p.id for p, _ in chosen], start, end)
        for person, cadence in chosen:
            expected, status = pace_status(counts.get(person.id, 0), cadence.posts, fraction)
            result.append(Pace(person, cadence.posts, period, counts.get(person.id, 0), expected, status,
                               team=cadence.author_id is None))
    return sorted(result, key=lambda p: (p.author.name.casefold(), p.author.id))


def today_in(tz_name: str, now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(zone(tz_name)).date()
