"""Each draft's way to its first publication, folded one workflow step at a time.

`workflow.act` calls `record()` for every transition it writes; `rebuild()` folds the stored
transitions again (the 0008 migration's backfill, and bulk-seeded benchmark data). Once a
draft is published the row is frozen: later review (an edit after publication) is another
story and does not change its cycle. Rounds: each time the draft entered review (a first
submission, a resubmission, an edit after approval that sent it back). Review time: the
time between entering and leaving review; a claim or an assignment does not stop the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from drafts.models import DraftCycle, DraftStatus, Transition

IN_REVIEW = DraftStatus.IN_REVIEW.value


@dataclass
class Fold:
    first_published_at: datetime | None = None
    review_seconds: float = 0.0
    rounds: int = 0
    in_review_since: datetime | None = None
    first_submit_revision_id: int | None = None
    approval_revision_id: int | None = None

    def step(self, from_status: str, to_status: str, action: str, at: datetime,
             revision_id: int | None) -> None:
        if self.first_published_at is not None:
            return  # frozen at the first publication
        if to_status == IN_REVIEW and from_status != IN_REVIEW:
            self.rounds += 1
            self.in_review_since = at
        elif from_status == IN_REVIEW and to_status != IN_REVIEW and self.in_review_since:
            self.review_seconds += max(0.0, (at - self.in_review_since).total_seconds())
            self.in_review_since = None
        if action == "submit" and self.first_submit_revision_id is None:
            self.first_submit_revision_id = revision_id
        elif action == "approve":
            self.approval_revision_id = revision_id
        elif action == "publish":
            self.first_published_at = at

    def values(self) -> dict:
        return dict(self.__dict__)


def _value(status) -> str:
    return status.value if isinstance(status, DraftStatus) else str(status)


def record(session: Session, transition: Transition) -> None:
    """Fold one new transition into its draft's row (same transaction as the transition)."""
    row = session.get(DraftCycle, transition.draft_id)
    if row is None:
        row = DraftCycle(draft_id=transition.draft_id, review_seconds=0.0, rounds=0)
        session.add(row)
    fold = Fold(row.first_published_at, row.review_seconds or 0.0, row.rounds or 0,
                row.in_review_since, row.first_submit_revision_id, row.approval_revision_id)
    fold.step(_value(transition.from_status), _value(transition.to_status), transition.action,
              transition.created_at, transition.revision_id)
    for name, value in fold.values().items():
        setattr(row, name, value)
    session.flush()


def rebuild(session: Session, chunk: int = 5000) -> int:
    """Fold every stored transition again (one pass in id order per draft). Returns drafts."""
    session.execute(delete(DraftCycle))
    folds: dict[int, Fold] = {}
    rows = session.execute(
        select(Transition.draft_id, Transition.from_status, Transition.to_status,
               Transition.action, Transition.created_at, Transition.revision_id)
        .order_by(Transition.draft_id, Transition.id)).yield_per(chunk)
    for draft_id, before, after, action, at, revision_id in rows:
        folds.setdefault(draft_id, Fold()).step(_value(before), _value(after), action, at,
                                                revision_id)
    values = [{"draft_id": d, **f.values()} for d, f in sorted(folds.items())]
    for start in range(0, len(values), chunk):
        session.execute(insert(DraftCycle), values[start:start + chunk])
    session.flush()
    return len(values)
