"""Forgot password: a signed, single-use, expiring link, and the limits around asking for one.

The link carries the account's id and a fingerprint of its current password
hash, signed with the app's secret (itsdangerous). It expires after
`MAX_AGE`, and it works once: using it changes the password hash, so the
fingerprint no longer matches (nor does it after any other password change).
No table is needed and nothing secret is stored.

Asking for a link answers the same whether or not an account exists; requests
are counted per address and per email in the sign-in throttle's table, so
nobody can flood a mailbox or probe at speed.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import accounts, throttle
from drafts.errors import ValidationError
from drafts.models import User
from drafts.throttle import Limit

MAX_AGE = timedelta(hours=1)
_SALT = "byline-password-reset"
# A few links per email an hour; more per address (an office shares one).
PER_EMAIL = Limit(max_failures=3, delays=(timedelta(hours=1),))
PER_ADDRESS = Limit(max_failures=10, delays=(timedelta(minutes=15), timedelta(hours=1)))


class TooManyRequests(ValidationError):
    """This address asked for too many links; the person waits."""


@dataclass(frozen=True)
class ResetRequest:
    """Whom to email (None: nobody, for a reason the asker must not learn) and the token."""

    user: User | None
    token: str | None


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _serializer(secret: str | bytes) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def make_token(user: User, secret: str | bytes) -> str:
    return _serializer(secret).dumps({"u": user.id, "f": _fingerprint(user)})


def request_reset(
    session: Session, email: str, *, address: str | None, secret: str | bytes, now: datetime
) -> ResetRequest:
    """Count the request; return the user and token to email, if there is anyone to email.

    Raises TooManyRequests when this address asked too often. A known email
    asked for too often, an unknown one or a deactivated account all return
    ResetRequest(None, None), which the caller answers exactly like a sent link.
    """
    email = accounts.normalise_email(email)[:254]
    by_address = throttle.reserve(session, "reset-address:" + (address or "unknown"), PER_ADDRESS, now)
    if not by_address.allowed:
        minutes = by_address.minutes_locked(now)
        raise TooManyRequests(
            f"Too many reset requests from your network. Try again in {minutes} "
            f"minute{'s' if minutes != 1 else ''}, or ask an admin to reset your password."
        )
    by_email = throttle.reserve(session, "reset:" + email, PER_EMAIL, now)
    session.flush()
    if not by_email.allowed:
        return ResetRequest(None, None)
    user = session.scalar(select(User).where(User.email == email))
    if user is None or not user.active:
        return ResetRequest(None, None)
    return ResetRequest(user, make_token(user, secret))


def user_for_token(
    session: Session, token: str, secret: str | bytes, *, max_age: timedelta = MAX_AGE
) -> User:
    """The account a link is for, or ValidationError saying what to do instead."""
    try:
        data = _serializer(secret).loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired:
        raise ValidationError(
            "This reset link has expired (links last one hour). Ask for a new one."
        ) from None
    except BadSignature:
        raise ValidationError("This reset link is not valid. Ask for a new one.") from None
    user = session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.active or not hmac.compare_digest(
        str(data.get("f")), _fingerprint(user)
    ):
        raise ValidationError(
            "This reset link was already used, or the password changed since. Ask for a new one."
        )
    return user


def reset_with_token(session: Session, token: str, secret: str | bytes, password: str) -> User:
    """Set the new password through a link; the link stops working and every session ends."""
    user = user_for_token(session, token, secret)
    accounts.set_password(session, user, password)
    user.must_change_password = False
    session.flush()
    return user


def email_text(user: User, link: str) -> tuple[str, str]:
    minutes = int(MAX_AGE.total_seconds() // 60)
    return "[Byline] Reset your password", (
        f"Hello {user.name},\n\n"
        "Someone (we hope you) asked to reset the password of your Byline account.\n"
        f"Choose a new password here within {minutes} minutes; the link works once:\n\n"
        f"{link}\n\n"
        "If you did not ask, ignore this email: your password stays as it is.\n"
    )
