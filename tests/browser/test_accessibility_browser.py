"""axe-core (vendored, tests only) finds no serious or critical problem on the editor,
the review queue and the settings pages, at desktop and phone size (where no page may
scroll sideways either)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from drafts.models import Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_draft, make_user

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
FILLER = " ".join(["Finance and engineering now review cloud spend together every week."] * 20)
SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _serious(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) }));
    }""")
    return [json.dumps(v, indent=1) for v in result]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_nothing_serious(browser, live_server, dbs, size):
    admin = make_user(dbs, Role.ADMIN, Role.AUTHOR, name="Ada Admin")
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    draft = make_draft(dbs, author, title="What our cloud bill taught us",
                       body="## Why it matters\n\nWe leverage synergy in order to grow. The plan was approved by the board.\n\n"
                            + FILLER, tags="cloud", excerpt="Why.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True)  # only to inject axe
    try:
        page = context.new_page()
        sign_in(page, live_server.url, admin.email, PASSWORD)
        pages = {
            "editor": f"/drafts/{draft.id}",
            "new draft": "/drafts/new",
            "my drafts": "/drafts",
            "review queue": "/review",
            "model settings": "/admin/llm",
            "checklist settings": "/admin/checklist",
            "destinations": "/admin/destinations",
            "notification preferences": "/notifications/preferences",
            "users": "/users",
        }
        problems = {}
        for name, path in pages.items():
            page.goto(live_server.url + path)
            if name == "editor":
                expect(page.locator("#coach-score")).to_have_text(re.compile(r"\d+"))
            found = _serious(page)
            if size == "phone":  # and no page scrolls sideways on a phone
                wide = page.evaluate("() => document.documentElement.scrollWidth")
                if wide > SIZES["phone"]["width"]:
                    found.append(f"scrolls sideways: {wide}px wide")
            if name == "editor":
                # Every tab of the side panel, opened.
                for tab in ("coach", "suggest", "comments", "review", "publish", "history"):
                    page.locator(f"#tab-btn-{tab}").click()
                    expect(page.locator(f"#tab-{tab}")).to_be_visible()
                    found += _serious(page)
            if found:
                problems[name] = sorted(set(found))
        assert problems == {}, "\n".join(f"{k}:\n" + "\n".join(v) for k, v in problems.items())
    finally:
        context.close()
