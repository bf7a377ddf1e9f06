"""Planning in the browser: a brief becomes a draft, is scheduled, and is dragged a day later."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from drafts.export import scheduling
from drafts.models import Brief, Draft, ExportRecord, Role, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_user
from tests.planning_world import blog

BERLIN = ZoneInfo("Europe/Berlin")


def _day_in_next_month() -> date:
    """The 15th of next month: it and the 16th are both in that month's grid."""
    first = (utcnow().date().replace(day=1) + timedelta(days=32)).replace(day=1)
    return first.replace(day=15)


def _cell(page, day: date):
    return page.locator(f'.cal-day[data-day="{day.isoformat()}"]')


@pytest.fixture
def team(dbs):
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author")
    mia = make_user(dbs, Role.REVIEWER, name="Mia Marketing")
    return ana, mia, blog(dbs)


def test_brief_to_draft_to_scheduled_post_dragged_a_day_later(browser, live_server, dbs, team, shot):
    ana, mia, site = team
    day = _day_in_next_month()
    wide = {"viewport": {"width": 1440, "height": 900}, "timezone_id": "Europe/Berlin"}
    ctx_m, ctx_a = browser.new_context(**wide), browser.new_context(**wide)
    try:
        m, a = ctx_m.new_page(), ctx_a.new_page()
        # Marketing sets the brief.
        sign_in(m, live_server.url, mia.email, PASSWORD)
        m.goto(f"{live_server.url}/plan/briefs/new")
        m.get_by_label("Working title").fill("What our cloud bill taught us")
        m.get_by_label("Author").select_option(label="Ana Author")
        m.get_by_label("Due date").fill((day - timedelta(days=3)).isoformat())
        m.get_by_label("Points to cover").fill("The number\nWhat we changed")
        m.get_by_role("button", name="Send the brief").click()
        expect(m.get_by_text("Brief sent to Ana Author")).to_be_visible()

        # The author drafts from it; the brief is beside the draft and its points tick off.
        sign_in(a, live_server.url, ana.email, PASSWORD)
        a.goto(f"{live_server.url}/plan/briefs")
        a.get_by_role("link", name="What our cloud bill taught us").click()
        a.get_by_role("button", name="Start the draft").click()
        expect(a.locator("#title")).to_have_value("What our cloud bill taught us")
        expect(a.get_by_role("tab", name="Brief")).to_have_attribute("aria-selected", "true")
        panel = a.locator("#tab-brief")
        panel.get_by_label("What we changed").check()
        expect(panel.locator(".brief-count")).to_have_text("(1 of 2)")
        dbs.expire_all()
        brief = dbs.query(Brief).one()
        assert brief.draft_id is not None and brief.points[1].done_at is not None
        shot(a, "plan-brief-tab")

        # Submitting, approving and scheduling are tested in their own browser tests: fast-forward.
        draft = dbs.get(Draft, brief.draft_id)
        workflow.act(dbs, draft, ana, Action.SUBMIT)
        workflow.act(dbs, draft, mia, Action.APPROVE)
        record = scheduling.schedule(dbs, draft, mia, site, when_local=datetime.combine(day, datetime.min.time())
                                     .replace(hour=9, minute=30), timezone="Europe/Berlin")
        dbs.commit()
        before = record.publish_at

        m.goto(f"{live_server.url}/plan/calendar?day={day.isoformat()}")
        expect(m).to_have_url(re.compile(r"tz=Europe%2FBerlin"))  # the browser's zone, no profile zone
        item = _cell(m, day).locator(".cal-item.kind-scheduled")
        expect(item).to_contain_text("What our cloud bill taught us")
        expect(item).to_contain_text("09:30")
        expect(_cell(m, day - timedelta(days=3)).locator(".cal-item.kind-due")).to_contain_text(
            "What our cloud bill taught us")
        shot(m, "plan-calendar")
        item.drag_to(_cell(m, day + timedelta(days=1)))
        expect(m.get_by_text(re.compile("Moved to"))).to_be_visible()
        expect(_cell(m, day + timedelta(days=1)).locator(".cal-item.kind-scheduled")).to_contain_text(
            "What our cloud bill taught us")
        dbs.expire_all()
        moved = dbs.get(ExportRecord, record.id)
        assert moved.status == "scheduled"
        assert moved.publish_at.astimezone(BERLIN) == datetime.combine(
            day + timedelta(days=1), datetime.min.time()).replace(hour=9, minute=30, tzinfo=BERLIN)
        assert moved.publish_at - before == timedelta(days=1)
        # A brief's due date moves the same way.
        _cell(m, day - timedelta(days=3)).locator(".cal-item.kind-due").drag_to(_cell(m, day - timedelta(days=1)))
        expect(m.get_by_text(re.compile("is now due"))).to_be_visible()
        dbs.expire_all()
        assert dbs.get(Brief, brief.id).due_on == day - timedelta(days=1)
    finally:
        ctx_m.close()
        ctx_a.close()


