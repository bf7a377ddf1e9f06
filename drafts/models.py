"""Typed SQLAlchemy 2.0 models: the data Byline keeps.

Design notes live in docs/decisions.md. In short: a Draft holds the current
text and a `version` counter used for optimistic locking; every save that
changes content also writes a Revision (immutable once sealed), so history and
"nothing is ever lost" do not depend on the draft row.
"""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zone type and hands back naive values; PostgreSQL
    hands back aware ones. This keeps Python code comparing like with like.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect):  # type: ignore[override]
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    pass


class Role(str, enum.Enum):
    AUTHOR = "author"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class Audience(str, enum.Enum):
    EXECUTIVE = "executive"
    GENERAL = "general"
    TECHNICAL = "technical"

    @property
    def label(self) -> str:
        return {
            "executive": "Executives",
            "general": "General business",
            "technical": "Technical",
        }[self.value]


class RevisionSource(str, enum.Enum):
    AUTHOR = "author"
    AUTOSAVE = "autosave"
    REVIEWER = "reviewer"
    SUGGESTION = "suggestion"
    RESTORE = "restore"
    CONFLICT = "conflict"

    @property
    def label(self) -> str:
        return {
            "author": "Saved",
            "autosave": "Autosaved",
            "reviewer": "Reviewer edit",
            "suggestion": "Suggestion accepted",
            "restore": "Restored",
            "conflict": "Conflict copy",
        }[self.value]


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def role_names(self) -> set[str]:
        return {r.role.value for r in self.roles}

    def has_role(self, *roles: Role) -> bool:
        names = self.role_names
        return any(role.value in names for role in roles)

    # Flask-Login's user protocol, without importing Flask here.
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(_enum(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class LoginThrottle(Base):
    """Failed sign-in attempts per account name (also for unknown names)."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(254), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Draft(Base):
    __tablename__ = "drafts"
    __table_args__ = (Index("ix_drafts_author_list", "author_id", "trashed_at", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[Audience] = mapped_column(
        _enum(Audience, "audience"), default=Audience.EXECUTIVE
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    trashed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship()
    tags: Mapped[list[DraftTag]] = relationship(
        cascade="all, delete-orphan",
        order_by="DraftTag.position",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    @property
    def display_title(self) -> str:
        return self.title.strip() or "Untitled draft"


class DraftTag(Base):
    __tablename__ = "draft_tags"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Revision(Base):
    """A snapshot of a draft. Sealed revisions never change.

    The newest autosave revision of a writer stays open for a short window so
    that a burst of autosaves folds into one entry (see docs/decisions.md).
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("draft_id", "number", name="uq_revisions_draft_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    source: Mapped[RevisionSource] = mapped_column(_enum(RevisionSource, "revision_source"))
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[Audience] = mapped_column(
        _enum(Audience, "audience"), default=Audience.EXECUTIVE
    )
    base_version: Mapped[int | None] = mapped_column(Integer)
    draft_version: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sealed: Mapped[bool] = mapped_column(Boolean, default=True)

    author: Mapped[User] = relationship()

    @property
    def is_conflict_copy(self) -> bool:
        return self.source is RevisionSource.CONFLICT

    @property
    def tag_names(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]


class Presence(Base):
    """Who has a draft open right now (a heartbeat, like WordPress's post lock)."""

    __tablename__ = "presence"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GlossaryEntry(Base):
    """The team's common language: an IT term and what to say to the business."""

    __tablename__ = "glossary_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(80), unique=True)
    alternative: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(String(500), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FindingDismissal(Base):
    """An "ignore" on one finding in one draft, keyed by what it flags.

    The key is the finding's kind plus a fingerprint of its sentence and text,
    so the dismissal survives edits elsewhere and new revisions, and lapses
    when that sentence is rewritten.
    """

    __tablename__ = "finding_dismissals"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    excerpt: Mapped[str] = mapped_column(String(200), default="")
    dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RevisionScore(Base):
    """A readability score of one revision, with the analyzer version that made it."""

    __tablename__ = "revision_scores"

    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), primary_key=True
    )
    analyzer_version: Mapped[str] = mapped_column(String(120))
    score: Mapped[int] = mapped_column(Integer)
    light: Mapped[str] = mapped_column(String(10))
    grade: Mapped[float] = mapped_column(Float)
    reading_ease: Mapped[float] = mapped_column(Float)
    words: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    first_token_ms: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(40))  # ok | cached | cancelled | error:<kind>
    error: Mapped[str] = mapped_column(String(500), default="")
    output: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SuggestionCacheEntry(Base):
    """Answers to identical temperature-0 requests, served again without calling the model."""

    __tablename__ = "suggestion_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    output: Mapped[str] = mapped_column(Text)
    model: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
