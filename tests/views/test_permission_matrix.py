"""Every route against anonymous, author (own and other's draft), reviewer and admin.

The matrix must list every route the app has (a new route without an entry
fails the test). "ok" means the request was allowed: any answer except 401,
403, 404 or a redirect to the sign-in page (a 422 for the empty test payload
counts as allowed: the role check passed and the input was judged).
"""

from __future__ import annotations

import pytest

from drafts import comments, glossary, notifications, workflow
from drafts.models import Destination, Role
from drafts.workflow import Action
from tests.factories import login, make_draft, make_user

OK, F, N, L = "ok", "403", "404", "login"
O = OK  # noqa: E741 - short names keep the matrix readable
ROLES = ("anonymous", "author_own", "author_other", "reviewer", "admin")


def row(own, other, reviewer, admin, anonymous=L):
    return dict(anonymous=anonymous, author_own=own, author_other=other, reviewer=reviewer, admin=admin)


DRAFT_READ = row(O, N, O, O)       # reviewers see submitted drafts
WRITER_DRAFT = row(O, N, F, O)     # author-only steps on a draft
ADMIN_ONLY = row(F, F, F, O)
WRITERS = row(O, O, F, O)
EVERYONE = row(O, O, O, O)
REVIEWERS = row(F, F, O, O)

MATRIX: dict[tuple[str, str], dict[str, str]] = {
    ("editor.home", "GET"): EVERYONE,
    ("health", "GET"): row(O, O, O, O, anonymous=O),
    ("auth.login", "GET"): row(O, O, O, O, anonymous=O),
    ("auth.login", "POST"): row(O, O, O, O, anonymous=O),
    ("auth.setup", "GET"): row(N, N, N, N, anonymous=N),
    ("auth.setup", "POST"): row(N, N, N, N, anonymous=N),
    ("admin.users", "GET"): ADMIN_ONLY, ("admin.users", "POST"): ADMIN_ONLY,
    ("admin.edit_user", "GET"): ADMIN_ONLY, ("admin.edit_user", "POST"): ADMIN_ONLY,
    ("admin.set_active", "POST"): ADMIN_ONLY,
    ("suggestions.model_settings", "GET"): ADMIN_ONLY, ("suggestions.model_settings", "POST"): ADMIN_ONLY,
    ("suggestions.usage_report", "GET"): ADMIN_ONLY,
    ("review.checklist_settings", "GET"): ADMIN_ONLY, ("review.checklist_settings", "POST"): ADMIN_ONLY,
    ("review.queue_page", "GET"): REVIEWERS,
    ("coach.api_analyze", "POST"): EVERYONE,
    ("coach.draft_analysis", "POST"): EVERYONE,
    ("coach.glossary_index", "GET"): EVERYONE, ("coach.glossary_index", "POST"): REVIEWERS,
    ("coach.glossary_edit", "GET"): REVIEWERS, ("coach.glossary_edit", "POST"): REVIEWERS,
    ("coach.glossary_delete", "POST"): REVIEWERS,
    ("editor.index", "GET"): WRITERS, ("editor.create", "POST"): WRITERS,
    ("editor.new", "GET"): WRITERS, ("editor.create_json", "POST"): WRITERS,
    ("editor.preview", "POST"): WRITERS,
    ("suggestions.suggest", "POST"): WRITERS, ("suggestions.actions", "GET"): WRITERS,
    ("editor.edit", "GET"): DRAFT_READ, ("editor.save", "POST"): DRAFT_READ,
    ("editor.autosave", "POST"): DRAFT_READ, ("editor.compare", "GET"): DRAFT_READ,
    ("editor.history", "GET"): DRAFT_READ, ("editor.revision", "GET"): DRAFT_READ,
    ("editor.restore", "POST"): DRAFT_READ, ("editor.heartbeat", "POST"): DRAFT_READ,
    ("editor.leave", "POST"): DRAFT_READ,
    ("review.changes", "GET"): DRAFT_READ, ("review.act", "POST"): DRAFT_READ,
    ("review.decide", "POST"): row(O, N, F, O),
    ("coach.dismiss", "POST"): DRAFT_READ, ("coach.clear_dismissals", "POST"): DRAFT_READ,
    ("comments.list_comments", "GET"): DRAFT_READ, ("comments.create", "POST"): DRAFT_READ,
    ("comments.edit", "POST"): row(O, N, F, F), ("comments.resolve", "POST"): DRAFT_READ,
    ("comments.reopen", "POST"): DRAFT_READ,
    ("editor.copy_aside", "POST"): WRITER_DRAFT, ("editor.untrash", "POST"): WRITER_DRAFT,
    ("notifications.index", "GET"): EVERYONE, ("notifications.preferences", "GET"): EVERYONE,
    ("notifications.preferences", "POST"): EVERYONE, ("notifications.read_all", "POST"): EVERYONE,
    ("notifications.read", "POST"): row(O, N, N, N),
    ("export.destinations", "GET"): ADMIN_ONLY, ("export.destinations", "POST"): ADMIN_ONLY,
    ("export.check", "POST"): ADMIN_ONLY, ("export.set_active", "POST"): ADMIN_ONLY,
    ("export.publish", "POST"): DRAFT_READ, ("export.schedule", "POST"): DRAFT_READ,
    ("export.download", "GET"): DRAFT_READ, ("export.static_export", "GET"): DRAFT_READ,
    ("export.static_export_all", "GET"): REVIEWERS,
    ("export.destination_authors", "GET"): ADMIN_ONLY, ("export.destination_authors", "POST"): ADMIN_ONLY,
    # Destructive ones run last.
    ("comments.delete", "POST"): row(O, N, F, F),
    ("editor.trash", "POST"): WRITER_DRAFT,
    ("auth.logout", "POST"): row(L, L, L, L),  # signing out ends on the sign-in page
}


