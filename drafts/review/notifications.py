"""Notifications: in-app rows for each recipient, with an email copy when wanted.

Recording happens inside the caller's transaction (`notify`); sending email is
a side effect that runs after the commit (`deliver_pending`, in
drafts.review.notification_mail), so a dead mail server never loses or blocks
a workflow step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from drafts.models import Draft, DraftStatus, Notification, NotificationPreference, User, utcnow
from drafts.review.notification_mail import DIGEST, SENDING

EVENTS = {
    "submitted": "submitted a draft for review",
    "assigned": "assigned a draft to you",
    "commented": "commented",
    "mentioned": "mentioned you",
    "changes_requested": "requested changes",
    "approved": "approved a draft",
    "published": "published a draft",
    "unpublished": "took a post offline",
    "publish_failed": "a scheduled publish failed",
    "brief_due": "a brief of yours is due soon",
}


def notify(
    session: Session,
    *,
    event: str,
    draft: Draft | None,
    actor: User | None,
    recipients: Iterable[User],
    message: str,
    transition_id: int | None = None,
    comment_id: int | None = None,
) -> list[Notification]:
    """Record one notification per recipient (never the actor; None: Byline itself). Returns them."""
    if event not in EVENTS:
        raise ValueError(f"Unknown notification event {event!r}.")
    rows = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or (actor is not None and user.id == actor.id) or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        row = Notification(
            user_id=user.id, draft_id=draft.id if draft else None, actor_id=actor.id if actor else None,
            event=event, message=message[:500], transition_id=transition_id,
            comment_id=comment_id, email_status="pending",
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


# --- Who was notified ----------------------------------------------------------

_STATUS_RANK = {"sent": 0, SENDING: 1, "pending": 2, DIGEST: 3, "failed": 4, "off": 5, "": 6}


def recipients_for(
    session: Session, *, transition_id: int | None = None, comment_id: int | None = None
) -> list[tuple[User, Notification]]:
    """Who was notified of one transition or comment, by name, one entry per person."""
    if transition_id is None and comment_id is None:
        raise ValueError("Give a transition_id or a comment_id.")
    stmt = select(User, Notification).join(User, User.id == Notification.user_id)
    if transition_id is not None:
        stmt = stmt.where(Notification.transition_id == transition_id)
    if comment_id is not None:
        stmt = stmt.where(Notification.comment_id == comment_id)
    return _one_per_person(session.execute(stmt))


def recipients_for_many(
    session: Session, *, transition_ids: Iterable[int] = (), comment_ids: Iterable[int] = ()
) -> dict[tuple[str, int], list[tuple[User, Notification]]]:
    """`recipients_for` for a whole timeline in one query.

    Keys are ("transition", id) and ("comment", id); events nobody was told
    about are absent.
    """
    transition_ids, comment_ids = set(transition_ids), set(comment_ids)
    if not transition_ids and not comment_ids:
        return {}
    stmt = select(User, Notification).join(User, User.id == Notification.user_id).where(
        or_(Notification.transition_id.in_(transition_ids), Notification.comment_id.in_(comment_ids))
    )
    grouped: dict[tuple[str, int], list[tuple[User, Notification]]] = {}
    for user, row in session.execute(stmt):
        if row.transition_id in transition_ids:
            grouped.setdefault(("transition", row.transition_id), []).append((user, row))
        if row.comment_id in comment_ids:
            grouped.setdefault(("comment", row.comment_id), []).append((user, row))
    return {key: _one_per_person(pairs) for key, pairs in grouped.items()}


def _one_per_person(pairs: Iterable[tuple[User, Notification]]) -> list[tuple[User, Notification]]:
    best: dict[int, tuple[User, Notification]] = {}
    for user, row in pairs:
        kept = best.get(user.id)
        if kept is None or _STATUS_RANK.get(row.email_status, 9) < _STATUS_RANK.get(kept[1].email_status, 9):
            best[user.id] = (user, row)
    return sorted(best.values(), key=lambda pair: (pair[0].name.casefold(), pair[0].id))


# --- The notification center ---------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One notification with what its line shows: the draft's title and who acted."""

    notification: Notification
    draft_title: str | None
    actor_name: str | None
    draft_status: DraftStatus | None = None  # where the draft is now, for its badge

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None


@dataclass(frozen=True)
class NotificationPage:
    items: list[Item]
    total: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", max(1, math.ceil(self.total / self.per_page)))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def list_for(session: Session, user: User, *, page: int = 1, per_page: int = 20) -> NotificationPage:
    """A person's notifications, newest first, one page at a time."""
    total = session.scalar(
        select(func.count()).select_from(Notification).where(Notification.user_id == user.id)
    ) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    actor = aliased(User)
    rows = session.execute(
        select(Notification, Draft.title, actor.name, Draft.status)
        .outerjoin(Draft, Draft.id == Notification.draft_id)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    )
    items = [
        Item(row, (title.strip() or "Untitled draft") if title is not None else None, name, status)
        for row, title, name, status in rows
    ]
    return NotificationPage(items=items, total=total, page=page, per_page=per_page)


# Built once: every page's nav shows the count, and the badge polls it.
_UNREAD = (
    select(func.count()).select_from(Notification)
    .where(Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None))
)


def unread_count(session: Session, user_id: int) -> int:
    """One COUNT on the (user_id, read_at) index."""
    return session.scalar(_UNREAD, {"user_id": user_id}) or 0


def own_notification(session: Session, user: User, notification_id: int) -> Notification | None:
    """The notification if it is this person's; None for anyone else's or a missing one."""
    row = session.get(Notification, notification_id)
    return row if row is not None and row.user_id == user.id else None


def mark_read(session: Session, row: Notification) -> None:
    if row.read_at is None:
        row.read_at = utcnow()
        session.flush()


def mark_draft_read(session: Session, user: User, draft_id: int) -> int:
    """The recipient opened the draft: what they were told about it is read. Returns how many."""
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.draft_id == draft_id,
               Notification.read_at.is_(None))
        .values(read_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


def mark_all_read(session: Session, user: User) -> int:
    """Mark every unread notification of this person read; returns how many."""
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


# --- Email preferences ---------------------------------------------------------


def email_preferences(session: Session, user: User) -> dict[str, bool]:
    """Whether this person wants email, per event; email is on unless turned off."""
    wanted = dict.fromkeys(EVENTS, True)
    for row in session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    ):
        if row.event in wanted:
            wanted[row.event] = row.email
    return wanted


def set_email_digest(session: Session, user: User, digest: bool) -> None:
    """One daily digest email (True) or one email per event as it happens (False)."""
    user.email_digest = bool(digest)
    session.flush()


def set_email_preferences(session: Session, user: User, wanted: Mapping[str, bool]) -> None:
    """Save email on/off for the events given (in-app notifications are always on)."""
    unknown = set(wanted) - set(EVENTS)
    if unknown:
        raise ValueError(f"Unknown notification event {sorted(unknown)[0]!r}.")
    existing = {
        row.event: row for row in session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    for event, email in wanted.items():
        row = existing.get(event)
        if row is None:
            session.add(NotificationPreference(user_id=user.id, event=event, email=bool(email)))
        else:
            row.email = bool(email)
    session.flush()
