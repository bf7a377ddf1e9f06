"""The notification center, email preferences, the nav badge and email after the commit."""

from __future__ import annotations

import re

import pytest
from flask import render_template
from sqlalchemy import select

from drafts.models import Notification, NotificationPreference, Role, utcnow
from drafts.review import notifications, workflow
from drafts.review.notification_mail import deliver_pending
from drafts.review.notifications import notify
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from webapp.extensions import db
from webapp.notifications import deliver_after_commit, mailer_from_config, smtp_settings


def _people(dbs):
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author", email="ana@example.com")
    rita = make_user(dbs, Role.REVIEWER, name="Rita Reviewer", email="rita@example.com")
    draft = make_draft(dbs, ana, title="Cloud costs")
    return ana, rita, draft


def _notify(dbs, draft, actor, recipient, message="Ana Author submitted “Cloud costs” for review."):
    [row] = notify(dbs, event="submitted", draft=draft, actor=actor, recipients=[recipient], message=message)
    dbs.commit()
    return row


def _badge(html: str) -> str | None:
    match = re.search(r'id="notif-link"[^>]*>Notifications\s*(?:<span class="badge"[^>]*>(\w+)</span>)?', html)
    assert match, "the nav has no Notifications link"
    return match.group(1)


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


def test_preferences_are_honoured_when_mail_goes_out(app, client, dbs, smtp_server):
    _configure_smtp(app, smtp_server)
    ana, rita, draft = _people(dbs)
    login(client, rita)
    client.post("/notifications/preferences", data={"email_approved": "1"})  # submitted: off
    row = _notify(dbs, draft, ana, rita)
    with app.test_request_context("/"):
        assert deliver_after_commit() == 0
    dbs.expire_all()
    assert dbs.get(Notification, row.id).email_status == "off"
    assert smtp_server.envelopes == []


def _configure_smtp(app, server, **extra):
    app.config.update({
        "BYLINE_SMTP_HOST": server.host, "BYLINE_SMTP_PORT": server.port,
        "BYLINE_SMTP_STARTTLS": False, "BYLINE_SMTP_FROM": "Byline <byline@example.com>",
        "BYLINE_SMTP_TIMEOUT": 5, **extra,
    })


# A tiny blueprint-free view that does what workflow views do: notify, commit, deliver.
def _add_workflow_view(app, dbs, *, call_delivery: bool, fail_after: bool = False):
    from drafts.models import Draft, User

    def act(draft_id: int):
        from webapp.access import me

        session = db.session
        draft = session.get(Draft, draft_id)
        author = session.get(User, draft.author_id)
        notify(session, event="approved", draft=draft, actor=me(), recipients=[author],
               message=f"{me().name} approved “{draft.display_title}”.")
        session.commit()
        if call_delivery:
            deliver_after_commit()
        return "done"

    app.add_url_rule("/test-approve/<int:draft_id>", "test_approve", act, methods=["POST"])


@pytest.mark.parametrize("call_delivery", [True, False], ids=["view-calls-delivery", "after-request"])
def test_end_to_end_commit_then_real_mail(app, client, dbs, smtp_server, call_delivery):
    _add_workflow_view(app, dbs, call_delivery=call_delivery)
    # Links use the request's host, or BYLINE_BASE_URL when set (behind a proxy, in the CLI).
    base = "http://localhost" if call_delivery else "https://byline.example.com"
    _configure_smtp(app, smtp_server, BYLINE_BASE_URL="" if call_delivery else base + "/")
    ana, rita, draft = _people(dbs)
    login(client, rita)
    response = client.post(f"/test-approve/{draft.id}")
    assert response.status_code == 200
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == "ana@example.com"
    assert message["Subject"] == "[Byline] Rita Reviewer approved “Cloud costs”"
    assert f"{base}/drafts/{draft.id}" in message.get_content()
    [row] = dbs.scalars(select(Notification))
    assert row.email_status == "sent"


