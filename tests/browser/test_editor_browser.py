"""A writer's day in a real browser: setup, sign-in, writing, autosave, offline, conflicts."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from drafts.models import Draft, Revision, RevisionSource, Role
from tests.browser.conftest import sign_in
from tests.browser.writing import expect_markdown, is_rich, select_text, surface, type_at_end
from tests.factories import PASSWORD, make_draft, make_user


def test_setup_page_creates_first_admin_then_login(page, live_server, shot):
    page.goto(live_server.url + "/drafts")
    expect(page).to_have_url(live_server.url + "/setup")
    expect(page.get_by_role("heading", name="Welcome to Byline")).to_be_visible()
    page.get_by_label("Your name").fill("Casey Chief")
    page.get_by_label("Email").fill("casey@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    shot(page, "setup")
    page.get_by_role("button", name="Create admin account").click()
    expect(page.get_by_text("Byline is ready")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.get_by_label("Email").fill("casey@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("4 attempts left")).to_be_visible()
    sign_in(page, live_server.url, "casey@example.com", PASSWORD)
    # An admin lands on the overview of their work (authors on My drafts, reviewers on the queue).
    expect(page.get_by_role("heading", name="Your work")).to_be_visible()


def test_write_autosave_preview_and_reload(page, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR, name="Morgan CIO")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.get_by_role("link", name="New draft").first.click()
    page.get_by_placeholder("Title").fill("What our cloud bill taught the board")
    box = surface(page)
    box.click()
    page.keyboard.type("## The short version")
    page.keyboard.press("Enter")
    page.keyboard.type("We cut our cloud bill by 31% in two quarters.")
    page.keyboard.press("Enter")
    if not is_rich(page):
        page.keyboard.press("Enter")  # a blank line between paragraphs in Markdown
    page.keyboard.type("It started with one question: who owns this cost?")
    status = page.locator("#save-state")
    expect(status).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    expect(page).to_have_url(re.compile(r"/drafts/\d+$"))
    expect_markdown(page, re.compile(r"^## The short version\n+We cut our cloud bill"))
    if is_rich(page):
        expect(page.locator("#editor-mount h2")).to_have_text("The short version")
    expect(page.locator("#word-count")).not_to_have_text("0")

    # A shortcut makes a word bold, Ctrl+Z takes it back and Ctrl+Shift+Z redoes it; Ctrl+S saves.
    select_text(page, "one question")
    page.keyboard.press("Control+b")
    expect_markdown(page, re.compile(r"\*\*one question\*\*"))
    page.keyboard.press("Control+z")
    expect_markdown(page, re.compile(r"with one question:"))
    page.keyboard.press("Control+Shift+z")
    expect_markdown(page, re.compile(r"\*\*one question\*\*"))
    select_text(page, "two quarters")
    page.get_by_role("toolbar", name="Formatting").get_by_role("button", name="Italic").click()
    expect_markdown(page, re.compile(r"[*_]two quarters[*_]"))
    page.keyboard.press("Control+s")
    expect(status).to_have_text(re.compile(r"Saved \d"))
    if is_rich(page):
        expect(page.locator("#editor-mount strong")).to_have_text("one question")
    page.get_by_text("Excerpt, tags, audience").click()
    page.get_by_label("Tags").fill("cloud, finops")
    page.get_by_label("Excerpt").fill("How one question changed our cloud spending.")
    expect(status).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    page.get_by_text("Excerpt, tags, audience").click()
    page.get_by_role("tab", name="Coach").click()
    expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))

    page.reload()
    expect_markdown(page, re.compile(r"\*\*one question\*\*"))
    expect(page.get_by_placeholder("Title")).to_have_value("What our cloud bill taught the board")
    dbs.expire_all()
    draft = dbs.query(Draft).one()
    assert "**one question**" in draft.body and draft.tag_names == ["cloud", "finops"]

    page.get_by_role("tab", name="History").click()
    page.get_by_role("link", name="Revision history").click()
    rows = page.locator("table.history tbody tr")
    expect(rows.first).to_contain_text("Morgan CIO")
    assert rows.count() >= 2
    page.get_by_role("radio", name="Compare from revision 1").check()
    page.get_by_role("button", name="Compare selected").click()
    expect(page.locator("#diff-body ins").first).to_be_visible()
    expect(page.locator("#diff-body")).to_contain_text("one question")
    shot(page, "compare")


def test_offline_text_is_kept_and_offered_back(page, context, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Resilience", body="Saved on the server.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    live_server.stop()
    type_at_end(page, " Typed while the server was down.")
    expect(page.locator("#save-state")).to_have_text("Not saved – kept in this browser", timeout=15_000)
    shot(page, "offline")
    page.close()

    live_server.start()
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "Saved on the server."
    again = context.new_page()
    again.goto(f"{live_server.url}/drafts/{draft.id}")
    banner = again.locator("#restore-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("This browser kept text you had not saved")
    again.get_by_role("button", name="Restore it").click()
    expect(again.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "Saved on the server. Typed while the server was down."
    # Restoring the kept copy is one undo step.
    surface(again).focus()
    again.keyboard.press("Control+z")
    expect_markdown(again, "Saved on the server.")
    again.keyboard.press("Control+Shift+z")
    expect_markdown(again, "Saved on the server. Typed while the server was down.")


def test_without_javascript_the_plain_form_still_saves(browser, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Plain", body="Saved on the server.")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        sign_in(page, live_server.url, user.email, PASSWORD)
        page.goto(f"{live_server.url}/drafts/{draft.id}")
        body = page.get_by_label("Draft text (Markdown)")
        expect(body).to_be_visible()
        expect(page.locator("#tab-review")).to_be_visible()  # every panel shows, one under the other
        expect(page.locator("#tab-history")).to_be_visible()
        body.fill("Saved on the server. And from a browser without JavaScript.")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
        dbs.expire_all()
        assert dbs.get(Draft, draft.id).body == "Saved on the server. And from a browser without JavaScript."
        # The top bar's next step is a plain form button too; the server checks the checklist.
        page.get_by_role("button", name="Submit for review").first.click()
        expect(page.locator(".flash-error")).to_contain_text("Word count")
        expect(page.locator("#status-badge")).to_have_text("Draft")
    finally:
        context.close()


def test_two_browsers_editing_one_draft_lose_nothing(browser, live_server, dbs, shot):
    author = make_user(dbs, Role.AUTHOR, name="Avery Author")
    admin = make_user(dbs, Role.ADMIN, name="Drew Admin")
    draft = make_draft(dbs, author, title="Two pens", body="Our plan for next year.")
    first = browser.new_context(viewport={"width": 1440, "height": 900})
    second = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        a, b = first.new_page(), second.new_page()
        sign_in(a, live_server.url, author.email, PASSWORD)
        sign_in(b, live_server.url, admin.email, PASSWORD)
        a.goto(f"{live_server.url}/drafts/{draft.id}")
        b.goto(f"{live_server.url}/drafts/{draft.id}")
        expect(b.locator("#presence-banner")).to_contain_text("Avery Author is also editing this draft")

        type_at_end(a, " Author's sentence.")
        expect(a.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)

        type_at_end(b, " Admin's sentence.")
        banner = b.locator("#conflict-banner-js")
        expect(banner).to_be_visible(timeout=10_000)
        expect(banner).to_contain_text("Someone else saved this draft")
        expect(b.locator("#conflict-diff-js ins")).to_contain_text("Admin")
        expect(b.locator("#save-state")).to_have_text("Not saved – kept in this browser")
        shot(b, "conflict")

        dbs.expire_all()
        kept = dbs.query(Revision).filter_by(draft_id=draft.id, source=RevisionSource.CONFLICT).one()
        assert kept.body == "Our plan for next year. Admin's sentence."

        b.get_by_role("button", name="Keep mine").click()
        expect(b.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
        dbs.expire_all()
        assert dbs.get(Draft, draft.id).body == "Our plan for next year. Admin's sentence."
        bodies = [r.body for r in dbs.query(Revision).filter_by(draft_id=draft.id)]
        assert "Our plan for next year. Author's sentence." in bodies
    finally:
        first.close()
        second.close()
