"""The page around the writing surface: top bar, tabs, phones, offline, the coach's card."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from drafts.models import Draft, Role, User
from drafts.review import comments, workflow
from drafts.review.workflow import Action
from tests.browser.conftest import sign_in
from tests.browser.writing import expect_markdown, select_text, surface, type_at_end
from tests.factories import PASSWORD, make_draft, make_user

FILLER = " ".join(["Finance and engineering now review cloud spend together every week."] * 20)
PHONE = {"width": 390, "height": 844}


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def _in_viewport(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (selector, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (selector, box)


def test_phone_every_action_reachable_without_horizontal_scrolling(browser, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR, name="Morgan CIO")
    draft = make_draft(dbs, user, title="What our cloud bill taught the board",
                       body="## The short version\n\nWe cut our cloud bill by 31% in two quarters.\n\n" + FILLER)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, user.email, PASSWORD)
        _no_horizontal_scroll(page)
        page.goto(f"{live_server.url}/drafts/{draft.id}")
        expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
        _no_horizontal_scroll(page)
        # The header keeps to one line: the links fold into a menu.
        assert page.locator("header.topbar").bounding_box()["height"] < 64
        for selector in ("#save-button", "#suggest-button", "#status-badge", "#save-state"):
            _in_viewport(page, selector)
        # The tools are a bar at the bottom; each opens as a sheet over the text.
        expect(page.locator("#tab-coach")).to_be_hidden()
        _in_viewport(page, "#tab-btn-review")
        page.get_by_role("tab", name="Coach").click()
        expect(page.locator("#tab-coach")).to_be_visible()
        expect(page.locator("#coach-score")).to_be_in_viewport()
        _no_horizontal_scroll(page)
        page.get_by_role("tab", name="Coach").click()  # a second tap folds it away
        expect(page.locator("#tab-coach")).to_be_hidden()

        page.locator("#suggest-button").click()
        expect(page.locator("#suggest-panel")).to_be_visible()
        expect(page.locator("#suggest-panel").get_by_role("button", name="Headline options")).to_be_in_viewport()
        _no_horizontal_scroll(page)
        page.get_by_role("button", name="Hide the panel").click()
        expect(page.locator("#suggest-panel")).to_be_hidden()

        type_at_end(page, " Typed on a phone.")
        page.locator("#save-button").click()
        expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
        page.get_by_text("Menu").click()
        expect(page.get_by_role("link", name="My drafts")).to_be_visible()
        _no_horizontal_scroll(page)
        dbs.expire_all()
        assert dbs.get(Draft, draft.id).body.endswith("Typed on a phone.")
    finally:
        context.close()


def test_next_step_appears_in_the_top_bar_without_a_reload(browser, live_server, dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="", body=FILLER, tags="cloud", excerpt="Why.")
    ctx_a = browser.new_context(viewport={"width": 1440, "height": 900})
    ctx_r = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        a, r = ctx_a.new_page(), ctx_r.new_page()
        sign_in(a, live_server.url, author.email, PASSWORD)
        a.goto(f"{live_server.url}/drafts/{draft.id}")
        todo = a.locator("#next-todo")
        expect(todo).to_have_text("Checklist: 1 to do")
        expect(a.locator("#next-step")).to_be_hidden()
        todo.click()
        expect(a.locator("#checklist li[data-key=title]")).to_have_attribute("data-passed", "false")
        a.get_by_placeholder("Title").fill("What our cloud bill taught us")
        submit = a.locator("#next-step")
        expect(submit).to_have_text("Submit for review", timeout=10_000)
        expect(a.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
        expect(a.locator("#status-badge")).to_have_text("Draft")

        sign_in(r, live_server.url, reviewer.email, PASSWORD)
        submit.click()
        expect(a.locator("#status-badge")).to_have_text("In review")
        expect(a.locator("#next-waiting")).to_have_text("With marketing for review")
        r.goto(f"{live_server.url}/drafts/{draft.id}")
        expect(r.locator("#next-step")).to_have_text("Approve")

        # Marketing approves elsewhere; the author's bar follows when they come back to the tab.
        dbs.expire_all()
        workflow.act(dbs, dbs.get(Draft, draft.id), reviewer, Action.APPROVE)
        dbs.commit()
        a.evaluate("() => window.dispatchEvent(new Event('focus'))")
        expect(a.locator("#status-badge")).to_have_text("Approved", timeout=10_000)
        expect(a.locator("#next-waiting")).to_be_hidden()
        a.get_by_role("tab", name="Review").click()
        expect(a.locator("#draft-status")).to_have_text("Approved")
        r.evaluate("() => window.dispatchEvent(new Event('focus'))")
        publish = r.locator("#next-publish")
        expect(publish).to_be_visible(timeout=10_000)
        publish.click()
        expect(r.locator("#export")).to_be_visible()
    finally:
        ctx_a.close()
        ctx_r.close()


def test_offline_is_shown_and_the_save_goes_the_moment_the_network_is_back(page, context, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Resilience", body="Saved on the server.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
    context.set_offline(True)
    expect(page.locator("#net-state")).to_have_text("Offline")
    expect(page.locator("#coach-paused")).to_contain_text("paused while you are offline")
    type_at_end(page, " Written on the train.")
    expect(page.locator("#save-state")).to_have_text("Offline – kept in this browser", timeout=10_000)
    page.wait_for_timeout(6000)  # long enough for a retry backoff to have grown
    context.set_offline(False)
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=2500)
    expect(page.locator("#net-state")).to_be_hidden()
    expect(page.locator("#coach-paused")).to_be_hidden()
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "Saved on the server. Written on the train."


def test_highlights_switch_is_remembered_for_the_person(page, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Moving", body="The change was approved by the board after a long debate.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    switch = page.get_by_role("switch", name="Highlights in the text")
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(page.locator("#coach-counters button[data-kind=passive]")).to_be_visible()
    switch.click()
    expect(switch).to_have_attribute("aria-checked", "false")
    page.wait_for_function("() => document.body.classList.contains('highlights-off')")
    page.wait_for_timeout(300)
    page.reload()
    expect(page.get_by_role("switch", name="Highlights in the text")).to_have_attribute("aria-checked", "false")
    dbs.expire_all()
    assert dbs.get(User, user.id).show_highlights is False
    page.get_by_role("switch", name="Highlights in the text").press("Space")
    expect(page.get_by_role("switch", name="Highlights in the text")).to_have_attribute("aria-checked", "true")


def test_coach_card_fix_is_one_undo_step(page, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Data", body="Margins fell. In order to grow, we must use data.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    counter = page.locator("#coach-counters button[data-kind=wordy]")
    counter.click()
    card = page.locator("#coach-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text('Wordy: "In order to"')
    card.get_by_role("button", name="Replace with “To”").click()
    expect(card).to_be_hidden()
    expect_markdown(page, "Margins fell. To grow, we must use data.")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    surface(page).focus()
    page.keyboard.press("Control+z")
    expect_markdown(page, "Margins fell. In order to grow, we must use data.")
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "Margins fell. To grow, we must use data."


def test_tabs_work_from_the_keyboard_and_escape_folds_the_panel(page, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Keys", body="Margins fell.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    coach = page.get_by_role("tab", name="Coach")
    coach.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Suggestions")).to_be_focused()
    expect(page.get_by_role("tab", name="Suggestions")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#suggest-panel")).to_be_visible()
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("link", name="Revision history")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#tab-history")).to_be_hidden()
    expect(page.locator("#panel-toggle")).to_have_attribute("aria-expanded", "false")
    page.get_by_role("tab", name="Comments").click()  # still one click away
    expect(page.locator("#comments")).to_be_visible()
    select_text(page, "Margins")
    page.keyboard.press("Control+Alt+m")
    expect(page.locator("#comment-new")).to_be_focused()
    expect(page.locator("#comments-scope")).to_contain_text("Margins")


POST = """## Why the cloud bill became a board topic