def test_dead_mail_server_never_breaks_the_request(app, client, dbs, closed_port):
    _add_workflow_view(app, dbs, call_delivery=False)
    app.config.update({"BYLINE_SMTP_HOST": "127.0.0.1", "BYLINE_SMTP_PORT": closed_port,
                       "BYLINE_SMTP_STARTTLS": False, "BYLINE_SMTP_TIMEOUT": 2})
    ana, rita, draft = _people(dbs)
    login(client, rita)
    response = client.post(f"/test-approve/{draft.id}")
    assert response.status_code == 200
    [row] = dbs.scalars(select(Notification))  # the step's notification is kept
    assert row.email_status == "failed" and "connection was refused" in row.email_error
    login(client, ana)
    assert _badge(client.get("/notifications").get_data(as_text=True)) == "1"


def test_without_smtp_host_email_is_off(app, client, dbs):
    _add_workflow_view(app, dbs, call_delivery=False)
    ana, rita, draft = _people(dbs)
    login(client, rita)
    assert client.post(f"/test-approve/{draft.id}").status_code == 200
    [row] = dbs.scalars(select(Notification))
    assert row.email_status == "off"


def test_notified_partial_renders_names_and_email_fate(app, dbs):
    ana, rita, draft = _people(dbs)
    sam = make_user(dbs, Role.REVIEWER, name="Sam Reviewer")
    rows = notify(dbs, event="submitted", draft=draft, actor=ana, recipients=[rita, sam], message="m")
    rows[0].email_status, rows[1].email_status = "sent", "off"
    dbs.commit()
    with app.test_request_context("/"):
        html = render_template("notifications/_notified.html", notified=[(rita, rows[0]), (sam, rows[1])])
        empty = render_template("notifications/_notified.html", notified=[])
    text = re.sub(r"<[^>]+>", "", " ".join(html.split()))
    assert text.strip() == "Notified: Rita Reviewer (email sent), Sam Reviewer (in app only)"
    assert empty.strip() == ""


def test_smtp_settings_from_environment():
    assert smtp_settings({})["BYLINE_SMTP_HOST"] == ""
    assert mailer_from_config(smtp_settings({})) is None
    settings = smtp_settings({
        "BYLINE_SMTP_HOST": "smtp.example.com", "BYLINE_SMTP_USER": "byline@example.com",
        "BYLINE_SMTP_PASSWORD": "pw",
    })
    mailer = mailer_from_config(settings)
    assert (mailer.host, mailer.port, mailer.starttls, mailer.timeout) == ("smtp.example.com", 587, True, 10.0)
    assert (mailer.username, mailer.password, mailer.sender) == ("byline@example.com", "pw", "Byline <byline@example.com>")
    plain = smtp_settings({"BYLINE_SMTP_HOST": "mail", "BYLINE_SMTP_PORT": "25", "BYLINE_SMTP_TIMEOUT": "3.5"})
    assert plain["BYLINE_SMTP_STARTTLS"] is False and plain["BYLINE_SMTP_TIMEOUT"] == 3.5
    assert smtp_settings({"BYLINE_SMTP_HOST": "m", "BYLINE_SMTP_STARTTLS": "0"})["BYLINE_SMTP_STARTTLS"] is False
    with pytest.raises(RuntimeError, match="BYLINE_SMTP_PORT must be a number"):
        smtp_settings({"BYLINE_SMTP_PORT": "abc"})
    with pytest.raises(RuntimeError, match="BYLINE_SMTP_STARTTLS must be 1 or 0"):
        smtp_settings({"BYLINE_SMTP_STARTTLS": "yes"})


def test_environment_is_read_but_app_config_wins(make_app, app_config, monkeypatch):
    monkeypatch.setenv("BYLINE_SMTP_HOST", "smtp.from-env.example")
    monkeypatch.setenv("BYLINE_SMTP_PORT", "2525")
    built = make_app({**app_config, "BYLINE_SMTP_PORT": 1025})
    assert built.config["BYLINE_SMTP_HOST"] == "smtp.from-env.example"
    assert built.config["BYLINE_SMTP_PORT"] == 1025


