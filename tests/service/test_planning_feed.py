"""The private .ics feed (parsed with the icalendar library), cadence counts and reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from drafts.errors import PermissionDenied, ValidationError
from drafts.models import CalendarFeed, Notification, Role
from drafts.planning import briefs, cadence, calendar, ical, reminders
from tests.factories import make_user
from tests.planning_world import blog, brief_for, people, scheduled

UTC = timezone.utc


def _events(body: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def test_the_feed_lists_the_persons_deadlines_and_posts_with_stable_uids(dbs):
    ana, mia = people(dbs)
    site = blog(dbs)
    brief = brief_for(dbs, ana, mia, due_on=date(2030, 3, 12), points=["The number"])
    _draft, record = scheduled(dbs, ana, mia, site, datetime(2030, 3, 14, 9, 30), timezone="Europe/Berlin")
    brief_for(dbs, make_user(dbs, Role.AUTHOR), mia, due_on=date(2030, 3, 13), title="Someone else's")

    first = ical.build(dbs, ana, base_url="https://byline.example", now=datetime(2030, 1, 1, tzinfo=UTC))
    events = _events(first)
    assert set(events) == {f"brief-{brief.id}@byline", f"post-{record.id}@byline"}
    due = events[f"brief-{brief.id}@byline"]
    assert due.decoded("dtstart") == date(2030, 3, 12)  # an all-day date
    assert due.decoded("dtend") == date(2030, 3, 13)
    assert str(due["SUMMARY"]) == "Due: Why our cloud bill fell"
    assert "- The number" in str(due["DESCRIPTION"])
    post = events[f"post-{record.id}@byline"]
    assert post.decoded("dtstart") == datetime(2030, 3, 14, 8, 30, tzinfo=UTC)  # 09:30 CET in UTC
    assert post.decoded("dtstamp") == datetime(2030, 1, 1, tzinfo=UTC)
    assert str(post["SUMMARY"]) == "Scheduled: Cloud costs (Company blog)"
    assert str(post["URL"]).startswith("https://byline.example/drafts/")
    assert b"PRODID:-//Byline//Content calendar//EN" in first and b"VERSION:2.0" in first

    again = _events(ical.build(dbs, ana, base_url="https://byline.example"))
    assert set(again) == set(events)  # the same UIDs on every fetch


def test_sequence_grows_when_a_date_moves(dbs):
    ana, mia = people(dbs)
    site = blog(dbs)
    brief = brief_for(dbs, ana, mia, due_on=date(2030, 3, 12))
    _draft, record = scheduled(dbs, ana, mia, site, datetime(2030, 3, 14, 9, 30))
    before = _events(ical.build(dbs, ana, base_url="https://b"))
    calendar.move(dbs, mia, record.id, date(2030, 3, 15), "UTC")
    briefs.set_due(dbs, brief, mia, date(2030, 3, 13), today=date(2030, 1, 1))
    dbs.commit()
    after = _events(ical.build(dbs, ana, base_url="https://b"))
    post_uid, brief_uid = f"post-{record.id}@byline", f"brief-{brief.id}@byline"
    assert after[post_uid].decoded("sequence") > before[post_uid].decoded("sequence")
    assert after[post_uid].decoded("dtstart") == datetime(2030, 3, 15, 9, 30, tzinfo=UTC)
    assert after[brief_uid].decoded("sequence") == before[brief_uid].decoded("sequence") + 1
    assert after[brief_uid].decoded("dtstart") == date(2030, 3, 13)


def test_tokens_are_stored_hashed_and_a_reset_revokes_the_old_one(dbs):
    ana, _mia = people(dbs)
    token = ical.reset_token(dbs, ana)
    dbs.commit()
    stored = dbs.get(CalendarFeed, ana.id).token_hash
    assert token not in stored and len(stored) == 64
    assert ical.user_for_token(dbs, token).id == ana.id
    newer = ical.reset_token(dbs, ana)
    assert ical.user_for_token(dbs, token) is None
    assert ical.user_for_token(dbs, newer).id == ana.id
    ana.active = False
    assert ical.user_for_token(dbs, newer) is None  # a deactivated person's feed stops
    ana.active = True
    ical.revoke(dbs, ana)
    assert ical.user_for_token(dbs, newer) is None


def test_cadence_counts_published_and_scheduled_posts_in_the_period(dbs):
    ana, mia = people(dbs)
    admin = make_user(dbs, Role.ADMIN)
    otto = make_user(dbs, Role.AUTHOR, name="Otto Other")
    site, news = blog(dbs), blog(dbs, "Newsletter")
    now = datetime(2030, 3, 16, 12, tzinfo=UTC)  # about half of March gone
    cadence.set_cadence(dbs, admin, posts=2, period="month")
    cadence.set_cadence(dbs, admin, posts=1, period="week", author=otto)
    # Ana: one post scheduled in March on two destinations (counts once), one published in February.
    draft, _r = scheduled(dbs, ana, mia, site, datetime(2030, 3, 28, 9, 0))
    _d, old = scheduled(dbs, ana, mia, news, datetime(2030, 3, 29, 9, 0), title="Old one")
    old.status, old.live_since, old.publish_at = "published", datetime(2030, 2, 10, tzinfo=UTC), None
    dbs.commit()
    paces = {p.author.name: p for p in cadence.paces(dbs, now=now)}
    assert (paces["Ana Author"].done, paces["Ana Author"].target, paces["Ana Author"].status) == (1, 2, "on_pace")
    assert paces["Ana Author"].team
    assert (paces["Otto Other"].period, paces["Otto Other"].done, paces["Otto Other"].status) == ("week", 0, "behind")
    assert not paces["Otto Other"].team
    with pytest.raises(ValidationError):
        cadence.set_cadence(dbs, admin, posts=1, period="week", author=mia)  # not an author
    with pytest.raises(PermissionDenied):
        cadence.set_cadence(dbs, mia, posts=1, period="week")
    cadence.set_cadence(dbs, admin, posts=0, period="week", author=otto)  # back to the team's
    assert {p.author.name: p.period for p in cadence.paces(dbs, now=now)}["Otto Other"] == "month"


def test_reminders_go_out_once_per_brief_within_the_window(dbs):
    ana, mia = people(dbs)
    today = date(2030, 3, 10)
    soon = brief_for(dbs, ana, mia, due_on=today + timedelta(days=2), title="Soon", today=today)
    brief_for(dbs, ana, mia, due_on=today + timedelta(days=3), title="Later", today=today)
    done = brief_for(dbs, ana, mia, due_on=today + timedelta(days=1), title="Already approved", today=today)
    draft = briefs.start_draft(dbs, done, ana)
    from drafts.review import workflow
    from drafts.review.workflow import Action
    workflow.act(dbs, draft, ana, Action.SUBMIT)
    workflow.act(dbs, draft, mia, Action.APPROVE)
    dbs.commit()

    first = reminders.send_reminders(dbs, days=2, today=today)
    assert len(first.reminded) == 1 and "Soon" in first.reminded[0]
    again = reminders.send_reminders(dbs, days=2, today=today)
    assert again.reminded == []  # safe from cron: never twice
    rows = list(dbs.scalars(select(Notification).where(Notification.event == "brief_due")))
    assert [(r.user_id, r.email_status) for r in rows] == [(ana.id, "pending")]
    assert "“Soon” is due in 2 days" in rows[0].message
    # Moving the date re-arms it; the next day's run reminds of the other brief too.
    briefs.set_due(dbs, soon, mia, today + timedelta(days=4), today=today)
    dbs.commit()
    later = reminders.send_reminders(dbs, days=2, today=today + timedelta(days=2))
    assert sorted(line.split("“")[1].split("”")[0] for line in later.reminded) == ["Later", "Soon"]
    assert dbs.scalar(select(func.count()).select_from(Notification)
                      .where(Notification.event == "brief_due")) == 3


def test_reminder_days_come_from_the_admin_setting_or_the_default(dbs):
    admin = make_user(dbs, Role.ADMIN)
    assert reminders.reminder_days(dbs, 2) == 2
    reminders.set_reminder_days(dbs, admin, 5)
    assert reminders.reminder_days(dbs, 2) == 5
    reminders.set_reminder_days(dbs, admin, None)
    assert reminders.reminder_days(dbs, 3) == 3


def test_two_reminder_runs_at_once_remind_each_brief_once(app, dbs):
    import threading

    from sqlalchemy.orm import Session

    ana, mia = people(dbs)
    today = date(2030, 3, 10)
    for n in range(6):
        brief_for(dbs, ana, mia, due_on=today + timedelta(days=n % 3), title=f"Brief {n}", today=today)
    engine = app.extensions["byline.db"][0]
    barrier, results = threading.Barrier(2), []

    def run():
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            results.append(len(reminders.send_reminders(session, days=2, today=today).reminded))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(results) == 6
    assert dbs.scalar(select(func.count()).select_from(Notification)
                      .where(Notification.event == "brief_due")) == 6
