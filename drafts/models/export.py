"""Export destinations, the remote post each draft has at each, and every attempt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drafts.models.base import Base, UTCDateTime, utcnow
from drafts.models.users import User


class Destination(Base):
    """A blog or static site an admin set up. The secret is encrypted at rest."""

    __tablename__ = "destinations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # wordpress | ghost | devto | static
    name: Mapped[str] = mapped_column(String(120))
    settings_json: Mapped[str] = mapped_column(Text, default="{}")
    secret_encrypted: Mapped[str] = mapped_column(Text, default="")
    secret_hint: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExportRecord(Base):
    """The one remote post of a (draft, destination) pair: publishing again updates it."""

    __tablename__ = "export_records"
    __table_args__ = (UniqueConstraint("draft_id", "destination_id", name="uq_export_draft_destination"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("destinations.id", ondelete="CASCADE"))
    remote_id: Mapped[str] = mapped_column(String(100), default="")
    remote_url: Mapped[str] = mapped_column(String(500), default="")
    remote_updated_at: Mapped[str] = mapped_column(String(60), default="")
    slug: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # pending | published | scheduled | remote_draft | remote_scheduled | unpublished | failed
    # | gone | conflict | unknown  (see drafts/export/lifecycle.py)
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    # What the blog reported after the last push: its own status word and the post's date.
    remote_status: Mapped[str] = mapped_column(String(20), default="")
    remote_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    live_since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first time it went live
    pushed_html: Mapped[str] = mapped_column(Text, default="")  # what Byline last sent (for diffs)
    # A scheduled publish that met an outage: when to try again, and how many tries failed.
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    destination: Mapped[Destination] = relationship()


class ExportAttempt(Base):
    """The export history a draft shows: when, who, where, result, link, error."""

    __tablename__ = "export_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    destination_id: Mapped[int | None] = mapped_column(ForeignKey("destinations.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    operation: Mapped[str] = mapped_column(String(20))  # create | update | lookup | check | download
    result: Mapped[str] = mapped_column(String(20))  # ok | error
    remote_url: Mapped[str] = mapped_column(String(500), default="")
    message: Mapped[str] = mapped_column(String(500), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User | None] = relationship()
    destination: Mapped[Destination | None] = relationship()


class ExportAuthor(Base):
    """Under whose name a Byline author's posts appear at one destination (the blog's user)."""

    __tablename__ = "export_authors"
    __table_args__ = (UniqueConstraint("destination_id", "user_id", name="uq_export_author"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("destinations.id", ondelete="CASCADE"),
                                                index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    remote_id: Mapped[str] = mapped_column(String(100), default="")
    remote_name: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20), default="email")  # email | chosen | unsearchable
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
