"""The readability coach in a real browser: highlight, jump, ignore, reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from drafts.models import FindingDismissal, Role
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_draft, make_user

LONG_PASSIVE = (
    " The decision to move every customer-facing workload to the new platform was approved "
    "by the steering committee after months of debate about cost, risk and the timing of the change."
)


def test_passive_sentence_is_highlighted_and_can_be_ignored(page, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR, name="Pat CIO")
    draft = make_draft(dbs, user, title="Moving to the new platform", body="Margins fell.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
    expect(page.locator("#coach-counters button[data-kind=passive]")).to_have_count(0)

    body = page.get_by_label("Draft text (Markdown)")
    body.press("End")
    body.type(LONG_PASSIVE, delay=2)
    mark = page.locator("#preview mark.hl-passive")
    expect(mark).to_have_text("was approved", timeout=10_000)
    counter = page.locator("#coach-counters button[data-kind=passive]")
    expect(counter).to_contain_text("1 use of passive voice")
    expect(page.locator("#legend")).to_contain_text("Passive voice")
    expect(page.locator("#preview mark.hl-hard, #preview mark.hl-very_hard")).to_have_count(1)
    shot(page, "coach")

    counter.click()
    card = page.locator("#coach-finding")
    expect(card).to_be_visible()
    expect(card).to_contain_text('Passive voice: "was approved"')
    selected = body.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected == "was approved"

    page.get_by_role("button", name="Ignore this").click()
    expect(mark).to_have_count(0)
    expect(counter).to_have_count(0)
    expect(page.locator("#coach-dismissed")).to_contain_text("1 finding ignored")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)

    page.reload()
    expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
    expect(page.locator("#coach-dismissed")).to_contain_text("1 finding ignored")
    expect(page.locator("#preview mark.hl-passive")).to_have_count(0)
    expect(page.locator("#preview mark.hl-hard, #preview mark.hl-very_hard")).to_have_count(1)
    dbs.expire_all()
    assert dbs.query(FindingDismissal).filter_by(draft_id=draft.id, kind="passive").count() == 1


def test_history_chart_shows_score_per_revision(page, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Chart", body="Margins fell." + LONG_PASSIVE)
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    body = page.get_by_label("Draft text (Markdown)")
    body.fill("Margins fell. We fixed pricing. Customers stayed. Revenue grew by 12% in a year.")
    page.keyboard.press("Control+s")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    page.goto(f"{live_server.url}/drafts/{draft.id}/history")
    points = page.locator("#score-chart circle")
    expect(points).to_have_count(2)
    shot(page, "history")
