"""*My drafts*: one page of a writer's drafts, and what the list shows beside each title
(the readability light and the live link).

The page takes one query whatever its length: the drafts with their tags,
readability light and live link, and beside them a count that stops at 1,000
(or at the page asked for). Only a page with no rows (no drafts, or a page
past the end) counts on its own. The statements are built once and reused
with bind parameters, so a request does not pay for building and
cache-keying them again. LIMIT and OFFSET are written into the SQL as
numbers: PostgreSQL then keeps one plan for the statement instead of
planning it again on every request (with them as parameters it cannot
estimate the page's size and always plans afresh).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Integer, Select, bindparam, func, select
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
    page_size = bindparam("limit", type_=Integer, literal_execute=True)
    skipped = bindparam("offset", type_=Integer, literal_execute=True)
    # Plain rows, not ORM objects: the list never shows the text (up to a
    # megabyte per draft) and needs no change tracking. Tags come in the same
    # query, one row per tag.
    shown = (
        select(Draft.id, Draft.author_id, Draft.title, Draft.status, Draft.audience,
               Draft.updated_at)
        .where(*condition)
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
        .limit(page_size)
        .offset(skipped)
        .subquery()
    )
    # Beside each draft: the light and score of its newest scored revision and
    # the address of its published post, from correlated subqueries on the
    # page's own rows (so only for the drafts shown).
    def newest_score(column):
        return (
            select(column)
            .join(Revision, Revision.id == RevisionScore.revision_id)
            .where(Revision.draft_id == shown.c.id)
            .order_by(RevisionScore.revision_id.desc()).limit(1)
            .correlate(shown).scalar_subquery()
        )

    live_url = (
        select(ExportRecord.remote_url)
        .where(ExportRecord.draft_id == shown.c.id, ExportRecord.status == "published",
               ExportRecord.remote_url != "")
        .order_by(ExportRecord.id).limit(1)
        .correlate(shown).scalar_subquery()
    )
    rows = (
        select(shown, DraftTag.name.label("tag"), newest_score(RevisionScore.light).label("light"),
               newest_score(RevisionScore.score).label("score"), live_url.label("live_url"),
               count.scalar_subquery().label("total"))
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
    light: str | None = None
    score: int | None = None
    live_url: str | None = None  # http(s) only

    display_title = Draft.display_title


def list_drafts(
    session: Session, author: User, *, page: int = 1, per_page: int = 20, trashed: bool = False,
    status: DraftStatus | None = None,
) -> Page[ListedDraft]:
    """The writer's own drafts (or their trash), newest change first. The count
    is exact up to COUNT_LIMIT (or up to the page asked for, if further on)."""
    count, rows = _page_statements(trashed, status is not None)
    page = max(1, page)
    cap = max(COUNT_LIMIT, page * per_page)
    params: dict = {"author": author.id, "status": status, "cap": cap + 1, "limit": per_page}
    result = session.execute(rows, {**params, "offset": (page - 1) * per_page}).all()
    # An empty page has no row to carry the count: count alone, then show the last page.
    total = result[0].total if result else session.scalar(count, params) or 0
    more = total > cap
    total = min(total, cap)
    if clamp(page, total, per_page) != page:
        page = clamp(page, total, per_page)
        result = session.execute(rows, {**params, "offset": (page - 1) * per_page}).all()
    found: dict[int, tuple] = {}
    tags: dict[int, list[str]] = {}
    for row in result:
        found.setdefault(row.id, row)
        if row.tag is not None:
            tags.setdefault(row.id, []).append(row.tag)
    items = [ListedDraft(r.id, r.author_id, r.title, r.status, r.audience, r.updated_at,
                         tuple(tags.get(r.id, ())), r.light, r.score, _web_address(r.live_url))
             for r in found.values()]
    return Page(items=items, total=total, page=page, per_page=per_page, more=more)


def _web_address(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("https://", "http://")) else None
