"""A full review round in two browsers: author and marketing reviewer."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from drafts.models import Comment, Draft, DraftStatus, Role
from tests.browser.conftest import sign_in
from tests.browser.writing import expect_markdown, select_text
from tests.factories import PASSWORD, make_draft, make_user

FILLER = " ".join(["Finance and engineering now review cloud spend together every week."] * 20)
BODY = f"We moved fast. Costs fell a lot.\n\n{FILLER}"
EDITED = f"We moved quickly. Costs fell by a third.\n\n{FILLER}"


def test_full_review_round(browser, live_server, dbs, shot):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="What our cloud bill taught us", body=BODY,
                       tags="cloud", excerpt="One question changed our cloud spending.")
    ctx_a = browser.new_context(viewport={"width": 1440, "height": 900})
    ctx_r = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        a, r = ctx_a.new_page(), ctx_r.new_page()
        edit_url = f"{live_server.url}/drafts/{draft.id}"

        # The author submits; the checklist is live next to the button.
        sign_in(a, live_server.url, author.email, PASSWORD)
        a.goto(edit_url)
        expect(a.locator("#checklist li[data-key=title]")).to_have_attribute("data-passed", "true")
        a.locator("#next-step").click()  # the next step, in the top bar
        expect(a.locator("#draft-status")).to_have_text("In review")
        expect(a.locator("#status-badge")).to_have_text("In review")
        # Redrawn without a reload, in the one badge style of lists and queue.
        expect(a.locator("#status-badge")).to_have_class("pill status-badge status-in_review")

        # The reviewer finds it in the queue, edits, comments on a passage, requests changes.
        sign_in(r, live_server.url, reviewer.email, PASSWORD)
        r.goto(f"{live_server.url}/review")
        row = r.locator(f'#queue tr[data-draft="{draft.id}"]')
        expect(row).to_contain_text("Ana Author")
        expect(row).to_contain_text("In review")
        shot(r, "review-queue")
        row.get_by_role("button", name="Claim").click()
        expect(row).to_contain_text("Claimed by you")
        expect(row.get_by_role("button", name="Claim")).to_have_count(0)
        row.get_by_role("link").click()
        select_text(r, "We moved fast. Costs fell a lot.")
        r.keyboard.type("We moved quickly. Costs fell by a third.")
        r.keyboard.press("Control+s")
        expect(r.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
        expect_markdown(r, EDITED)
        select_text(r, "We moved quickly.")
        r.get_by_role("tab", name="Comments").click()
        r.locator("#comment-new").fill("Is quickly the right word? @Ana Author")
        r.locator("#comment-send").click()
        expect(r.locator("#comments-list")).to_contain_text("Is quickly the right word?")
        r.reload()
        r.get_by_role("tab", name="Review").click()
        r.locator("#workflow-note").fill("Tightened the opening; see my comment.")
        r.get_by_role("button", name="Request changes").click()
        expect(r.get_by_text("Requested changes.")).to_be_visible()

        # The author sees what marketing changed, keeps one change and undoes another.
        a.goto(edit_url)
        expect(a.locator("#draft-status")).to_have_text("Changes requested")
        expect(a.locator("#timeline")).to_contain_text("Tightened the opening")
        a.get_by_role("tab", name="Review").click()
        a.get_by_role("link", name="What marketing changed").click()
        changes = a.locator("#tracked-changes .tracked-change")
        expect(changes).to_have_count(2)  # fast -> quickly; "a lot" -> "by a third"
        changes.nth(0).locator("input").uncheck()  # keep "fast"
        shot(a, "review-changes")
        a.get_by_role("button", name="Save my decisions").click()
        expect_markdown(a, re.compile(r"^We moved fast\. Costs fell by a third\."))
        a.get_by_role("tab", name="Comments").click()
        thread = a.locator("#comments-list li").first
        expect(thread).to_contain_text("Is quickly the right word?")
        thread.get_by_label("Reply").fill("Kept fast: it is what we said to the board.")
        thread.get_by_role("button", name="Reply").click()
        expect(a.locator("#comments-list")).to_contain_text("Kept fast")
        a.locator("#next-step").click()  # the next step, in the top bar
        expect(a.locator("#draft-status")).to_have_text("In review")
        expect(a.locator("#status-badge")).to_have_text("In review")

        # The reviewer sees what changed since the last review, then approves.
        r.goto(edit_url)
        r.get_by_role("tab", name="Review").click()
        r.get_by_role("link", name="Changed since my last review").click()
        expect(r.locator("#tracked-changes ins")).to_contain_text(["fast"])
        r.goto(edit_url)
        expect(r.locator("#next-step")).to_have_text("Approve")
        r.locator("#next-step").click()
        expect(r.get_by_text("Approved.")).to_be_visible()

        dbs.expire_all()
        saved = dbs.get(Draft, draft.id)
        assert saved.status is DraftStatus.APPROVED
        assert saved.body.startswith("We moved fast. Costs fell by a third.")
        assert dbs.query(Comment).filter_by(draft_id=draft.id).count() == 2
    finally:
        ctx_a.close()
        ctx_r.close()

