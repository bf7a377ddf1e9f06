"""Role checks for views. Every route states who may use it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from urllib.parse import urlsplit

from flask import abort
from flask_login import current_user, login_required

from drafts.models import Role, User

F = TypeVar("F", bound=Callable)


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Signed in and holding at least one of `roles`; otherwise 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def me() -> User:
    """The signed-in user as our model (views are wrapped in login_required)."""
    return current_user._get_current_object()  # type: ignore[attr-defined]


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths; never an open redirect."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target
