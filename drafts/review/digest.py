"""The daily email digest: one email a day instead of one per event, for those who chose it.

`deliver_pending` (drafts.review.notification_mail) leaves a digest reader's notifications
in the "digest" state. `send_digests`, run once a day by
`flask --app webapp notifications digest` (cron), sends each such person one
email listing what they have not read yet, and marks the rows "sent" (or
"failed" with the reason, to be retried the next day). Notifications the
person already read in the app are not emailed ("off").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from drafts.mail import MailError, format_address
from drafts.models import Notification, User
from drafts.review.notification_mail import DIGEST, Mailer

_PER_EMAIL = 100  # notifications listed in one digest; the rest wait for tomorrow's


@dataclass(frozen=True)
class DigestRun:
    sent: int  # emails sent
    notifications: int  # notifications they listed
    failed: int  # people whose email could not be sent


def digest_email(user: User, rows: list[Notification], base_url: str) -> tuple[str, str]:
    """Subject and plain text of one person's digest."""
    base = base_url.rstrip("/")
    count = len(rows)
    lines = [f"Hello {user.name},", "", f"{count} thing{'s' if count != 1 else ''} happened in Byline "
             "that you have not seen yet:", ""]
    for row in rows:
        link = f"{base}/drafts/{row.draft_id}" if row.draft_id else f"{base}/notifications"
        lines.append(f"- {' '.join(row.message.split())}")
        lines.append(f"  {link}")
    lines += ["", f"All your notifications: {base}/notifications", "", "-- ",
              f"You get one email a day because you chose the daily digest. Change it: "
              f"{base}/profile#email"]
    return f"[Byline] Your daily digest: {count} update{'s' if count != 1 else ''}", "\n".join(lines) + "\n"


def send_digests(session: Session, mailer: Mailer | None, base_url: str) -> DigestRun:
    """Email every person with notifications waiting for their digest. Commits as it goes."""
    if mailer is None:
        return DigestRun(0, 0, 0)
    # Already seen in the app: nothing to email.
    session.execute(
        update(Notification)
        .where(Notification.email_status == DIGEST, Notification.read_at.is_not(None))
        .values(email_status="off"),
        execution_options={"synchronize_session": False},
    )
    session.commit()
    user_ids = list(session.scalars(
        select(Notification.user_id).where(Notification.email_status == DIGEST)
        .group_by(Notification.user_id).order_by(Notification.user_id)
    ))
    sent = listed = failed = 0
    for user_id in user_ids:
        user = session.get(User, user_id)
        rows = list(session.scalars(
            select(Notification).where(Notification.user_id == user_id,
                                       Notification.email_status == DIGEST)
            .order_by(Notification.created_at, Notification.id).limit(_PER_EMAIL)
        ))
        if user is None or not user.active:
            for row in rows:
                row.email_status = "off"
            session.commit()
            continue
        subject, text = digest_email(user, rows, base_url)
        try:
            mailer.send(format_address(user.name, user.email), subject, text)
        except MailError as exc:
            failed += 1
            for row in rows:
                row.email_error = str(exc)[:300]  # stays "digest": tried again tomorrow
        else:
            sent += 1
            listed += len(rows)
            for row in rows:
                row.email_status, row.email_error = "sent", ""
        session.commit()
    return DigestRun(sent, listed, failed)
