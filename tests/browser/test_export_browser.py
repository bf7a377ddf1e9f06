"""Publishing to a WordPress test server from the browser, then updating it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from drafts.export import service
from drafts.models import Role
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from tests.browser.conftest import sign_in
from tests.browser.writing import surface
from tests.factories import PASSWORD, make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD

FILLER = " ".join(["Finance and engineering now review cloud spend together every week."] * 20)


def test_publish_to_wordpress_then_update(app, page, live_server, dbs, wordpress_server, shot):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="What our cloud bill taught us", body=f"We cut costs.\n\n{FILLER}",
                       tags="cloud", excerpt="One question changed our spending.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    box = SecretBox(app.config["BYLINE_ENCRYPTION_KEY"])
    service.add_destination(dbs, reviewer, kind="wordpress", name="Company blog",
                            settings={"site_url": wordpress_server.base_url, "username": "editor"},
                            secret=EDITOR_PASSWORD, box=box)
    dbs.commit()

    sign_in(page, live_server.url, reviewer.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    panel = page.locator("#export")
    page.locator("#next-publish").click()  # the next step in the top bar opens the Publish tab
    expect(panel).to_be_visible()
    panel.get_by_role("button", name="Publish now").click()
    expect(page.get_by_text(re.compile("Published on Company blog"))).to_be_visible()
    link = page.locator("#export .live-link")
    expect(link).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1:\d+/"))
    expect(page.locator("#draft-status")).to_have_text("Published")
    assert len(wordpress_server.posts) == 1

    # A later edit goes back to review, is approved, and is re-published as an update.
    surface(page).click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("Update: savings held for a year. ")
    page.keyboard.press("Control+s")
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=10_000)
    page.reload()
    expect(page.locator("#draft-status")).to_have_text("In review")
    other = make_user(dbs, Role.REVIEWER, name="Remy Reviewer")
    dbs.expire_all()
    from drafts.models import Draft

    workflow.act(dbs, dbs.get(Draft, draft.id), other, Action.APPROVE)
    dbs.commit()
    page.reload()
    page.get_by_role("tab", name="Publish").click()
    panel.get_by_role("button", name="Update the post").click()
    expect(page.get_by_text(re.compile("Published on Company blog"))).to_be_visible()
    assert len(wordpress_server.posts) == 1
    [post] = wordpress_server.posts.values()
    assert "Update: savings held for a year." in post["content"]
    history = page.locator("#export-history li")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text("update · ok")
    expect(history.nth(1)).to_contain_text("create · ok")
    page.get_by_role("tab", name="Publish").click()
    shot(page, "export")

    # Taking it offline is explicit: it names the blog and needs the box ticked.
    panel.get_by_text("Unpublish from Company blog…").click()
    panel.get_by_role("button", name="Unpublish from Company blog").click()
    assert post["status"] == "publish"  # the browser refused the unticked form
    panel.get_by_label(re.compile("Take the post offline on Company blog")).check()
    panel.get_by_role("button", name="Unpublish from Company blog").click()
    expect(page.locator(".flash-success")).to_contain_text("Taken offline on Company blog")
    assert post["status"] == "draft"
    expect(page.locator("#draft-status")).to_have_text("Approved")
    expect(page.locator("#export .blog-reports")).to_contain_text("The blog reports “draft”")
