"""The notification center, email preferences, the nav badge and email after the commit.

This file: the center (list, badge, pages, marking read, preferences). Email is in
test_notifications_email.py, opening a notification in test_notifications_opening.py."""

from __future__ import annotations

import re

from sqlalchemy import select

from drafts.models import Notification, NotificationPreference, Role
from drafts.review.notifications import notify
from tests.factories import login, make_user
from tests.views.notifications_support import _badge, _notify, _people, _submitted


def test_notifications_listed_newest_first_with_badge(client, dbs):
    ana, rita, draft = _people(dbs)
    _notify(dbs, draft, ana, rita, "First message.")
    second = _notify(dbs, draft, ana, rita, "Second message.")
    login(client, rita)
    html = client.get("/notifications").get_data(as_text=True)
    assert html.index("Second message.") < html.index("First message.")
    assert _badge(html) == "2"
    assert html.count('class="notif unread"') == 2
    assert f'href="/notifications/{second.id}"' in html  # opening it reads it, then goes to the draft
    assert f'action="/notifications/{second.id}/read"' in html
    # Other pages show the badge too; the author has none.
    assert _badge(client.get("/notifications/preferences").get_data(as_text=True)) == "2"
    login(client, ana)
    assert _badge(client.get("/notifications").get_data(as_text=True)) is None


def test_badge_is_one_count_query(app, client, dbs):
    from sqlalchemy import event

    ana, rita, draft = _people(dbs)
    _notify(dbs, draft, ana, rita)
    login(client, rita)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.extensions["byline.db"][0]
    event.listen(engine, "before_cursor_execute", record)
    try:
        html = client.get("/notifications/preferences").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert _badge(html) == "1"
    counts = [s for s in statements if "count(" in s.lower() and "notifications" in s]
    assert len(counts) == 1


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/notifications")
    assert response.status_code in (302, 401)


def test_pagination_20_per_page(client, dbs):
    ana, rita, draft = _people(dbs)
    notify(dbs, event="commented", draft=draft, actor=ana, recipients=[rita], message="Message 0.")
    for n in range(1, 25):
        notify(dbs, event="commented", draft=draft, actor=ana, recipients=[rita], message=f"Message {n}.")
    dbs.commit()
    login(client, rita)
    first = client.get("/notifications").get_data(as_text=True)
    assert first.count('class="notif ') == 20 and "Message 24." in first and "Message 4." not in first
    assert "Page 1 of 2" in first and "25 notifications" in first
    second = client.get("/notifications?page=2").get_data(as_text=True)
    assert second.count('class="notif ') == 5 and "Message 0." in second
    assert _badge(second) == "25"


def test_mark_one_read_then_all(client, dbs):
    ana, rita, draft = _people(dbs)
    one = _notify(dbs, draft, ana, rita, "One.")
    two = _notify(dbs, draft, ana, rita, "Two.")
    _notify(dbs, draft, ana, rita, "Three.")
    login(client, rita)
    response = client.post(f"/notifications/{one.id}/read", data={"next": "/notifications?page=1"})
    assert response.status_code == 302 and response.headers["Location"] == "/notifications?page=1"
    dbs.expire_all()
    assert dbs.get(Notification, one.id).read_at is not None
    assert dbs.get(Notification, two.id).read_at is None
    html = client.get("/notifications").get_data(as_text=True)
    assert _badge(html) == "2" and html.count('class="notif unread"') == 2
    # Marking it again is harmless; an outside "next" is ignored.
    response = client.post(f"/notifications/{one.id}/read", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == "/notifications"
    response = client.post("/notifications/read-all")
    assert response.status_code == 302
    html = client.get("/notifications").get_data(as_text=True)
    assert _badge(html) is None and 'class="notif unread"' not in html
    assert "Marked 2 notifications read." in html
    dbs.expire_all()
    assert all(r.read_at is not None for r in dbs.scalars(select(Notification)))


def test_read_all_leaves_other_peoples_alone(client, dbs):
    ana, rita, draft = _people(dbs)
    sam = make_user(dbs, Role.REVIEWER, name="Sam Reviewer")
    _notify(dbs, draft, ana, rita)
    theirs = _notify(dbs, draft, ana, sam)
    login(client, rita)
    client.post("/notifications/read-all")
    dbs.expire_all()
    assert dbs.get(Notification, theirs.id).read_at is None


def test_other_peoples_notifications_are_404(client, dbs):
    ana, rita, draft = _people(dbs)
    theirs = _notify(dbs, draft, ana, rita, "For Rita only.")
    login(client, ana)
    assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    assert client.post("/notifications/999999/read").status_code == 404
    assert "For Rita only." not in client.get("/notifications").get_data(as_text=True)
    dbs.expire_all()
    assert dbs.get(Notification, theirs.id).read_at is None


def test_mark_read_needs_csrf(client, dbs):
    ana, rita, draft = _people(dbs)
    row = _notify(dbs, draft, ana, rita)
    login(client, rita)
    assert client.post(f"/notifications/{row.id}/read", csrf=False).status_code == 400


def test_preferences_save_and_show(client, dbs):
    _, rita, _ = _people(dbs)
    login(client, rita)
    html = client.get("/notifications/preferences").get_data(as_text=True)
    assert html.count('value="1" checked') == 10  # every event is on by default
    assert 'value="each" checked' in html  # one email per event unless the digest is chosen
    assert "Email is not set up" in html
    response = client.post("/notifications/preferences", data={
        "email_assigned": "1", "email_mentioned": "1",
    })
    assert response.status_code == 302
    html = client.get("/notifications/preferences").get_data(as_text=True)
    assert "Email preferences saved." in html
    assert re.search(r'name="email_assigned" value="1" checked', html)
    assert re.search(r'name="email_submitted" value="1">', html)
    saved = {p.event: p.email for p in dbs.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == rita.id))}
    assert saved == {
        "submitted": False, "assigned": True, "commented": False, "mentioned": True,
        "changes_requested": False, "approved": False, "published": False,
        "unpublished": False, "publish_failed": False, "brief_due": False,
    }


def test_each_notification_shows_its_drafts_status_badge(client, dbs):
    ana, rita, draft = _submitted(dbs)
    login(client, rita)
    html = client.get("/notifications").get_data(as_text=True)
    assert 'class="pill status-badge status-in_review">In review</span>' in html
