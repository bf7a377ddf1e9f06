"""The planning pages over HTTP: ideas to briefs to drafts, the calendar, the feed, cadence, reminders."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar
from sqlalchemy import select

from drafts.models import (
    Brief,
    Draft,
    ExportRecord,
    Idea,
    Notification,
    NotificationPreference,
    Role,
    utcnow,
)
from tests.factories import login, make_user
from tests.planning_world import blog, brief_for, people, scheduled

UTC = timezone.utc


def test_from_idea_to_brief_to_a_draft_with_the_brief_beside_it(client, dbs):
    ana, mia = people(dbs)
    login(client, ana)
    response = client.post("/plan/ideas", data={"title": "What our cloud bill taught us", "angle": "Buy less",
                                                "audience": "CFOs"})
    assert response.status_code == 302
    idea = dbs.scalar(select(Idea))
    client.post(f"/plan/ideas/{idea.id}/vote")
    page = client.get("/plan/ideas").get_data(as_text=True)
    assert "What our cloud bill taught us" in page and 'aria-label="1 vote"' in page
    assert "Turn into a brief" not in page  # authors do not assign briefs

    login(client, mia)
    form = client.get(f"/plan/briefs/new?idea={idea.id}").get_data(as_text=True)
    assert 'value="What our cloud bill taught us"' in form and "Buy less" in form
    due = (utcnow() + timedelta(days=10)).date()
    response = client.post(f"/plan/briefs/new?idea={idea.id}", data={
        "title": "What our cloud bill taught us", "author_id": str(ana.id), "due_on": due.isoformat(),
        "points": "The number\nWhat we changed", "audience": "CFOs"})
    assert response.status_code == 302
    brief = dbs.scalar(select(Brief))
    assert brief.idea_id == idea.id and [p.text for p in brief.points] == ["The number", "What we changed"]

    login(client, ana)
    assert "What our cloud bill taught us" in client.get("/plan/briefs").get_data(as_text=True)
    response = client.post(f"/plan/briefs/{brief.id}/start")
    draft = dbs.scalar(select(Draft))
    assert response.headers["Location"].endswith(f"/drafts/{draft.id}#brief")
    editor = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert 'id="tab-btn-brief"' in editor and 'id="tab-brief"' in editor and "What we changed" in editor
    assert "js/brief.js" in editor

    point = brief.points[1]
    answer = client.post(f"/plan/briefs/{brief.id}/points/{point.id}", json={"done": True})
    assert answer.json == {"point_id": point.id, "done": True, "covered": 1, "total": 2}
    dbs.expire_all()
    assert dbs.get(Brief, brief.id).points[1].done_at is not None
    refused = client.post(f"/plan/briefs/{brief.id}/points/{point.id}", json={"done": False}, csrf=False)
    assert refused.status_code == 400  # CSRF
    dbs.expire_all()
    assert dbs.get(Brief, brief.id).points[1].done_at is not None


def test_marketing_edits_a_brief_from_its_page(client, dbs):
    ana, mia = people(dbs)
    brief = brief_for(dbs, ana, mia, due_on=date(2030, 3, 12), points=["The number", "What we changed"])
    login(client, mia)
    assert f'href="/plan/briefs/{brief.id}/edit"' in client.get(f"/plan/briefs/{brief.id}").get_data(as_text=True)
    form = client.get(f"/plan/briefs/{brief.id}/edit").get_data(as_text=True)
    assert "The number\nWhat we changed</textarea>" in form and 'value="2030-03-12"' in form
    response = client.post(f"/plan/briefs/{brief.id}/edit", data={
        "title": "Cloud, a year on", "author_id": str(ana.id), "due_on": "2030-03-12", "points": "The number"})
    assert response.status_code == 302
    assert "Cloud, a year on" in client.get(f"/plan/briefs/{brief.id}").get_data(as_text=True)
    refused = client.post(f"/plan/briefs/{brief.id}/edit", data={"title": "", "author_id": str(ana.id),
                                                                  "due_on": "2030-03-12", "points": "Kept"})
    assert refused.status_code == 422 and "Kept</textarea>" in refused.get_data(as_text=True)
    assert "Cloud, a year on" in client.get("/plan/briefs?mine=1").get_data(as_text=True)
    login(client, make_user(dbs, Role.REVIEWER, name="Remy Reviewer"))
    assert "Cloud, a year on" in client.get("/plan/briefs").get_data(as_text=True)
    assert "Cloud, a year on" not in client.get("/plan/briefs?mine=1").get_data(as_text=True)
    login(client, ana)
    assert client.get(f"/plan/briefs/{brief.id}/edit").status_code == 403


def test_a_brief_with_a_past_date_or_no_author_is_refused_with_the_form_kept(client, dbs):
    ana, mia = people(dbs)
    login(client, mia)
    response = client.post("/plan/briefs/new", data={"title": "Cloud", "author_id": str(ana.id),
                                                      "due_on": "2020-01-01", "points": "Keep me"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "from today on" in page and "Keep me" in page
    response = client.post("/plan/briefs/new", data={"title": "Cloud", "due_on": "2030-01-01"})
    assert response.status_code == 422 and "Choose an active author" in response.get_data(as_text=True)


def test_the_calendar_shows_items_and_the_move_form_reschedules(client, dbs):
    ana, mia = people(dbs)
    site = blog(dbs)
    draft, record = scheduled(dbs, ana, mia, site, datetime(2030, 3, 14, 9, 30))
    brief_for(dbs, ana, mia, due_on=date(2030, 3, 12), title="A brief due")
    login(client, mia)
    page = client.get("/plan/calendar?day=2030-03-01").get_data(as_text=True)
    day = page.split('data-day="2030-03-14"')[1].split("</section>")[0]
    assert "Cloud costs" in day and 'draggable="true"' in day and "Move to" in day
    assert "A brief due" in page.split('data-day="2030-03-12"')[1].split("</section>")[0]
    week = client.get("/plan/calendar?day=2030-03-14&view=week").get_data(as_text=True)
    assert week.count('class="cal-day') == 7 and "Cloud costs" in week
    filtered = client.get("/plan/calendar?day=2030-03-01&kind=due").get_data(as_text=True)
    assert "A brief due" in filtered and "Cloud costs" not in filtered

    response = client.post("/plan/calendar/move", data={
        "record_id": record.id, "to_day": "2030-03-15", "timezone": "UTC", "next": "/plan/calendar?day=2030-03-01"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/plan/calendar?day=2030-03-01")
    dbs.expire_all()
    assert dbs.get(ExportRecord, record.id).publish_at == datetime(2030, 3, 15, 9, 30, tzinfo=UTC)
    answer = client.post("/plan/calendar/move", json={"record_id": record.id, "to_day": "2030-03-16",
                                                      "timezone": "UTC"})
    assert answer.status_code == 200 and answer.json["publish_at"].startswith("2030-03-16T09:30")
    late = client.post("/plan/calendar/move", json={"record_id": record.id, "to_day": "2001-01-01"})
    assert late.status_code == 422 and "future" in late.json["error"]
    brief = dbs.scalar(select(Brief))
    form = page.split(f'data-brief="{brief.id}"')[1].split("</li>")[0]
    assert f'action="/plan/briefs/{brief.id}/due"' in form and 'draggable="true"' in page.split(
        f'data-brief="{brief.id}"')[1][:40]
    client.post(f"/plan/briefs/{brief.id}/due", data={"due_on": "2030-03-13", "next": "/plan/calendar"})
    dbs.expire_all()
    assert (dbs.get(Brief, brief.id).due_on, dbs.get(Brief, brief.id).sequence) == (date(2030, 3, 13), 1)

    login(client, ana)  # the author sees the post but does not move it
    page = client.get("/plan/calendar?day=2030-03-01").get_data(as_text=True)
    assert "Cloud costs" in page and "A brief due" in page and "Move to" not in page
    assert client.post("/plan/calendar/move", json={"record_id": record.id, "to_day": "2030-03-20"}).status_code == 403


def test_the_private_feed_link_is_shown_once_and_a_reset_revokes_it(client, dbs):
    ana, mia = people(dbs)
    brief_for(dbs, ana, mia, due_on=date(2030, 3, 12))
    login(client, ana)
    page = client.post("/plan/subscribe", data={"action": "reset"}).get_data(as_text=True)
    url = re.search(r'id="feed-url" class="feed-url" readonly value="([^"]+)"', page).group(1)
    path = url.split("localhost", 1)[1]
    assert "/plan/feed/" in path and path.endswith(".ics")
    client.post("/logout")
    feed = client.get(path)
    assert feed.status_code == 200 and feed.content_type.startswith("text/calendar")
    [event] = Calendar.from_ical(feed.data).walk("VEVENT")
    assert event.decoded("dtstart") == date(2030, 3, 12)
    assert "Copy your link now" not in client.get("/plan/subscribe").get_data(as_text=True)

    login(client, ana)
    assert "Reset link" in client.get("/plan/subscribe").get_data(as_text=True)
    newer = client.post("/plan/subscribe", data={"action": "reset"}).get_data(as_text=True)
    assert client.get(path).status_code == 404
    new_path = re.search(r'readonly value="http://localhost([^"]+)"', newer).group(1)
    assert client.get(new_path).status_code == 200
    client.post("/plan/subscribe", data={"action": "off"})
    assert client.get(new_path).status_code == 404


def test_admins_set_cadence_and_home_shows_who_is_behind(client, dbs):
    ana, mia = people(dbs)
    admin = make_user(dbs, Role.ADMIN, Role.REVIEWER, name="Ada Admin")
    login(client, admin)
    assert client.post("/plan/cadence", data={"posts": "8", "period": "week"}).status_code == 302
    assert client.post("/plan/cadence", data={"posts": "2", "period": "fortnight"}).status_code == 422
    assert client.post("/plan/cadence", data={"what": "reminders", "reminder_days": "61"}).status_code == 422
    assert client.post("/plan/cadence", data={"what": "reminders", "reminder_days": "4"}).status_code == 302
    settings = client.get("/plan/cadence").get_data(as_text=True)
    assert "8 posts a week" in settings and "<strong>4 days</strong>" in settings
    home = client.get("/").get_data(as_text=True)
    cadence = home.split('id="home-cadence"')[1]
    assert "Ana Author" in cadence and re.search(r"pace-pill pace-(behind|on_pace)", cadence)
    login(client, ana)  # the author's own pace, on the page they land on
    drafts = client.get("/drafts").get_data(as_text=True)
    assert "0 of 8 this week" in drafts


def test_the_reminders_command_notifies_once_and_emails_by_preference(app, runner, dbs, smtp_server):
    app.config.update({"BYLINE_SMTP_HOST": smtp_server.host, "BYLINE_SMTP_PORT": smtp_server.port,
                       "BYLINE_SMTP_STARTTLS": False, "BYLINE_SMTP_FROM": "Byline <byline@example.com>",
                       "BYLINE_SMTP_TIMEOUT": 5})
    ana, mia = people(dbs)
    otto = make_user(dbs, Role.AUTHOR, name="Otto Other")
    dbs.add(NotificationPreference(user_id=otto.id, event="brief_due", email=False))
    dbs.commit()
    today = utcnow().date()
    brief_for(dbs, ana, mia, due_on=today + timedelta(days=1), title="Cloud costs", today=today)
    brief_for(dbs, otto, mia, due_on=today + timedelta(days=2), title="Hiring", today=today)
    brief_for(dbs, ana, mia, due_on=today + timedelta(days=9), title="Much later", today=today)
    first = runner.invoke(args=["reminders"])
    assert first.exit_code == 0, first.output
    assert "Reminded Ana Author of “Cloud costs”" in first.output and "Much later" not in first.output
    second = runner.invoke(args=["reminders"])
    assert "No brief is due within 2 days" in second.output
    rows = {r.user_id: r for r in dbs.scalars(select(Notification).where(Notification.event == "brief_due"))}
    assert set(rows) == {ana.id, otto.id}
    assert (rows[ana.id].email_status, rows[otto.id].email_status) == ("sent", "off")
    [mail] = smtp_server.messages
    assert "Cloud costs" in mail["Subject"] and ana.email in mail["To"]
    assert "/plan/briefs\n" in mail.get_content()  # no draft yet: the email opens the briefs


def test_the_calendar_runs_the_same_queries_for_2_items_as_for_20(app, client, dbs):
    from tests.queries import statements

    ana, mia = people(dbs)
    site = blog(dbs)
    login(client, mia)

    def count() -> int:
        with statements(app.extensions["byline.db"][0]) as seen:
            assert client.get("/plan/calendar?day=2030-03-01").status_code == 200
        return len(seen)

    def add(n: int) -> None:
        for i in range(n):
            author = make_user(dbs, Role.AUTHOR, name=f"Author {i}")
            scheduled(dbs, author, mia, site, datetime(2030, 3, 1 + i % 28, 9, 0), title=f"Post {i}")
            brief_for(dbs, author, mia, due_on=date(2030, 3, 1 + i % 28), title=f"Brief {i}")

    add(1)
    small = count()
    add(9)
    assert count() == small


def test_a_reminder_for_a_brief_without_a_draft_opens_the_briefs(app, runner, client, dbs):
    ana, mia = people(dbs)
    today = utcnow().date()
    brief_for(dbs, ana, mia, due_on=today + timedelta(days=1), title="Cloud costs", today=today)
    assert runner.invoke(args=["reminders"]).exit_code == 0
    reminder = dbs.scalar(select(Notification).where(Notification.event == "brief_due"))
    assert reminder.draft_id is None
    login(client, ana)
    opened = client.get(f"/notifications/{reminder.id}")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/plan/briefs")
    page = client.get(opened.headers["Location"]).get_data(as_text=True)
    brief = dbs.scalar(select(Brief))
    assert "Cloud costs" in page and f'href="/plan/briefs/{brief.id}"' in page
