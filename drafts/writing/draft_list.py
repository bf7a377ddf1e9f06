"""*My drafts*: one page of a writer's drafts, and what the list shows beside each title
(the readability light and the live link).

The page takes three queries whatever its length: a count that stops at 1,000
(or at the page asked for), the drafts with their tags, and one for every
row's light and live link. The statements are built
once and reused with bind parameters, so a request does not pay for building
and cache-keying them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from drafts.models import (
    Audience,
    Draft,
    DraftStatus,
    DraftTag,
    ExportRecord,
    Revision,
    RevisionScore,
    User,
)
from drafts.paging import Page, clamp

COUNT_LIMIT = 1000


@dataclass(frozen=True)
class RowExtras:
    light: str | None = None
    score: int | None = None
    live_url: str | None = None


@cache
def _page_statements(trashed: bool, by_status: bool) -> tuple[Select, Select]:
    condition = [
        Draft.author_id == bindparam("author"),
        Draft.trashed_at.is_not(None) if trashed else Draft.trashed_at.is_(None),
    ]
    if by_status:
        condition.append(Draft.status == bindparam("status", type_=Draft.status.type))
    # Counting stops after `cap` rows: a writer with 10,000 drafts reads "more
    # than 1,000" instead of every request counting all of them.
    count = select(func.count()).select_from(
        select(Draft.id).where(*condition).limit(bindparam("cap")).subquery()
    )
    # Plain rows, not ORM objects: the list never shows the text (up to a
    # megabyte per draft) and needs no change tracking. Tags come in the same
    # query, one row per tag.
    shown = (
        select(Draft.id, Draft.author_id, Draft.title, Draft.status, Draft.audience,
               Draft.updated_at)
        .where(*condition)
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery()
    )
    rows = (
        select(shown, DraftTag.name.label("tag"))
        .outerjoin(DraftTag, DraftTag.draft_id == shown.c.id)
        .order_by(shown.c.updated_at.desc(), shown.c.id.desc(), DraftTag.position)
    )
    return count, rows


@dataclass(frozen=True)
class ListedDraft:
    """One row of My drafts: what the list shows of a draft."""

    id: int
    author_id: int
    title: str
    status: DraftStatus
    audience: Audience
    updated_at: datetime
    tag_names: tuple[str, ...]

    display_title = Draft.display_title


def list_drafts(
    session: Session, author: User, *, page: int = 1, per_page: int = 20, trashed: bool = False,
    status: DraftStatus | None = None,
) -> Page[ListedDraft]:
    """The writer's own drafts (or their trash), newest change first. The count
    is exact up to COUNT_LIMIT (or up to the page asked for, if further on)."""
    count, rows = _page_statements(trashed, status is not None)
    params: dict = {"author": author.id, "status": status}
    cap = max(COUNT_LIMIT, page * per_page)
    total = session.scalar(count, {**params, "cap": cap + 1}) or 0
    more = total > cap
    total = min(total, cap)
    page = clamp(page, total, per_page)
    found: dict[int, tuple] = {}
    tags: dict[int, list[str]] = {}
    for row in session.execute(rows, {**params, "limit": per_page, "offset": (page - 1) * per_page}):
        found.setdefault(row.id, row)
        if row.tag is not None:
            tags.setdefault(row.id, []).append(row.tag)
    items = [ListedDraft(r.id, r.author_id, r.title, r.status, r.audience, r.updated_at,
                         tuple(tags.get(r.id, ()))) for r in found.values()]
    return Page(items=items, total=total, page=page, per_page=per_page, more=more)


_IDS = bindparam("ids", expanding=True)
_LATEST_SCORED = (
    select(Revision.draft_id.label("draft_id"), func.max(RevisionScore.revision_id).label("rid"))
    .join(RevisionScore, RevisionScore.revision_id == Revision.id)
    .where(Revision.draft_id.in_(_IDS))
    .group_by(Revision.draft_id)
    .subquery()
)
_LIVE_URL = (
    select(ExportRecord.remote_url)
    .where(ExportRecord.draft_id == Draft.id, ExportRecord.status == "published",
           ExportRecord.remote_url != "")
    .order_by(ExportRecord.id).limit(1)
    .correlate(Draft).scalar_subquery()
)
_EXTRAS = (
    select(Draft.id, RevisionScore.light, RevisionScore.score, _LIVE_URL)
    .outerjoin(_LATEST_SCORED, _LATEST_SCORED.c.draft_id == Draft.id)
    .outerjoin(RevisionScore, RevisionScore.revision_id == _LATEST_SCORED.c.rid)
    .where(Draft.id.in_(_IDS))
)


def extras(session: Session, draft_ids: Iterable[int]) -> dict[int, RowExtras]:
    """For each draft: the light and score of its newest scored revision, and
    the address of its published post (http(s) only), in one query."""
    ids = list(draft_ids)
    if not ids:
        return {}
    found = {
        draft_id: RowExtras(light, score, url if url and url.lower().startswith(
            ("https://", "http://")) else None)
        for draft_id, light, score, url in session.execute(_EXTRAS, {"ids": ids})
    }
    return {draft_id: found.get(draft_id, RowExtras()) for draft_id in ids}