def _routes(app):
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule, method))
    order = list(MATRIX)
    return sorted(out, key=lambda rm: order.index((rm[0].endpoint, rm[1]))
                  if (rm[0].endpoint, rm[1]) in MATRIX else -1)


def test_every_route_is_in_the_matrix(app):
    missing = [(r.endpoint, m) for r, m in _routes(app) if (r.endpoint, m) not in MATRIX]
    assert missing == []


def _world(dbs):
    own = make_user(dbs, Role.AUTHOR, name="Ana Author")
    other = make_user(dbs, Role.AUTHOR, name="Otto Other")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    admin = make_user(dbs, Role.ADMIN, name="Ada Admin")
    draft = make_draft(dbs, own, title="Cloud", body="Our cloud bill fell by a third. " * 40)
    workflow.act(dbs, draft, own, Action.SUBMIT)
    entry = glossary.add_entry(dbs, admin, term="blast radius", alternative="how much one failure breaks")
    comment = comments.add_comment(dbs, draft, own, "Check the numbers.")
    static = Destination(kind="static", name="Site files", settings_json='{"generator": "hugo"}')
    dbs.add(static)
    [note] = notifications.notify(dbs, event="commented", draft=draft, actor=reviewer,
                                  recipients=[own], message="x")
    dbs.commit()
    users = {"author_own": own, "author_other": other, "reviewer": reviewer, "admin": admin}
    ids = {"draft_id": draft.id, "number": 1, "user_id": other.id, "entry_id": entry.id,
           "comment_id": comment.id, "notification_id": note.id, "destination_id": static.id,
           "fmt": "md"}
    return users, ids


def _outcome(response) -> str:
    if response.status_code in (401, 403):
        return F
    if response.status_code == 404:
        return N
    if response.status_code in (301, 302) and "/login" in response.headers.get("Location", ""):
        return L
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    return O


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(app, client, dbs, role):
    users, ids = _world(dbs)
    if role != "anonymous":
        login(client, users[role])
    wrong = []
    for rule, method in _routes(app):
        url = rule.build({k: v for k, v in ids.items() if k in rule.arguments})[1]
        if method == "GET":
            response = client.get(url)
        elif rule.endpoint in ("auth.login", "auth.setup") or "glossary" in rule.endpoint \
                or rule.endpoint.startswith(("admin.", "review.checklist", "suggestions.model")):
            response = client.post(url, data={})
        else:
            response = client.post(url, json={})
        expected = MATRIX[(rule.endpoint, method)][role]
        got = _outcome(response)
        if got != expected:
            wrong.append(f"{method} {url} ({rule.endpoint}): expected {expected}, got {got} "
                         f"[{response.status_code}]")
    assert wrong == []
