"""Each person's private iCalendar feed: their brief deadlines and their posts' dates.

The feed's address carries a random token; only its SHA-256 is stored, so a database
leak does not leak working feed addresses, and "Reset link" (a new token) revokes the old
address at once. UIDs are stable per item (a brief, or a post's record at one destination),
SEQUENCE only grows (a brief's stored counter; a post's count of scheduling and publishing
steps), times are UTC, and due dates are all-day dates.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts.export.pending import SCHEDULED
from drafts.models import Brief, CalendarFeed, Draft, ExportAttempt, ExportRecord, User, utcnow

# The steps that move a post's date on the calendar: each one raises its SEQUENCE.
_DATE_STEPS = ("schedule", "unschedule", "create", "update")
_POST_LENGTH = timedelta(minutes=30)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def reset_token(session: Session, user: User) -> str:
    """A new feed token for this person (the old address stops working). Shown once."""
    token = secrets.token_urlsafe(32)
    feed = session.get(CalendarFeed, user.id)
    if feed is None:
        session.add(CalendarFeed(user_id=user.id, token_hash=_hash(token)))
    else:
        feed.token_hash, feed.created_at, feed.last_used_at = _hash(token), utcnow(), None
    session.flush()
    return token


def revoke(session: Session, user: User) -> None:
    feed = session.get(CalendarFeed, user.id)
    if feed is not None:
        session.delete(feed)
        session.flush()


def feed_of(session: Session, user: User) -> CalendarFeed | None:
    return session.get(CalendarFeed, user.id)


def user_for_token(session: Session, token: str) -> User | None:
    """The active person whose feed this token opens, or None."""
    if not token or len(token) > 100:
        return None
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    if feed is None:
        return None
    user = session.get(User, feed.user_id)
    if user is None or not user.active:
        return None
    feed.last_used_at = utcnow()
    return user


def _post_sequences(session: Session, draft_ids: list[int]) -> dict[tuple[int, int], int]:
    if not draft_ids:
        return {}
    rows = session.execute(
        select(ExportAttempt.draft_id, ExportAttempt.destination_id, func.count())
        .where(ExportAttempt.draft_id.in_(draft_ids), ExportAttempt.operation.in_(_DATE_STEPS))
        .group_by(ExportAttempt.draft_id, ExportAttempt.destination_id))
    return {(d, dest): n for d, dest, n in rows}


def build(session: Session, user: User, *, base_url: str, now: datetime | None = None,
          host: str = "byline") -> bytes:
    """The person's feed as iCalendar bytes."""
    now = now or utcnow()
    base = base_url.rstrip("/")
    cal = Calendar()
    cal.add("prodid", "-//Byline//Content calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Byline: {user.name}")
    for brief in session.scalars(select(Brief).where(Brief.author_id == user.id, Brief.archived_at.is_(None))
                                 .order_by(Brief.due_on, Brief.id)):
        event = Event()
        event.add("uid", f"brief-{brief.id}@{host}")
        event.add("dtstamp", now)
        event.add("last-modified", brief.updated_at)
        event.add("sequence", brief.sequence)
        event.add("summary", f"Due: {brief.title}")
        event.add("dtstart", brief.due_on)
        event.add("dtend", brief.due_on + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("description", "\n".join(["Brief: " + (brief.angle or brief.title)]
                                           + [f"- {p.text}" for p in brief.points]))
        event.add("url", f"{base}/plan/briefs/{brief.id}")
        cal.add_component(event)
    rows = list(session.execute(
        select(ExportRecord, Draft).join(Draft, Draft.id == ExportRecord.draft_id)
        .where(Draft.author_id == user.id, Draft.trashed_at.is_(None),
               ((ExportRecord.status == SCHEDULED) & ExportRecord.publish_at.is_not(None))
               | ((ExportRecord.status == "published") & ExportRecord.live_since.is_not(None)))
        .order_by(ExportRecord.id)))
    sequences = _post_sequences(session, sorted({d.id for _, d in rows}))
    for record, draft in rows:
        scheduled = record.status == SCHEDULED
        start = record.publish_at if scheduled else record.live_since
        event = Event()
        event.add("uid", f"post-{record.id}@{host}")
        event.add("dtstamp", now)
        event.add("sequence", sequences.get((draft.id, record.destination_id), 0))
        event.add("summary", f"{'Scheduled' if scheduled else 'Published'}: {draft.display_title} "
                             f"({record.destination.name})")
        event.add("dtstart", start)
        event.add("dtend", start + _POST_LENGTH)
        event.add("transp", "TRANSPARENT")
        event.add("url", f"{base}/drafts/{draft.id}")
        cal.add_component(event)
    return cal.to_ical()
