import re

from sqlalchemy import event, select

from drafts.models import Draft, DraftStatus, Revision, RevisionSource, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import autosave, login, make_draft, make_user

LONG = ("Our cloud bill fell by a third in two quarters. " * 40).strip()


def _people(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    return author, reviewer


def test_submit_is_refused_on_the_server_with_unmet_items(client, dbs):
    author, _ = _people(dbs)
    draft = make_draft(dbs, author, title="", body="Too short.")
    login(client, author)
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert 'id="checklist"' in page and 'value="submit"' in page
    response = client.post(f"/drafts/{draft.id}/workflow", json={"action": "submit"})
    assert response.status_code == 422
    assert "cannot be submitted yet" in response.json["error"] and "A title" in response.json["error"]
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).status is DraftStatus.DRAFT


def test_analysis_reports_the_checklist_live(client, dbs):
    author, _ = _people(dbs)
    login(client, author)
    data = client.post("/drafts/analysis", json={"body": LONG, "title": "", "excerpt": "", "tags": "a"}).json
    items = {c["key"]: c for c in data["checklist"]}
    assert items["title"]["passed"] is False and items["title"]["level"] == "required"
    assert items["tags"]["passed"] is True and items["word_count"]["passed"] is True


def test_reviewers_see_only_submitted_drafts_and_edit_them(client, dbs):
    author, reviewer = _people(dbs)
    draft = make_draft(dbs, author, title="Cloud", body=LONG)
    login(client, reviewer)
    assert client.get(f"/drafts/{draft.id}").status_code == 404
    assert "Cloud" not in client.get("/review").get_data(as_text=True)
    login(client, author)
    assert client.post(f"/drafts/{draft.id}/workflow", data={"action": "submit"}).status_code == 302
    login(client, reviewer)
    assert client.get("/").headers["Location"] == "/review"
    queue_page = client.get("/review").get_data(as_text=True)
    assert f'data-draft="{draft.id}"' in queue_page and "Ana Author" in queue_page
    dbs.expire_all()
    version = dbs.get(Draft, draft.id).version
    response = autosave(client, draft.id, version, title="Cloud", body=LONG + " Marketing line.", explicit=True)
    assert response.status_code == 200
    latest = dbs.scalars(select(Revision).where(Revision.draft_id == draft.id).order_by(Revision.number.desc())).first()
    assert latest.source is RevisionSource.REVIEWER and latest.author_id == reviewer.id


def test_request_changes_needs_a_note_and_shows_in_the_timeline(client, dbs):
    author, reviewer = _people(dbs)
    draft = make_draft(dbs, author, title="Cloud", body=LONG)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    login(client, reviewer)
    response = client.post(f"/drafts/{draft.id}/workflow", data={"action": "request_changes"}, follow_redirects=True)
    assert "a note is required" in response.get_data(as_text=True)
    client.post(f"/drafts/{draft.id}/workflow", data={"action": "request_changes", "note": "Lead with the result."})
    login(client, author)
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "Changes requested" in page and "Lead with the result." in page
    assert "Notified: Ana Author" in page  # the request for changes reached the author
    assert "Notified: Rita Reviewer" in page  # the submission reached the reviewers


def test_stale_workflow_step_is_409(client, dbs):
    author, reviewer = _people(dbs)
    draft = make_draft(dbs, author, title="Cloud", body=LONG)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    seen = draft.version
    other = make_user(dbs, Role.REVIEWER)
    workflow.act(dbs, dbs.get(Draft, draft.id), other, Action.APPROVE)
    dbs.commit()
    login(client, reviewer)
    response = client.post(f"/drafts/{draft.id}/workflow",
                           json={"action": "request_changes", "note": "x", "expected_version": seen})
    assert response.status_code == 409 and "Someone else acted on this draft" in response.json["error"]


