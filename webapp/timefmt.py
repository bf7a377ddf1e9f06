"""`{{ moment | when }}` in templates: a <time> showing the relative time, the exact one on hover.

The exact time is in the viewer's time zone from their profile. With none
set, the server writes it in UTC and static/js/time.js rewrites it in the
browser's own zone (the profile's default).
"""

from __future__ import annotations

from datetime import datetime

from flask import Flask, g
from flask_login import current_user
from markupsafe import Markup, escape

from drafts import timefmt
from drafts.models import utcnow


def _viewer_zone() -> tuple[object, bool]:
    """Looked up once per request: a list page formats dozens of times."""
    found = g.get("byline_viewer_zone")
    if found is None:
        name = getattr(current_user, "timezone", "") if current_user.is_authenticated else ""
        found = g.byline_viewer_zone = (timefmt.zone(name), not name)
    return found


def when(moment: datetime | None, style: str = "relative") -> Markup:
    """style "relative": "2 h ago" with the exact time on hover; "exact": the exact time itself."""
    if moment is None:
        return Markup("")
    tz, browser = _viewer_zone()
    exact = timefmt.exact(moment, tz)
    shown = timefmt.relative(moment, utcnow(), tz) if style == "relative" else exact
    iso = (moment if moment.tzinfo else moment.replace(tzinfo=timefmt.UTC)).isoformat()
    local = ' data-local="1"' if browser else ""
    return Markup(
        f'<time datetime="{escape(iso)}" title="{escape(exact)}" data-style="{escape(style)}"'
        f"{local}>{escape(shown)}</time>"
    )


def init_app(app: Flask) -> None:
    app.jinja_env.filters["when"] = when
