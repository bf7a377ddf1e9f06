import re

from sqlalchemy import select

from drafts.models import Destination, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD

BODY = "## Point\n\nWe cut costs. <script>alert(1)</script><img src=x onerror=alert(2)>"


def _approved(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="Cloud: a \"story\"", body=BODY, tags="cloud", excerpt="Short.")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, draft


def test_admin_adds_destination_secret_never_shown_and_checks_it(client, dbs, wordpress_server):
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    response = client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Company blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    assert response.status_code == 302
    dest = dbs.scalar(select(Destination))
    assert EDITOR_PASSWORD not in dest.secret_encrypted and EDITOR_PASSWORD not in dest.settings_json
    page = client.get("/admin/destinations").get_data(as_text=True)
    assert "Company blog" in page and EDITOR_PASSWORD not in page and "…5678" in page
    page = client.post(f"/admin/destinations/{dest.id}/check", follow_redirects=True).get_data(as_text=True)
    assert "Connected to" in page
    bad = client.post("/admin/destinations", data={"kind": "wordpress", "name": "x", "wordpress-site_url": "ftp://x",
                                                    "wordpress-username": "u", "wordpress-secret": "p"})
    assert bad.status_code == 422 and "must start with https://" in bad.get_data(as_text=True)


def test_publish_from_the_draft_page_shows_link_and_history(client, dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Company blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    dest = dbs.scalar(select(Destination))
    login(client, author)
    response = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"})
    assert response.status_code == 403 and "not the post&#39;s author" in response.get_data(as_text=True)
    login(client, reviewer)
    page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish",
                                                             "timezone": "Europe/Paris"},
                       follow_redirects=True).get_data(as_text=True)
    [post] = wordpress_server.posts.values()
    assert "Published on Company blog" in page
    assert re.search(r'class="live-link small" href="[^"]+"', page)
    assert 'id="export-history"' in page and "create · ok" in page


def test_downloads_are_sanitized_and_for_anyone_who_can_see(client, dbs):
    author, reviewer, draft = _approved(dbs)
    login(client, reviewer)
    md = client.get(f"/drafts/{draft.id}/download.md")
    assert md.status_code == 200 and "attachment" in md.headers["Content-Disposition"]
    text = md.get_data(as_text=True)
    assert text.startswith("---\n") and 'title: "Cloud: a \\"story\\""' in text and "## Point" in text
    assert "<script>" not in text and "&lt;script>" in text
    html = client.get(f"/drafts/{draft.id}/download.html").get_data(as_text=True)
    assert "<h2>Point</h2>" in html and "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    login(client, make_user(dbs, Role.AUTHOR))
    assert client.get(f"/drafts/{draft.id}/download.md").status_code == 404


def test_static_site_download(client, dbs):
    author, reviewer, draft = _approved(dbs)
    dbs.add(Destination(kind="static", name="Jekyll site", settings_json='{"generator": "jekyll"}'))
    dbs.commit()
    dest = dbs.scalar(select(Destination))
    login(client, reviewer)
    response = client.get(f"/drafts/{draft.id}/export/{dest.id}")
    assert response.status_code == 200
    assert re.search(r'filename="\d{4}-\d{2}-\d{2}-cloud-a-story\.md"', response.headers["Content-Disposition"])
    assert 'layout: "post"' in response.get_data(as_text=True)


def test_schedule_then_cli_publish_due(client, dbs, wordpress_server, runner, app):
    author, reviewer, draft = _approved(dbs)
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Company blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    dest = dbs.scalar(select(Destination))
    login(client, reviewer)
    page = client.post(f"/drafts/{draft.id}/schedule", data={
        "destination_id": dest.id, "publish_at": "2020-01-01T09:00", "timezone": "UTC"},
        follow_redirects=True).get_data(as_text=True)
    assert "Pick a time in the future" in page
    page = client.post(f"/drafts/{draft.id}/schedule", data={
        "destination_id": dest.id, "publish_at": "2099-01-01T09:00", "timezone": "America/New_York"},
        follow_redirects=True).get_data(as_text=True)
    assert "Scheduled on Company blog" in page and "Scheduled" in page
    result = runner.invoke(args=["publish-due"])
    assert result.exit_code == 0 and "Nothing is due." in result.output
    assert wordpress_server.posts == {}


def test_static_site_zip_of_all_approved_posts(client, dbs):
    import io
    import zipfile

    author, reviewer, draft = _approved(dbs)
    make_draft(dbs, author, title="Not approved")
    dbs.add(Destination(kind="static", name="Hugo site", settings_json='{"generator": "hugo"}'))
    dbs.commit()
    dest = dbs.scalar(select(Destination))
    login(client, reviewer)
    response = client.get(f"/export/{dest.id}/all")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names == ["cloud-a-story.md"]


def test_queue_filters_by_author(client, dbs):
    author, reviewer, draft = _approved(dbs)
    other = make_user(dbs, Role.AUTHOR, name="Otto Other")
    d2 = make_draft(dbs, other, title="Security budget", body="x " * 200)
    workflow.act(dbs, d2, other, Action.SUBMIT)
    dbs.commit()
    login(client, reviewer)
    page = client.get(f"/review?status=all&author={other.id}").get_data(as_text=True)
    assert f'data-draft="{d2.id}"' in page and f'data-draft="{draft.id}"' not in page
    assert '<option value="%d" selected>Otto Other</option>' % other.id in page
