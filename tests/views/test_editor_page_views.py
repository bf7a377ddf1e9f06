"""The editor page's JSON around the writing surface: the highlights switch, the top bar's
status and next step, the Review tab re-drawn without a reload."""

from drafts.models import Draft, DraftStatus, Role, User
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import autosave, login, make_draft, make_user

BODY = " ".join(["Finance and engineering now review cloud spend together every week."] * 20)


def test_highlights_switch_is_remembered_on_the_user(client, dbs):
    user = make_user(dbs, Role.AUTHOR)
    login(client, user)
    draft = make_draft(dbs, user, body="Margins fell.")
    assert 'data-show-highlights="1"' in client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    response = client.post("/editor/preferences/highlights", json={"visible": False})
    assert response.status_code == 200 and response.json == {"visible": False}
    dbs.expire_all()
    assert dbs.get(User, user.id).show_highlights is False
    assert 'data-show-highlights="0"' in client.get(f"/drafts/{draft.id}").get_data(as_text=True)


def test_highlights_switch_refuses_bad_input_and_needs_csrf(client, dbs, app):
    user = make_user(dbs, Role.AUTHOR)
    login(client, user)
    response = client.post("/editor/preferences/highlights", json={"visible": "no"})
    assert response.status_code == 422 and "visible" in response.json["error"]
    dbs.expire_all()
    assert dbs.get(User, user.id).show_highlights is True
    raw = app.test_client()
    assert raw.post("/editor/preferences/highlights", json={"visible": False}).status_code in (302, 400, 401)


def test_heartbeat_and_autosave_carry_status_and_next_step(client, dbs):
    author = make_user(dbs, Role.AUTHOR)
    login(client, author)
    draft = make_draft(dbs, author, title="Cloud", body=BODY, tags="cloud", excerpt="Why.")
    beat = client.post(f"/drafts/{draft.id}/presence", json={}).json
    assert beat["workflow"]["status"] == "draft"
    assert beat["workflow"]["next_step"] == {"action": "submit", "label": "Submit for review",
                                             "kind": "workflow"}
    saved = autosave(client, draft.id, 1, body=BODY + " More.")
    assert saved.json["workflow"]["status_label"] == "Draft"


def test_reviewer_sees_approve_then_publish_and_author_waits(client, dbs):
    author = make_user(dbs, Role.AUTHOR)
    reviewer = make_user(dbs, Role.REVIEWER)
    draft = make_draft(dbs, author, title="Cloud", body=BODY, tags="cloud", excerpt="Why.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    login(client, author)
    state = client.post(f"/drafts/{draft.id}/presence", json={}).json["workflow"]
    assert state["next_step"] is None and state["waiting"] == "With marketing for review"
    login(client, reviewer)
    state = client.post(f"/drafts/{draft.id}/presence", json={}).json["workflow"]
    assert state["next_step"]["action"] == "approve"
    workflow.act(dbs, dbs.get(Draft, draft.id), reviewer, Action.APPROVE)
    dbs.commit()
    state = client.post(f"/drafts/{draft.id}/presence", json={}).json["workflow"]
    assert (state["status"], state["next_step"]["kind"]) == ("approved", "publish")


def test_admin_author_is_not_offered_to_approve_their_own_post(client, dbs):
    admin = make_user(dbs, Role.ADMIN, Role.AUTHOR)
    draft = make_draft(dbs, admin, title="Cloud", body=BODY, tags="cloud", excerpt="Why.")
    draft.status = DraftStatus.IN_REVIEW
    dbs.commit()
    login(client, admin)
    state = client.post(f"/drafts/{draft.id}/presence", json={}).json["workflow"]
    assert "approve" in state["actions"]  # with an override, from the Review tab
    assert state["next_step"] is None


def test_workflow_panel_fragment_follows_the_status(client, dbs):
    author = make_user(dbs, Role.AUTHOR)
    other = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author, title="Cloud", body=BODY)
    login(client, author)
    html = client.get(f"/drafts/{draft.id}/workflow-panel").get_data(as_text=True)
    assert 'id="workflow"' in html and 'value="submit"' in html and "<html" not in html
    login(client, other)
    assert client.get(f"/drafts/{draft.id}/workflow-panel").status_code == 404


def test_coach_findings_offer_a_one_click_fix(client, dbs):
    user = make_user(dbs, Role.AUTHOR)
    login(client, user)
    data = client.post("/drafts/analysis", json={"body": "In order to grow, we must leverage data.",
                                                 "audience": "general"}).json
    fixes = {f["text"]: f["fix"] for f in data["findings"] if f["kind"] in ("wordy", "buzzword")}
    assert fixes == {"In order to": "To", "leverage": "use"}


def test_history_panel_lists_the_newest_revisions(client, dbs):
    author = make_user(dbs, Role.AUTHOR)
    other = make_user(dbs, Role.AUTHOR)
    draft = make_draft(dbs, author, title="Cloud", body="one")
    login(client, author)
    for version, body in enumerate(["two", "three"], start=1):
        assert autosave(client, draft.id, version, body=body, explicit=True).status_code == 200
    html = client.get(f"/drafts/{draft.id}/history-panel").get_data(as_text=True)
    assert 'id="draft-links"' in html and ">#3</a>" in html and ">#1</a>" in html and "<html" not in html
    login(client, other)
    assert client.get(f"/drafts/{draft.id}/history-panel").status_code == 404


def test_editor_status_is_the_shared_badge(client, dbs):
    """The top bar and the Review panel draw the status with partials/_status_badge.html,
    the badge of My drafts, the queue and notifications."""
    author = make_user(dbs, Role.AUTHOR)
    login(client, author)
    html = client.get("/drafts/new").get_data(as_text=True)
    assert '<span class="pill status-badge status-new" id="status-badge">New draft</span>' in html
    draft = make_draft(dbs, author, title="Cloud", body=BODY)
    html = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert '<span class="pill status-badge status-draft" id="status-badge">Draft</span>' in html
    assert '<span class="pill status-badge status-draft" id="draft-status">Draft</span>' in html
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    html = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert '<span class="pill status-badge status-in_review" id="status-badge">In review</span>' in html
    assert "status-pill" not in html
    list_html = client.get("/drafts").get_data(as_text=True)
    assert '<span class="pill status-badge status-in_review">In review</span>' in list_html
