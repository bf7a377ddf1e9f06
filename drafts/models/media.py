"""Images in drafts: which draft each stored image belongs to, and where each blog keeps it.

The image files themselves live in a content-addressed folder (drafts.media.storage);
a row here says a draft may show that file, and another remembers the URL a
destination gave it, so publishing again never uploads the same image twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from drafts.models.base import Base, UTCDateTime, utcnow


class DraftImage(Base):
    """An image uploaded into a draft (the same file may belong to several drafts)."""

    __tablename__ = "draft_images"
    __table_args__ = (UniqueConstraint("draft_id", "name", name="uq_draft_image"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))  # "<sha256>.<ext>" in the image store
    content_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # bytes, after re-encoding
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RemoteImage(Base):
    """The URL a destination's media library gave one stored image."""

    __tablename__ = "remote_images"
    __table_args__ = (UniqueConstraint("destination_id", "name", name="uq_remote_image"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("destinations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    remote_id: Mapped[str] = mapped_column(String(100), default="")
    remote_url: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
