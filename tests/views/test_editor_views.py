import re

from drafts.models import Draft, Revision, RevisionSource, Role
from tests.factories import autosave, login, make_draft, make_user


def _author(client, dbs, *roles):
    user = make_user(dbs, *(roles or (Role.AUTHOR,)))
    login(client, user)
    return user


def _revisions(dbs, draft_id):
    dbs.expire_all()
    return dbs.query(Revision).filter_by(draft_id=draft_id).order_by(Revision.number).all()


def test_new_draft_via_form_then_edit_page(client, dbs):
    _author(client, dbs)
    assert "Start with the point" in client.get("/drafts/new").get_data(as_text=True)
    response = client.post("/drafts", data={
        "title": "Why we stopped buying servers", "body": "Margins fell.", "excerpt": "",
        "tags": "cloud, cost", "audience": "general",
    })
    assert response.status_code == 302
    draft = dbs.query(Draft).one()
    assert (draft.title, draft.audience.value, draft.tag_names) == (
        "Why we stopped buying servers", "general", ["cloud", "cost"])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '>Why we stopped buying servers</textarea>' in page  # the title wraps like the post's
    assert "Margins fell." in page and 'data-version="1"' in page


def test_create_via_json_for_autosave_on_new_page(client, dbs):
    _author(client, dbs)
    response = client.post("/drafts/new.json", json={"title": "T", "body": "B", "tags": ["x"]})
    assert response.status_code == 201
    assert response.json["draft"]["version"] == 1
    assert response.json["draft"]["edit_url"] == f"/drafts/{response.json['draft']['id']}"


def test_autosave_saves_and_reports_version(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, body="start")
    response = autosave(client, draft.id, 1, body="start and more")
    assert response.status_code == 200
    assert response.json["version"] == 2 and response.json["changed"] is True
    revs = _revisions(dbs, draft.id)
    assert [(r.source, r.body) for r in revs][-1] == (RevisionSource.AUTOSAVE, "start and more")
    # Ctrl+S is an explicit save: recorded as the author's save.
    response = autosave(client, draft.id, 2, body="final", explicit=True)
    assert _revisions(dbs, draft.id)[-1].source is RevisionSource.AUTHOR


def test_stale_autosave_gets_409_with_server_version_and_diff(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, body="We cut costs.")
    assert autosave(client, draft.id, 1, body="We cut costs by a third.").status_code == 200
    response = autosave(client, draft.id, 1, body="We cut costs quickly.")
    assert response.status_code == 409
    conflict = response.json["conflict"]
    assert conflict["server"]["version"] == 2
    assert conflict["server"]["body"] == "We cut costs by a third."
    assert '<ins class="diff-ins">quickly</ins>' in conflict["diff_html"]
    assert "Your text was kept as a conflict copy" in response.json["error"]
    revs = _revisions(dbs, draft.id)
    assert revs[-1].source is RevisionSource.CONFLICT and revs[-1].body == "We cut costs quickly."
    assert conflict["conflict_revision"] == revs[-1].number
    # "Keep mine": save again on the server's version.
    response = autosave(client, draft.id, 2, body="We cut costs quickly.", explicit=True)
    assert response.status_code == 200
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "We cut costs quickly."


