"""A save that gets no answer: the editor stops waiting, keeps the text, retries."""

from __future__ import annotations

import re
import threading

from playwright.sync_api import expect

from drafts.models import Draft, Role
from tests.browser.conftest import sign_in
from tests.browser.writing import type_at_end
from tests.factories import PASSWORD, make_draft, make_user


def test_a_hung_save_times_out_keeps_the_text_and_retries(page, app, live_server, dbs):
    app.config["BYLINE_SAVE_TIMEOUT_MS"] = 1_500
    release = threading.Event()

    @app.before_request
    def _hang_autosaves():
        from flask import request

        if request.path.endswith("/autosave") and not release.is_set():
            release.wait(timeout=30)  # the worker is stuck; the browser must not be

    user = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, user, title="Hung", body="Saved on the server.")
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/drafts/{draft.id}")
    type_at_end(page, " Typed while the server hung.")
    expect(page.locator("#save-state")).to_have_text("Not saved – kept in this browser", timeout=10_000)
    kept = page.evaluate("Object.keys(localStorage).map((k) => localStorage.getItem(k)).join(' ')")
    assert "Typed while the server hung." in kept

    release.set()  # the server answers again: the retry saves without a conflict
    expect(page.locator("#save-state")).to_have_text(re.compile(r"Saved \d"), timeout=20_000)
    expect(page.locator("#conflict-banner-js")).to_be_hidden()
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "Saved on the server. Typed while the server hung."
