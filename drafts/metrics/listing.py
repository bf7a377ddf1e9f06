"""The posts behind a number: a filtered, sorted, paged list with each post's own numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts.metrics import aggregates, posts, suggestions
from drafts.metrics.period import Filters, Month
from drafts.models import Draft, ExportRecord, User
from drafts.paging import Page, clamp

SORTS = {
    "published": "Newest first",
    "cycle": "Longest cycle time",
    "review": "Longest review wait",
    "rounds": "Most review rounds",
    "readability": "Most gained in review",
}
PER_PAGE = 50


@dataclass(frozen=True)
class Listed:
    row: posts.PostRow
    draft: Draft
    author: str
    offline: bool  # published once, not live on any blog now


def published(session: Session, f: Filters, months: list[Month], *, month: str | None = None,
              tag: str | None = None, live: int | None = None, sort: str = "published",
              page: int = 1, per_page: int | None = PER_PAGE) -> Page[Listed]:
    """One page of the posts (every post with per_page=None: the CSV download)."""
    query = aggregates.published_posts(f, months, month=None if live else month, tag=tag)
    if live is not None:
        query = query.where(Draft.id.in_(aggregates.live_on(f, months, live, month)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    per_page = per_page or max(1, total)
    page = clamp(page, total, per_page)
    chosen = posts.post_rows(session, query, sort=sort, limit=per_page, offset=(page - 1) * per_page)
    ids = [r.draft_id for r in chosen]
    drafts = {d.id: d for d in session.scalars(select(Draft).where(Draft.id.in_(ids)))}
    names = dict(session.execute(select(User.id, User.name).where(
        User.id.in_({r.author_id for r in chosen}))).all())
    live_now = set(session.scalars(select(ExportRecord.draft_id).where(
        ExportRecord.draft_id.in_(ids), ExportRecord.status == "published")))
    items = [Listed(r, drafts[r.draft_id], names.get(r.author_id, ""), r.draft_id not in live_now)
             for r in chosen]
    return Page(items, total, page, per_page)


@dataclass(frozen=True)
class SuggestedDraft:
    draft: Draft | None  # None: asked outside a draft
    author: str
    asked: int
    accepted: int


def suggested(session: Session, f: Filters, months: list[Month], action: str,
              page: int = 1, per_page: int | None = PER_PAGE) -> Page[SuggestedDraft]:
    """The drafts a suggestion action was used on in the period, most asked first."""
    picked = suggestions.requests(f, months, action).subquery()
    asked = func.count()
    accepted = func.count(picked.c.accepted_at)
    grouped = (select(picked.c.draft_id, picked.c.user_id, asked, accepted)
               .group_by(picked.c.draft_id, picked.c.user_id).order_by(asked.desc(), picked.c.draft_id))
    rows = session.execute(grouped).all()
    per_page = per_page or max(1, len(rows))
    page = clamp(page, len(rows), per_page)
    chosen = rows[(page - 1) * per_page: page * per_page]
    drafts = {d.id: d for d in session.scalars(select(Draft).where(
        Draft.id.in_([r[0] for r in chosen if r[0] is not None])))}
    names = dict(session.execute(select(User.id, User.name).where(
        User.id.in_({r[1] for r in chosen}))).all())
    items = [SuggestedDraft(drafts.get(d) if d else None, names.get(u, ""), n, a)
             for d, u, n, a in chosen]
    return Page(items, len(rows), page, per_page)
