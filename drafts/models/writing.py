"""Drafts, their tags, revisions and who has them open."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drafts.models.base import (
    Audience,
    Base,
    DraftStatus,
    RevisionSource,
    UTCDateTime,
    enum_type,
    utcnow,
)

if TYPE_CHECKING:
    from drafts.models.users import User


class Draft(Base):
    __tablename__ = "drafts"
    __table_args__ = (
        Index("ix_drafts_author_list", "author_id", "trashed_at", "updated_at"),
        # My drafts reads its page straight off this one, in (updated_at, id) order:
        # "trashed_at IS NULL" in the key would not let PostgreSQL use the order.
        Index("ix_drafts_author_live", "author_id", "updated_at", "id",
              sqlite_where=text("trashed_at IS NULL"), postgresql_where=text("trashed_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[Audience] = mapped_column(
        enum_type(Audience, "audience"), default=Audience.EXECUTIVE
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # The last revision number handed out. Bumped by one UPDATE ... RETURNING
    # (drafts.writing.revisions.next_number), so two saves can never take the same number.
    revision_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    trashed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[DraftStatus] = mapped_column(
        enum_type(DraftStatus, "draft_status"), default=DraftStatus.DRAFT, server_default="draft",
        index=True,
    )
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
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
    source: Mapped[RevisionSource] = mapped_column(enum_type(RevisionSource, "revision_source"))
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[Audience] = mapped_column(
        enum_type(Audience, "audience"), default=Audience.EXECUTIVE
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
