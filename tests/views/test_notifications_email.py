"""Notification email: preferences honoured when mail goes out, mail sent after the commit
through a real SMTP server, a dead or missing mail server, SMTP settings, the daily digest."""

from __future__ import annotations

import re

import pytest
from flask import render_template
from sqlalchemy import select

from drafts.models import Notification, Role, utcnow
from drafts.review import notifications
from drafts.review.notification_mail import deliver_pending
from drafts.review.notifications import notify
from tests.factories import login, make_user
from tests.views.notifications_support import _badge, _notify, _people
from webapp.extensions import db
from webapp.notifications import deliver_after_commit, mailer_from_config, smtp_settings


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
