"""Numbers the blogs report about published posts, kept as history (one row per post per sync)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from drafts.models.base import Base, UTCDateTime, utcnow


class StatsSync(Base):
    """One run of `flask sync-stats`: when, how it went, and the lease that keeps runs apart."""

    __tablename__ = "stats_syncs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    posts_ok: Mapped[int] = mapped_column(Integer, default=0)
    posts_failed: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(String(500), default="")


class StatsLock(Base):
    """A named lease: a sync takes it with one conditional UPDATE, so two runs never overlap."""

    __tablename__ = "stats_locks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[int | None] = mapped_column(Integer)  # the StatsSync holding it
    until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PostStats(Base):
    """What the blog said about one remote post at one sync. None: the blog has no such number."""

    __tablename__ = "post_stats"
    __table_args__ = (
        UniqueConstraint("record_id", "sync_id", name="uq_post_stats_record_sync"),
        Index("ix_post_stats_record_taken", "record_id", "taken_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("export_records.id", ondelete="CASCADE"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("destinations.id", ondelete="CASCADE"))
    sync_id: Mapped[int] = mapped_column(ForeignKey("stats_syncs.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    signups: Mapped[int | None] = mapped_column(Integer)
    paid_conversions: Mapped[int | None] = mapped_column(Integer)
    clicks: Mapped[int | None] = mapped_column(Integer)
    positive_feedback: Mapped[int | None] = mapped_column(Integer)
    negative_feedback: Mapped[int | None] = mapped_column(Integer)
    views: Mapped[int | None] = mapped_column(Integer)  # dev.to's page views
    reactions: Mapped[int | None] = mapped_column(Integer)  # dev.to's public reactions


class DraftCycle(Base):
    """One draft's way to its first publication, kept up to date by every workflow step
    (drafts/metrics/cycle.py), so the dashboard reads one row per post, not its transitions."""

    __tablename__ = "draft_cycles"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    review_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    rounds: Mapped[int] = mapped_column(Integer, default=0)
    in_review_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_submit_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", ondelete="SET NULL"))
    approval_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", ondelete="SET NULL"))
