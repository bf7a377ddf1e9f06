"""Every route against anonymous, the draft's author, and every combination of roles.

The matrix must list every route the app has (a new route without an entry
fails the test). "ok" means the request was allowed: any answer except 401,
403, 404 or a redirect to the sign-in page (a 422 for the empty test payload
counts as allowed: the role check passed and the input was judged).

Each entry is a rule, not a column of answers: which roles pass the role
check (else 403), and what the person must be to the draft (else 404). The
expected answer for every combination of roles (author+reviewer, reviewer+
admin, ...) follows from it, so a person holding two roles can never do
more on someone else's draft than the rule allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations

import pytest

from drafts import glossary
from drafts.media import ImageStore, Limits
from drafts.media import service as media
from drafts.models import Destination, Role
from drafts.planning import briefs, ideas
from drafts.review import comments, notifications, workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from tests.images import png_with_exif

OK, F, N, L, U = "ok", "403", "404", "login", "401"
O = OK  # noqa: E741 - short names keep the matrix readable
A, R, W = Role.AUTHOR, Role.REVIEWER, Role.ADMIN
ROLE_SETS = [frozenset(c) for n in (1, 2, 3) for c in combinations((A, R, W), n)]
ROLES = ("anonymous", "author_own") + tuple("+".join(sorted(r.value for r in rs)) for rs in ROLE_SETS)


@dataclass(frozen=True)
class Rule:
    gate: frozenset  # roles that pass the role check (403 otherwise)
    # What the person must be to the draft (404 otherwise): "" nothing, "read" its
    # author, a reviewer (it is submitted) or an admin, "own" its author or an
    # admin, "mine" the owner of the object (a notification) only.
    access: str = ""
    object_owner: bool = False  # then also the author of the comment (403 otherwise)
    anonymous: str = L
    signed_in: str | None = None  # the same answer for everyone signed in

    def expect(self, roles: frozenset, owner: bool) -> str:
        if self.signed_in is not None:
            return self.signed_in
        if not roles & self.gate:
            return F
        if self.access == "read" and not (owner or roles & {R, W}):
            return N
        if self.access == "own" and not (owner or W in roles):
            return N
        if self.access == "mine" and not owner:
            return N
        if self.object_owner and not owner:
            return F
        return OK


def row(gate, access="", **kwargs) -> Rule:
    return Rule(frozenset(gate), access, **kwargs)


DRAFT_READ = row({A, R, W}, "read")      # reviewers see submitted drafts
WRITER_DRAFT = row({A, W}, "own")        # author-only steps on a draft (or an admin)
ADMIN_ONLY = row({W})
WRITERS = row({A, W})
EVERYONE = row({A, R, W})
REVIEWERS = row({R, W})
OPEN = row({A, R, W}, anonymous=OK)
GONE = Rule(frozenset(), anonymous=N, signed_in=N)  # the setup page, once someone exists
COMMENT_AUTHOR = row({A, R, W}, "read", object_owner=True)

MATRIX: dict[tuple[str, str], Rule] = {
    ("editor.home", "GET"): EVERYONE,
    ("health", "GET"): OPEN,
    ("auth.login", "GET"): OPEN,
    ("auth.login", "POST"): OPEN,
    ("auth.setup", "GET"): GONE,
    ("auth.setup", "POST"): GONE,
    ("auth.profile", "GET"): EVERYONE, ("auth.profile", "POST"): EVERYONE,
    ("auth.details", "POST"): EVERYONE,
    ("auth.forgot", "GET"): OPEN, ("auth.forgot", "POST"): OPEN,
    ("auth.reset", "GET"): OPEN, ("auth.reset", "POST"): OPEN,
    ("admin.users", "GET"): ADMIN_ONLY, ("admin.users", "POST"): ADMIN_ONLY,
    ("admin.edit_user", "GET"): ADMIN_ONLY, ("admin.edit_user", "POST"): ADMIN_ONLY,
    ("admin.set_active", "POST"): ADMIN_ONLY,
    ("suggestions.model_settings", "GET"): ADMIN_ONLY, ("suggestions.model_settings", "POST"): ADMIN_ONLY,
    ("suggestions.usage_report", "GET"): ADMIN_ONLY, ("suggestions.check_model", "POST"): ADMIN_ONLY,
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
    ("editor.upload_image", "POST"): DRAFT_READ, ("editor.image", "GET"): DRAFT_READ,
    ("editor.highlights_preference", "POST"): EVERYONE,
    ("review.workflow_panel", "GET"): DRAFT_READ, ("editor.history_panel", "GET"): DRAFT_READ,
    ("review.changes", "GET"): DRAFT_READ, ("review.act", "POST"): DRAFT_READ,
    ("review.decide", "POST"): WRITER_DRAFT,
    ("coach.dismiss", "POST"): DRAFT_READ, ("coach.clear_dismissals", "POST"): DRAFT_READ,
    ("comments.list_comments", "GET"): DRAFT_READ, ("comments.create", "POST"): DRAFT_READ,
    ("comments.edit", "POST"): COMMENT_AUTHOR, ("comments.resolve", "POST"): DRAFT_READ,
    ("comments.reopen", "POST"): DRAFT_READ,
    # Copying one's own typed text aside into a new draft of one's own.
    ("editor.copy_aside", "POST"): row({A, W}, "read"), ("editor.untrash", "POST"): WRITER_DRAFT,
    ("notifications.index", "GET"): EVERYONE, ("notifications.preferences", "GET"): EVERYONE,
    ("notifications.preferences", "POST"): EVERYONE, ("notifications.read_all", "POST"): EVERYONE,
    ("notifications.read", "POST"): row({A, R, W}, "mine"),
    ("notifications.open_notification", "GET"): row({A, R, W}, "mine"),
    ("notifications.unread", "GET"): EVERYONE,
    ("export.destinations", "GET"): ADMIN_ONLY, ("export.destinations", "POST"): ADMIN_ONLY,
    ("export.check", "POST"): ADMIN_ONLY, ("export.set_active", "POST"): ADMIN_ONLY,
    ("export.publish", "POST"): DRAFT_READ, ("export.schedule", "POST"): DRAFT_READ,
    ("export.download", "GET"): DRAFT_READ, ("export.static_export", "GET"): DRAFT_READ,
    ("export.static_export_all", "GET"): REVIEWERS,
    ("export.edit_destination", "GET"): ADMIN_ONLY, ("export.edit_destination", "POST"): ADMIN_ONLY,
    ("export.unpublish", "POST"): row({R, W}, "read"),
    ("export.collision", "GET"): row({R, W}, "read"), ("export.collision", "POST"): row({R, W}, "read"),
    ("export.destination_authors", "GET"): ADMIN_ONLY, ("export.destination_authors", "POST"): ADMIN_ONLY,
    # Planning: ideas are everyone's; briefs are set by marketing, read by their author too.
    ("planning.ideas_page", "GET"): EVERYONE, ("planning.ideas_page", "POST"): EVERYONE,
    ("planning.vote", "POST"): EVERYONE,
    ("planning.briefs_page", "GET"): EVERYONE,
    ("planning.new_brief", "GET"): REVIEWERS, ("planning.new_brief", "POST"): REVIEWERS,
    ("planning.brief_page", "GET"): row({A, R, W}, "read"),
    ("planning.tick", "POST"): row({A, R, W}, "read"),
    ("planning.start", "POST"): row({A}, "mine"),  # only the author the brief is for
    ("planning.move_due", "POST"): REVIEWERS,
    ("planning.edit_brief", "GET"): REVIEWERS, ("planning.edit_brief", "POST"): REVIEWERS,
    ("planning.calendar_page", "GET"): EVERYONE, ("planning.move", "POST"): REVIEWERS,
    ("planning.subscribe", "GET"): EVERYONE, ("planning.reset_feed", "POST"): EVERYONE,
    # The feed has no sign-in: a token that opens nothing is a 404 for everyone.
    ("planning.feed", "GET"): Rule(frozenset(), anonymous=N, signed_in=N),
    ("planning.cadence_settings", "GET"): ADMIN_ONLY, ("planning.cadence_settings", "POST"): ADMIN_ONLY,
    # The numbers: everyone signed in; an author's page covers their own posts only.
    ("dashboard.index", "GET"): EVERYONE, ("dashboard.posts", "GET"): EVERYONE,
    ("dashboard.suggestion_posts", "GET"): EVERYONE,
    # Destructive ones run last.
    ("comments.delete", "POST"): COMMENT_AUTHOR,
    ("editor.trash", "POST"): WRITER_DRAFT,
    ("planning.archive_brief", "POST"): REVIEWERS,
    ("planning.archive_idea", "POST"): REVIEWERS,  # the idea is the admin's: marketing may archive it
    # Signing out ends on the sign-in page.
    ("auth.sign_out_everywhere", "POST"): Rule(frozenset(), signed_in=L),
    ("auth.logout", "POST"): Rule(frozenset(), signed_in=L),
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


def _world(dbs, app, role: str):
    own = make_user(dbs, Role.AUTHOR, name="Ana Author")
    other = make_user(dbs, Role.AUTHOR, name="Otto Other")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    admin = make_user(dbs, Role.ADMIN, name="Ada Admin")
    users = {"author_own": own}
    if role not in ("anonymous", "author_own"):
        users[role] = make_user(dbs, *(Role(name) for name in role.split("+")), name=f"Combo {role}")
    draft = make_draft(dbs, own, title="Cloud", body="Our cloud bill fell by a third. " * 40)
    workflow.act(dbs, draft, own, Action.SUBMIT)
    entry = glossary.add_entry(dbs, admin, term="blast radius", alternative="how much one failure breaks")
    comment = comments.add_comment(dbs, draft, own, "Check the numbers.")
    static = Destination(kind="static", name="Site files", settings_json='{"generator": "hugo"}')
    dbs.add(static)
    [note] = notifications.notify(dbs, event="commented", draft=draft, actor=reviewer,
                                  recipients=[own], message="x")
    image = media.upload(dbs, ImageStore(app.config["BYLINE_IMAGE_DIR"]), draft, own,
                         png_with_exif(), Limits())
    idea = ideas.add_idea(dbs, admin, ideas.IdeaFields(title="Cloud costs"))
    brief = briefs.create_brief(dbs, admin, briefs.BriefFields(
        title="Cloud costs", author_id=own.id, due_on=date(2030, 1, 1), points=["The number"]))
    dbs.commit()
    ids = {"draft_id": draft.id, "number": 1, "user_id": other.id, "entry_id": entry.id,
           "comment_id": comment.id, "notification_id": note.id, "destination_id": static.id,
           "fmt": "md", "name": image.name, "token": "not-a-valid-link", "idea_id": idea.id,
           "brief_id": brief.id, "point_id": brief.points[0].id}
    return users, ids


def _outcome(response) -> str:
    if response.status_code == 401:
        assert response.is_json and response.json["error"], response.get_data(as_text=True)[:300]
        return U
    if response.status_code == 403:
        return F
    if response.status_code == 404:
        return N
    if response.status_code in (301, 302) and "/login" in response.headers.get("Location", ""):
        return L
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    return O


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(app, client, dbs, role):
    users, ids = _world(dbs, app, role)
    if role != "anonymous":
        login(client, users[role])
    roles = frozenset(r.role for r in users[role].roles) if role != "anonymous" else frozenset()
    wrong = []
    for rule, method in _routes(app):
        url = rule.build({k: v for k, v in ids.items() if k in rule.arguments})[1]
        form_post = rule.endpoint in ("auth.login", "auth.setup") or "glossary" in rule.endpoint \
            or rule.endpoint.startswith(("admin.", "review.checklist", "suggestions.model", "suggestions.check", "auth."))
        if method == "GET":
            response = client.get(url)
        elif form_post:
            response = client.post(url, data={})
        else:
            response = client.post(url, json={})
        json_call = method != "GET" and not form_post
        entry = MATRIX[(rule.endpoint, method)]
        if role == "anonymous":
            # API clients get API answers: a JSON call gets 401 JSON, a page the sign-in page.
            expected = U if json_call and entry.anonymous == L else entry.anonymous
        else:
            expected = entry.expect(roles, owner=role == "author_own")
        got = _outcome(response)
        if got != expected:
            wrong.append(f"{method} {url} ({rule.endpoint}): expected {expected}, got {got} "
                         f"[{response.status_code}]")
    assert wrong == [], "\n".join(wrong)
