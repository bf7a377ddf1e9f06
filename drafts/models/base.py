"""The declarative base, shared column types and enums."""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlalchemy import DateTime, Enum, TypeDecorator
from sqlalchemy.orm import DeclarativeBase


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


def enum_type(cls: type[enum.Enum], name: str) -> Enum:
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


class DraftStatus(str, enum.Enum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()
