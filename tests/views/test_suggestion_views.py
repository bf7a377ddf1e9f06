"""Suggestions through the app with the built-in engine (no model configured)."""

from sqlalchemy import select

from drafts.models import Draft, Revision, RevisionSource, Role, SuggestionRequest
from drafts.suggestions.builtin_grounding import grounded
from tests.factories import autosave, login, make_draft, make_user
from tests.sse import suggest

WORDY = "In order to reduce cost, we really need to utilize the cloud in a more efficient manner."


def test_builtin_engine_is_the_default_and_says_so(client, dbs):
    user = make_user(dbs)
    login(client, user)
    data = client.get("/suggestions/actions").json
    assert data["builtin"] is True and data["provider"] == "Built-in engine (offline)"
    assert data["label"] == "Built-in engine (offline) · no model configured"
    names = {a["name"] for a in data["actions"]}
    assert names == {"clarity", "concise", "expand_example", "executive", "conversational", "jargon",
                     "business_case", "headlines", "outline", "excerpt", "cta"}
    page = client.get(f"/drafts/{make_draft(dbs, user).id}").get_data(as_text=True)
    assert 'id="suggest-panel"' in page and "Suggest" in page


def test_concise_streams_a_rewrite_as_changes_and_is_recorded(client, dbs):
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user, body=WORDY)
    response, events = suggest(client, "concise", WORDY, draft.id)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    names = [name for name, _ in events]
    assert names[0] == "start" and names[-1] == "done" and names.count("delta") >= 2
    assert events[0][1]["builtin"] is True
    streamed = "".join(e["text"] for name, e in events if name == "delta")
    result = events[-1][1]["result"]
    assert result["kind"] == "rewrite" and result["text"] == streamed.strip("\n")
    assert len(result["text"]) < len(WORDY)
    changes = [s for s in result["segments"] if s["kind"] == "change"]
    assert changes and "".join(s["old"] for s in result["segments"]) == WORDY
    row = dbs.scalar(select(SuggestionRequest))
    assert (row.user_id, row.draft_id, row.action, row.provider, row.outcome) == (
        user.id, draft.id, "concise", "builtin", "ok")
    assert row.tokens_in > 0 and row.tokens_out > 0 and row.prompt_version == "system-1/concise-1"
    assert events[-1][1]["request_id"] == row.id
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == WORDY  # nothing changes until the author accepts


def test_accepting_saves_a_suggestion_revision_with_action_and_model(client, dbs):
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user, body=WORDY)
    _, events = suggest(client, "concise", WORDY, draft.id)
    done = events[-1][1]
    accepted = done["result"]["text"]
    response = autosave(client, draft.id, 1, title=draft.title, body=accepted, explicit=True,
                        suggestion_id=done["request_id"])
    assert response.status_code == 200
    revision = dbs.scalars(select(Revision).where(Revision.draft_id == draft.id)
                           .order_by(Revision.number.desc())).first()
    assert revision.source is RevisionSource.SUGGESTION and revision.body == accepted
    assert revision.note == "Suggestion: Make it concise · built-in engine"
    # Another user's suggestion id cannot be used to label a revision.
    other = make_user(dbs)
    login(client, other)
    other_draft = make_draft(dbs, other)
    response = autosave(client, other_draft.id, 1, body="x", suggestion_id=done["request_id"])
    assert response.status_code == 422 and "cannot be applied" in response.json["error"]


def test_choices_and_outline_and_excerpt(client, dbs):
    user = make_user(dbs)
    login(client, user)
    body = ("We cut our cloud bill by 31% in two quarters. It started with one question: who owns "
            "this cost? Finance and engineering now review spend every week.")
    draft = make_draft(dbs, user, body=body)
    _, events = suggest(client, "headlines", body, draft.id, title="Cloud costs")
    result = events[-1][1]["result"]
    assert result["kind"] == "choices" and 1 <= len(result["choices"]) <= 5
    assert all(c["text"] and c["rationale"] for c in result["choices"])
    assert all(grounded(c["text"], body) for c in result["choices"])  # the author's own words
    _, events = suggest(client, "excerpt", body, draft.id)
    result = events[-1][1]["result"]
    assert result["kind"] == "excerpt" and 0 < len(result["excerpt"]) <= 160
    _, events = suggest(client, "cta", body, draft.id)
    ctas = events[-1][1]["result"]["choices"]
    assert 1 <= len(ctas) <= 3 and all(grounded(c["text"], body) for c in ctas)
    _, events = suggest(client, "outline", "Why the board should care about cloud costs")
    outline = events[-1][1]["result"]
    assert outline["kind"] == "outline" and outline["text"].startswith("# ") and "## " in outline["text"]


def test_refusals_are_plain_sentences(client, dbs, app):
    user = make_user(dbs)
    login(client, user)
    response, _ = suggest(client, "concise", "x" * 12_001)
    assert response.status_code == 413 and "Select a shorter passage" in response.json["error"]
    response, _ = suggest(client, "concise", "   ")
    assert response.status_code == 422 and "select a passage" in response.json["error"]
    response, _ = suggest(client, "rhyme", "text")
    assert response.status_code == 422 and "does not exist" in response.json["error"]
    response = client.post("/suggestions", data="nope", content_type="application/json")
    assert response.status_code == 400
    response = client.post("/suggestions", json={"action": "concise", "text": "x"}, csrf=False)
    assert response.status_code == 400


def test_suggestions_need_the_author_role_and_own_draft(client, dbs):
    owner = make_user(dbs)
    draft = make_draft(dbs, owner, body=WORDY)
    login(client, make_user(dbs, Role.REVIEWER))
    assert client.post("/suggestions", json={"action": "concise", "text": "x"}).status_code == 403
    login(client, make_user(dbs))
    response, _ = suggest(client, "concise", WORDY, draft.id)
    assert response.status_code == 404


def test_a_rewrite_that_leaves_a_long_sentence_says_so_in_its_notes(client, dbs):
    """Offered edits plus a plain note on what the engine could not fix (issue 13, item 1)."""
    login(client, make_user(dbs))
    long_one = ("Understanding how CMOs prioritize projects, allocate budgets and resources, and lead "
                "their teams to hit their goals, even when the strategy or tactics change, can provide "
                "CIOs with great learnings in what it means to be agile.")
    _, events = suggest(client, "clarity", long_one)
    name, done = events[-1]
    assert name == "done" and "great lessons" in done["result"]["text"]
    assert done["result"]["notes"] == [
        "1 sentence is still over 25 words, and the built-in engine found no safe split for it: "
        "“Understanding how CMOs prioritize projects, allocate…” (37 words): no point where two "
        "whole clauses meet, so it needs rewording."]
