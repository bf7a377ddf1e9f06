"""The CIO's name on the post: Byline authors mapped to blog authors (issue 9, item 15)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from drafts.export import authors, service
from drafts.export.base import NotAllowed, Post
from drafts.export.ghost import GhostAdapter
from drafts.export.wordpress import WordPressAdapter
from drafts.models import ExportAuthor, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from tests.factories import make_draft, make_user
from tests.fake_wordpress import ADMIN_PASSWORD, AUTHOR_PASSWORD, EDITOR_PASSWORD

BOX = SecretBox(Fernet.generate_key())
CIO_EMAIL = "cleo@corp.example"


def no_sleep(_seconds):
    return None


def _post(**changes) -> Post:
    fields = dict(title="Why we moved", slug="why-we-moved", html="<p>x</p>", markdown="x",
                  excerpt="", tags=(), status="publish")
    fields.update(changes)
    return Post(**fields)


def _approved(dbs):
    cio = make_user(dbs, Role.AUTHOR, name="Cleo Chief", email=CIO_EMAIL)
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, cio, title="Why we moved", body="We moved.")
    workflow.act(dbs, draft, cio, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return cio, reviewer, draft


def _destination(dbs, user, kind, settings, secret):
    destination = service.add_destination(dbs, user, kind=kind, name=f"{kind} blog",
                                          settings=settings, secret=secret, box=BOX)
    dbs.commit()
    return destination


# -- the adapters ------------------------------------------------------------------------


def test_wordpress_finds_a_user_by_email_with_an_administrators_account(wordpress_server):
    uid = wordpress_server.add_user("cleo", "author", name="Cleo C.", email=CIO_EMAIL)
    admin = WordPressAdapter(wordpress_server.base_url, "admin", ADMIN_PASSWORD)
    found = admin.find_author(CIO_EMAIL.upper())
    assert (found.remote_id, found.name) == (str(uid), "Cleo C.")
    assert admin.find_author("nobody@corp.example") is None
    [request] = wordpress_server.route_requests("GET", "/wp/v2/users")[-1:]
    assert request.query["context"] == "edit" and request.query["search"] == "nobody@corp.example"


def test_wordpress_says_only_an_administrator_may_search_by_email(wordpress_server):
    editor = WordPressAdapter(wordpress_server.base_url, "editor", EDITOR_PASSWORD)
    with pytest.raises(NotAllowed) as raised:
        editor.find_author(CIO_EMAIL)
    assert "administrator" in raised.value.message and "Authors" in raised.value.message
    names = [a.name for a in editor.authors()]
    assert "Editor" in names and "Contributor" in names


def test_wordpress_publishes_under_the_mapped_user_and_needs_edit_others_posts(wordpress_server):
    uid = wordpress_server.add_user("cleo", "author", name="Cleo C.", email=CIO_EMAIL)
    editor = WordPressAdapter(wordpress_server.base_url, "editor", EDITOR_PASSWORD)
    created = editor.create(_post(remote_author_id=str(uid)))
    assert wordpress_server.posts[int(created.remote_id)]["author"] == "cleo"
    assert wordpress_server.requests[-1].json["author"] == uid

    author_account = WordPressAdapter(wordpress_server.base_url, "author", AUTHOR_PASSWORD)
    with pytest.raises(NotAllowed) as raised:
        author_account.create(_post(slug="other", remote_author_id=str(uid)))
    assert "edit_others_posts" in raised.value.message and "Editor role" in raised.value.message


def test_ghost_finds_staff_by_email_and_sets_the_posts_authors(ghost_server):
    staff = ghost_server.add_user("Cleo Chief", CIO_EMAIL)
    adapter = GhostAdapter(ghost_server.base_url, ghost_server.admin_api_key)
    found = adapter.find_author(CIO_EMAIL)
    assert (found.remote_id, found.name) == (staff["id"], "Cleo Chief")
    assert adapter.find_author("nobody@corp.example") is None
    created = adapter.create(_post(remote_author_id=staff["id"]))
    [stored] = ghost_server.posts.values()
    assert [a["email"] for a in stored["authors"]] == [CIO_EMAIL]
    assert created.remote_id == stored["id"]
    adapter.create(_post(slug="owner-post"))  # nothing mapped: Ghost gives it to the owner
    assert ghost_server.post_by_slug("owner-post")["authors"][0]["email"] == "owner@ghost.example"


# -- the service: Test connection and publishing -----------------------------------------


def test_test_connection_says_under_whose_name_posts_appear_on_wordpress(dbs, wordpress_server):
    cio, reviewer, _ = _approved(dbs)
    wordpress_server.add_user("cleo", "author", name="Cleo C.", email=CIO_EMAIL)
    make_user(dbs, Role.AUTHOR, name="Otto Other", email="otto@corp.example")
    admin_account = _destination(dbs, reviewer, "wordpress", {
        "site_url": wordpress_server.base_url, "username": "admin"}, ADMIN_PASSWORD)

    sentence = service.check(dbs, admin_account, reviewer, BOX)
    assert sentence.startswith(f"Connected to {wordpress_server.base_url} as Admin.")
    assert "Cleo Chief's posts appear as Cleo C. (the blog user with cleo@corp.example)" in sentence
    assert "No WordPress user has otto@corp.example" in sentence
    row = dbs.scalar(select(ExportAuthor).where(ExportAuthor.user_id == cio.id))
    assert (row.remote_name, row.source) == ("Cleo C.", "email")


def test_test_connection_with_an_editor_account_says_it_cannot_search(dbs, wordpress_server):
    cio, reviewer, _ = _approved(dbs)
    editor_account = _destination(dbs, reviewer, "wordpress", {
        "site_url": wordpress_server.base_url, "username": "editor"}, EDITOR_PASSWORD)
    sentence = service.check(dbs, editor_account, reviewer, BOX)
    assert "Cleo Chief's posts appear under the destination's own account" in sentence
    assert "only an administrator" in sentence
    assert "its user may not look others up by email" in authors.describe(dbs, editor_account, cio)


def test_an_author_account_mapped_to_someone_else_is_told_it_lacks_edit_others_posts(
        dbs, wordpress_server):
    cio, reviewer, _ = _approved(dbs)
    uid = wordpress_server.add_user("cleo", "author", name="Cleo C.", email=CIO_EMAIL)
    author_account = _destination(dbs, reviewer, "wordpress", {
        "site_url": wordpress_server.base_url, "username": "author"}, AUTHOR_PASSWORD)
    from drafts.export.base import RemoteAuthor

    authors.remember(dbs, author_account, cio, RemoteAuthor(str(uid), "Cleo C."), source="chosen")
    dbs.commit()
    sentence = service.check(dbs, author_account, reviewer, BOX)
    assert "appear as Cleo C. (chosen by an admin)" in sentence
    assert "lacks edit_others_posts" in sentence


def test_publishing_to_wordpress_carries_the_authors_name(dbs, wordpress_server):
    cio, reviewer, draft = _approved(dbs)
    uid = wordpress_server.add_user("cleo", "author", name="Cleo C.", email=CIO_EMAIL)
    admin_account = _destination(dbs, reviewer, "wordpress", {
        "site_url": wordpress_server.base_url, "username": "admin"}, ADMIN_PASSWORD)
    record = service.publish(dbs, draft, reviewer, admin_account, box=BOX, sleep=no_sleep)
    assert wordpress_server.posts[int(record.remote_id)]["author"] == "cleo"
    assert wordpress_server._post_json(wordpress_server.posts[int(record.remote_id)])["author"] == uid
    assert authors.describe(dbs, admin_account, cio) == \
        "Appears as Cleo C. (the blog user with cleo@corp.example)."


def test_publishing_to_ghost_carries_the_staff_user_found_by_email(dbs, ghost_server):
    cio, reviewer, draft = _approved(dbs)
    ghost_server.add_user("Cleo Chief", CIO_EMAIL)
    ghost = _destination(dbs, reviewer, "ghost", {"admin_url": ghost_server.base_url},
                         ghost_server.admin_api_key)
    assert "appears as the blog user with cleo@corp.example if there is one" in \
        authors.describe(dbs, ghost, cio).lower()
    service.publish(dbs, draft, reviewer, ghost, box=BOX, sleep=no_sleep)
    [post] = ghost_server.posts.values()
    assert [a["email"] for a in post["authors"]] == [CIO_EMAIL]
    sentence = service.check(dbs, ghost, reviewer, BOX)
    assert "Cleo Chief's posts appear as Cleo Chief (the blog user with cleo@corp.example)" in sentence


def test_ghost_without_that_staff_user_says_the_owner_gets_the_post(dbs, ghost_server):
    cio, reviewer, draft = _approved(dbs)
    ghost = _destination(dbs, reviewer, "ghost", {"admin_url": ghost_server.base_url},
                         ghost_server.admin_api_key)
    sentence = service.check(dbs, ghost, reviewer, BOX)
    assert "No Ghost staff user has cleo@corp.example" in sentence and "site owner" in sentence
    service.publish(dbs, draft, reviewer, ghost, box=BOX, sleep=no_sleep)
    [post] = ghost_server.posts.values()
    assert post["authors"][0]["email"] == "owner@ghost.example"


def test_devto_says_posts_appear_under_the_keys_owner(dbs, devto_server):
    cio, reviewer, _ = _approved(dbs)
    devto = _destination(dbs, reviewer, "devto", {"base_url": devto_server.base_url},
                         devto_server.api_key)
    assert "appears under the API key's owner" in service.check(dbs, devto, reviewer, BOX)
    assert "dev.to cannot post under another name" in authors.describe(dbs, devto, cio)
