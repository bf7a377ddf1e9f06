"""Email copies of notifications: sent after the commit, each claimed by one sender.

`deliver_pending` runs after the request (or from cron) and emails every
notification still "pending"; a notification whose recipient reads a daily
digest waits as "digest" (drafts.review.digest sends it).
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from drafts.mail import MailError, format_address
from drafts.models import Notification, NotificationPreference

SENDING = "sending"  # claimed by one deliverer; becomes sent, failed or off
DIGEST = "digest"  # waiting for the recipient's daily digest (drafts.review.digest sends it)
_SUBJECT_LIMIT = 150
_BATCH = 200


class Mailer(Protocol):
    def send(self, to: str, subject: str, text: str) -> None: ...


def deliver_pending(session: Session, mailer: Mailer | None, base_url: str) -> int:
    """Email every notification still "pending"; returns how many emails were sent.

    Call after the caller's commit: this runs in transactions of its own and
    commits them. Rows are first claimed ("pending" -> "sending") in one short
    transaction, so two requests delivering at once never send the same email
    twice and no database lock is held while talking to the mail server.
    Each row ends "sent", "failed" (with `email_error`) or "off" (email not
    configured, or the recipient turned this event's email off). Never raises
    MailError: one failed recipient does not stop the others, and when the
    server itself is unreachable the rest of the batch fails fast with the
    same reason instead of waiting out a timeout each.
    """
    ids = list(session.scalars(
        select(Notification.id).where(Notification.email_status == "pending")
        .order_by(Notification.id).limit(_BATCH)
    ))
    if not ids:
        return 0
    if mailer is None:
        session.execute(
            update(Notification)
            .where(Notification.id.in_(ids), Notification.email_status == "pending")
            .values(email_status="off"),
            execution_options={"synchronize_session": False},
        )
        session.commit()
        return 0
    claimed = [nid for nid in ids if _claim(session, nid)]
    session.commit()
    if not claimed:
        return 0
    rows = list(session.scalars(
        select(Notification).where(Notification.id.in_(claimed)).order_by(Notification.id)
        .options(joinedload(Notification.user))
        .execution_options(populate_existing=True)
    ))
    opted_out = set(session.execute(
        select(NotificationPreference.user_id, NotificationPreference.event).where(
            NotificationPreference.user_id.in_({row.user_id for row in rows}),
            NotificationPreference.email.is_(False),
        )
    ))
    sent = 0
    server_down: str | None = None
    for row in rows:
        user = row.user
        if not user.active or (row.user_id, row.event) in opted_out:
            row.email_status, row.email_error = "off", ""
        elif user.email_digest:
            row.email_status, row.email_error = DIGEST, ""
        elif server_down is not None:
            row.email_status, row.email_error = "failed", server_down
        else:
            subject, text = email_for(row, base_url)
            try:
                mailer.send(format_address(user.name, user.email), subject, text)
            except MailError as exc:
                row.email_status, row.email_error = "failed", str(exc)[:300]
                if exc.server_down:
                    server_down = row.email_error
            else:
                row.email_status, row.email_error = "sent", ""
                sent += 1
        session.commit()  # record each outcome as soon as it is known
    return sent


def _claim(session: Session, notification_id: int) -> bool:
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.email_status == "pending")
        .values(email_status=SENDING),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount == 1


def email_for(row: Notification, base_url: str) -> tuple[str, str]:
    """Subject and plain-text body of a notification's email."""
    base = base_url.rstrip("/")
    message = " ".join(row.message.split())
    headline = message.rstrip(".")
    if len(headline) > _SUBJECT_LIMIT:
        headline = headline[: _SUBJECT_LIMIT - 1].rstrip() + "…"
    if row.draft_id:
        link = f"{base}/drafts/{row.draft_id}"
    else:  # a brief not started yet is among the person's briefs
        link = f"{base}/plan/briefs" if row.event == "brief_due" else f"{base}/notifications"
    text = (
        f"{row.message}\n\n"
        f"Open it in Byline: {link}\n\n"
        "-- \n"
        f"Choose which emails Byline sends you: {base}/notifications/preferences\n"
    )
    return f"[Byline] {headline}", text


