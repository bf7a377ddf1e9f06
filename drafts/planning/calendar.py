"""The calendar: what is due (briefs), scheduled and published, by day in the viewer's zone.

Moving a scheduled post to another day goes through the publishing panel's own
`drafts.export.scheduling.schedule`: the post is unscheduled and scheduled again at the same
time of day on the new date, in one transaction, under the same rules (approved posts only,
reviewers and admins only, a time in the future, an active destination), and a publish that
`publish-due` has already claimed cannot be moved under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from drafts.errors import NotFound, PermissionDenied, ValidationError
from drafts.export import scheduling
from drafts.export.pending import SCHEDULED
from drafts.export.records import ExportBusy
from drafts.export.service import may_publish, zone
from drafts.models import Brief, Draft, DraftStatus, ExportRecord, Role, User, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action

KINDS = {"due": "Due (brief)", "scheduled": "Scheduled", "published": "Published"}


@dataclass(frozen=True)
class Filters:
    author_id: int | None = None
    destination_id: int | None = None
    kind: str = ""  # "" for every kind


@dataclass(frozen=True)
class Item:
    kind: str  # due | scheduled | published
    day: date  # in the viewer's zone
    at: datetime | None  # None for a due date (a whole day)
    title: str
    author: User
    destination_id: int | None
    destination_name: str
    draft_id: int | None = None
    brief_id: int | None = None
    record_id: int | None = None
    status: DraftStatus | None = None
    movable: bool = False  # this viewer may move it to another day


def month_days(first: date) -> list[list[date]]:
    """The weeks (Monday first) that show the month starting at `first`."""
    start = first - timedelta(days=first.weekday())
    nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    weeks = []
    while start < nxt:
        weeks.append([start + timedelta(days=i) for i in range(7)])
        start += timedelta(days=7)
    return weeks


def week_days(any_day: date) -> list[date]:
    start = any_day - timedelta(days=any_day.weekday())
    return [start + timedelta(days=i) for i in range(7)]


def _sees_everyone(user: User) -> bool:
    return user.has_role(Role.REVIEWER, Role.ADMIN)


def items(session: Session, user: User, first: date, last: date, tz_name: str,
          filters: Filters = Filters()) -> list[Item]:
    """Everything on the calendar from `first` to `last` (inclusive), in the zone `tz_name`."""
    tz = zone(tz_name)
    start = datetime.combine(first, time(), tz).astimezone(timezone.utc)
    end = datetime.combine(last + timedelta(days=1), time(), tz).astimezone(timezone.utc)
    found: list[Item] = []
    if filters.kind in ("", "due"):
        query = (select(Brief).where(Brief.archived_at.is_(None), Brief.due_on >= first, Brief.due_on <= last)
                 .options(selectinload(Brief.author), selectinload(Brief.destination), selectinload(Brief.draft)))
        query = _narrow(query, Brief.author_id, Brief.destination_id, user, filters)
        for brief in session.scalars(query):
            draft = brief.draft
            found.append(Item("due", brief.due_on, None, brief.title, brief.author, brief.destination_id,
                              brief.destination.name if brief.destination else "", brief_id=brief.id,
                              draft_id=draft.id if draft else None, status=draft.status if draft else None,
                              movable=_sees_everyone(user)))  # marketing and admins move due dates
    kinds = [k for k in ("scheduled", "published") if filters.kind in ("", k)]
    if kinds:
        conditions = []
        if "scheduled" in kinds:
            conditions.append((ExportRecord.status == SCHEDULED) & (ExportRecord.publish_at >= start)
                              & (ExportRecord.publish_at < end))
        if "published" in kinds:
            conditions.append((ExportRecord.status == "published") & (ExportRecord.live_since >= start)
                              & (ExportRecord.live_since < end))
        query = (select(ExportRecord, Draft).join(Draft, Draft.id == ExportRecord.draft_id)
                 .where(Draft.trashed_at.is_(None), or_(*conditions))
                 .options(selectinload(ExportRecord.destination), selectinload(Draft.author)))
        query = _narrow(query, Draft.author_id, ExportRecord.destination_id, user, filters)
        for record, draft in session.execute(query):
            at = record.publish_at if record.status == SCHEDULED else record.live_since
            kind = "scheduled" if record.status == SCHEDULED else "published"
            found.append(Item(kind, at.astimezone(tz).date(), at, draft.display_title, draft.author,
                              record.destination_id, record.destination.name, draft_id=draft.id,
                              record_id=record.id, status=draft.status,
                              movable=kind == "scheduled" and may_publish(user, draft)))
    return sorted(found, key=lambda i: (i.day, i.at or datetime.combine(i.day, time(), tz), i.title))


def _narrow(query, author_col, destination_col, user: User, filters: Filters):
    if not _sees_everyone(user):
        query = query.where(author_col == user.id)
    if filters.author_id:
        query = query.where(author_col == filters.author_id)
    if filters.destination_id:
        query = query.where(destination_col == filters.destination_id)
    return query


def move(session: Session, user: User, record_id: int, to_day: date, tz_name: str, *,
         now: datetime | None = None) -> ExportRecord:
    """Publish a scheduled post on `to_day` instead, at the same time of day (in `tz_name`)."""
    now = now or utcnow()
    record = session.get(ExportRecord, record_id)
    draft = session.get(Draft, record.draft_id) if record else None
    if record is None or draft is None or draft.trashed_at is not None or not _visible(user, draft):
        raise NotFound("That scheduled post does not exist, or it is not yours to see.")
    if record.status != SCHEDULED or record.publish_at is None or draft.status is not DraftStatus.SCHEDULED:
        raise ValidationError("Only scheduled posts can be moved. Reload: this one is no longer scheduled.")
    if not may_publish(user, draft):
        raise PermissionDenied("Scheduling is for reviewers and admins, not the post's author.")
    if record.claimed_until is not None and record.claimed_until > now:
        raise ExportBusy("This post is being published right now, so it cannot be moved. "
                         "Reload in a moment to see where it went.")
    tz = zone(tz_name)
    local = record.publish_at.astimezone(tz)
    if local.date() == to_day:
        return record
    when_local = datetime.combine(to_day, local.time().replace(tzinfo=None))
    if not 2000 <= to_day.year <= 2999:
        raise ValidationError("Pick a day between the years 2000 and 2999.", field="to_day")
    workflow.act(session, draft, user, Action.UNSCHEDULE, note=f"Moving it to {to_day:%d %b %Y}.",
                 override_reason="" if workflow.may(user, draft, Action.UNSCHEDULE) else "Moved on the calendar")
    return scheduling.schedule(session, draft, user, record.destination, when_local=when_local,
                               timezone=tz_name or "UTC", now=now)


def _visible(user: User, draft: Draft) -> bool:
    return draft.author_id == user.id or _sees_everyone(user)