def test_calendar_on_a_phone_is_an_agenda_with_a_move_form(browser, live_server, dbs, team, shot):
    ana, mia, site = team
    day = _day_in_next_month()
    from tests.factories import make_draft

    draft = make_draft(dbs, ana, title="What our cloud bill taught us")
    workflow.act(dbs, draft, ana, Action.SUBMIT)
    workflow.act(dbs, draft, mia, Action.APPROVE)
    record = scheduling.schedule(dbs, draft, mia, site, timezone="Europe/Berlin",
                                 when_local=datetime.combine(day, datetime.min.time()).replace(hour=9, minute=30))
    dbs.commit()
    before = record.publish_at
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Europe/Berlin")
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, mia.email, PASSWORD)
        page.goto(f"{live_server.url}/plan/calendar?day={day.isoformat()}")
        item = _cell(page, day).locator(".cal-item")
        expect(item).to_be_visible()
        expect(_cell(page, day + timedelta(days=5))).to_be_hidden()  # empty days fold away
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the calendar is {width} px wide at 390 px"
        shot(page, "plan-calendar-phone")
        # Without dragging: the item's own "Move to" form.
        item.get_by_text("Move to…").click()
        item.get_by_label("New day").fill((day + timedelta(days=2)).isoformat())
        item.get_by_role("button", name="Move").click()
        expect(page.get_by_text(re.compile("Moved to"))).to_be_visible()
        expect(_cell(page, day + timedelta(days=2)).locator(".cal-item")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        dbs.expire_all()
        assert dbs.get(ExportRecord, record.id).publish_at - before == timedelta(days=2)
        brief = brief_for_page(dbs, ana, mia, day)
        brief.draft_id = draft.id
        dbs.commit()
        page.goto(f"{live_server.url}/drafts/{draft.id}")
        page.get_by_role("tab", name="Brief").click()
        expect(page.locator("#tab-brief").get_by_text("What we changed")).to_be_visible()
        for path in (f"/drafts/{draft.id}", "/plan/calendar?view=week", "/plan/ideas", "/plan/briefs",
                     "/plan/briefs/new", "/plan/subscribe"):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width} px wide at 390 px"
    finally:
        ctx.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_nothing_serious_on_the_planning_pages(browser, live_server, dbs, team, size):
    from drafts.planning import ideas
    from tests.browser.test_accessibility_browser import SIZES, _serious
    from tests.factories import make_draft

    ana, mia, site = team
    admin = make_user(dbs, Role.ADMIN, Role.REVIEWER, name="Ada Admin")
    day = _day_in_next_month()
    ideas.add_idea(dbs, ana, ideas.IdeaFields(title="Hiring engineers", angle="Train, do not poach"))
    brief = brief_for_page(dbs, ana, admin, day)
    draft = make_draft(dbs, ana, title="What our cloud bill taught us")
    workflow.act(dbs, draft, ana, Action.SUBMIT)
    workflow.act(dbs, draft, mia, Action.APPROVE)
    scheduling.schedule(dbs, draft, mia, site, timezone="UTC",
                        when_local=datetime.combine(day, datetime.min.time()).replace(hour=9))
    dbs.commit()
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True, timezone_id="UTC")  # bypass: to inject axe
    try:
        page = context.new_page()
        sign_in(page, live_server.url, admin.email, PASSWORD)
        problems = {}
        for path in (f"/plan/calendar?day={day.isoformat()}", f"/plan/calendar?day={day.isoformat()}&view=week",
                     "/plan/ideas", "/plan/briefs", f"/plan/briefs/{brief.id}", "/plan/briefs/new",
                     "/plan/subscribe", "/plan/cadence", "/"):
            page.goto(live_server.url + path)
            found = _serious(page)
            if found:
                problems[path] = found
        assert problems == {}, "\n".join(f"{k}:\n" + "\n".join(v) for k, v in problems.items())
    finally:
        context.close()


def brief_for_page(dbs, author, marketing, day):
    from tests.planning_world import brief_for

    return brief_for(dbs, author, marketing, due_on=day, points=["The number", "What we changed"],
                     today=utcnow().date())
