import pytest

from drafts.models import Role
from tests.factories import login, make_draft, make_user

BODY = "Margins fell. We changed how we buy compute."


@pytest.fixture
def setup(dbs):
    author = make_user(dbs, name="Casey Author", email="casey@example.com")
    admin = make_user(dbs, Role.ADMIN, name="Alex Admin", email="alex@example.com")
    outsider = make_user(dbs, name="Olly Outsider", email="olly@example.com")
    draft = make_draft(dbs, author, body=BODY)
    return author, admin, outsider, draft


def _post(client, url, payload=None):
    return client.post(url, json=payload if payload is not None else {})


def _comment(client, draft_id, **payload):
    response = _post(client, f"/drafts/{draft_id}/comments", payload)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.json["comment"]


def test_editor_page_includes_the_comments_panel(client, setup):
    author, _, _, draft = setup
    login(client, author)
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert 'id="comments"' in page and f'data-list-url="/drafts/{draft.id}/comments"' in page
    assert "js/comments.js" in page and "css/comments.css" in page
    page = client.get("/drafts/new").get_data(as_text=True)
    assert 'data-list-url=""' in page and "once this draft is saved" in page


def test_comment_reply_and_list(client, setup):
    author, admin, _, draft = setup
    login(client, admin)
    start = BODY.index("how we buy")
    root = _comment(client, draft.id, body="Say how much. @Casey Author?", quote="how we buy compute",
                    anchor_start=start, anchor_end=start + 18)
    assert root["quote"] == "how we buy compute" and root["anchor"] == {"start": start, "end": start + 18}
    assert root["notified"] == ["Casey Author"] and root["can_edit"] and root["author"]["name"] == "Alex Admin"
    assert root["url"] == f"/comments/{root['id']}"

    login(client, author)
    reply = _comment(client, draft.id, body="About a third.", parent_id=root["id"])
    assert reply["parent_id"] == root["id"] and reply["notified"] == ["Alex Admin"]
    _comment(client, draft.id, body="General note on the whole post.")

    data = client.get(f"/drafts/{draft.id}/comments").json
    assert (data["open"], data["resolved"]) == (2, 0)
    first, second = data["threads"]
    assert first["id"] == root["id"] and not first["resolved"] and not first["outdated"]
    assert first["can_edit"] is False and first["can_delete"] is False  # the admin's comment
    assert [r["body"] for r in first["replies"]] == ["About a third."]
    assert first["replies"][0]["can_edit"] is True
    assert second["quote"] == "" and second["anchor"] is None and second["replies"] == []


def test_list_shows_outdated_passages(client, setup, dbs):
    author, admin, _, draft = setup
    login(client, admin)
    _comment(client, draft.id, body="Which bill?", quote="Margins fell.", anchor_start=0, anchor_end=13)
    draft.body = "Costs rose. We changed how we buy compute."
    dbs.commit()
    [thread] = client.get(f"/drafts/{draft.id}/comments").json["threads"]
    assert thread["outdated"] is True and thread["anchor"] is None and thread["quote"] == "Margins fell."


def test_edit_delete_and_resolve(client, setup):
    author, admin, _, draft = setup
    login(client, admin)
    root = _comment(client, draft.id, body="Too long.")
    edited = _post(client, root["url"], {"body": "Too long: cut the second paragraph."})
    assert edited.status_code == 200 and edited.json["comment"]["edited_at"]
    assert edited.json["comment"]["body"] == "Too long: cut the second paragraph."

    login(client, author)
    assert _post(client, root["url"], {"body": "Mine"}).status_code == 403
    assert _post(client, root["url"] + "/delete").status_code == 403
    resolved = _post(client, root["url"] + "/resolve")
    assert resolved.status_code == 200 and resolved.json["resolved"] is True
    assert resolved.json["resolved_by"]["name"] == "Casey Author"
    assert client.get(f"/drafts/{draft.id}/comments").json["resolved"] == 1
    reopened = _post(client, root["url"] + "/reopen")
    assert reopened.status_code == 200 and reopened.json == {
        "id": root["id"], "resolved": False, "resolved_at": None, "resolved_by": None,
    }
    reply = _comment(client, draft.id, body="Cut.", parent_id=root["id"])

    login(client, admin)
    deleted = _post(client, root["url"] + "/delete")
    assert deleted.status_code == 200 and deleted.json == {"id": root["id"], "deleted": True}
    [thread] = client.get(f"/drafts/{draft.id}/comments").json["threads"]
    assert thread["deleted"] and thread["body"] == "Comment deleted" and thread["author"] is None
    assert thread["can_edit"] is False and [r["id"] for r in thread["replies"]] == [reply["id"]]
    assert _post(client, root["url"], {"body": "Back"}).status_code == 404


def test_people_who_cannot_see_the_draft_get_404(client, setup):
    _, admin, outsider, draft = setup
    login(client, admin)
    root = _comment(client, draft.id, body="Note")
    login(client, outsider)
    assert client.get(f"/drafts/{draft.id}/comments").status_code == 404
    assert _post(client, f"/drafts/{draft.id}/comments", {"body": "Hi"}).status_code == 404
    for suffix in ("", "/delete", "/resolve", "/reopen"):
        response = _post(client, root["url"] + suffix, {"body": "x"})
        assert response.status_code == 404 and response.json["error"]
    assert client.get("/drafts/999/comments").status_code == 404
    assert _post(client, "/comments/999/resolve").status_code == 404


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"body": ""}, "Write something"),
        ({"body": "x" * 5001}, "5,000"),
        ({"body": 5}, "'body' must be text"),
        ({"body": "ok", "anchor_start": "3", "anchor_end": 5}, "whole number"),
        ({"body": "ok", "quote": "Not in the draft"}, "not in the saved draft"),
        ({"body": "ok", "parent_id": 12345}, "no longer exists"),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_bad_input_gets_422_with_a_sentence(client, setup, payload, message):
    author, _, _, draft = setup
    login(client, author)
    response = client.post(f"/drafts/{draft.id}/comments", json=payload)
    assert response.status_code == 422
    assert message in response.json["error"]


def test_reply_to_a_reply_is_422(client, setup):
    author, _, _, draft = setup
    login(client, author)
    root = _comment(client, draft.id, body="One")
    reply = _comment(client, draft.id, body="Two", parent_id=root["id"])
    response = _post(client, f"/drafts/{draft.id}/comments", {"body": "Three", "parent_id": reply["id"]})
    assert response.status_code == 422 and "one level deep" in response.json["error"]


def test_writes_need_csrf_and_a_signed_in_user(client, setup):
    author, _, _, draft = setup
    assert client.get(f"/drafts/{draft.id}/comments").status_code == 302
    login(client, author)
    response = client.post(f"/drafts/{draft.id}/comments", json={"body": "Hi"}, csrf=False)
    assert response.status_code == 400
