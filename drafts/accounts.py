"""Users, roles, sign-in and its throttle."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from drafts.errors import AccountLocked, LoginFailed, NotFound, ValidationError
from drafts.models import LoginThrottle, Role, User, UserRole, utcnow
from drafts.text import clean_text

MIN_PASSWORD_LENGTH = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked against when the account does not exist, so both paths cost the same.
_DUMMY_HASH = generate_password_hash("byline-timing-equaliser")


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)


def normalise_email(email: str) -> str:
    return clean_text(email, single_line=True).strip().lower()


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.", field="password"
        )
    if password.strip() == "" or len(set(password)) < 4:
        raise ValidationError(
            "That password is too easy to guess. Use a longer phrase.", field="password"
        )


def parse_roles(names: Iterable[str]) -> set[Role]:
    roles = set()
    for name in names:
        try:
            roles.add(Role(name.strip().lower()))
        except ValueError:
            raise ValidationError(
                f"Unknown role {name!r}. Choose author, reviewer or admin.", field="roles"
            ) from None
    if not roles:
        raise ValidationError("Give the user at least one role.", field="roles")
    return roles


def has_users(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(User)) > 0


def create_user(
    session: Session, *, email: str, name: str, password: str, roles: Iterable[Role]
) -> User:
    email = normalise_email(email)
    name = clean_text(name, single_line=True).strip()
    if not _EMAIL.match(email):
        raise ValidationError("Enter a valid email address.", field="email")
    if not name:
        raise ValidationError("Enter the person's name.", field="name")
    validate_password(password)
    roles = set(roles)
    if not roles:
        raise ValidationError("Give the user at least one role.", field="roles")
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise ValidationError(f"There is already an account for {email}.", field="email")
    user = User(email=email, name=name[:120], password_hash=generate_password_hash(password))
    user.roles = [UserRole(role=r) for r in sorted(roles, key=lambda r: r.value)]
    session.add(user)
    session.flush()
    return user


def create_first_admin(session: Session, *, email: str, name: str, password: str) -> User:
    if has_users(session):
        raise ValidationError("Byline is already set up. Sign in instead.")
    return create_user(
        session, email=email, name=name, password=password,
        roles={Role.ADMIN, Role.AUTHOR, Role.REVIEWER},
    )


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("That user does not exist.")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name, User.id)))


def set_roles(session: Session, user: User, roles: Iterable[Role], *, acting: User) -> None:
    roles = set(roles)
    if not roles:
        raise ValidationError("Give the user at least one role.", field="roles")
    if user.id == acting.id and Role.ADMIN not in roles:
        raise ValidationError("You cannot remove your own admin role.", field="roles")
    if Role.ADMIN not in roles and user.has_role(Role.ADMIN):
        _ensure_another_admin(session, user)
    current = {r.role for r in user.roles}
    user.roles = [r for r in user.roles if r.role in roles] + [
        UserRole(role=r) for r in sorted(roles - current, key=lambda r: r.value)
    ]
    session.flush()


def set_active(session: Session, user: User, active: bool, *, acting: User) -> None:
    if not active and user.id == acting.id:
        raise ValidationError("You cannot deactivate your own account.")
    if not active and user.has_role(Role.ADMIN):
        _ensure_another_admin(session, user)
    user.active = active
    session.flush()


def set_password(session: Session, user: User, password: str) -> None:
    validate_password(password)
    user.password_hash = generate_password_hash(password)
    session.execute(
        LoginThrottle.__table__.delete().where(LoginThrottle.key == user.email)
    )
    session.flush()


def set_show_highlights(session: Session, user: User, visible: bool) -> None:
    """Remember whether this person sees the coach's highlights in the editor."""
    user.show_highlights = bool(visible)
    session.flush()


def _ensure_another_admin(session: Session, user: User) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(UserRole)
        .join(User, User.id == UserRole.user_id)
        .where(UserRole.role == Role.ADMIN, User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise ValidationError("Byline needs at least one active admin. Make someone else admin first.")


def authenticate(
    session: Session,
    email: str,
    password: str,
    *,
    now: datetime | None = None,
    policy: ThrottlePolicy = ThrottlePolicy(),
) -> User:
    """Return the user, or raise LoginFailed / AccountLocked.

    Failures are counted per account name, known or not, so the lock does not
    reveal which accounts exist and works across app workers.
    """
    now = now or utcnow()
    key = normalise_email(email)[:254]
    throttle = session.get(LoginThrottle, key)
    if throttle and throttle.locked_until and throttle.locked_until > now:
        minutes = max(1, math.ceil((throttle.locked_until - now).total_seconds() / 60))
        raise AccountLocked(throttle.locked_until, minutes)

    user = session.scalar(select(User).where(User.email == key))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is not None and valid and user.active:
        if throttle is not None:
            session.delete(throttle)
        user.last_login_at = now
        session.flush()
        return user

    if throttle is None:
        throttle = LoginThrottle(key=key, failures=0, window_start=now)
        session.add(throttle)
    if now - throttle.window_start > policy.window:
        throttle.failures = 0
        throttle.window_start = now
        throttle.locked_until = None
    throttle.failures += 1
    session.flush()
    if throttle.failures >= policy.max_failures:
        throttle.locked_until = now + policy.lockout
        session.flush()
        raise AccountLocked(throttle.locked_until, math.ceil(policy.lockout.total_seconds() / 60))
    if user is not None and valid and not user.active:
        raise LoginFailed("This account has been deactivated. Ask an admin to reactivate it.")
    left = policy.max_failures - throttle.failures
    raise LoginFailed(
        "That email and password do not match. "
        f"{left} attempt{'s' if left != 1 else ''} left before the account is locked for "
        f"{math.ceil(policy.lockout.total_seconds() / 60)} minutes."
    )
