"""Model settings, token budgets, suggestion requests and the answer cache."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from drafts.models.base import (
    Base,
    UTCDateTime,
    utcnow,
)


class LLMSettings(Base):
    """Model settings an admin sets in the app (one row). Empty fields fall back to the environment."""

    __tablename__ = "llm_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    base_url: Mapped[str] = mapped_column(String(300), default="")
    model: Mapped[str] = mapped_column(String(120), default="")
    api_key_encrypted: Mapped[str] = mapped_column(Text, default="")
    timeout_seconds: Mapped[float | None] = mapped_column(Float)
    max_retries: Mapped[int | None] = mapped_column(Integer)
    builtin_only: Mapped[bool] = mapped_column(Boolean, default=False)
    daily_token_budget: Mapped[int] = mapped_column(Integer, default=50_000)
    style_guide: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TokenBudget(Base):
    """A per-user daily token budget that overrides the default."""

    __tablename__ = "token_budgets"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    daily_tokens: Mapped[int] = mapped_column(Integer)


class SuggestionRequest(Base):
    """Every suggestion asked for: who, what, which model, tokens, time, outcome."""

    __tablename__ = "suggestion_requests"
    __table_args__ = (Index("ix_suggestion_requests_user_day", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    provider: Mapped[str] = mapped_column(String(20))  # builtin | openai
    model: Mapped[str] = mapped_column(String(120))
    base_url_host: Mapped[str] = mapped_column(String(200), default="")
    prompt_version: Mapped[str] = mapped_column(String(40), default="")
    tokens_in: Mapped[int] = mapped_column(Integer, default=0)
    tokens_out: Mapped[int] = mapped_column(Integer, default=0)
    # True when the server sent no usage and the counts are Byline's offline estimate.
    tokens_estimated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    first_token_ms: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(40))  # ok | cached | cancelled | error:<kind>
    error: Mapped[str] = mapped_column(String(500), default="")
    output: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the author took the answer into the draft (None: not taken, or asked before 0008).
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SuggestionCacheEntry(Base):
    """Answers to identical temperature-0 requests, served again without calling the model."""

    __tablename__ = "suggestion_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    output: Mapped[str] = mapped_column(Text)
    model: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
