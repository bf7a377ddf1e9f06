"""Public XSS vectors in every field a person types, on every page that shows them.

The vectors (tests/browser/data/xss_vectors.txt, with their public sources)
go into a draft's title, body and excerpt, its comments and replies, a
passage comment's quote, and people's display names. Each page that shows
them is loaded in Chromium with the Content-Security-Policy switched off
(`bypass_csp`), so the sanitizer and escaping alone are tested: no dialog may
open, and no element or attribute outside the allow-list may reach the DOM.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from drafts.models import Role
from drafts.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from drafts.review import comments, workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_user

VECTORS = [
    line for line in (Path(__file__).parent / "data" / "xss_vectors.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]

# Runs in the page: everything that would let script run, anywhere in the
# document, and anything outside the allow-list inside rendered Markdown.
DOM_CHECK = """
([allowedTags, allowedAttrs]) => {
  const bad = [];
  // (The app's own <noscript> notice is fine; rendered text is checked against the allow-list below.)
  const forbidden = new Set(["IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE",
    "FOREIGNOBJECT", "STYLE", "TEMPLATE", "MARQUEE", "VIDEO", "AUDIO", "SOURCE", "MATH"]);
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster"];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toUpperCase();
    if (forbidden.has(tag)) bad.push("element " + tag);
    if (tag === "SCRIPT" && !(el.getAttribute("src") || "").startsWith("/static/")) bad.push("inline or foreign script");
    if (tag === "META" && el.getAttribute("http-equiv")) bad.push("meta http-equiv");
    if (tag === "LINK" && el.closest("body")) bad.push("link in body");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) bad.push(`${tag} ${name}`);
      if (name === "srcdoc" || name === "formaction") bad.push(`${tag} ${name}`);
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data:text)/.test(value)) bad.push(`${tag} ${name}=${value}`);
      if (name === "style" && /url\\(|expression|javascript/.test(value)) bad.push(`${tag} style`);
    }
  }
  // Rendered HTML (previews, history, downloads shown in the page) is checked against the
  // sanitizer's allow-list. The rich editor's DOM is not rendered HTML: ProseMirror builds
  // it from its schema (raw HTML is parsed as text, test_editor_bundle.py), so only the
  // document-wide checks above apply to it.
  for (const root of document.querySelectorAll(".prose, #preview")) {
    if (root.closest("#editor-mount")) continue;
    for (const el of root.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      if (!allowedTags.includes(tag)) { bad.push("rendered " + tag); continue; }
      for (const attr of el.attributes) {
        const ok = (allowedAttrs[tag] || []).includes(attr.name)
          || (tag === "a" && attr.name === "rel")
          || (tag === "mark" && ["class", "data-finding"].includes(attr.name));
        if (!ok) bad.push(`rendered ${tag} ${attr.name}`);
      }
    }
  }
  return bad;
}
"""


def _world(dbs):
    author = make_user(dbs, Role.AUTHOR, name='<img src=x onerror=alert("name")>')
    reviewer = make_user(dbs, Role.REVIEWER, name="</title><script>alert('reviewer')</script>")
    body = "\n\n".join(["# Heading <script>alert(1)</script>", *VECTORS,
                        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
                        "- <svg/onload=alert(1)>\n- <details open ontoggle=alert(1)>",
                        "```html\n<script>alert(1)</script>\n```"])
    draft = editing.create_draft(dbs, author, editing.DraftInput.from_raw(
        title='"><script>alert("title")</script><img src=x onerror=alert(1)>', body=body,
        excerpt="<svg/onload=alert('excerpt')>", tags="<b>x</b>, javascript:alert(1)", audience="executive"))
    dbs.commit()
    edited = editing.DraftInput.from_raw(
        title=draft.title + " <iframe src=javascript:alert(1)>", body=body + "\n\n<marquee onstart=alert(1)>",
        excerpt=draft.excerpt, tags="x", audience="executive")
    editing.save_draft(dbs, draft, author, edited, base_version=draft.version)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    quote = VECTORS[0]
    start = draft.body.index(quote)
    root = None
    for vector in VECTORS[:30]:
        root = comments.add_comment(dbs, draft, reviewer, f"{vector} @{author.name}")
    comments.add_comment(dbs, draft, reviewer, VECTORS[-1], quote=quote,
                         anchor_start=start, anchor_end=start + len(quote))
    comments.add_comment(dbs, draft, author, "<script>alert('reply')</script>", parent=root)
    dbs.commit()
    return author, reviewer, draft


@pytest.fixture
def xss_context(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    yield context
    context.close()


def _visit(page, url: str, ready: str | None = None) -> list[str]:
    page.goto(url)
    if ready:
        expect(page.locator(ready).first).to_be_attached(timeout=15_000)
    page.wait_for_load_state("networkidle")
    page.mouse.move(300, 300)
    page.mouse.move(700, 500)
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    return page.evaluate(DOM_CHECK, [sorted(ALLOWED_TAGS) + ["mark"],
                                     {k: sorted(v) for k, v in ALLOWED_ATTRIBUTES.items()}])


def test_xss_vectors_never_run_or_reach_the_dom(xss_context, live_server, dbs):
    assert len(VECTORS) >= 40
    author, reviewer, draft = _world(dbs)
    dialogs: list[str] = []
    page = xss_context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    base = live_server.url
    found: dict[str, list[str]] = {}

    sign_in(page, base, author.email, PASSWORD)
    found["editor"] = _visit(page, f"{base}/drafts/{draft.id}", "#comments-list li")
    # The writing surface shows the post as it will look: the vectors as the text typed.
    surface = page.locator("#editor-mount")
    expect(surface).to_contain_text("<script>alert(1)</script>")
    expect(surface).to_contain_text("Heading")
    page.wait_for_timeout(2500)  # the coach's highlights are drawn into the text
    found["editor after the coach"] = _visit(page, page.url, "#editor-mount .hl")
    found["drafts list"] = _visit(page, f"{base}/drafts")
    found["history"] = _visit(page, f"{base}/drafts/{draft.id}/history")
    found["revision"] = _visit(page, f"{base}/drafts/{draft.id}/revisions/1")
    found["compare"] = _visit(page, f"{base}/drafts/{draft.id}/compare?from=1&to=2", "#diff-body")
    found["notifications"] = _visit(page, f"{base}/notifications")
    found["profile"] = _visit(page, f"{base}/profile")

    page.context.clear_cookies()
    sign_in(page, base, reviewer.email, PASSWORD)
    found["queue"] = _visit(page, f"{base}/review", "#queue")
    expect(page.locator("#queue")).to_contain_text("<script>alert(\"title\")</script>")
    found["reviewer editor"] = _visit(page, f"{base}/drafts/{draft.id}", "#comments-list li")
    found["what changed"] = _visit(page, f"{base}/drafts/{draft.id}/changes")

    assert dialogs == []
    assert {name: bad for name, bad in found.items() if bad} == {}