# --- Notifications that clear (issue 12, item 3) --------------------------------


def _submitted(dbs):
    ana, rita, draft = _people(dbs)
    workflow.act(dbs, draft, ana, Action.SUBMIT)
    dbs.commit()
    return ana, rita, draft


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


def test_daily_digest_collects_unread_notifications_into_one_email(app, client, dbs, smtp_server):
    _configure_smtp(app, smtp_server, BYLINE_BASE_URL="https://byline.example.com")
    ana, rita, draft = _people(dbs)
    login(client, rita)
    response = client.post("/notifications/preferences", data={
        **{f"email_{event}": "1" for event in notifications.EVENTS}, "delivery": "digest",
    })
    assert response.status_code == 302
    assert 'value="digest" checked' in client.get("/notifications/preferences").get_data(as_text=True)
    first = _notify(dbs, draft, ana, rita, "Ana Author submitted “Cloud costs” for review.")
    second = _notify(dbs, draft, ana, rita, "Ana Author commented on “Cloud costs”.")
    seen = _notify(dbs, draft, ana, rita, "Already seen in the app.")
    with app.app_context():
        deliver_pending(db.session, mailer_from_config(app.config), "https://byline.example.com")
    assert smtp_server.messages == []  # nothing per event
    dbs.expire_all()
    assert {dbs.get(Notification, n.id).email_status for n in (first, second, seen)} == {"digest"}
    dbs.get(Notification, seen.id).read_at = utcnow()
    dbs.commit()

    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 digest listing 2 notifications." in result.output
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == rita.email
    assert message["Subject"] == "[Byline] Your daily digest: 2 updates"
    body = message.get_content()
    assert "submitted “Cloud costs” for review" in body and "commented on “Cloud costs”" in body
    assert "Already seen" not in body
    assert f"https://byline.example.com/drafts/{draft.id}" in body
    dbs.expire_all()
    assert [dbs.get(Notification, n.id).email_status for n in (first, second, seen)] == [
        "sent", "sent", "off"]
    # A second run the same day has nothing left to send.
    again = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert "Sent 0 digests" in again.output and len(smtp_server.messages) == 1


def test_digest_keeps_notifications_when_the_mail_server_is_down(app, dbs, closed_port):
    ana, rita, draft = _people(dbs)
    rita.email_digest = True
    dbs.commit()
    row = _notify(dbs, draft, ana, rita)
    app.config.update({"BYLINE_SMTP_HOST": "127.0.0.1", "BYLINE_SMTP_PORT": closed_port,
                       "BYLINE_SMTP_STARTTLS": False, "BYLINE_SMTP_TIMEOUT": 2})
    with app.app_context():
        deliver_pending(db.session, None, "http://x")  # email off: nothing sent, row "off"
    dbs.expire_all()
    assert dbs.get(Notification, row.id).email_status == "off"
    again = _notify(dbs, draft, ana, rita, "After the mail server was set up.")
    dbs.get(Notification, again.id).email_status = "digest"
    dbs.commit()
    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert result.exit_code == 1 and "retried on the next run" in result.output
    dbs.expire_all()
    assert dbs.get(Notification, again.id).email_status == "digest"
    assert dbs.get(Notification, again.id).email_error


def test_digest_command_says_when_email_is_off(app):
    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert result.exit_code == 1 and "set BYLINE_SMTP_HOST" in result.output


def test_each_notification_shows_its_drafts_status_badge(client, dbs):
    ana, rita, draft = _submitted(dbs)
    login(client, rita)
    html = client.get("/notifications").get_data(as_text=True)
    assert 'class="pill status-badge status-in_review">In review</span>' in html
