"""Use cases for writing: create, save (with stale-save protection), trash.

What writers send is cleaned in draft_input; My drafts is draft_list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from drafts.db import relaxed_commit
from drafts.errors import BodyTooLarge, EditConflict, NotFound, PermissionDenied, ValidationError
from drafts.models import (
    Draft,
    DraftTag,
    Revision,
    RevisionSource,
    User,
    utcnow,
)
from drafts.permissions import can_edit, can_view, can_write_drafts, owns_or_admin
from drafts.text import utf8_size
from drafts.writing import revisions
from drafts.writing.draft_input import MAX_TITLE, DraftInput

DEFAULT_BODY_LIMIT = 1_000_000


@dataclass(frozen=True)
class SaveResult:
    draft: Draft
    # The new revision; None when nothing changed or when an autosave folded
    # into the writer's open autosave revision (its number is revision_number).
    revision: Revision | None
    changed: bool
    revision_number: int | None = None


def _check_size(body: str, limit: int) -> None:
    size = utf8_size(body)
    if size > limit:
        raise BodyTooLarge(size, limit)


def _apply(draft: Draft, data: DraftInput) -> None:
    draft.title = data.title
    draft.body = data.body
    draft.excerpt = data.excerpt
    draft.audience = data.audience
    if list(data.tags) != draft.tag_names:
        draft.tags = [DraftTag(name=t, position=i) for i, t in enumerate(data.tags)]


def _same(draft: Draft, data: DraftInput) -> bool:
    return (
        draft.title == data.title
        and draft.body == data.body
        and draft.excerpt == data.excerpt
        and draft.audience == data.audience
        and draft.tag_names == list(data.tags)
    )


def create_draft(
    session: Session,
    author: User,
    data: DraftInput,
    *,
    body_limit: int = DEFAULT_BODY_LIMIT,
    now: datetime | None = None,
) -> Draft:
    if not can_write_drafts(author):
        raise PermissionDenied("Only authors can create drafts. Ask an admin for the author role.")
    _check_size(data.body, body_limit)
    now = now or utcnow()
    draft = Draft(author_id=author.id, created_at=now, updated_at=now)
    _apply(draft, data)
    session.add(draft)
    session.flush()
    revisions.record(session, draft, author, RevisionSource.AUTHOR, now=now)
    return draft


def save_draft(
    session: Session,
    draft: Draft,
    user: User,
    data: DraftInput,
    *,
    base_version: int,
    source: RevisionSource = RevisionSource.AUTHOR,
    body_limit: int = DEFAULT_BODY_LIMIT,
    now: datetime | None = None,
    note: str = "",
) -> SaveResult:
    """Save `data` over `draft` if `base_version` is still current.

    A stale save raises EditConflict after storing the refused text as a
    conflict-copy revision (flushed; the caller commits it). The draft row is
    updated with a version check in SQL, so two workers cannot both win.
    """
    if not can_edit(user, draft):
        raise NotFound("That draft does not exist.")
    if draft.trashed_at is not None:
        raise ValidationError("This draft is in the trash. Restore it before editing.")
    _check_size(data.body, body_limit)
    now = now or utcnow()

    if _same(draft, data):
        # Nothing to change, whatever version the save was based on: a retry of
        # a save that landed (its answer lost to a timeout) is not a conflict.
        return SaveResult(draft=draft, revision=None, changed=False)
    if base_version != draft.version:
        _raise_conflict(session, draft, user, data, base_version, now)

    if source is RevisionSource.AUTOSAVE:
        relaxed_commit(session)
    if not _write(session, draft, data, now):
        # Another worker saved between our read and our write.
        session.rollback()
        fresh = session.get(Draft, draft.id, populate_existing=True)
        if fresh is None:
            raise NotFound("That draft was deleted.") from None
        _raise_conflict(session, fresh, user, data, base_version, now)
    number = None
    if source is RevisionSource.AUTOSAVE:
        number = revisions.fold_autosave(session, draft, user, now=now)
    revision = None
    if number is None:
        revision = revisions.record(
            session, draft, user, source, now=now, base_version=base_version, note=note
        )
        number = revision.number
    from drafts.review import workflow

    workflow.after_edit(session, draft, user)
    return SaveResult(draft=draft, revision=revision, changed=True, revision_number=number)


_DRAFTS = Draft.__table__
# Built once: the row is written with its version check in one UPDATE, the
# hottest statement of the editor (see `_write`).
_WRITE = (
    update(_DRAFTS)
    .where(_DRAFTS.c.id == bindparam("w_id"), _DRAFTS.c.version == bindparam("w_base"))
    .values({name: bindparam(f"w_{name}", type_=_DRAFTS.c[name].type) for name in (
        "title", "body", "excerpt", "audience", "updated_at", "version")})
)


def _write(session: Session, draft: Draft, data: DraftInput, now: datetime) -> bool:
    """Write `data` over the draft row if it is still at the version we read.

    False when another save got there first. With unchanged tags this is one
    prebuilt UPDATE ... WHERE version = ours (the ORM's own version check, minus
    its unit-of-work bookkeeping); a change of tags goes through the ORM flush.
    """
    if list(data.tags) != draft.tag_names:
        _apply(draft, data)
        draft.updated_at = now
        try:
            session.flush()
        except StaleDataError:
            return False
        return True
    values = {"title": data.title, "body": data.body, "excerpt": data.excerpt,
              "audience": data.audience, "updated_at": now, "version": draft.version + 1}
    written = session.connection().execute(
        _WRITE, {"w_id": draft.id, "w_base": draft.version, **{f"w_{k}": v for k, v in values.items()}}
    )
    if written.rowcount != 1:
        return False
    for name, value in values.items():
        set_committed_value(draft, name, value)
    return True


def _raise_conflict(
    session: Session, draft: Draft, user: User, data: DraftInput, base_version: int, now: datetime
) -> None:
    copy = revisions.record_conflict_copy(
        session,
        draft,
        user,
        title=data.title,
        body=data.body,
        excerpt=data.excerpt,
        tags=list(data.tags),
        base_version=base_version,
        now=now,
    )
    raise EditConflict(draft, copy, base_version)


# Built once and reused: the editor loads a draft on every autosave and heartbeat.
_DRAFT_WITH_TAGS = select(Draft).options(joinedload(Draft.tags)).where(Draft.id == bindparam("id"))


def get_draft(session: Session, draft_id: int, user: User) -> Draft:
    """The draft if this user may see it; otherwise NotFound (never reveal it exists)."""
    draft = session.scalars(_DRAFT_WITH_TAGS, {"id": draft_id}).unique().one_or_none()
    if draft is None or not can_view(user, draft):
        raise NotFound("That draft does not exist, or you do not have access to it.")
    return draft


def trash_draft(session: Session, draft: Draft, user: User, *, now: datetime | None = None) -> None:
    if not can_edit(user, draft) or not owns_or_admin(user, draft):
        raise NotFound("That draft does not exist.")
    draft.trashed_at = now or utcnow()
    session.flush()


def restore_draft(session: Session, draft: Draft, user: User) -> None:
    if not can_edit(user, draft) or not owns_or_admin(user, draft):
        raise NotFound("That draft does not exist.")
    draft.trashed_at = None
    session.flush()


def restore_revision(
    session: Session, draft: Draft, revision: Revision, user: User, *, now: datetime | None = None
) -> SaveResult:
    """Bring back an old revision's text as a new revision (history is never rewritten)."""
    data = DraftInput(
        title=revision.title,
        body=revision.body,
        excerpt=revision.excerpt,
        tags=tuple(revision.tag_names),
        audience=revision.audience,
    )
    return save_draft(
        session,
        draft,
        user,
        data,
        base_version=draft.version,
        source=RevisionSource.RESTORE,
        note=f"Restored revision {revision.number}",
        now=now,
    )


def copy_to_new_draft(
    session: Session, user: User, data: DraftInput, *, body_limit: int = DEFAULT_BODY_LIMIT
) -> Draft:
    """'Copy mine aside': the writer's text becomes a draft of its own."""
    title = data.title or "Untitled draft"
    copy = DraftInput(
        title=f"{title} (my copy)"[:MAX_TITLE],
        body=data.body,
        excerpt=data.excerpt,
        tags=data.tags,
        audience=data.audience,
    )
    return create_draft(session, user, copy, body_limit=body_limit)
