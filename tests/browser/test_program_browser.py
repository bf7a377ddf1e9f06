"""One round of the content program, in the browser (issue 14 item 7): marketing briefs an
author, the author drafts from the brief, the post is approved and scheduled, the calendar
shows it on its day and a drag moves it a day later, and once it is published the
dashboard's cycle time and review wait move to what that round took."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from drafts.export import scheduling, service
from drafts.models import Brief, Draft, ExportRecord, Role, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.browser.conftest import sign_in
from tests.browser.test_calendar_browser import _cell, _day_in_next_month
from tests.factories import PASSWORD, make_user
from tests.fake_wordpress import EDITOR_PASSWORD
from tests.service.publish_lifecycle_support import BOX

BERLIN = ZoneInfo("Europe/Berlin")


def _stat(page, label: str):
    return page.locator(".stat", has_text=label).locator(".stat-value")


def test_a_briefed_post_moves_the_calendar_and_the_numbers(browser, live_server, dbs, wordpress_server):
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author")
    mia = make_user(dbs, Role.REVIEWER, name="Mia Marketing")
    site = service.add_destination(dbs, mia, kind="wordpress", name="Company blog",
                                   settings={"site_url": wordpress_server.base_url, "username": "editor"},
                                   secret=EDITOR_PASSWORD, box=BOX)
    dbs.commit()
    day = _day_in_next_month()
    wide = {"viewport": {"width": 1440, "height": 900}, "timezone_id": "Europe/Berlin"}
    ctx_m, ctx_a = browser.new_context(**wide), browser.new_context(**wide)
    try:
        m, a = ctx_m.new_page(), ctx_a.new_page()
        sign_in(m, live_server.url, mia.email, PASSWORD)
        m.goto(f"{live_server.url}/numbers")
        expect(_stat(m, "published")).to_have_text("0")
        expect(_stat(m, "median cycle time")).to_have_text("– d")

        # Marketing briefs Ana; Ana starts the draft from the brief.
        m.goto(f"{live_server.url}/plan/briefs/new")
        m.get_by_label("Working title").fill("What our cloud bill taught us")
        m.get_by_label("Author").select_option(label="Ana Author")
        m.get_by_label("Due date").fill((day - timedelta(days=3)).isoformat())
        m.get_by_label("Points to cover").fill("The number\nWhat we changed")
        m.get_by_role("button", name="Send the brief").click()
        expect(m.get_by_text("Brief sent to Ana Author")).to_be_visible()
        sign_in(a, live_server.url, ana.email, PASSWORD)
        a.goto(f"{live_server.url}/plan/briefs")
        a.get_by_role("link", name="What our cloud bill taught us").click()
        a.get_by_role("button", name="Start the draft").click()
        expect(a.locator("#title")).to_have_value("What our cloud bill taught us")

        # The round, on a known clock: drafted 10 days ago, submitted 9 days ago, approved
        # after 48 hours in review (the review itself is tested in its own browser tests).
        dbs.expire_all()
        draft = dbs.get(Draft, dbs.query(Brief).one().draft_id)
        start = utcnow() - timedelta(days=10)
        draft.created_at = start
        dbs.commit()
        workflow.act(dbs, draft, ana, Action.SUBMIT, now=start + timedelta(days=1))
        workflow.act(dbs, draft, mia, Action.APPROVE, now=start + timedelta(days=3))
        record = scheduling.schedule(dbs, draft, mia, site, timezone="Europe/Berlin",
                                     when_local=datetime.combine(day, datetime.min.time()).replace(hour=9, minute=30))
        dbs.commit()

        # The calendar shows it on its day; a drag moves it to the next, same time of day.
        m.goto(f"{live_server.url}/plan/calendar?day={day.isoformat()}")
        item = _cell(m, day).locator(".cal-item.kind-scheduled")
        expect(item).to_contain_text("What our cloud bill taught us")
        item.drag_to(_cell(m, day + timedelta(days=1)))
        expect(m.get_by_text(re.compile("Moved to"))).to_be_visible()
        dbs.expire_all()
        moved = dbs.get(ExportRecord, record.id)
        assert moved.status == "scheduled" and moved.publish_at.astimezone(BERLIN) == datetime.combine(
            day + timedelta(days=1), datetime.min.time()).replace(hour=9, minute=30, tzinfo=BERLIN)

        # Marketing decides not to wait: published now, on the (fake) company blog.
        service.publish(dbs, dbs.get(Draft, draft.id), mia, site, box=BOX, sleep=lambda _s: None)
        assert len(wordpress_server.posts) == 1

        m.goto(f"{live_server.url}/numbers")
        expect(_stat(m, "published")).to_have_text("1")
        expect(_stat(m, "median cycle time")).to_have_text("10.0 d")
        expect(_stat(m, "waiting in review")).to_have_text("48.0 h")
        m.locator(".stat", has_text="median cycle time").click()
        expect(m.locator("tbody tr")).to_have_count(1)
        expect(m.locator("tbody tr").first).to_contain_text("What our cloud bill taught us")
    finally:
        ctx_m.close()
        ctx_a.close()
