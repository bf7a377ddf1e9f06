"""Reminding authors before a brief is due: in-app, and by email under their preferences.

`send_reminders` runs from cron (`flask --app webapp reminders`). Each brief is reminded
once: a run claims it with a conditional UPDATE (`reminded_at IS NULL`) in the same
transaction that records the notification, so two runs at once, or the same run twice,
never remind twice. Moving the due date clears the claim (drafts.planning.briefs.set_due).
Briefs whose post is already approved, scheduled or published need no reminder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from drafts.errors import PermissionDenied, ValidationError
from drafts.models import Brief, Draft, DraftStatus, PlanSettings, Role, User, utcnow
from drafts.review import notifications

DEFAULT_DAYS = 2
MAX_DAYS = 60
_DONE = (DraftStatus.APPROVED, DraftStatus.SCHEDULED, DraftStatus.PUBLISHED, DraftStatus.ARCHIVED)


@dataclass
class ReminderRun:
    reminded: list[str] = field(default_factory=list)


def reminder_days(session: Session, default: int = DEFAULT_DAYS) -> int:
    """The admin's setting if there is one, else the server's default."""
    settings = session.get(PlanSettings, 1)
    return settings.reminder_days if settings and settings.reminder_days is not None else default


def set_reminder_days(session: Session, admin: User, days: int | None) -> None:
    """Days before the due date (None: back to the server's default)."""
    if not admin.has_role(Role.ADMIN):
        raise PermissionDenied("Only admins change when reminders go out.")
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise ValidationError(f"Choose between 0 and {MAX_DAYS} days.", field="reminder_days")
    settings = session.get(PlanSettings, 1)
    if settings is None:
        settings = PlanSettings(id=1)
        session.add(settings)
    settings.reminder_days = days
    session.flush()


def due_for_reminder(session: Session, days: int, today: date) -> list[Brief]:
    """Open briefs due within `days` days (or overdue) that were not reminded yet."""
    return list(session.scalars(
        select(Brief).outerjoin(Draft, Draft.id == Brief.draft_id)
        .where(Brief.archived_at.is_(None), Brief.reminded_at.is_(None),
               Brief.due_on <= today + timedelta(days=days),
               or_(Brief.draft_id.is_(None), Draft.status.not_in(_DONE)))
        .order_by(Brief.due_on, Brief.id)))


def _message(brief: Brief, today: date) -> str:
    left = (brief.due_on - today).days
    when = ("today" if left == 0 else "tomorrow" if left == 1 else
            f"in {left} days" if left > 1 else f"{-left} day{'s' if left != -1 else ''} ago")
    start = "" if brief.draft_id else " Start the draft from it under Plan → Briefs."
    return f"Reminder: “{brief.title}” is due {when} ({brief.due_on:%d %b %Y}).{start}"


def send_reminders(session: Session, *, days: int, today: date | None = None,
                   now: datetime | None = None) -> ReminderRun:
    """Notify each author whose brief is due soon, once per brief. Commits per brief."""
    now = now or utcnow()
    today = today or now.date()
    run = ReminderRun()
    for brief in due_for_reminder(session, days, today):
        claimed = session.execute(
            update(Brief).where(Brief.id == brief.id, Brief.reminded_at.is_(None)).values(reminded_at=now)
        ).rowcount  # the loaded brief learns the new value too (a later date change clears it)
        if claimed != 1:
            session.rollback()
            continue
        author = session.get(User, brief.author_id)
        notifications.notify(session, event="brief_due", draft=brief.draft, actor=None, recipients=[author],
                             message=_message(brief, today))
        session.commit()
        run.reminded.append(f"Reminded {author.name} of “{brief.title}” (due {brief.due_on:%d %b %Y}).")
    return run
