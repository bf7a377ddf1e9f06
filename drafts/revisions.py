"""Revision history: recording, folding autosaves, listing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from drafts.errors import NotFound
from drafts.models import Draft, Revision, RevisionSource, User

# A burst of autosaves by one writer folds into one revision for this long.
AUTOSAVE_FOLD_WINDOW = timedelta(minutes=10)


def _next_number(session: Session, draft_id: int) -> int:
    current = session.scalar(
        select(func.max(Revision.number)).where(Revision.draft_id == draft_id)
    )
    return (current or 0) + 1


def latest_revision(session: Session, draft_id: int) -> Revision | None:
    return session.scalar(
        select(Revision)
        .where(Revision.draft_id == draft_id)
        .order_by(Revision.number.desc())
        .limit(1)
    )


def _snapshot(revision: Revision, draft: Draft) -> None:
    revision.title = draft.title
    revision.body = draft.body
    revision.excerpt = draft.excerpt
    revision.tags = ",".join(draft.tag_names)
    revision.audience = draft.audience


def record(
    session: Session,
    draft: Draft,
    user: User,
    source: RevisionSource,
    *,
    now: datetime,
    base_version: int | None = None,
    note: str = "",
    fold_window: timedelta = AUTOSAVE_FOLD_WINDOW,
) -> Revision:
    """Record the draft's current content. Call after the draft row is flushed.

    An autosave folds into the writer's open autosave revision when that one
    is the newest and younger than `fold_window`: one UPDATE, no extra read.
    """
    if source is RevisionSource.AUTOSAVE:
        folded = _fold_autosave(session, draft, user, now, fold_window)
        if folded is not None:
            return folded

    session.execute(
        update(Revision)
        .where(Revision.draft_id == draft.id, Revision.sealed.is_(False))
        .values(sealed=True)
    )
    revision = Revision(
        draft_id=draft.id,
        number=_next_number(session, draft.id),
        author_id=user.id,
        source=source,
        base_version=base_version,
        draft_version=draft.version,
        note=note[:300],
        created_at=now,
        updated_at=now,
        sealed=source is not RevisionSource.AUTOSAVE,
    )
    _snapshot(revision, draft)
    session.add(revision)
    session.flush()
    return revision


def record_conflict_copy(
    session: Session,
    draft: Draft,
    user: User,
    *,
    title: str,
    body: str,
    excerpt: str,
    tags: list[str],
    base_version: int,
    now: datetime,
) -> Revision:
    """Keep text that a stale save tried to write. It is never thrown away."""
    revision = Revision(
        draft_id=draft.id,
        number=_next_number(session, draft.id),
        author_id=user.id,
        source=RevisionSource.CONFLICT,
        title=title,
        body=body,
        excerpt=excerpt,
        tags=",".join(tags),
        audience=draft.audience,
        base_version=base_version,
        draft_version=draft.version,
        note=f"Refused save based on version {base_version}",
        created_at=now,
        updated_at=now,
        sealed=True,
    )
    session.add(revision)
    session.flush()
    return revision


def _fold_autosave(
    session: Session, draft: Draft, user: User, now: datetime, fold_window: timedelta
) -> Revision | None:
    newest = (
        select(func.max(Revision.number)).where(Revision.draft_id == draft.id).scalar_subquery()
    )
    folded = session.scalars(
        update(Revision)
        .where(
            Revision.draft_id == draft.id,
            Revision.number == newest,
            Revision.sealed.is_(False),
            Revision.source == RevisionSource.AUTOSAVE,
            Revision.author_id == user.id,
            Revision.created_at > now - fold_window,
        )
        .values(
            title=draft.title,
            body=draft.body,
            excerpt=draft.excerpt,
            tags=",".join(draft.tag_names),
            audience=draft.audience,
            updated_at=now,
            draft_version=draft.version,
        )
        .returning(Revision),
        execution_options={"synchronize_session": False, "populate_existing": True},
    ).one_or_none()
    return folded


def list_revisions(session: Session, draft: Draft) -> list[Revision]:
    return list(
        session.scalars(
            select(Revision)
            .options(joinedload(Revision.author))
            .where(Revision.draft_id == draft.id)
            .order_by(Revision.number.desc())
        )
    )


def recent_revisions(session: Session, draft: Draft, limit: int = 5) -> list[Revision]:
    """The newest few revisions, for the editor's History tab."""
    return list(
        session.scalars(
            select(Revision)
            .options(joinedload(Revision.author))
            .where(Revision.draft_id == draft.id)
            .order_by(Revision.number.desc())
            .limit(limit)
        )
    )


def get_revision(session: Session, draft: Draft, number: int) -> Revision:
    revision = session.scalar(
        select(Revision).where(Revision.draft_id == draft.id, Revision.number == number)
    )
    if revision is None:
        raise NotFound(f"Revision {number} of this draft does not exist.")
    return revision
