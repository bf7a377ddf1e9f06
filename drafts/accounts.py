"""Users, roles, sign-in and its throttle."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from zoneinfo import available_timezones

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from drafts import throttle
from drafts.errors import AccountLocked, LoginFailed, NotFound, ValidationError
from drafts.models import Role, User, UserRole, utcnow
from drafts.text import clean_text
from drafts.throttle import ThrottlePolicy

MIN_PASSWORD_LENGTH = 10
DEFAULT_POLICY = ThrottlePolicy()
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked against when the account does not exist, so both paths cost the same.
_DUMMY_HASH = generate_password_hash("byline-timing-equaliser")


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


# Built once: a reused statement skips building and cache-keying it on every request.
_SIGNED_IN = select(User).options(joinedload(User.roles)).where(User.id == bindparam("user_id"))


def signed_in_user(session: Session, user_id: int) -> User | None:
    """The user behind a session cookie, with their roles: one query per request."""
    return session.scalars(_SIGNED_IN, {"user_id": user_id}).unique().one_or_none()


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
    if not active:
        end_sessions(session, user)
    user.active = active
    session.flush()


def set_password(session: Session, user: User, password: str) -> None:
    """A new password (change or admin reset): every session of the account ends."""
    validate_password(password)
    user.password_hash = generate_password_hash(password)
    throttle.clear(session, throttle.account_key(user.email))
    end_sessions(session, user)
    session.flush()


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """The person changes their own password; the current one must be right."""
    if not check_password_hash(user.password_hash, current or ""):
        raise ValidationError("Your current password is not right. Type it again.", field="current")
    if check_password_hash(user.password_hash, new or ""):
        raise ValidationError("Choose a password different from the current one.", field="password")
    set_password(session, user, new)
    user.must_change_password = False
    session.flush()


def reset_password(session: Session, user: User, password: str, *, acting: User) -> None:
    """An admin sets someone's password: they must choose their own at their next sign-in."""
    set_password(session, user, password)
    user.must_change_password = user.id != acting.id
    session.flush()


@cache
def time_zones() -> frozenset[str]:
    """IANA zone names this machine knows (read once: it scans the zone files)."""
    return frozenset(available_timezones()) | {"UTC"}


def update_profile(session: Session, user: User, *, name: str, timezone: str) -> None:
    """The person's own name and time zone ("" = the browser's)."""
    name = clean_text(name, single_line=True).strip()
    if not name:
        raise ValidationError("Enter your name.", field="name")
    timezone = (timezone or "").strip()
    if timezone and timezone not in time_zones():
        raise ValidationError(
            f"{timezone!r} is not a time zone we know. Pick one from the list.", field="timezone"
        )
    user.name = name[:120]
    user.timezone = timezone
    session.flush()


def end_sessions(session: Session, user: User) -> None:
    """Sign the account out everywhere: every session made before now stops working."""
    user.session_generation = User.session_generation + 1
    session.flush()
    session.refresh(user, ["session_generation"])
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
    address: str | None = None,
    now: datetime | None = None,
    policy: ThrottlePolicy | None = None,
) -> User:
    """Return the user, or raise LoginFailed / AccountLocked.

    Each try is reserved in the throttle (drafts.throttle) before the password
    is checked: first for the address it comes from, then for the account
    name, known or not, so a pause does not reveal which accounts exist.
    The reservations are committed here, on their own (see below).
    """
    now = now or utcnow()
    policy = policy or DEFAULT_POLICY
    email = normalise_email(email)[:254]
    by_address = throttle.reserve(session, throttle.address_key(address), policy.address, now)
    if not by_address.allowed:
        raise AccountLocked(by_address.locked_until or now, by_address.minutes_locked(now),
                            scope="address")
    by_account = throttle.reserve(session, throttle.account_key(email), policy.account, now)
    # The reservations are committed on their own, before the slow password
    # check: the count survives whatever happens next, and concurrent sign-ins
    # from one address do not queue behind each other's row locks.
    session.commit()
    if not by_account.allowed:
        raise AccountLocked(by_account.locked_until or now, by_account.minutes_locked(now))

    user = session.scalar(select(User).where(User.email == email))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is not None and valid and user.active:
        throttle.clear(session, by_account.key)
        throttle.give_back(session, by_address.key, policy.address)
        user.last_login_at = now
        session.flush()
        return user

    for reservation in (by_account, by_address):
        if reservation.locked_until is not None:
            raise AccountLocked(reservation.locked_until, reservation.minutes_locked(now),
                                scope="account" if reservation is by_account else "address")
    if user is not None and valid and not user.active:
        raise LoginFailed("This account has been deactivated. Ask an admin to reactivate it.")
    left = policy.account.max_failures - by_account.failures
    pause = math.ceil(policy.account.delays[0].total_seconds() / 60)
    raise LoginFailed(
        "That email and password do not match. "
        f"{left} attempt{'s' if left != 1 else ''} left before sign-in to this account is "
        f"paused for {pause} minute{'s' if pause != 1 else ''}."
    )
