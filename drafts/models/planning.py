"""Planning the content program: ideas, briefs, cadences, calendar feeds."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drafts.models.base import Base, UTCDateTime, utcnow
from drafts.models.export import Destination
from drafts.models.users import User
from drafts.models.writing import Draft


class Idea(Base):
    """Something worth writing about, before anyone has been asked to write it."""

    __tablename__ = "ideas"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    angle: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(200), default="")
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("destinations.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[User] = relationship()
    destination: Mapped[Destination | None] = relationship()


class IdeaVote(Base):
    """One vote per person per idea; voting again takes it back."""

    __tablename__ = "idea_votes"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Brief(Base):
    """An assignment: an author, a due date and the points to cover; later, its draft."""

    __tablename__ = "briefs"
    __table_args__ = (Index("ix_briefs_author_due", "author_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    angle: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(200), default="")
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("destinations.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    due_on: Mapped[date] = mapped_column(Date)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"), unique=True)
    # Bumped whenever the due date or title changes: the calendar feed's SEQUENCE.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set by the one reminder run that sent this brief's reminder (cleared when the date moves).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    destination: Mapped[Destination | None] = relationship()
    draft: Mapped[Draft | None] = relationship()
    points: Mapped[list[BriefPoint]] = relationship(
        cascade="all, delete-orphan", order_by="BriefPoint.position", lazy="selectin")


class BriefPoint(Base):
    """One point the post should cover; the author ticks it off while writing."""

    __tablename__ = "brief_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(String(500))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Cadence(Base):
    """How many posts per week or month: one row for the team (author_id NULL), one per author."""

    __tablename__ = "cadences"
    __table_args__ = (UniqueConstraint("author_id", name="uq_cadences_author"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    posts: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(10))  # week | month
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class PlanSettings(Base):
    """Team-wide planning settings set by an admin (one row, id 1)."""

    __tablename__ = "plan_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Days before a brief's due date its author is reminded; NULL: the server's default.
    reminder_days: Mapped[int | None] = mapped_column(Integer)


class CalendarFeed(Base):
    """A person's private .ics feed: only the SHA-256 of its random token is kept."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