def test_plain_form_save_and_plain_form_conflict(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, title="T", body="one")
    form = {"title": "T", "body": "two", "excerpt": "", "tags": "", "audience": "executive", "base_version": "1"}
    response = client.post(f"/drafts/{draft.id}", data=form)
    assert response.status_code == 302
    form["body"] = "three, from an old tab"
    response = client.post(f"/drafts/{draft.id}", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this draft" in page
    assert "three, from an old tab</textarea>" in page  # the writer's text stays in the form
    assert 'name="base_version" value="2"' in page  # "Keep mine" submits on the new version
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "two"


def test_copy_aside_makes_a_new_draft(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, title="Plan", body="server text")
    response = client.post(f"/drafts/{draft.id}/copy-aside", data={"title": "Plan", "body": "my text"})
    assert response.status_code == 302
    copy = dbs.query(Draft).filter(Draft.id != draft.id).one()
    assert (copy.title, copy.body) == ("Plan (my copy)", "my text")


def test_oversized_body_is_413_and_draft_unchanged(client, dbs, app):
    app.config["BYLINE_MAX_BODY_BYTES"] = 2_000
    user = _author(client, dbs)
    draft = make_draft(dbs, user, body="safe")
    response = autosave(client, draft.id, 1, body="x" * 2_001)
    assert response.status_code == 413
    assert "over the" in response.json["error"] and "still in the editor" in response.json["error"]
    # Past MAX_CONTENT_LENGTH the request itself is refused before parsing.
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = autosave(client, draft.id, 1, body="y" * 20_000)
    assert response.status_code == 413 and "error" in response.json
    response = client.post(f"/drafts/{draft.id}", data={"body": "z" * 20_000, "base_version": "1"})
    assert response.status_code == 413 and "Too large" in response.get_data(as_text=True)
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "safe"


def test_invalid_utf8_and_control_characters_do_not_500(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user)
    response = client.post(f"/drafts/{draft.id}/autosave", data=b'{"body": "\xff\xfe bad", "base_version": 1}',
                           content_type="application/json")
    assert response.status_code in (400, 422)
    assert "UTF-8" in response.json["error"]
    response = autosave(client, draft.id, 1, body="nul\x00 and bell\x07 and esc\x1b gone", title="A\x00B")
    assert response.status_code == 200
    dbs.expire_all()
    saved = dbs.get(Draft, draft.id)
    assert saved.body == "nul and bell and esc gone" and saved.title == "AB"
    response = client.post(f"/drafts/{draft.id}", data=b"title=%FF%FEbad&body=form%00text&base_version=2",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "formtext"


def test_wrong_types_in_json_are_422(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user)
    response = autosave(client, draft.id, 1, body=["not", "text"])
    assert response.status_code == 422 and "'body' must be text" in response.json["error"]
    response = client.post(f"/drafts/{draft.id}/autosave", json={"body": "x"})
    assert response.status_code == 422 and "which version" in response.json["error"]


def test_preview_is_sanitized_and_counts_words(client, dbs):
    _author(client, dbs)
    response = client.post("/drafts/preview", json={"body": "**Bold** move <script>alert(1)</script>"
                                                             '<img src=x onerror="alert(2)">'})
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in response.json["html"]
    assert "<script" not in response.json["html"] and "<img" not in response.json["html"]
    # Raw HTML is text the author typed (CommonMark with html off), counted as words.
    assert "move &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x" in response.json["html"]
    assert response.json["words"] == 12 and response.json["reading_minutes"] == 1


def test_script_in_draft_is_inert_on_every_page(client, dbs):
    user = _author(client, dbs)
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    draft = make_draft(dbs, user, title=evil, body=evil)
    autosave(client, draft.id, 1, title=evil, body=evil + " more")
    for url in (f"/drafts/{draft.id}", "/drafts", f"/drafts/{draft.id}/history",
                f"/drafts/{draft.id}/revisions/1", f"/drafts/{draft.id}/compare?from=1&to=2"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page, url
        assert "<img src=x onerror" not in page and 'onerror="alert' not in page, url


def test_other_authors_draft_is_404_everywhere(client, dbs):
    owner = make_user(dbs)
    draft = make_draft(dbs, owner, body="secret plan")
    _author(client, dbs)
    for method, url in [("get", f"/drafts/{draft.id}"), ("get", f"/drafts/{draft.id}/history"),
                        ("get", f"/drafts/{draft.id}/compare"), ("get", f"/drafts/{draft.id}/revisions/1"),
                        ("post", f"/drafts/{draft.id}/trash"), ("post", f"/drafts/{draft.id}/revisions/1/restore"),
                        ("post", f"/drafts/{draft.id}/presence")]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, url
        assert "secret plan" not in response.get_data(as_text=True)
    assert autosave(client, draft.id, 1, body="overwrite").status_code == 404
    assert client.get("/drafts/999999").status_code == 404
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "secret plan"


def test_reviewer_only_cannot_use_editor(client, dbs):
    _author(client, dbs, Role.REVIEWER)
    assert client.get("/drafts").status_code == 403
    assert client.post("/drafts", data={"title": "x"}).status_code == 403


def test_json_write_without_csrf_is_refused(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, body="keep")
    response = client.post(f"/drafts/{draft.id}/autosave", json={"body": "x", "base_version": 1}, csrf=False)
    assert response.status_code == 400
    assert "nothing was saved" in response.json["error"]
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "keep"


def test_list_shows_own_drafts_newest_first_with_pages(client, dbs, app):
    app.config["BYLINE_PAGE_SIZE"] = 5
    user = _author(client, dbs)
    for i in range(7):
        make_draft(dbs, user, title=f"Post number {i}")
    make_draft(dbs, make_user(dbs), title="Someone else's post")
    page = client.get("/drafts").get_data(as_text=True)
    titles = re.findall(r'class="draft-title"[^>]*>([^<]+)<', page)
    assert titles == [f"Post number {i}" for i in (6, 5, 4, 3, 2)]
    assert "Page 1 of 2 · 7 drafts" in page
    page2 = client.get("/drafts?page=2").get_data(as_text=True)
    assert re.findall(r'class="draft-title"[^>]*>([^<]+)<', page2) == ["Post number 1", "Post number 0"]


def test_list_shows_every_tag_once_in_order_and_says_when_counting_stopped(client, dbs, app, monkeypatch):
    from drafts.writing import draft_list

    app.config["BYLINE_PAGE_SIZE"] = 2
    user = _author(client, dbs)
    make_draft(dbs, user, title="Plain")
    make_draft(dbs, user, title="Tagged", tags="cloud, cost, board")
    make_draft(dbs, user, title="Newest", tags="ai")
    page = client.get("/drafts").get_data(as_text=True)
    assert re.findall(r'class="draft-title"[^>]*>([^<]+)<', page) == ["Newest", "Tagged"]
    assert re.findall(r'<span class="pill">([^<]+)</span>', page) == ["ai", "cloud", "cost", "board"]
    assert "Page 1 of 2 · 3 drafts" in page
    monkeypatch.setattr(draft_list, "COUNT_LIMIT", 2)
    page = client.get("/drafts").get_data(as_text=True)
    assert "Page 1 of 1+ · more than 2 drafts" in page and "Older →" in page


def test_trash_and_restore_from_trash(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, title="Old idea")
    def listed(url):
        return re.findall(r'data-title="([^"]*)"', client.get(url).get_data(as_text=True))

    client.post(f"/drafts/{draft.id}/trash")
    assert listed("/drafts") == []
    assert listed("/drafts?view=trash") == ["Old idea"]
    client.post(f"/drafts/{draft.id}/untrash")
    assert listed("/drafts") == ["Old idea"]


def test_history_compare_and_restore(client, dbs):
    user = _author(client, dbs)
    draft = make_draft(dbs, user, title="T", body="We moved fast.")
    autosave(client, draft.id, 1, title="T", body="We moved carefully.", explicit=True)
    history = client.get(f"/drafts/{draft.id}/history").get_data(as_text=True)
    assert "#1" in history and "#2" in history and user.name in history
    compare = client.get(f"/drafts/{draft.id}/compare?from=1&to=2").get_data(as_text=True)
    assert '<del class="diff-del">fast</del><ins class="diff-ins">carefully</ins>' in compare
    assert "1 word added" in compare
    response = client.post(f"/drafts/{draft.id}/revisions/1/restore")
    assert response.status_code == 302
    revs = _revisions(dbs, draft.id)
    assert revs[-1].number == 3 and revs[-1].source is RevisionSource.RESTORE
    assert revs[-1].body == "We moved fast." and revs[0].body == "We moved fast."


def test_presence_reports_other_editors(client, dbs, app):
    owner = make_user(dbs, Role.AUTHOR, name="Olivia Owner")
    admin = make_user(dbs, Role.ADMIN, name="Adam Admin")
    draft = make_draft(dbs, owner)
    other = app.test_client()
    login(other, admin)
    assert other.post(f"/drafts/{draft.id}/presence").json["others"] == []
    login(client, owner)
    assert client.post(f"/drafts/{draft.id}/presence").json["others"] == [{"name": "Adam Admin"}]
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "Adam Admin is also editing this draft" in page
    other.post(f"/drafts/{draft.id}/presence/leave")
    assert client.post(f"/drafts/{draft.id}/presence").json["others"] == []


def test_body_under_the_limit_is_accepted_whatever_its_encoding(make_app, app_config, dbs):
    """The limit is on the text: a 990,000-byte body of short lines is about
    1.13 MB as JSON (each newline escaped) and more as a form post, and must
    still be saved, by autosave and by the plain form."""
    from webapp.config import from_environment

    config = {**app_config, **{k: v for k, v in from_environment("/tmp").items()
                               if k in ("BYLINE_MAX_BODY_BYTES", "MAX_CONTENT_LENGTH",
                                        "MAX_FORM_MEMORY_SIZE")}}
    app = make_app(config)
    client = app.test_client()
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user, body="start")
    body = ("Short line.\n" * 82_500)[:990_000]
    response = autosave(client, draft.id, 1, body=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:200]
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == body
    accented = ("Éé déjà vu.\n" * 60_000)[:495_000]  # ~990 KB of UTF-8, ~2.6 MB form-encoded
    response = client.post(f"/drafts/{draft.id}", data={"body": accented, "title": "T",
                                                         "base_version": "2"})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == accented
