"""Notifications: the in-app center, email preferences, and email after the commit.

Email is off unless BYLINE_SMTP_HOST is set. Settings are read from the
environment into app.config when the blueprint is registered (values already
in the config, such as a test's, win):

    BYLINE_SMTP_HOST       mail server; unset or empty = no email
    BYLINE_SMTP_PORT       587
    BYLINE_SMTP_USER       login name; empty = no login
    BYLINE_SMTP_PASSWORD
    BYLINE_SMTP_STARTTLS   "1" (default on port 587) or "0"
    BYLINE_SMTP_FROM       "Byline <byline@example.com>"
    BYLINE_SMTP_TIMEOUT    seconds, 10
    BYLINE_BASE_URL        links in emails; default: the request's own host URL

Views that create notifications call `deliver_after_commit()` after
`db.session.commit()`. A request that created notifications and did not do
so gets the same delivery from an after-request hook. Either way a mail
failure is recorded on the notification and never fails the request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, current_app, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import event

from drafts.mail import SMTPMailer
from drafts.models import Notification
from drafts.review.notification_mail import deliver_pending
from drafts.review.notifications import unread_count
from webapp.extensions import db

bp = Blueprint("notifications", __name__)

_CREATED_FLAG = "byline_notifications_created"


def smtp_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The BYLINE_SMTP_* settings from an environment, checked and typed."""
    host = (environ.get("BYLINE_SMTP_HOST") or "").strip()
    port = _number(environ, "BYLINE_SMTP_PORT", 587, int)
    starttls_raw = (environ.get("BYLINE_SMTP_STARTTLS") or "").strip()
    if starttls_raw not in ("", "0", "1"):
        raise RuntimeError(f"BYLINE_SMTP_STARTTLS must be 1 or 0, got {starttls_raw!r}.")
    user = (environ.get("BYLINE_SMTP_USER") or "").strip()
    return {
        "BYLINE_SMTP_HOST": host,
        "BYLINE_SMTP_PORT": port,
        "BYLINE_SMTP_USER": user,
        "BYLINE_SMTP_PASSWORD": environ.get("BYLINE_SMTP_PASSWORD") or "",
        "BYLINE_SMTP_STARTTLS": (port == 587) if starttls_raw == "" else starttls_raw == "1",
        "BYLINE_SMTP_FROM": (environ.get("BYLINE_SMTP_FROM") or "").strip()
        or (f"Byline <{user}>" if "@" in user else "Byline <byline@localhost>"),
        "BYLINE_SMTP_TIMEOUT": _number(environ, "BYLINE_SMTP_TIMEOUT", 10.0, float),
        "BYLINE_BASE_URL": (environ.get("BYLINE_BASE_URL") or "").strip(),
    }


def _number(environ, name: str, default, kind):
    raw = (environ.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a number, got {raw!r}.") from None
    if value <= 0:
        raise RuntimeError(f"{name} must be greater than zero, got {raw!r}.")
    return value


def mailer_from_config(config: dict[str, Any]) -> SMTPMailer | None:
    """The configured mailer, or None when email is off (no BYLINE_SMTP_HOST)."""
    host = config.get("BYLINE_SMTP_HOST") or ""
    if not host:
        return None
    port = int(config.get("BYLINE_SMTP_PORT") or 587)
    starttls = config.get("BYLINE_SMTP_STARTTLS")
    return SMTPMailer(
        host=host,
        port=port,
        sender=config.get("BYLINE_SMTP_FROM") or "Byline <byline@localhost>",
        username=config.get("BYLINE_SMTP_USER") or "",
        password=config.get("BYLINE_SMTP_PASSWORD") or "",
        starttls=(port == 587) if starttls is None else bool(starttls),
        timeout=float(config.get("BYLINE_SMTP_TIMEOUT") or 10.0),
    )


def deliver_after_commit() -> int:
    """Email the pending notifications; call after the view's commit. Returns emails sent.

    Never raises: a broken mail server is recorded on each notification, and
    an unexpected error is logged, so the response and the committed workflow
    step are never lost.
    """
    g.pop(_CREATED_FLAG, None)
    config = current_app.config
    base_url = config.get("BYLINE_BASE_URL") or request.host_url
    try:
        sent = deliver_pending(db.session, mailer_from_config(config), base_url)
        db.session.commit()
        return sent
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Delivering notification email failed.")
        return 0


def _flag_new_notification(_mapper, _connection, target: Notification) -> None:
    """ORM hook: remember that this request created a notification to email."""
    if target.email_status == "pending" and has_request_context():
        g.setdefault(_CREATED_FLAG, True)


@bp.record_once
def _init_app(state) -> None:
    app: Flask = state.app
    for key, value in smtp_settings(os.environ).items():
        app.config.setdefault(key, value)
    if not event.contains(Notification, "after_insert", _flag_new_notification):
        event.listen(Notification, "after_insert", _flag_new_notification)


@bp.after_app_request
def _deliver_after_request(response):
    """Email what this request created, if its view did not already do so.

    Runs after the view returned (views commit before returning); skipped on
    server errors, whose transaction may not have been committed.
    """
    if g.get(_CREATED_FLAG) and response.status_code < 500:
        deliver_after_commit()
    return response


@bp.app_context_processor
def _unread_badge() -> dict[str, Any]:
    """`notification_unread_count()` for the nav: one COUNT, only when rendered, signed in."""

    def notification_unread_count() -> int:
        if not current_user.is_authenticated:
            return 0
        if "byline_unread_count" not in g:
            g.byline_unread_count = unread_count(db.session, current_user.id)
        return g.byline_unread_count

    return {
        "notification_unread_count": notification_unread_count,
        "notification_poll_ms": int(current_app.config.get("BYLINE_NOTIFICATION_POLL_MS", 30000)),
    }


from webapp.notifications import views  # noqa: E402,F401
