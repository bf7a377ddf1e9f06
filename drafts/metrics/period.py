"""The dashboard's filters, and the calendar months they cover in the viewer's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

PERIODS = (3, 6, 12)  # months


@dataclass(frozen=True)
class Month:
    key: str  # "2026-03"
    label: str  # "Mar 2026"
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive


@dataclass(frozen=True)
class Filters:
    months: int = 6
    author_id: int | None = None
    destination_id: int | None = None

    def query(self, **extra) -> dict:
        """The filters as URL arguments (for links to the posts behind a number)."""
        args = {"period": self.months, "author": self.author_id, "destination": self.destination_id}
        args.update(extra)
        return {k: v for k, v in args.items() if v is not None}


def _month_start(year: int, month: int, tz: tzinfo) -> datetime:
    while month < 1:
        year, month = year - 1, month + 12
    while month > 12:
        year, month = year + 1, month - 12
    return datetime(year, month, 1, tzinfo=tz).astimezone(timezone.utc)


def months(count: int, now: datetime, tz: tzinfo) -> list[Month]:
    """The last `count` calendar months in `tz`, oldest first, the current one last (to now's
    month end). A month starts at local midnight on the 1st, whatever the UTC offset."""
    local = now.astimezone(tz)
    out = []
    for back in range(count - 1, -1, -1):
        start = _month_start(local.year, local.month - back, tz)
        end = _month_start(local.year, local.month - back + 1, tz)
        label_day = start.astimezone(tz)
        out.append(Month(f"{label_day:%Y-%m}", f"{label_day:%b %Y}", start, end))
    return out
