"""`flask sync-stats`: read the blogs' own numbers for every live post, keep each reading.

Each run is a StatsSync row; each post read gives one PostStats row (history, so trends can
be drawn). A run first takes the "sync" lease with one conditional UPDATE: a second run
started meanwhile (cron overlapping a manual run) finds it held and stops without reading
anything, and a crashed run's lease lapses after LEASE. One post's failure is reported and
the others are still read. Ghost gives five counts per post; dev.to views and reactions
(one paged read per account); WordPress core counts nothing, so it is not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from drafts.export.base import ExportError
from drafts.export.service import adapter_for
from drafts.models import Destination, Draft, ExportRecord, PostStats, StatsLock, StatsSync, utcnow
from drafts.secrets import SecretBox, SecretUnreadable

LEASE = timedelta(minutes=30)
LOCK = "sync"
SYNCED_KINDS = ("ghost", "devto")


@dataclass
class SyncRun:
    sync_id: int | None
    ok: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)
    busy: bool = False  # another run held the lease: nothing was read


def _take_lease(session: Session, holder: int, now: datetime) -> bool:
    if session.get(StatsLock, LOCK) is None:
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        session.execute(insert(StatsLock).values(name=LOCK).on_conflict_do_nothing())
    taken = session.execute(
        update(StatsLock).where(StatsLock.name == LOCK,
                                or_(StatsLock.until.is_(None), StatsLock.until < now))
        .values(holder=holder, until=now + LEASE))
    return taken.rowcount == 1


def _release(session: Session, holder: int) -> None:
    session.execute(update(StatsLock).where(StatsLock.name == LOCK, StatsLock.holder == holder)
                    .values(holder=None, until=None))


def live_records(session: Session) -> list[tuple[ExportRecord, Destination, Draft]]:
    return list(session.execute(
        select(ExportRecord, Destination, Draft)
        .join(Destination, Destination.id == ExportRecord.destination_id)
        .join(Draft, Draft.id == ExportRecord.draft_id)
        .where(Destination.kind.in_(SYNCED_KINDS), Destination.active.is_(True),
               ExportRecord.status == "published", ExportRecord.remote_id != "",
               Draft.trashed_at.is_(None))
        .order_by(Destination.id, ExportRecord.id)))


def sync(session: Session, box: SecretBox, *, now: datetime | None = None,
         build: Callable = adapter_for) -> SyncRun:
    now = now or utcnow()
    run_row = StatsSync(started_at=now)
    session.add(run_row)
    session.flush()
    run = SyncRun(run_row.id)
    if not _take_lease(session, run_row.id, now):
        session.rollback()
        return SyncRun(None, busy=True, lines=["Another sync-stats run is in progress; nothing "
                                               "was read. Try again when it has finished."])
    session.commit()
    try:
        by_destination: dict[int, list] = {}
        for record, destination, draft in live_records(session):
            by_destination.setdefault(destination.id, []).append((record, destination, draft))
        for rows in by_destination.values():
            _sync_destination(session, run, rows, box, build, now)
    finally:
        run_row.finished_at = utcnow()
        run_row.posts_ok, run_row.posts_failed = run.ok, run.failed
        run_row.message = "; ".join(run.lines)[:500]
        _release(session, run_row.id)
        session.commit()
    return run


def _sync_destination(session, run: SyncRun, rows, box, build, now) -> None:
    destination = rows[0][1]
    try:
        adapter = build(destination, box)
        listed = adapter.article_counts() if destination.kind == "devto" else None
    except (ExportError, SecretUnreadable) as error:
        run.failed += len(rows)
        run.lines.append(f"{destination.name}: {error.message} ({len(rows)} posts not read)")
        return
    for record, _, draft in rows:
        try:
            counts = listed.get(record.remote_id) if listed is not None \
                else adapter.post_counts(record.remote_id)
        except ExportError as error:
            run.failed += 1
            run.lines.append(f"“{draft.display_title}” on {destination.name}: {error.message}")
            continue
        if counts is None:
            run.failed += 1
            run.lines.append(f"“{draft.display_title}” on {destination.name}: the post is no "
                             "longer there; nothing was read.")
            continue
        session.add(PostStats(record_id=record.id, draft_id=draft.id,
                              destination_id=destination.id, sync_id=run.sync_id,
                              taken_at=now, **counts))
        session.commit()  # each reading is kept, whatever happens to the next post
        run.ok += 1
