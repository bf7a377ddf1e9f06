"""SMTPMailer against a real SMTP server on loopback, and deliver_pending's bookkeeping."""

from __future__ import annotations

import pytest

from drafts.mail import MailError, SMTPMailer
from drafts.models import DraftStatus, Notification, NotificationPreference, Role, Transition
from drafts.review.notification_mail import deliver_pending
from drafts.review.notifications import (
    notify,
    recipients_for,
    set_email_preferences,
)
from tests.factories import make_draft, make_user

BASE_URL = "http://byline.test/"


def _mailer(server, **kw) -> SMTPMailer:
    kw.setdefault("sender", "Byline <byline@example.com>")
    kw.setdefault("starttls", False)
    kw.setdefault("timeout", 5)
    return SMTPMailer(host=server.host, port=server.port, **kw)


def test_sends_a_real_utf8_message(smtp_server):
    _mailer(smtp_server).send(
        "Zoë Author <zoe@example.com>", "[Byline] Rita approved “Cloud costs”",
        "Grüße — the draft is approved.\nhttp://byline.test/drafts/1\n",
    )
    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "byline@example.com"
    assert envelope.rcpt_tos == ["zoe@example.com"]
    [message] = smtp_server.messages
    assert message["Subject"] == "[Byline] Rita approved “Cloud costs”"
    assert message["From"] == "Byline <byline@example.com>"
    assert message["To"].addresses[0].display_name == "Zoë Author"
    assert message["Message-ID"].endswith("@example.com>")
    assert message["Date"]
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content() == "Grüße — the draft is approved.\nhttp://byline.test/drafts/1\n"


def test_login_is_used_when_configured(smtp_server_with_login):
    server = smtp_server_with_login
    _mailer(server, username="byline", password="s3cret").send("a@example.com", "Hi", "Body")
    assert len(server.messages) == 1
    with pytest.raises(MailError, match="rejected the SMTP user name or password") as caught:
        _mailer(server, username="byline", password="wrong").send("a@example.com", "Hi", "Body")
    assert caught.value.server_down


def test_connection_refused_is_a_clear_mail_error(closed_port):
    mailer = SMTPMailer(host="127.0.0.1", port=closed_port, sender="byline@example.com", timeout=2)
    with pytest.raises(MailError) as caught:
        mailer.send("a@example.com", "Hi", "Body")
    message = str(caught.value)
    assert message.startswith("Could not connect to the mail server at 127.0.0.1:")
    assert "connection was refused" in message and message.endswith(".")
    assert caught.value.server_down


def test_starttls_required_but_not_offered(smtp_server):
    with pytest.raises(MailError, match="does not offer STARTTLS"):
        _mailer(smtp_server, starttls=True).send("a@example.com", "Hi", "Body")
    assert smtp_server.envelopes == []


def test_refused_recipient_is_a_mail_error(smtp_server):
    smtp_server.refuse("ghost@example.com")
    with pytest.raises(MailError, match=r"refused the address ghost@example.com \(550") as caught:
        _mailer(smtp_server).send("ghost@example.com", "Hi", "Body")
    assert not caught.value.server_down


def test_header_injection_is_flattened(smtp_server):
    _mailer(smtp_server).send("a@example.com", "Hello\r\nBcc: evil@example.com", "Body")
    [message] = smtp_server.messages
    assert message["Bcc"] is None
    assert message["Subject"] == "Hello Bcc: evil@example.com"


# --- deliver_pending ---------------------------------------------------------------


def _setup(dbs, *names):
    actor = make_user(dbs, Role.AUTHOR, name="Ana Author", email="ana@example.com")
    people = [make_user(dbs, Role.REVIEWER, name=n, email=f"{n.split()[0].lower()}@example.com") for n in names]
    draft = make_draft(dbs, actor, title="Cloud costs")
    rows = notify(
        dbs, event="submitted", draft=draft, actor=actor, recipients=people,
        message="Ana Author submitted “Cloud costs” for review.",
    )
    dbs.commit()
    return actor, people, draft, rows


def _statuses(dbs, rows):
    dbs.expire_all()
    return [(dbs.get(Notification, r.id).email_status, dbs.get(Notification, r.id).email_error) for r in rows]


