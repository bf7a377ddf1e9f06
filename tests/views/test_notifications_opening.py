"""Notifications that clear: opening one reads it and goes to the draft, only the
recipient's own, and the unread count endpoint (which keeps no session alive)."""

from __future__ import annotations

from drafts.models import Notification, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from tests.views.notifications_support import _notify, _submitted

# --- Notifications that clear (issue 12, item 3) --------------------------------


def test_opening_a_notification_reads_it_and_goes_to_the_draft(client, dbs):
    ana, rita, draft = _submitted(dbs)
    row = _notify(dbs, draft, ana, rita, "Opened from the list.")
    other = _notify(dbs, draft, ana, rita, "Still unread.")
    login(client, rita)
    html = client.get("/notifications").get_data(as_text=True)
    assert f'href="/notifications/{row.id}"' in html
    response = client.get(f"/notifications/{row.id}")
    assert response.status_code == 302 and response.headers["Location"] == f"/drafts/{draft.id}"
    dbs.expire_all()
    assert dbs.get(Notification, row.id).read_at is not None
    # Opening the draft itself then reads the rest of what Rita was told about it.
    assert dbs.get(Notification, other.id).read_at is None
    client.get(f"/drafts/{draft.id}")
    dbs.expire_all()
    assert dbs.get(Notification, other.id).read_at is not None
    assert client.get("/notifications/unread").json == {"unread": 0}


def test_opening_the_draft_reads_only_the_recipients_own(client, dbs):
    ana, rita, draft = _submitted(dbs)
    sam = make_user(dbs, Role.REVIEWER, name="Sam Second", email="sam@example.com")
    mine = _notify(dbs, draft, ana, rita)
    theirs = _notify(dbs, draft, ana, sam)
    elsewhere = make_draft(dbs, ana, title="Elsewhere")
    workflow.act(dbs, elsewhere, ana, Action.SUBMIT)
    dbs.commit()
    other_draft = _notify(dbs, elsewhere, ana, rita, "About another draft.")
    login(client, rita)
    assert client.get(f"/drafts/{draft.id}").status_code == 200
    dbs.expire_all()
    assert dbs.get(Notification, mine.id).read_at is not None
    assert dbs.get(Notification, theirs.id).read_at is None
    assert dbs.get(Notification, other_draft.id).read_at is None


def test_someone_elses_notification_cannot_be_opened(client, dbs):
    ana, rita, draft = _submitted(dbs)
    theirs = _notify(dbs, draft, ana, rita)
    sam = make_user(dbs, Role.REVIEWER, name="Sam Second", email="sam@example.com")
    login(client, sam)
    assert client.get(f"/notifications/{theirs.id}").status_code == 404
    dbs.expire_all()
    assert dbs.get(Notification, theirs.id).read_at is None


def test_unread_count_endpoint_follows_new_notifications_and_mark_all(client, dbs):
    ana, rita, draft = _submitted(dbs)
    login(client, rita)
    client.post("/notifications/read-all")  # the submission's own notification
    assert client.get("/notifications/unread").json == {"unread": 0}
    _notify(dbs, draft, ana, rita)
    _notify(dbs, draft, ana, rita)
    response = client.get("/notifications/unread")
    assert response.json == {"unread": 2}
    assert response.headers["Cache-Control"] == "no-store"
    page = client.get("/notifications").get_data(as_text=True)
    assert 'data-unread-url="/notifications/unread"' in page and "js/notifications.js" in page
    client.post("/notifications/read-all")
    assert client.get("/notifications/unread").json == {"unread": 0}


def test_polling_the_count_does_not_keep_a_session_alive(app, client, dbs):
    from webapp.sessions import BACKGROUND_ENDPOINTS

    assert "notifications.unread" in BACKGROUND_ENDPOINTS
