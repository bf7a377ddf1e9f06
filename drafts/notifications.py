"""Notifications: in-app rows for each recipient, with an email copy when wanted.

Recording happens inside the caller's transaction (`notify`); sending email is
a side effect that runs after the commit (`deliver_pending`), so a dead mail
server never loses or blocks a workflow step.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from drafts.models import Draft, Notification, User

EVENTS = {
    "submitted": "submitted a draft for review",
    "assigned": "assigned a draft to you",
    "commented": "commented",
    "mentioned": "mentioned you",
    "changes_requested": "requested changes",
    "approved": "approved a draft",
    "published": "published a draft",
}


def notify(
    session: Session,
    *,
    event: str,
    draft: Draft | None,
    actor: User,
    recipients: Iterable[User],
    message: str,
    transition_id: int | None = None,
    comment_id: int | None = None,
) -> list[Notification]:
    """Record one notification per recipient (never the actor). Returns them."""
    if event not in EVENTS:
        raise ValueError(f"Unknown notification event {event!r}.")
    rows = []
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.id == actor.id or user.id in seen or not user.active:
            continue
        seen.add(user.id)
        row = Notification(
            user_id=user.id, draft_id=draft.id if draft else None, actor_id=actor.id,
            event=event, message=message[:500], transition_id=transition_id,
            comment_id=comment_id, email_status="pending",
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows
