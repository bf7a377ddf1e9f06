"""Times in the viewer's zone, one format, relative with the exact time on hover (issue 12, item 5)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from drafts.models import Notification, Role
from drafts.review.notifications import notify
from tests.factories import login, make_draft, make_user


def _notification_at(dbs, moment):
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author")
    rita = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, ana, title="Cloud costs")
    [row] = notify(dbs, event="submitted", draft=draft, actor=ana, recipients=[rita], message="Hello.")
    row.created_at = moment
    dbs.commit()
    return rita


def test_profile_zone_shapes_the_exact_time_and_relative_is_shown(client, dbs):
    two_hours_ago = datetime.now(timezone.utc) - timedelta(hours=2, minutes=5)
    rita = _notification_at(dbs, two_hours_ago)
    login(client, rita)
    client.post("/profile/details", data={"name": rita.name, "timezone": "Asia/Tokyo"})
    html = client.get("/notifications").get_data(as_text=True)
    match = re.search(r'<time datetime="([^"]+)" title="([^"]+)" data-style="relative">2 h ago</time>', html)
    assert match, html
    assert match.group(2).endswith(" JST")
    local = two_hours_ago.astimezone(timezone(timedelta(hours=9)))
    assert match.group(2) == f"{local.day} {local:%b %Y}, {local:%H:%M} JST"
    assert datetime.fromisoformat(match.group(1)) == two_hours_ago.replace(microsecond=two_hours_ago.microsecond)
    assert "data-local" not in match.group(0)


def test_without_a_profile_zone_the_browser_rewrites_it(client, dbs):
    rita = _notification_at(dbs, datetime.now(timezone.utc) - timedelta(minutes=3))
    login(client, rita)
    html = client.get("/notifications").get_data(as_text=True)
    assert re.search(r'title="[^"]+ UTC" data-style="relative" data-local="1">3 min ago</time>', html)
    assert "js/time.js" in html


def test_stored_values_stay_utc(client, dbs):
    rita = _notification_at(dbs, datetime(2026, 12, 1, 21, 53, tzinfo=timezone.utc))
    login(client, rita)
    client.post("/profile/details", data={"name": rita.name, "timezone": "America/New_York"})
    row = dbs.query(Notification).one()
    dbs.refresh(row)
    assert row.created_at == datetime(2026, 12, 1, 21, 53, tzinfo=timezone.utc)
    html = client.get("/notifications").get_data(as_text=True)
    assert 'title="1 Dec 2026, 16:53 EST"' in html
