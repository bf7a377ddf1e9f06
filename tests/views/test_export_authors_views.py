"""Admins choose the blog author; the draft's panel says under whose name it appears."""

from sqlalchemy import select

from drafts.models import Destination, ExportAuthor, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from tests.fake_wordpress import ADMIN_PASSWORD, EDITOR_PASSWORD


def _setup(client, dbs, wordpress_server):
    admin = make_user(dbs, Role.ADMIN, name="Ada Admin")
    cio = make_user(dbs, Role.AUTHOR, name="Cleo Chief", email="cleo@corp.example")
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Company blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    return admin, cio, dbs.scalar(select(Destination))


def test_an_admin_chooses_the_wordpress_author_and_the_panel_says_so(client, dbs, wordpress_server):
    admin, cio, destination = _setup(client, dbs, wordpress_server)
    uid = wordpress_server.add_user("cleo", "author", name="Cleo C.", email="cleo@corp.example")
    page = client.get(f"/admin/destinations/{destination.id}/authors").get_data(as_text=True)
    assert "Cleo Chief" in page and f'<option value="{uid}"' in page and "csrf_token" in page
    response = client.post(f"/admin/destinations/{destination.id}/authors",
                           data={f"author-{cio.id}": str(uid)})
    assert response.status_code == 302
    row = dbs.scalar(select(ExportAuthor))
    assert (row.user_id, row.remote_id, row.remote_name, row.source) == (cio.id, str(uid), "Cleo C.", "chosen")

    draft = make_draft(dbs, cio, title="Why we moved")
    workflow.act(dbs, draft, cio, Action.SUBMIT)
    dbs.commit()
    page = client.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "Appears as Cleo C. (chosen by an admin)." in page

    bad = client.post(f"/admin/destinations/{destination.id}/authors",
                      data={f"author-{cio.id}": "999"}, follow_redirects=True)
    assert "Choose one of the blog&#39;s authors" in bad.get_data(as_text=True)
    client.post(f"/admin/destinations/{destination.id}/authors", data={f"author-{cio.id}": ""})
    assert dbs.scalar(select(ExportAuthor)) is None


def test_only_admins_choose_authors(client, dbs, wordpress_server):
    admin, cio, destination = _setup(client, dbs, wordpress_server)
    login(client, make_user(dbs, Role.REVIEWER))
    assert client.get(f"/admin/destinations/{destination.id}/authors").status_code == 403
    assert client.post(f"/admin/destinations/{destination.id}/authors",
                       data={f"author-{cio.id}": "1"}).status_code in (400, 403)
    assert dbs.scalar(select(ExportAuthor)) is None


def test_downloads_carry_the_authors_name(client, dbs, wordpress_server):
    admin, cio, destination = _setup(client, dbs, wordpress_server)
    draft = make_draft(dbs, cio, title="Why we moved", body="We moved.")
    login(client, cio)
    assert 'author: "Cleo Chief"' in client.get(f"/drafts/{draft.id}/download.md").get_data(as_text=True)
    html = client.get(f"/drafts/{draft.id}/download.html").get_data(as_text=True)
    assert '<meta name="author" content="Cleo Chief">' in html


def test_test_connection_stores_what_it_found_for_the_panel(client, dbs, wordpress_server):
    _setup(client, dbs, wordpress_server)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Admin blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "admin", "wordpress-secret": ADMIN_PASSWORD})
    admin_blog = dbs.scalar(select(Destination).where(Destination.name == "Admin blog"))
    wordpress_server.add_user("cleo", "author", name="Cleo C.", email="cleo@corp.example")
    page = client.post(f"/admin/destinations/{admin_blog.id}/check",
                       follow_redirects=True).get_data(as_text=True)
    assert "Cleo Chief&#39;s posts appear as Cleo C." in page
    dbs.expire_all()
    row = dbs.scalar(select(ExportAuthor).where(ExportAuthor.destination_id == admin_blog.id))
    assert row is not None and row.remote_name == "Cleo C."
