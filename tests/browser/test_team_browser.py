"""Issue 12 in a real browser: pages fit a phone, headings fit, the unread count follows along."""

from __future__ import annotations

from playwright.sync_api import expect

from drafts.models import Role
from drafts.review import workflow
from drafts.review.notifications import notify
from drafts.review.workflow import Action
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_draft, make_user

BODY = "Finance and engineering now review cloud spend together every week. " * 20


def _team(dbs):
    ana = make_user(dbs, Role.AUTHOR, name="Ana Author")
    sam = make_user(dbs, Role.AUTHOR, Role.REVIEWER, Role.ADMIN, name="Sam Everything")
    for n in range(3):
        draft = make_draft(dbs, ana, title=f"What our cloud bill taught us, part {n + 1}", body=BODY,
                           tags="cloud, finance")
        workflow.act(dbs, draft, ana, Action.SUBMIT)
    make_draft(dbs, sam, title="A long title that an executive would still read to the end", body=BODY)
    dbs.commit()
    return ana, sam


def test_lists_and_queue_fit_a_phone_without_sideways_scrolling(browser, live_server, dbs):
    _, sam = _team(dbs)
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, sam.email, PASSWORD)
        for path in ("/", "/review", "/drafts", "/notifications", "/profile", "/admin/users"):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width} px wide at 390 px"
        page.goto(live_server.url + "/review")
        # The queue is a stack of cards, each labelled.
        expect(page.locator("#queue thead")).to_be_hidden()
        expect(page.get_by_role("cell", name="Author: Ana Author").first).to_be_visible()
    finally:
        ctx.close()


def test_review_queue_heading_fits_on_one_line_at_1440(browser, live_server, dbs):
    _, sam = _team(dbs)
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, sam.email, PASSWORD)
        page.goto(live_server.url + "/review")
        lines = page.evaluate("""() => {
            const h = document.querySelector('.page-head h1');
            const lh = parseFloat(getComputedStyle(h).lineHeight) || parseFloat(getComputedStyle(h).fontSize) * 1.2;
            return Math.round(h.getBoundingClientRect().height / lh);
        }""")
        assert lines == 1
    finally:
        ctx.close()


def test_unread_count_updates_without_a_reload(app, browser, live_server, dbs):
    ana, sam = _team(dbs)
    app.config["BYLINE_NOTIFICATION_POLL_MS"] = 300
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, sam.email, PASSWORD)
        page.goto(live_server.url + "/profile")
        page.locator("#notif-link").wait_for()
        badge = page.locator("#notif-link .badge")
        before = int(badge.text_content()) if badge.count() else 0
        draft = make_draft(dbs, ana, title="Fresh", body=BODY)
        notify(dbs, event="commented", draft=draft, actor=ana, recipients=[sam], message="New comment.")
        dbs.commit()
        expect(badge).to_have_text(str(before + 1), timeout=10_000)
        # Reading everything elsewhere clears the badge here too.
        other = ctx.new_page()
        other.goto(live_server.url + "/notifications")
        other.get_by_role("button", name="Mark all read").click()
        expect(badge).to_have_count(0, timeout=10_000)
    finally:
        ctx.close()
