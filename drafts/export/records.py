"""The record of each remote post: claims, what the blog reported, failures, history.

Each (draft, destination) pair has one ExportRecord holding the remote id, URL, the
status and date the blog reported after the last push, and what Byline last sent.
A push first *claims* the record with a conditional UPDATE committed on its own, so
two clicks, two workers or two cron runs cannot push the same post at once; the
claim is released by an explicit UPDATE in the transaction that records the outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from drafts.errors import DomainError
from drafts.export.base import ExportError, RemoteConflict, RemoteGone, RemotePost
from drafts.export.remote_state import parse_date, record_status, safe_url
from drafts.models import Destination, Draft, ExportAttempt, ExportRecord, utcnow

CLAIM_FOR = timedelta(minutes=5)


class ExportBusy(DomainError):
    pass


def record_for(session: Session, draft: Draft, destination: Destination) -> ExportRecord:
    from drafts.export.service import slugify  # the service owns slugs

    record = session.scalar(select(ExportRecord).where(
        ExportRecord.draft_id == draft.id, ExportRecord.destination_id == destination.id))
    if record is None:
        record = ExportRecord(draft_id=draft.id, destination_id=destination.id, slug=slugify(draft.title))
        session.add(record)
        session.flush()
    return record


def claim(session: Session, record: ExportRecord, now: datetime) -> None:
    """Take the record for one push, committed at once: a second click or cron run waits."""
    claimed = session.execute(
        update(ExportRecord)
        .where(ExportRecord.id == record.id,
               or_(ExportRecord.claimed_until.is_(None), ExportRecord.claimed_until < now))
        .values(claimed_until=now + CLAIM_FOR)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    if claimed != 1:
        raise ExportBusy("This post is being published right now (another click or the scheduler). "
                         "Wait a moment and reload; it will not be published twice.")


def release(session: Session, record: ExportRecord) -> None:
    """Give the claim back. An explicit UPDATE: with expire_on_commit=False the in-memory value
    is still None after `claim`, so assigning None would emit nothing."""
    session.execute(update(ExportRecord).where(ExportRecord.id == record.id).values(claimed_until=None)
                    .execution_options(synchronize_session=False))
    set_committed_value(record, "claimed_until", None)


def attempt(session, draft, destination, user, operation, result, message="", url="", tries=1):
    session.add(ExportAttempt(draft_id=draft.id, destination_id=destination.id,
                              user_id=user.id if user else None, operation=operation, result=result,
                              message=message[:500], remote_url=safe_url(url)[:500], attempts=tries))


def with_retries(call: Callable[[], RemotePost], sleep, tries: int = 3) -> tuple[RemotePost, int]:
    delay = 0.5
    for number in range(1, tries + 1):
        try:
            return call(), number
        except ExportError as error:
            if not error.retryable or number == tries:
                error.attempts = number  # type: ignore[attr-defined]
                raise
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def record_result(session: Session, record: ExportRecord, result: RemotePost, *, now: datetime,
                  pushed_html: str | None = None) -> None:
    """Write down what the blog reported, release the claim (in the caller's transaction)."""
    record.remote_id, record.remote_url = result.remote_id, safe_url(result.url)
    slug = str((result.extra or {}).get("slug") or "")
    if slug and not slug.endswith("__trashed"):  # the blog's slug ("s-2" when "s" was
        record.slug = slug[:200]  # taken) is what later updates ask for
    record.remote_updated_at, record.last_error = result.updated_at, ""
    record.remote_status = result.status[:20]
    record.remote_date = parse_date(result.published_at)
    record.status = record_status(result.status)
    if record.status == "published" and record.live_since is None:
        record.live_since = now
    if pushed_html is not None:
        record.pushed_html = pushed_html
    record.publish_at = record.retry_at = None
    record.updated_at = utcnow()
    release(session, record)


def describe(result: RemotePost) -> str:
    """What the blog reported, in a sentence fragment: "the blog reports publish, dated ..."."""
    when = parse_date(result.published_at)
    return f"the blog reports “{result.status or 'unknown'}”" + (
        f", dated {when:%d %b %Y %H:%M} UTC." if when else ".")


def fail(session, draft, user, destination, record, error: ExportError, operation: str = "") -> None:
    session.rollback()
    record = session.get(ExportRecord, record.id, populate_existing=True)
    if isinstance(error, RemoteGone):
        record.status = "gone"
    elif isinstance(error, RemoteConflict):
        record.status = "conflict"
    elif not record.remote_id:
        record.status = "unknown" if error.maybe_saved else "failed"
    record.last_error = error.message[:500]
    release(session, record)
    attempt(session, draft, destination, user, operation or ("update" if record.remote_id else "create"),
            "error", error.message, record.remote_url, getattr(error, "attempts", 1))
    session.commit()


def history(session: Session, draft: Draft) -> list[ExportAttempt]:
    return list(session.scalars(
        select(ExportAttempt).where(ExportAttempt.draft_id == draft.id).order_by(ExportAttempt.id.desc())
    ))


def records(session: Session, draft: Draft) -> list[ExportRecord]:
    return list(session.scalars(select(ExportRecord).where(ExportRecord.draft_id == draft.id)))
