"""The numbers dashboard in a real browser: it fits a laptop and a phone, and a number
leads to the posts behind it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import program_history as h
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility_browser import _serious
from tests.factories import PASSWORD


def _no_sideways_scroll(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def test_dashboard_on_a_laptop_and_a_number_leads_to_its_posts(browser, live_server, dbs, shot):
    world = h.build(dbs)
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)  # axe
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, world.rita.email, PASSWORD)
        page.get_by_role("link", name="Numbers").first.click()
        page.get_by_label("Period").select_option("12")
        page.get_by_role("button", name="Show").click()
        expect(page.get_by_role("heading", name="The program’s numbers")).to_be_visible()
        _no_sideways_scroll(page, 1440)
        chart = page.locator('svg[data-chart="published"]')
        expect(chart).to_contain_text("Mar 2026 — 1")
        shot(page, "numbers-dashboard")
        assert _serious(page) == []
        page.locator("#readability").scroll_into_view_if_needed()
        shot(page, "numbers-readability")
        page.locator("#topics").scroll_into_view_if_needed()
        shot(page, "numbers-topics-and-blogs")

        chart.get_by_role("link", name="Mar 2026: 1").click()
        page.wait_for_url("**/numbers/posts?**month=2026-03**")
        expect(page.get_by_role("heading", name="Posts published in Mar 2026")).to_be_visible()
        rows = page.locator("#numbers-posts tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Cloud costs")
        expect(rows.first).to_contain_text("not live now")
        expect(rows.first).to_contain_text("5.0 d")
        shot(page, "numbers-posts")
        assert _serious(page) == []
    finally:
        ctx.close()


def test_dashboard_fits_a_phone(browser, live_server, dbs, shot):
    world = h.build(dbs)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)  # axe
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, world.rita.email, PASSWORD)
        page.goto(live_server.url + "/numbers?period=12")
        _no_sideways_scroll(page, 390)
        expect(page.locator('svg[data-chart="topics"]')).to_contain_text("cloud — 2")
        shot(page, "numbers-phone")
        assert _serious(page) == []
        page.locator("#process").scroll_into_view_if_needed()
        shot(page, "numbers-phone-process")
        page.goto(live_server.url + "/numbers/posts?period=12&sort=cycle")
        _no_sideways_scroll(page, 390)
        expect(page.locator("#numbers-posts tbody tr").first).to_contain_text("Zero trust")
        shot(page, "numbers-posts-phone")
    finally:
        ctx.close()
