"""Revision history: recording, folding autosaves, listing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, defer, joinedload
from sqlalchemy.orm.util import identity_key

from drafts.errors import NotFound
from drafts.models import Draft, Revision, RevisionSource, User
from drafts.paging import Page, clamp

# A burst of autosaves by one writer folds into one revision for this long.
AUTOSAVE_FOLD_WINDOW = timedelta(minutes=10)


def _next_number(session: Session, draft_id: int) -> int:
    """Take the draft's next revision number in one atomic UPDATE ... RETURNING.

    The row update holds the draft's write lock until commit (a row lock on
    PostgreSQL, the database write lock on SQLite), so concurrent saves, stale
    or current, are numbered one after another and never collide. The table is
    updated directly, outside the ORM, so the draft's version is untouched.
    """
    drafts = Draft.__table__
    return session.execute(
        update(drafts)
        .where(drafts.c.id == draft_id)
        .values(revision_seq=drafts.c.revision_seq + 1)
        .returning(drafts.c.revision_seq)
    ).scalar_one()


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
) -> Revision:
    """Record the draft's current content as a new revision (after the draft
    row is written). Autosaves try `fold_autosave` first."""
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


_REVISIONS = Revision.__table__
_NEWEST = (
    select(func.max(_REVISIONS.c.number))
    .where(_REVISIONS.c.draft_id == bindparam("f_draft")).scalar_subquery()
)
# Built once with bind parameters: autosave runs this on nearly every pause in typing.
_FOLD = (
    update(_REVISIONS)
    .where(
        _REVISIONS.c.draft_id == bindparam("f_draft"),
        _REVISIONS.c.number == _NEWEST,
        _REVISIONS.c.sealed.is_(False),
        _REVISIONS.c.source == bindparam("f_source", type_=_REVISIONS.c.source.type),
        _REVISIONS.c.author_id == bindparam("f_author"),
        _REVISIONS.c.created_at > bindparam("f_since", type_=_REVISIONS.c.created_at.type),
    )
    .values({name: bindparam(f"f_{name}", type_=_REVISIONS.c[name].type) for name in (
        "title", "body", "excerpt", "tags", "audience", "updated_at", "draft_version")})
    .returning(_REVISIONS.c.id, _REVISIONS.c.number)
)


def fold_autosave(
    session: Session, draft: Draft, user: User, *, now: datetime,
    fold_window: timedelta = AUTOSAVE_FOLD_WINDOW,
) -> int | None:
    """Fold an autosave into the writer's open autosave revision, when that one
    is the draft's newest and younger than `fold_window`: one UPDATE, no read.
    Returns the folded revision's number, or None when there is none to fold into.
    """
    row = session.connection().execute(_FOLD, {
        "f_draft": draft.id, "f_source": RevisionSource.AUTOSAVE, "f_author": user.id,
        "f_since": now - fold_window, "f_title": draft.title, "f_body": draft.body,
        "f_excerpt": draft.excerpt, "f_tags": ",".join(draft.tag_names),
        "f_audience": draft.audience, "f_updated_at": now, "f_draft_version": draft.version,
    }).first()
    if row is None:
        return None
    loaded = session.identity_map.get(identity_key(Revision, row.id))
    if loaded is not None:
        session.expire(loaded)  # written outside the ORM: read it again when used
    return row.number


def list_revisions(session: Session, draft: Draft) -> list[Revision]:
    return list(
        session.scalars(
            select(Revision)
            .options(joinedload(Revision.author))
            .where(Revision.draft_id == draft.id)
            .order_by(Revision.number.desc())
        )
    )


def page_of_revisions(
    session: Session, draft: Draft, *, page: int = 1, per_page: int = 20
) -> Page[Revision]:
    """One page of the history, newest first. Texts (up to a megabyte each) are
    loaded only when something reads them, so a long history stays light."""
    total = session.scalar(
        select(func.count()).select_from(Revision).where(Revision.draft_id == draft.id)
    ) or 0
    page = clamp(page, total, per_page)
    items = list(
        session.scalars(
            select(Revision)
            .options(joinedload(Revision.author), defer(Revision.body), defer(Revision.excerpt))
            .where(Revision.draft_id == draft.id)
            .order_by(Revision.number.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    return Page(items=items, total=total, page=page, per_page=per_page)
def recent_revisions(session: Session, draft: Draft, limit: int = 5) -> list[Revision]:
    """The newest few revisions, for the editor's History tab (texts not loaded)."""
    return page_of_revisions(session, draft, per_page=limit).items


def get_revision(session: Session, draft: Draft, number: int) -> Revision:
    revision = session.scalar(
        select(Revision).where(Revision.draft_id == draft.id, Revision.number == number)
    )
    if revision is None:
        raise NotFound(f"Revision {number} of this draft does not exist.")
    return revision