Our cloud bill grew 40% in a year while revenue grew 9%. In order to understand why, we asked every team one question: who owns this cost?

The answers were uncomfortable. Most of the spending was approved by nobody in particular, and we really had no single view of it.

## What we changed

- Every service now has a named owner.
- Finance and engineering review spend together every week.
- We leverage reserved capacity for steady workloads.

> The bill is not an IT problem. It is a product decision made a thousand times a day.

Within two quarters the bill fell by 31%. Nobody worked longer hours and no project stopped. Teams simply saw what their choices cost, week by week, and most of them chose differently once they could see it.

## What it means for you

Ask your CIO for one number: the cost of serving one customer. If nobody can answer within a day, start there.
"""


def test_comments_are_anchored_in_the_text_and_the_screenshots(browser, live_server, dbs, shot):
    author = make_user(dbs, Role.AUTHOR, name="Morgan CIO")
    reviewer = make_user(dbs, Role.REVIEWER, Role.ADMIN, name="Rita Marketing")
    draft = make_draft(dbs, author, title="What our cloud bill taught the board", body=POST,
                       tags="cloud, finops", excerpt="One question changed how we spend.")
    comments.add_comment(dbs, draft, reviewer, "Can we name one team here? It makes the point land.",
                         quote="who owns this cost?")
    dbs.commit()
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        sign_in(page, live_server.url, author.email, PASSWORD)
        page.goto(f"{live_server.url}/drafts/{draft.id}")
        expect(page.locator("#coach-counters li").first).to_be_visible()
        expect(page.locator("#next-step")).to_have_text("Submit for review")
        if page.evaluate("() => window.BylinePage.surface.rich"):
            expect(page.locator("#editor-mount mark.hl").first).to_be_visible()
            anchor = page.locator("#editor-mount .bl-comment")
            expect(anchor).to_have_text("who owns this cost?")
            expect(page.locator("#tab-count-comments")).to_have_text("1")
            anchor.click()  # the marked passage opens its thread
            expect(page.locator("#tab-comments")).to_be_visible()
            expect(page.locator("#comments-list li").first).to_contain_text("name one team")
            page.locator("#comments-list .comment-quote").first.click()  # the thread selects its passage
            page.wait_for_function("() => window.BylinePage.surface.getSelection().text === 'who owns this cost?'")
            # A new comment starts from a selection in the text.
            select_text(page, "no single view")
            bubble = page.get_by_role("toolbar", name="Selection")
            expect(bubble).to_be_visible()
            bubble.get_by_role("button", name="Comment").click()
            expect(page.locator("#comment-new")).to_be_focused()
            expect(page.locator("#comments-scope")).to_contain_text("no single view")
            page.keyboard.type("Say what it cost us not to have one.")
            page.keyboard.press("Control+Enter")
            expect(page.locator("#editor-mount .bl-comment")).to_have_count(2)
            expect(page.locator("#tab-count-comments")).to_have_text("2")
            page.get_by_role("tab", name="Coach").click()
            mark = page.locator("#editor-mount mark.hl-wordy").first
            mark.click()
            expect(page.locator("#coach-card")).to_contain_text("Wordy")
        shot(page, "editor")

        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        try:
            p = phone.new_page()
            sign_in(p, live_server.url, author.email, PASSWORD)
            p.goto(f"{live_server.url}/drafts/{draft.id}")
            expect(p.locator("#coach-counters li").first).to_be_attached()
            p.wait_for_timeout(300)
            _no_horizontal_scroll(p)
            shot(p, "editor-phone")
            p.locator("#tab-btn-coach").click()
            expect(p.locator("#coach-score")).to_be_in_viewport()
            shot(p, "editor-phone-coach")
        finally:
            phone.close()
    finally:
        context.close()


def _drop(page, data_b64: str, name: str, mime: str) -> None:
    page.evaluate(
        """([b64, name, mime]) => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], name, {type: mime}));
          const p = document.querySelector('#editor-mount .bl-prose p');
          const r = p.getBoundingClientRect();
          p.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true,
                                                  clientX: r.right - 2, clientY: r.top + 5}));
        }""",
        [data_b64, name, mime],
    )


def test_dropped_image_is_uploaded_and_shown(app, page, live_server, dbs):
    import base64
    import io

    import pytest
    from PIL import Image

    if "editor.upload_image" not in app.view_functions:
        pytest.skip("the image endpoint comes with branch editor-server (POST /drafts/<id>/images)")
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Chart", body="Before the chart.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    if not page.evaluate("() => window.BylinePage.surface.rich"):
        pytest.skip("needs the rich-text editor bundle")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 200)).save(buffer, "PNG")
    _drop(page, base64.b64encode(buffer.getvalue()).decode(), "chart.png", "image/png")
    image = page.locator("#editor-mount img:not(.ProseMirror-separator)")
    expect(image).to_have_attribute("src", re.compile(rf"^/drafts/{draft.id}/images/"), timeout=10_000)
    expect_markdown(page, re.compile(rf"!\[[^\]]*\]\(/drafts/{draft.id}/images/"))
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)

    _drop(page, base64.b64encode(b"not a picture at all").decode(), "fake.png", "image/png")
    expect(page.locator("#error-banner")).to_be_visible(timeout=10_000)
    expect(image).to_have_count(1)


def test_coach_card_works_from_the_keyboard(page, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Data", body="Margins fell. We must utilize data. We leverage it.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    expect(page.locator("#coach-counters button[data-kind=wordy]")).to_be_visible()
    if page.evaluate("() => window.BylinePage.surface.rich"):
        select_text(page, "utiliz")
        page.keyboard.press("ArrowLeft")  # the caret inside the highlight
        page.keyboard.press("Alt+Enter")
    else:
        page.locator("#coach-counters button[data-kind=wordy]").press("Enter")
    fix = page.get_by_role("button", name="Replace with “use”")
    expect(fix).to_be_focused()
    page.keyboard.press("Enter")
    expect_markdown(page, "Margins fell. We must use data. We leverage it.")
    page.locator("#coach-counters button[data-kind=buzzword]").press("Enter")
    expect(page.get_by_role("button", name="Replace with “use”")).to_be_focused()
    expect(page.locator("#coach-card")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#coach-card")).to_be_hidden()


def test_markdown_toggle_and_history_tab_follow_the_text(page, live_server, dbs):
    import pytest

    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Source", body="## Plan\n\nWe cut costs.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    if not page.evaluate("() => window.BylinePage.surface.rich"):
        pytest.skip("needs the rich-text editor bundle")
    toggle = page.get_by_role("button", name="Markdown")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    source = page.locator("#editor-mount textarea.bl-source")
    expect(source).to_be_visible()
    expect(source).to_have_value(re.compile(r"^## Plan"))
    source.press("Control+End")
    page.keyboard.type(" A lot.")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#editor-mount h2")).to_have_text("Plan")
    expect(page.locator("#editor-mount .bl-prose p")).to_have_text("We cut costs. A lot.")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    page.get_by_role("tab", name="History").click()
    expect(page.locator("#draft-links .recent-revisions li")).to_have_count(2)


def test_tablet_keeps_the_panel_beside_the_text(browser, live_server, dbs):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Tablet", body=FILLER)
    context = browser.new_context(viewport={"width": 820, "height": 1180}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, user.email, PASSWORD)
        page.goto(f"{live_server.url}/drafts/{draft.id}")
        expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 820
        expect(page.locator("#save-button")).to_be_in_viewport()
        expect(page.locator("#tab-coach")).to_be_visible()
        text_box = surface(page).bounding_box()
        panel_box = page.locator("#side-panel").bounding_box()
        assert text_box["x"] + text_box["width"] <= panel_box["x"] + 1
    finally:
        context.close()
