"""The readability coach in a real browser: highlight, jump, ignore, reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from drafts.models import FindingDismissal, Role
from tests.browser.conftest import sign_in
from tests.browser.writing import is_rich, replace_all, selected_text, type_at_end
from tests.factories import PASSWORD, make_draft, make_user

LONG_PASSIVE = (
    " The decision to move every customer-facing workload to the new platform was approved "
    "by the steering committee after months of debate about cost, risk and the timing of the change."
)


def _hard_sentences(page) -> int:
    """Highlighted hard sentences (one sentence may be drawn as several marks around others)."""
    page.wait_for_selector("#editor-mount mark.hl-hard, #editor-mount mark.hl-very_hard")
    return page.evaluate("""() => new Set(Array.from(document.querySelectorAll(
        '#editor-mount mark.hl-hard, #editor-mount mark.hl-very_hard')).map(m => m.dataset.finding)).size""")


def test_passive_sentence_is_highlighted_and_can_be_ignored(page, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR, name="Pat CIO")
    draft = make_draft(dbs, user, title="Moving to the new platform", body="Margins fell.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
    expect(page.locator("#coach-counters button[data-kind=passive]")).to_have_count(0)

    type_at_end(page, LONG_PASSIVE, delay=2)
    counter = page.locator("#coach-counters button[data-kind=passive]")
    expect(counter).to_contain_text("1 use of passive voice", timeout=10_000)
    expect(page.locator("#legend")).to_contain_text("Passive voice")
    rich = is_rich(page)
    if rich:  # the highlights are in the text itself
        mark = page.locator("#editor-mount mark.hl-passive")
        expect(mark).to_have_text("was approved")
        assert _hard_sentences(page) == 1
    shot(page, "coach")

    counter.click()
    card = page.locator("#coach-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text('Passive voice: "was approved"')
    expect(card).to_contain_text("Say who acts")
    if rich:
        card.get_by_role("button", name="Close").click()
        expect(card).to_be_hidden()
        mark.click()  # a click on the highlight opens the same card at that spot
        expect(card).to_contain_text('Passive voice: "was approved"')
        mark_box, card_box = mark.bounding_box(), card.bounding_box()
        assert abs(card_box["y"] - (mark_box["y"] + mark_box["height"])) < 60
    else:
        assert selected_text(page) == "was approved"

    card.get_by_role("button", name="Ignore").click()
    expect(counter).to_have_count(0)
    if rich:
        expect(page.locator("#editor-mount mark.hl-passive")).to_have_count(0)
    expect(page.locator("#coach-dismissed")).to_contain_text("1 finding ignored")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)

    page.reload()
    expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
    expect(page.locator("#coach-dismissed")).to_contain_text("1 finding ignored")
    expect(page.locator("#coach-counters button[data-kind=passive]")).to_have_count(0)
    if rich:
        expect(page.locator("#editor-mount mark.hl-passive")).to_have_count(0)
        assert _hard_sentences(page) == 1
    dbs.expire_all()
    assert dbs.query(FindingDismissal).filter_by(draft_id=draft.id, kind="passive").count() == 1


def test_history_chart_shows_score_per_revision(page, live_server, dbs, shot):
    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Chart", body="Margins fell." + LONG_PASSIVE)
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    replace_all(page, "Margins fell. We fixed pricing. Customers stayed. Revenue grew by 12% in a year.")
    page.keyboard.press("Control+s")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    page.goto(f"{live_server.url}/drafts/{draft.id}/history")
    points = page.locator("#score-chart circle")
    expect(points).to_have_count(2)
    shot(page, "history")