def test_deliver_pending_sends_and_marks_sent(dbs, smtp_server):
    _, people, draft, rows = _setup(dbs, "Rita Reviewer", "Sam Reviewer")
    assert deliver_pending(dbs, _mailer(smtp_server), BASE_URL) == 2
    assert _statuses(dbs, rows) == [("sent", ""), ("sent", "")]
    messages = smtp_server.messages
    assert [m["To"].addresses[0].addr_spec for m in messages] == ["rita@example.com", "sam@example.com"]
    assert messages[0]["Subject"] == "[Byline] Ana Author submitted “Cloud costs” for review"
    body = messages[0].get_content()
    assert "Ana Author submitted “Cloud costs” for review." in body
    assert f"http://byline.test/drafts/{draft.id}" in body
    # Nothing left to send: a second run sends nothing again.
    assert deliver_pending(dbs, _mailer(smtp_server), BASE_URL) == 0
    assert len(smtp_server.envelopes) == 2


def test_no_mailer_marks_off(dbs):
    _, _, _, rows = _setup(dbs, "Rita Reviewer")
    assert deliver_pending(dbs, None, BASE_URL) == 0
    assert _statuses(dbs, rows) == [("off", "")]


def test_preferences_are_respected(dbs, smtp_server):
    _, (rita, sam), _, rows = _setup(dbs, "Rita Reviewer", "Sam Reviewer")
    set_email_preferences(dbs, rita, {"submitted": False})
    set_email_preferences(dbs, sam, {"approved": False})  # another event: submitted stays on
    dbs.commit()
    assert deliver_pending(dbs, _mailer(smtp_server), BASE_URL) == 1
    assert _statuses(dbs, rows) == [("off", ""), ("sent", "")]
    assert smtp_server.envelopes[0].rcpt_tos == ["sam@example.com"]
    assert dbs.get(NotificationPreference, (sam.id, "submitted")) is None  # default: on


def test_one_failed_recipient_does_not_stop_the_others(dbs, smtp_server):
    smtp_server.refuse("rita@example.com")
    _, _, _, rows = _setup(dbs, "Rita Reviewer", "Sam Reviewer", "Tom Reviewer")
    assert deliver_pending(dbs, _mailer(smtp_server), BASE_URL) == 2
    (rita_status, rita_error), *others = _statuses(dbs, rows)
    assert rita_status == "failed" and "refused the address rita@example.com" in rita_error
    assert others == [("sent", ""), ("sent", "")]
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["sam@example.com"], ["tom@example.com"]]


def test_unreachable_server_marks_all_failed_and_never_raises(dbs, closed_port):
    _, _, _, rows = _setup(dbs, "Rita Reviewer", "Sam Reviewer")
    mailer = SMTPMailer(host="127.0.0.1", port=closed_port, sender="byline@example.com", timeout=2)
    assert deliver_pending(dbs, mailer, BASE_URL) == 0
    statuses = _statuses(dbs, rows)
    assert [s for s, _ in statuses] == ["failed", "failed"]
    assert all("connection was refused" in e for _, e in statuses)


def test_recipients_for_lists_who_was_told_and_how(dbs, smtp_server):
    smtp_server.refuse("sam@example.com")
    actor = make_user(dbs, Role.AUTHOR, name="Ana Author")
    sam = make_user(dbs, Role.REVIEWER, name="Sam Reviewer", email="sam@example.com")
    rita = make_user(dbs, Role.REVIEWER, name="Rita Reviewer", email="rita@example.com")
    tom = make_user(dbs, Role.REVIEWER, name="Tom Reviewer", email="tom@example.com")
    draft = make_draft(dbs, actor)
    step = Transition(draft_id=draft.id, actor_id=actor.id, from_status=DraftStatus.DRAFT,
                      to_status=DraftStatus.IN_REVIEW, action="submit")
    dbs.add(step)
    dbs.flush()
    notify(dbs, event="submitted", draft=draft, actor=actor, recipients=[sam, rita, tom],
           message="Ana Author submitted a draft.", transition_id=step.id)
    set_email_preferences(dbs, tom, {"submitted": False})
    dbs.commit()
    deliver_pending(dbs, _mailer(smtp_server), BASE_URL)
    pairs = recipients_for(dbs, transition_id=step.id)
    assert [(u.name, n.email_status) for u, n in pairs] == [
        ("Rita Reviewer", "sent"), ("Sam Reviewer", "failed"), ("Tom Reviewer", "off"),
    ]
    assert recipients_for(dbs, comment_id=12345) == []
    with pytest.raises(ValueError):
        recipients_for(dbs)
