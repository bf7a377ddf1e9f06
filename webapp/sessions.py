"""Sessions that really end.

The signed session cookie carries the user's id, their *session generation*
when it was made, and when it was last used. On every request the user loader
compares the generation with the database: sign-out, a password change or
reset, deactivation and "Sign out everywhere" bump it, so every cookie made
before, including a copy someone captured, stops working at once. A session
unused for longer than `BYLINE_IDLE_TIMEOUT_MINUTES` ends too; background
polls (presence, the comments refresh) do not count as use.
"""

from __future__ import annotations

import time

from flask import Flask, current_app, flash, redirect, request, session
from flask_login import current_user, login_url, login_user

from drafts.models import User

GENERATION = "byline_gen"
SEEN = "byline_seen"
# Requests a page makes on its own, not because the person did something.
BACKGROUND_ENDPOINTS = frozenset(
    {"editor.heartbeat", "editor.leave", "comments.list_comments", "notifications.unread",
     "static", "health"}
)
_REFRESH_EVERY = 60  # seconds: the cookie is rewritten at most once a minute


def start(user: User) -> None:
    """A fresh session for `user` (after sign-in or after ending their other sessions)."""
    session.clear()  # no session fixation
    login_user(user)
    session[GENERATION] = user.session_generation
    session[SEEN] = int(time.time())


def clear() -> None:
    session.clear()


def still_valid(user: User | None) -> bool:
    """Called by the user loader on every signed-in request."""
    if user is None or not user.active:
        return False
    if session.get(GENERATION) != user.session_generation:
        return False
    seen = session.get(SEEN)
    idle = current_app.config["BYLINE_IDLE_TIMEOUT_MINUTES"] * 60
    return isinstance(seen, int) and time.time() - seen <= idle


def _touch() -> None:
    if request.endpoint in BACKGROUND_ENDPOINTS or SEEN not in session:
        return
    if not current_user.is_authenticated:
        return
    now = int(time.time())
    if now - session.get(SEEN, 0) >= _REFRESH_EVERY:
        session[SEEN] = now


def unauthorized():
    """Not signed in: API calls get a 401 JSON answer, pages the sign-in page."""
    from webapp.errors import error_response, wants_json

    if wants_json():
        return error_response(
            401, "You are not signed in, or your session ended. Sign in again, then retry."
        )
    flash("Sign in to continue.", "info")
    return redirect(login_url("auth.login", next_url=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    from webapp.extensions import login_manager

    login_manager.unauthorized_handler(unauthorized)
    app.before_request(_touch)
