"""Configuration from the environment. Every variable is listed in the README."""

from __future__ import annotations

import os
from pathlib import Path

from drafts.db import default_sqlite_url, normalise_url


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a whole number, got {raw!r}.") from None


def _positive(name: str, default: int) -> int:
    value = _int(name, default)
    if value <= 0:
        raise RuntimeError(f"{name} must be a whole number above 0, got {value}.")
    return value


def _reminder_days() -> int:
    value = _int("BYLINE_REMINDER_DAYS", 2)
    if not 0 <= value <= 60:
        raise RuntimeError(f"BYLINE_REMINDER_DAYS must be a whole number from 0 to 60, got {value}.")
    return value


def load_secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, or generated once and kept in the instance folder."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    import secrets

    Path(instance_path).mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def from_environment(instance_path: str) -> dict:
    body_limit = _int("BYLINE_MAX_BODY_BYTES", 1_000_000)
    url = os.environ.get("DATABASE_URL") or default_sqlite_url(instance_path)
    values = {
        "DATABASE_URL": normalise_url(url),
        "BYLINE_MAX_BODY_BYTES": body_limit,
        # The limit is on the text, not on its encoding: JSON escapes each
        # newline and quote (up to 2x), a form post percent-encodes every
        # non-ASCII byte and line break (up to 3x). Title, excerpt and tags ride along.
        "MAX_CONTENT_LENGTH": 3 * body_limit + 64_000,
        "MAX_FORM_MEMORY_SIZE": 3 * body_limit + 64_000,
        "BYLINE_TRUSTED_PROXIES": _int("BYLINE_TRUSTED_PROXIES", 0),
        "BYLINE_PAGE_SIZE": _int("BYLINE_PAGE_SIZE", 20),
        "SESSION_COOKIE_SECURE": os.environ.get("BYLINE_SECURE_COOKIES", "") == "1",
        "BYLINE_IDLE_TIMEOUT_MINUTES": _positive("BYLINE_IDLE_TIMEOUT_MINUTES", 8 * 60),
        # Images dropped into drafts: where they are kept (default: instance/images)
        # and how large one may be, in bytes and in pixels.
        "BYLINE_IMAGE_DIR": os.environ.get("BYLINE_IMAGE_DIR") or str(Path(instance_path) / "images"),
        "BYLINE_IMAGE_MAX_BYTES": _int("BYLINE_IMAGE_MAX_BYTES", 10_000_000),
        "BYLINE_IMAGE_MAX_PIXELS": _int("BYLINE_IMAGE_MAX_PIXELS", 40_000_000),
        # Days before a brief is due that `flask reminders` reminds its author (admins can override).
        "BYLINE_REMINDER_DAYS": _reminder_days(),
    }
    # The built-in engine's word lists, read in the background after a worker's first
    # request (webapp/suggestions/warm_up.py). Unset: on, except in tests.
    if os.environ.get("BYLINE_WARM_UP", "").strip():
        values["BYLINE_WARM_UP"] = os.environ["BYLINE_WARM_UP"].strip() != "0"
    return values


DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "byline_session",
    # The editor can stay open all day; the token lives as long as the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "WTF_CSRF_SSL_STRICT": True,
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 14,
    # The editor gives up waiting for a save's answer after this long, keeps
    # the text in the browser and tries again.
    "BYLINE_SAVE_TIMEOUT_MS": 20_000,
}