def test_author_cannot_approve_and_others_get_403(client, dbs):
    author, reviewer = _people(dbs)
    draft = make_draft(dbs, author, title="Cloud", body=LONG)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    login(client, author)
    response = client.post(f"/drafts/{draft.id}/workflow", json={"action": "approve"})
    assert response.status_code == 403 and "Nobody approves their own post" in response.json["error"]
    login(client, make_user(dbs, Role.AUTHOR))
    assert client.post(f"/drafts/{draft.id}/workflow", json={"action": "approve"}).status_code == 404


def test_tracked_changes_page_and_decisions(client, dbs):
    author, reviewer = _people(dbs)
    draft = make_draft(dbs, author, title="T", body="We moved fast. Costs fell a lot.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    login(client, reviewer)
    autosave(client, draft.id, draft.version, title="T", body="We moved quickly. Costs fell by a third.", explicit=True)
    login(client, author)
    page = client.get(f"/drafts/{draft.id}/changes").get_data(as_text=True)
    assert "What marketing changed" in page
    indexes = re.findall(r'name="accept" value="(\d+)"', page)
    # "fast" -> "quickly", and "a lot" -> "by a third" (read as one change, not confetti)
    assert len(indexes) == 2
    base = re.search(r'name="base_revision" value="(\d+)"', page).group(1)
    version = re.search(r'name="base_version" value="(\d+)"', page).group(1)
    response = client.post(f"/drafts/{draft.id}/changes",
                           data={"accept": indexes[1:], "base_revision": base, "base_version": version})
    assert response.status_code == 302
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "We moved fast. Costs fell by a third."


def test_queue_runs_constant_queries(client, dbs, app):
    author, reviewer = _people(dbs)
    login(client, reviewer)
    engine = app.extensions["byline.db"][0]

    def count() -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get("/review?status=all").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    def submit(n):
        for i in range(n):
            d = make_draft(dbs, author, title=f"Post {i}", body=LONG, tags="x")
            workflow.act(dbs, d, author, Action.SUBMIT)
            workflow.act(dbs, d, reviewer, Action.CLAIM)
        dbs.commit()

    submit(3)
    small = count()
    submit(25)
    assert count() == small


def test_checklist_admin_page(client, dbs):
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    assert "Word count in range" in client.get("/admin/checklist").get_data(as_text=True)
    response = client.post("/admin/checklist", data={"title-level": "off", "word_count-level": "required",
                                                     "word_count-min": "10", "word_count-max": "20",
                                                     "readability-level": "off", "structure-level": "off",
                                                     "excerpt-level": "required", "tags-level": "off"})
    assert response.status_code == 302
    page = client.get("/admin/checklist").get_data(as_text=True)
    assert 'name="word_count-min" value="10"' in page
    login(client, make_user(dbs, Role.REVIEWER))
    assert client.get("/admin/checklist").status_code == 403


def _queue_row(html: str, draft_id: int) -> str:
    match = re.search(rf'<tr data-draft="{draft_id}">(.*?)</tr>', html, re.S)
    assert match, "the draft is not in the queue"
    return match.group(1)


def test_claim_in_the_queue_shows_the_claim_and_the_button_goes(client, dbs):
    author, reviewer = _people(dbs)
    other = make_user(dbs, Role.REVIEWER, name="Otto Other")
    draft = make_draft(dbs, author, title="Cloud", body=LONG, tags="cloud", excerpt="Why.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    dbs.commit()
    login(client, reviewer)
    row = _queue_row(client.get("/review").get_data(as_text=True), draft.id)
    assert 'value="claim"' in row and "Claimed by you" not in row

    response = client.post(f"/drafts/{draft.id}/workflow", data={"action": "claim", "back": "queue"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review")
    row = _queue_row(client.get("/review").get_data(as_text=True), draft.id)
    assert "Claimed by you" in row and 'value="claim"' not in row
    editor = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "Claimed by you" in editor and 'value="claim"' not in editor
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).assignee_id == reviewer.id

    # Another reviewer sees who holds it, and no button to take it.
    login(client, other)
    row = _queue_row(client.get("/review").get_data(as_text=True), draft.id)
    assert "Rita Reviewer" in row and 'value="claim"' not in row and "Claimed by you" not in row
