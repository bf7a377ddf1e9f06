"""Home by role, and no link in the app leads a signed-in person to a 403 page.

The crawl signs in as every single role and every combination of roles,
starts at the home page, and follows every same-site link (<a href>) on
every page it reaches, in a world with drafts in each workflow state, a
comment and notifications. A link that answers 403, on its own or after
redirects, fails the test with the page it was found on.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import combinations
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from drafts.models import Role
from drafts.review import comments, workflow
from drafts.review.notifications import notify
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user

A, R, W = Role.AUTHOR, Role.REVIEWER, Role.ADMIN
ROLE_SETS = [frozenset(c) for n in (1, 2, 3) for c in combinations((A, R, W), n)]
MAX_PAGES = 250
# Query-string variants of one path worth following (filters, sorts, pages).
MAX_VARIANTS = 12


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(page_url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        url = urldefrag(urljoin("http://localhost" + page_url, href))[0]
        parts = urlsplit(url)
        if parts.netloc != "localhost" or parts.path.startswith("/static/"):
            continue
        out.append(parts.path + ("?" + parts.query if parts.query else ""))
    return out


def _world(dbs, roles: frozenset):
    ana = make_user(dbs, A, name="Ana Author")
    rita = make_user(dbs, R, name="Rita Reviewer")
    make_user(dbs, W, name="Ada Admin")
    me = make_user(dbs, *roles, name="Combo " + "+".join(sorted(r.value for r in roles)))
    body = "Our cloud bill fell by a third. We changed how we buy compute. " * 20
    submitted = make_draft(dbs, ana, title="In review", body=body)
    workflow.act(dbs, submitted, ana, Action.SUBMIT)
    changes = make_draft(dbs, ana, title="Needs changes", body=body)
    workflow.act(dbs, changes, ana, Action.SUBMIT)
    workflow.act(dbs, changes, rita, Action.REQUEST_CHANGES, note="Shorter, please.")
    make_draft(dbs, ana, title="Private draft", body=body)
    comments.add_comment(dbs, submitted, rita, "A question about the numbers.")
    authored = []
    if roles & {A, W}:
        own = make_draft(dbs, me, title="My own draft", body=body)
        sent = make_draft(dbs, me, title="My submitted draft", body=body)
        workflow.act(dbs, sent, me, Action.SUBMIT)
        authored = [own, sent]
    notify(dbs, event="submitted", draft=submitted, actor=ana, recipients=[me],
           message="Ana Author submitted “In review” for review.")
    notify(dbs, event="commented", draft=changes, actor=rita, recipients=[me],
           message="Rita Reviewer commented on “Needs changes”.")
    dbs.commit()
    return me, authored


def _crawl(client) -> tuple[dict[str, int], list[str]]:
    seen: dict[str, int] = {}
    variants: dict[str, int] = {}
    forbidden: list[str] = []
    queue = [("/", "(sign-in)")]
    while queue and len(seen) < MAX_PAGES:
        url, found_on = queue.pop(0)
        if url in seen:
            continue
        path = url.split("?")[0]
        if "?" in url:
            variants[path] = variants.get(path, 0) + 1
            if variants[path] > MAX_VARIANTS:
                continue
        response = client.get(url, follow_redirects=True)
        seen[url] = response.status_code
        if response.status_code == 403 or any(r.status_code == 403 for r in response.history):
            forbidden.append(f"{url} (linked from {found_on}) answered 403")
            continue
        if response.status_code == 200 and response.mimetype == "text/html":
            landed = response.request.path
            for link in _links(landed, response.get_data(as_text=True)):
                if link not in seen:
                    queue.append((link, url))
    return seen, forbidden


@pytest.mark.parametrize("roles", ROLE_SETS, ids=lambda rs: "+".join(sorted(r.value for r in rs)))
def test_no_link_leads_a_signed_in_person_to_403(client, dbs, roles):
    me, authored = _world(dbs, roles)
    login(client, me)
    seen, forbidden = _crawl(client)
    assert forbidden == []
    # The crawl really went places: home, notifications, profile, and the drafts they lead to.
    assert "/notifications" in seen and "/profile" in seen
    assert any(url.startswith("/drafts/") for url in seen)
    for draft in authored:
        assert f"/drafts/{draft.id}" in seen
    if R in roles or W in roles:
        assert any(url.startswith("/review") for url in seen)


def test_reviewer_lands_on_the_queue(client, dbs):
    rita = make_user(dbs, R)
    response = client.post("/login", data={"email": rita.email, "password": "correct horse battery"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/review"
    assert "Not allowed" not in response.get_data(as_text=True)


def test_author_lands_on_their_drafts(client, dbs):
    ana = make_user(dbs, A)
    login(client, ana)
    response = client.get("/", follow_redirects=True)
    assert response.request.path == "/drafts"


def test_admin_lands_on_an_overview(client, dbs):
    ada = make_user(dbs, W, name="Ada Admin")
    make_user(dbs, A)
    login(client, ada)
    html = client.get("/").get_data(as_text=True)
    assert "Team overview" in html and "People with an active account: <strong>2</strong>" in html
    assert "Writing" not in html and "Reviewing" not in html


def test_several_roles_get_one_section_per_role(client, dbs):
    ana = make_user(dbs, A, name="Ana Author")
    both = make_user(dbs, A, R, name="Sam Both")
    body = "Our cloud bill fell by a third. " * 20
    for title in ("One", "Two", "Three"):
        workflow.act(dbs, make_draft(dbs, ana, title=title, body=body), ana, Action.SUBMIT)
    mine = make_draft(dbs, both, title="Mine", body=body)
    workflow.act(dbs, mine, both, Action.SUBMIT)
    workflow.act(dbs, mine, make_user(dbs, R), Action.REQUEST_CHANGES, note="Shorter.")
    dbs.commit()
    login(client, both)
    html = client.get("/").get_data(as_text=True)
    assert "Waiting for your review: <strong>3</strong>" in html
    assert "Your drafts needing changes: <strong>1</strong>" in html
    assert "Team overview" not in html


def test_error_page_links_home_not_to_a_forbidden_page(client, dbs):
    rita = make_user(dbs, R)
    login(client, rita)
    response = client.get("/admin/users")
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    assert "Go to my drafts" not in html and 'href="/"' in html


def test_my_drafts_filters_by_status_with_badges(client, dbs):
    ana = make_user(dbs, A)
    body = "Our cloud bill fell by a third. " * 20
    make_draft(dbs, ana, title="Quiet draft", body=body)
    sent = make_draft(dbs, ana, title="Sent draft", body=body)
    workflow.act(dbs, sent, ana, Action.SUBMIT)
    dbs.commit()
    login(client, ana)
    html = client.get("/drafts").get_data(as_text=True)
    assert 'status-badge status-in_review">In review<' in html
    assert 'status-badge status-draft">Draft<' in html
    only = client.get("/drafts?status=in_review").get_data(as_text=True)
    assert "Sent draft" in only and "Quiet draft" not in only
    none = client.get("/drafts?status=published").get_data(as_text=True)
    assert "None of your drafts is published" in none


def test_my_drafts_shows_the_readability_light_and_the_live_link(client, dbs):
    from sqlalchemy import select

    from drafts import coach
    from drafts.models import Destination, ExportRecord, Revision

    ana = make_user(dbs, A)
    live = make_draft(dbs, ana, title="Live one", body="Our cloud bill fell by a third. " * 20)
    quiet = make_draft(dbs, ana, title="Quiet one", body="Short.")
    coach.score_history(dbs, list(dbs.scalars(select(Revision).where(Revision.draft_id == live.id))))
    blog = Destination(kind="static", name="Site", settings_json="{}")
    dbs.add(blog)
    dbs.flush()
    dbs.add(ExportRecord(draft_id=live.id, destination_id=blog.id, status="published",
                         remote_url="https://blog.example.com/cloud"))
    dbs.add(ExportRecord(draft_id=quiet.id, destination_id=blog.id, status="failed",
                         remote_url="javascript:alert(1)"))
    dbs.commit()
    login(client, ana)
    html = client.get("/drafts").get_data(as_text=True)
    assert 'href="https://blog.example.com/cloud"' in html and "Live post" in html
    assert html.count("Live post") == 1 and "javascript:" not in html
    assert re.search(r'class="light light-(green|orange|red)" title="Readability: \w+, \d+/100"', html)
