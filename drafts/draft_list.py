"""What *My drafts* shows beside each title: the readability light and the live link.

Two queries for a whole page of drafts, however long the page: the latest
stored score of each draft, and the address of each published post.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts.models import ExportRecord, Revision, RevisionScore


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
    lights = {
        draft_id: (light, score) for draft_id, light, score in session.execute(
            select(latest.c.draft_id, RevisionScore.light, RevisionScore.score)
            .join(RevisionScore, RevisionScore.revision_id == latest.c.rid)
        )
    }
    live: dict[int, str] = {}
    for draft_id, url in session.execute(
        select(ExportRecord.draft_id, ExportRecord.remote_url)
        .where(ExportRecord.draft_id.in_(ids), ExportRecord.status == "published",
               ExportRecord.remote_url != "")
        .order_by(ExportRecord.id)
    ):
        if url.lower().startswith(("https://", "http://")):
            live.setdefault(draft_id, url)
    return {
        draft_id: RowExtras(*lights.get(draft_id, (None, None)), live.get(draft_id))
        for draft_id in ids
    }
