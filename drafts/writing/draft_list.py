"""What *My drafts* shows beside each title: the readability light and the live link.

One query for a whole page of drafts: the latest stored score of each
draft, and the address of its published post.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts.models import Draft, ExportRecord, Revision, RevisionScore


@dataclass(frozen=True)
class RowExtras:
    light: str | None = None
    score: int | None = None
    live_url: str | None = None


def extras(session: Session, draft_ids: Iterable[int]) -> dict[int, RowExtras]:
    ids = list(draft_ids)
    if not ids:
        return {}
    latest = (
        select(Revision.draft_id.label("draft_id"), func.max(RevisionScore.revision_id).label("rid"))
        .join(RevisionScore, RevisionScore.revision_id == Revision.id)
        .where(Revision.draft_id.in_(ids))
        .group_by(Revision.draft_id)
        .subquery()
    )
    live = (
        select(ExportRecord.remote_url)
        .where(ExportRecord.draft_id == Draft.id, ExportRecord.status == "published",
               ExportRecord.remote_url != "")
        .order_by(ExportRecord.id).limit(1)
        .correlate(Draft).scalar_subquery()
    )
    rows = session.execute(
        select(Draft.id, RevisionScore.light, RevisionScore.score, live)
        .outerjoin(latest, latest.c.draft_id == Draft.id)
        .outerjoin(RevisionScore, RevisionScore.revision_id == latest.c.rid)
        .where(Draft.id.in_(ids))
    )
    found = {
        draft_id: RowExtras(light, score, url if url and url.lower().startswith(
            ("https://", "http://")) else None)
        for draft_id, light, score, url in rows
    }
    return {draft_id: found.get(draft_id, RowExtras()) for draft_id in ids}
