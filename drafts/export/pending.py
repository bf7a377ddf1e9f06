"""Scheduled publishes waiting to go out, and cancelling them.

A draft that leaves *Scheduled* by any path other than being published (unscheduled,
edited back into review, archived, or a scheduled publish that gave up) cancels its
pending publishes here, so a later approval never publishes anything by itself. The
workflow calls `cancel_pending` on every transition; it imports only the models.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.export.remote_state import record_status
from drafts.models import Destination, Draft, ExportAttempt, ExportRecord, User

SCHEDULED = "scheduled"


def resting_status(record: ExportRecord) -> str:
    """The record's status once nothing is pending: what the blog last reported, if anything."""
    if not record.remote_id:
        return "pending"
    if record.remote_status:
        return record_status(record.remote_status)
    return "published" if record.live_since else "remote_draft"


def cancel_pending(session: Session, draft: Draft, user: User | None, reason: str) -> list[ExportRecord]:
    """Cancel every scheduled publish of this draft; each gets a line in the export history."""
    cancelled = list(session.scalars(select(ExportRecord).where(
        ExportRecord.draft_id == draft.id, ExportRecord.status == SCHEDULED)))
    for record in cancelled:
        record.status = resting_status(record)
        record.publish_at = record.retry_at = None
        record.failures = 0
        destination = session.get(Destination, record.destination_id)
        session.add(ExportAttempt(
            draft_id=draft.id, destination_id=record.destination_id, user_id=user.id if user else None,
            operation="unschedule", result="ok",
            message=f"Scheduled publish on {destination.name if destination else 'the blog'} cancelled: "
                    f"{reason}"[:500]))
    if cancelled:
        session.flush()
    return cancelled
