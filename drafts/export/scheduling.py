"""Publishing later: schedule, and `flask publish-due` (cron, every minute).

A scheduled publish waits in its ExportRecord (status "scheduled", `publish_at`). When it
is due, `publish_due` pushes it through the publishing service. A failure the blog may
recover from (5xx, timeout, unreachable) is retried with growing pauses for at most
RETRY_WINDOW after the scheduled time; a failure a person must fix (credentials,
permissions, a deleted post, a switched-off destination) or the end of the window gives
up at once: the draft goes back to *Approved*, the record says what failed, and the
author and the person who scheduled it are notified. `publish_due` reports how many
publishes failed so the command can exit non-zero (cron mails its output).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from drafts.errors import DomainError, PermissionDenied, ValidationError
from drafts.export.base import Adapter, ExportError
from drafts.export.pending import SCHEDULED
from drafts.export.records import ExportBusy, attempt, record_for
from drafts.export.service import may_publish, publish, zone
from drafts.media import ImageStore
from drafts.models import Destination, Draft, DraftStatus, ExportRecord, User, utcnow
from drafts.review import notifications, workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox

RETRY_WINDOW = timedelta(hours=2)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=5), timedelta(minutes=10),
           timedelta(minutes=20), timedelta(minutes=30))


@dataclass
class DueRun:
    lines: list[str] = field(default_factory=list)
    failed: int = 0


def schedule(session: Session, draft: Draft, user: User, destination: Destination, *,
             when_local: datetime, timezone: str, now: datetime | None = None) -> ExportRecord:
    """Publish later: `flask publish-due` pushes it when due."""
    now = now or utcnow()
    if destination.kind == "static":
        raise ValidationError("Static-site files are downloaded, not published: there is nothing to "
                              "schedule. Download the file for the site instead.", field="destination_id")
    if not destination.active:
        raise ValidationError(f"{destination.name} is switched off: nothing can be scheduled there. "
                              "Ask an admin to switch it on, or choose another destination.",
                              field="destination_id")
    when = when_local.replace(tzinfo=zone(timezone)) if when_local.tzinfo is None else when_local
    if when <= now:
        raise ValidationError("Pick a time in the future, or publish now.", field="publish_at")
    if draft.status is not DraftStatus.APPROVED:
        raise PermissionDenied("Only approved drafts can be scheduled.")
    if not may_publish(user, draft):
        raise PermissionDenied("Scheduling is for reviewers and admins, not the post's author.")
    record = record_for(session, draft, destination)
    record.publish_at = when
    record.status = SCHEDULED
    record.retry_at, record.failures = None, 0
    workflow.act(session, draft, user, Action.SCHEDULE,
                 note=f"For {when.astimezone(zone(timezone)):%d %b %Y %H:%M} {timezone} on {destination.name}",
                 override_reason="" if workflow.may(user, draft, Action.SCHEDULE) else "Scheduled by an admin")
    attempt(session, draft, destination, user, "schedule", "ok",
            f"Scheduled for {when.astimezone(zone(timezone)):%d %b %Y %H:%M} ({timezone}).")
    session.flush()
    return record


def due(session: Session, now: datetime) -> list[ExportRecord]:
    return list(session.scalars(
        select(ExportRecord).where(ExportRecord.status == SCHEDULED, ExportRecord.publish_at <= now,
                                   or_(ExportRecord.retry_at.is_(None), ExportRecord.retry_at <= now))
        .order_by(ExportRecord.publish_at)
    ))


def publish_due(session: Session, box: SecretBox, *, now: datetime | None = None,
                sleep=time.sleep, adapters: Callable[[Destination], Adapter] | None = None,
                images: ImageStore | None = None) -> DueRun:
    """Publish what is due. Safe from cron every minute and with two copies running at once."""
    now = now or utcnow()
    run = DueRun()
    for record in due(session, now):
        draft = session.get(Draft, record.draft_id)
        destination = record.destination
        title, where = draft.display_title, destination.name
        scheduler = _scheduler_of(session, draft)
        if not destination.active:
            message = (f"{where} was switched off, so the post was not published there. Publish it "
                       "elsewhere, or ask an admin to switch the destination on and schedule it again.")
            _give_up(session, record, draft, scheduler, message)
            run.failed += 1
            run.lines.append(f"Failed “{title}” on {where}: {message}")
            continue
        try:
            publish(session, draft, scheduler, destination, box=box, mode="publish", sleep=sleep,
                    adapter=adapters(destination) if adapters else None, now=now, images=images)
            run.lines.append(f"Published “{title}” to {where}.")
        except ExportBusy:
            session.rollback()
            run.lines.append(f"Skipped “{title}”: another run is publishing it.")
        except ExportError as error:
            run.failed += 1
            run.lines.append(f"Failed “{title}” on {where}: {_after_failure(session, record, draft, scheduler, error, now)}")
        except DomainError as error:
            session.rollback()
            run.failed += 1
            _give_up(session, record, draft, scheduler, error.message)
            run.lines.append(f"Failed “{title}” on {where}: {error.message}")
    return run


def _after_failure(session, record, draft, scheduler, error: ExportError, now: datetime) -> str:
    """Retry later while the window lasts and the blog may recover; else give up and tell people."""
    record = session.get(ExportRecord, record.id, populate_existing=True)
    failures = record.failures + 1
    retry_at = now + BACKOFF[min(failures, len(BACKOFF)) - 1]
    if error.retryable and record.publish_at and retry_at - record.publish_at <= RETRY_WINDOW:
        record.status, record.failures, record.retry_at = SCHEDULED, failures, retry_at
        session.commit()
        return f"{error.message} Byline will try again at {retry_at:%H:%M} UTC."
    _give_up(session, record, draft, scheduler, error.message)
    return error.message + " Byline gave up; the author and the scheduler were notified."


def _give_up(session, record, draft, scheduler, message: str) -> None:
    """The post stays off the blog: back to Approved, record failed, people told."""
    record = session.get(ExportRecord, record.id, populate_existing=True)
    draft = session.get(Draft, draft.id, populate_existing=True)
    where = record.destination.name
    if draft.status is DraftStatus.SCHEDULED and scheduler is not None:
        try:
            workflow.act(session, draft, scheduler, Action.UNSCHEDULE,
                         note=f"The scheduled publish on {where} failed.",
                         override_reason="" if workflow.may(scheduler, draft, Action.UNSCHEDULE)
                         else "The scheduled publish failed")
        except DomainError:  # the draft moved meanwhile: the record below still says what failed
            session.rollback()
            record = session.get(ExportRecord, record.id, populate_existing=True)
    if record.status not in ("gone", "conflict"):  # those keep their own way on in the panel
        record.status = "failed"
    record.retry_at, record.publish_at = None, None
    record.last_error = message[:500]
    attempt(session, draft, record.destination, None, "schedule", "error",
            f"The scheduled publish failed: {message}", record.remote_url)
    author = session.get(User, draft.author_id)
    notifications.notify(
        session, event="publish_failed", draft=draft, actor=None, recipients=[author, scheduler],
        message=f"The scheduled publish of “{draft.display_title}” on {where} failed: {message} "
                "It is back to Approved: publish it or schedule it again.")
    session.commit()


def _scheduler_of(session: Session, draft: Draft) -> User:
    step = workflow.last_transition(session, draft, Action.SCHEDULE)
    return session.get(User, step.actor_id) if step else session.get(User, draft.author_id)
