"""Token budgets and usage reports."""

from __future__ import annotations

from datetime import datetime, timezone
from datetime import time as dtime
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from drafts.models import SuggestionRequest, TokenBudget, User, utcnow

if TYPE_CHECKING:
    from drafts.suggestions.config import LLMConfig


def _day_start(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(timezone.utc).date(), dtime.min, tzinfo=timezone.utc)


def tokens_used_today(session: Session, user: User, now: datetime | None = None) -> int:
    now = now or utcnow()
    used = session.scalar(
        select(func.coalesce(func.sum(SuggestionRequest.tokens_in + SuggestionRequest.tokens_out), 0))
        .where(
            SuggestionRequest.user_id == user.id,
            SuggestionRequest.created_at >= _day_start(now),
            SuggestionRequest.provider != "builtin",
        )
    )
    return int(used or 0)


def budget_for(session: Session, user: User, config: "LLMConfig") -> int:
    override = session.get(TokenBudget, user.id)
    return override.daily_tokens if override is not None else config.daily_budget



def set_budget(session: Session, user: User, daily_tokens: int | None) -> None:
    """A per-user daily budget; None goes back to the default."""
    row = session.get(TokenBudget, user.id)
    if daily_tokens is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(TokenBudget(user_id=user.id, daily_tokens=daily_tokens))
    else:
        row.daily_tokens = daily_tokens
    session.flush()


def usage_by_user_and_day(session: Session, limit: int = 500) -> list[dict[str, Any]]:
    """Per day, person and source: model calls and the free built-in engine apart.

    `estimated` counts the rows whose tokens are Byline's offline estimate (the
    server sent no usage, or the answer was stopped part-way).
    """
    day = func.date(SuggestionRequest.created_at)
    builtin = SuggestionRequest.provider == "builtin"
    errors = func.sum(case((SuggestionRequest.outcome.like("error:%"), 1), else_=0))
    cached = func.sum(case((SuggestionRequest.outcome == "cached", 1), else_=0))
    estimated = func.sum(case((SuggestionRequest.tokens_estimated.is_(True), 1), else_=0))
    rows = session.execute(
        select(User.name, day, builtin, func.count(SuggestionRequest.id),
               func.sum(SuggestionRequest.tokens_in), func.sum(SuggestionRequest.tokens_out),
               errors, cached, estimated)
        .join(User, User.id == SuggestionRequest.user_id)
        .group_by(User.name, day, builtin)
        .order_by(day.desc(), User.name, builtin)
        .limit(limit)
    ).all()
    return [{"user": r[0], "day": str(r[1]), "source": "Built-in engine" if r[2] else "Model",
             "builtin": bool(r[2]), "requests": r[3], "tokens_in": int(r[4] or 0),
             "tokens_out": int(r[5] or 0), "errors": int(r[6] or 0), "cached": int(r[7] or 0),
             "estimated": int(r[8] or 0)}
            for r in rows]


def recent_requests(session: Session, limit: int = 50) -> list[SuggestionRequest]:
    return list(session.scalars(
        select(SuggestionRequest).order_by(SuggestionRequest.id.desc()).limit(limit)
    ))
