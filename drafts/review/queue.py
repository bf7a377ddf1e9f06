"""The review queue: submitted drafts with filters, sort, search, pages and counts.

A page costs a constant number of queries: the count, the page (with author,
assignee and the latest stored readability light joined in), and the counts
per status.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from drafts.models import Audience, Draft, DraftStatus, Revision, RevisionScore, User, utcnow
from drafts.permissions import REVIEWABLE

SORTS = {
    "submitted": lambda: Draft.submitted_at.desc(),
    "oldest": lambda: Draft.submitted_at.asc(),
    "title": lambda: func.lower(Draft.title).asc(),
    "status": lambda: Draft.status.asc(),
}


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"  # "open" = in review + changes requested; or a DraftStatus value; or "all"
    author_id: int | None = None
    assignee_id: int | None = None
    audience: str | None = None
    search: str = ""
    sort: str = "oldest"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class QueueRow:
    draft: Draft
    author: User
    assignee: User | None
    light: str | None
    score: int | None

    def age(self, now: datetime | None = None) -> str:
        if self.draft.submitted_at is None:
            return ""
        hours = ((now or utcnow()) - self.draft.submitted_at).total_seconds() / 3600
        return f"{int(hours)} h" if hours < 48 else f"{int(hours // 24)} d"


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    per_page: int
    counts: dict[str, int]
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", max(1, math.ceil(self.total / self.per_page)))


def _conditions(filters: QueueFilters) -> list:
    cond = [Draft.trashed_at.is_(None)]
    if filters.status == "open":
        cond.append(Draft.status.in_([DraftStatus.IN_REVIEW, DraftStatus.CHANGES_REQUESTED]))
    elif filters.status == "all":
        cond.append(Draft.status.in_(list(REVIEWABLE)))
    else:
        status = DraftStatus(filters.status)
        cond.append(Draft.status == status if status in REVIEWABLE else Draft.id.is_(None))
    if filters.author_id:
        cond.append(Draft.author_id == filters.author_id)
    if filters.assignee_id:
        cond.append(Draft.assignee_id == filters.assignee_id)
    if filters.audience:
        cond.append(Draft.audience == Audience(filters.audience))
    if filters.search.strip():
        cond.append(func.lower(Draft.title).contains(filters.search.strip().lower(), autoescape=True))
    return cond


def list_queue(session: Session, filters: QueueFilters) -> QueuePage:
    cond = _conditions(filters)
    total = session.scalar(select(func.count()).select_from(Draft).where(*cond)) or 0
    pages = max(1, math.ceil(total / filters.per_page))
    page = min(max(1, filters.page), pages)
    author = aliased(User)
    assignee = aliased(User)
    latest_score = (
        select(Revision.draft_id.label("draft_id"), func.max(RevisionScore.revision_id).label("rid"))
        .join(RevisionScore, RevisionScore.revision_id == Revision.id)
        .group_by(Revision.draft_id)
        .subquery()
    )
    rows = session.execute(
        select(Draft, author, assignee, RevisionScore.light, RevisionScore.score)
        .join(author, author.id == Draft.author_id)
        .outerjoin(assignee, assignee.id == Draft.assignee_id)
        .outerjoin(latest_score, latest_score.c.draft_id == Draft.id)
        .outerjoin(RevisionScore, RevisionScore.revision_id == latest_score.c.rid)
        .where(*cond)
        .order_by(SORTS.get(filters.sort, SORTS["oldest"])(), Draft.id)
        .limit(filters.per_page)
        .offset((page - 1) * filters.per_page)
    ).all()
    counts_rows = session.execute(
        select(Draft.status, func.count()).where(
            Draft.trashed_at.is_(None), Draft.status.in_(list(REVIEWABLE))
        ).group_by(Draft.status)
    ).all()
    counts = {s.value: 0 for s in REVIEWABLE}
    counts.update({status.value: n for status, n in counts_rows})
    return QueuePage(
        rows=[QueueRow(d, a, s, light, score) for d, a, s, light, score in rows],
        total=total, page=page, per_page=filters.per_page, counts=counts,
    )
