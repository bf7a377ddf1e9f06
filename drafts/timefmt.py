"""One way to show a moment: exact in the viewer's zone, and relative where it helps.

Stored values are UTC (drafts.models.UTCDateTime); this only formats them.
Pure functions, no Flask: `exact` gives "2 Dec 2026, 14:05 CET", `relative`
gives "just now", "5 min ago", "2 h ago", "3 d ago" (or "in 2 h" for the
future), falling back to the date after two weeks.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = timezone.utc


def zone(name: str | None) -> ZoneInfo | timezone:
    """The named IANA zone, or UTC for "" and unknown names."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def exact(moment: datetime, tz: ZoneInfo | timezone = UTC, *, seconds: bool = False) -> str:
    local = _aware(moment).astimezone(tz)
    clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return f"{local.day} {local:%b %Y}, {clock} {local.tzname() or 'UTC'}"


def relative(moment: datetime, now: datetime, tz: ZoneInfo | timezone = UTC) -> str:
    seconds = (_aware(now) - _aware(moment)).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    if seconds < 60:
        return "just now"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            amount = int(seconds // size)
            if unit == "d" and amount > 14:
                local = _aware(moment).astimezone(tz)
                return f"{local.day} {local:%b %Y}"
            return f"in {amount} {unit}" if future else f"{amount} {unit} ago"
    return "just now"  # unreachable: seconds >= 60 matched "min"
