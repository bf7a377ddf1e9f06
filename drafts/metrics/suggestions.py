"""Suggestion use and acceptance per action, counted in the database.

Asked: every request in the period. Answered: those that came back with text (fresh or
from the cache). Accepted: answered ones the author took into the draft (marked since
migration 0008; older requests count as not accepted). The rate is accepted / answered.
Requests on trashed drafts do not count; the destination filter does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from drafts.metrics.period import Filters, Month
from drafts.models import Draft, SuggestionRequest
from drafts.suggestions.actions import ACTIONS

R = SuggestionRequest


@dataclass(frozen=True)
class ActionUse:
    action: str
    label: str
    asked: int
    answered: int
    accepted: int

    @property
    def rate(self) -> float | None:
        return self.accepted / self.answered if self.answered else None


def requests(f: Filters, months: list[Month], action: str | None = None) -> Select:
    """The suggestion requests behind the numbers (optionally of one action)."""
    query = (select(R).outerjoin(Draft, Draft.id == R.draft_id)
             .where(R.created_at >= months[0].start, R.created_at < months[-1].end,
                    or_(R.draft_id.is_(None), Draft.trashed_at.is_(None))))
    if f.author_id is not None:
        query = query.where(R.user_id == f.author_id)
    if action is not None:
        query = query.where(R.action == action)
    return query


def by_action(session: Session, f: Filters, months: list[Month]) -> list[ActionUse]:
    picked = requests(f, months).subquery()
    answered = picked.c.outcome.in_(("ok", "cached"))
    rows = session.execute(
        select(picked.c.action, func.count(),
               func.sum(case((answered, 1), else_=0)),
               func.sum(case((answered & picked.c.accepted_at.is_not(None), 1), else_=0)))
        .group_by(picked.c.action))
    uses = [ActionUse(action, ACTIONS[action].label if action in ACTIONS else action,
                      asked, int(ok or 0), int(taken or 0)) for action, asked, ok, taken in rows]
    return sorted(uses, key=lambda u: (-u.asked, u.label))
