"""The glossary, dismissed findings and stored readability scores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from drafts.models.base import (
    Base,
    UTCDateTime,
    utcnow,
)


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
    # Buzzword and glossary-jargon findings in the text (None: scored before they were counted).
    buzzwords: Mapped[int | None] = mapped_column(Integer)
    jargon: Mapped[int | None] = mapped_column(Integer)
    # The revision's updated_at when it was scored: an open autosave revision
    # keeps its id while its text changes, so a score from older text is stale.
    revision_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
