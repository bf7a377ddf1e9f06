"""What the planning views share: the viewer's zone, dates from forms, going back."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import redirect, request

from drafts.errors import ValidationError
from webapp.access import me, safe_next


def valid_zone(name: str | None) -> str:
    """An IANA zone name the server knows, or ""."""
    if not name or len(name) > 64:
        return ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    return name


def viewer_zone() -> str:
    """The profile's zone; else the browser's (sent as ?tz= by calendar.js); else UTC."""
    return valid_zone(me().timezone) or valid_zone(request.values.get("tz")) or "UTC"


def parse_day(raw: str | None, field: str, message: str) -> date:
    try:
        day = date.fromisoformat((raw or "").strip())
    except ValueError:
        raise ValidationError(message, field=field) from None
    if not 2000 <= day.year <= 2999:
        raise ValidationError("Pick a date between the years 2000 and 2999.", field=field)
    return day


def back(default: str):
    return redirect(safe_next(request.form.get("next"), default))
