"""People, their roles, and the sign-in throttle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drafts.models.base import (
    Base,
    Role,
    UTCDateTime,
    enum_type,
    utcnow,
)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped by sign-out, password change or reset, deactivation and "sign out
    # everywhere": every session cookie carrying an older number stops working.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The editor's one switch for the coach's highlights in the text, remembered per person.
    show_highlights: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # An IANA zone name ("Europe/Berlin") for showing times; "" = the browser's own.
    timezone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # Notification email: one daily digest instead of one email per event.
    email_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Set by an admin's password reset: the next sign-in must choose a new password.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

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
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")


class LoginThrottle(Base):
    """Sign-in tries per key: `account:<email>` (known or not) and `address:<ip>`.

    Written only by drafts.throttle, one atomic upsert per try.
    """

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
