"""The publishing panel and pages through HTTP: who sees which buttons, Unpublish with a
confirmation, the Ghost collision page, editing destinations, `flask publish-due` exit codes."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import select

from drafts.export import scheduling, service
from drafts.models import Destination, DraftStatus, ExportRecord, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import login, make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD


def _approved(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    admin = make_user(dbs, Role.ADMIN, name="Adam Admin")
    draft = make_draft(dbs, author, title="Cloud lessons", body="## Point\n\nWe cut costs.", tags="cloud")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, admin, draft


def _wordpress(client, admin, server, dbs, name="Company blog") -> Destination:
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": name, "wordpress-site_url": server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    return dbs.scalar(select(Destination).where(Destination.name == name))


def _ghost(client, admin, server, dbs) -> Destination:
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "ghost", "name": "Ghost blog", "ghost-admin_url": server.base_url,
        "ghost-secret": server.admin_api_key})
    return dbs.scalar(select(Destination).where(Destination.name == "Ghost blog"))


def _page(client, draft):
    return client.get(f"/drafts/{draft.id}").get_data(as_text=True)


def test_authors_do_not_see_buttons_that_answer_403(client, dbs, wordpress_server):
    author, reviewer, admin, draft = _approved(dbs)
    _wordpress(client, admin, wordpress_server, dbs)
    login(client, author)
    page = _page(client, draft)
    assert "Company blog" in page and "Download Markdown" in page
    for label in ("Publish now", "Push as remote draft", ">Schedule<"):
        assert label not in page
    login(client, reviewer)
    page = _page(client, draft)
    for label in ("Publish now", "Push as remote draft", ">Schedule<"):
        assert label in page


def test_unpublish_names_the_blog_asks_for_confirmation_and_byline_follows(client, dbs, wordpress_server):
    author, reviewer, admin, draft = _approved(dbs)
    dest = _wordpress(client, admin, wordpress_server, dbs)
    login(client, reviewer)
    page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Published on Company blog" in page and "The blog reports “publish”" in page
    assert "Unpublish from Company blog" in page and "Push as remote draft" not in page
    [post] = wordpress_server.posts.values()
    # A remote-draft push of the live post is refused and changes nothing.
    page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "remote_draft"},
                       follow_redirects=True).get_data(as_text=True)
    assert "would take it offline" in page and post["status"] == "publish"
    login(client, author)
    assert client.post(f"/drafts/{draft.id}/unpublish/{dest.id}", data={"confirm": "1"}).status_code == 403
    login(client, reviewer)
    assert client.post(f"/drafts/{draft.id}/unpublish/{dest.id}", data={"confirm": "1"},
                       csrf=False).status_code == 400
    page = client.post(f"/drafts/{draft.id}/unpublish/{dest.id}", data={},
                       follow_redirects=True).get_data(as_text=True)
    assert "Confirm that the post should go offline on Company blog" in page and post["status"] == "publish"
    page = client.post(f"/drafts/{draft.id}/unpublish/{dest.id}", data={"confirm": "1"},
                       follow_redirects=True).get_data(as_text=True)
    assert post["status"] == "draft" and "Taken offline on Company blog" in page
    assert "The blog reports “draft”" in page
    dbs.expire_all()
    assert dbs.get(type(draft), draft.id).status is DraftStatus.APPROVED
    # The generic review form cannot unpublish behind the blog's back.
    workflow.act(dbs, dbs.get(type(draft), draft.id), reviewer, Action.PUBLISH)  # marked published by hand
    dbs.commit()
    page = client.post(f"/drafts/{draft.id}/workflow", data={"action": "unpublish"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Take the post offline with Unpublish in the Publish panel" in page
    dbs.expire_all()
    assert dbs.get(type(draft), draft.id).status is DraftStatus.PUBLISHED


def test_ghost_collision_page_shows_the_diff_and_keeps_ghosts_version(client, dbs, ghost_server):
    author, reviewer, admin, draft = _approved(dbs)
    dest = _ghost(client, admin, ghost_server, dbs)
    login(client, reviewer)
    client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"})
    [post] = ghost_server.posts.values()
    ghost_server.edit_post(post["id"], html="<h2>Point</h2><p>We cut costs sharply.</p>")
    page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"},
                       follow_redirects=True).get_data(as_text=True)
    assert "See what changed on Ghost blog" in page
    login(client, author)
    assert client.get(f"/drafts/{draft.id}/collision/{dest.id}").status_code == 403
    login(client, reviewer)
    page = client.get(f"/drafts/{draft.id}/collision/{dest.id}").get_data(as_text=True)
    assert '<ins class="diff-ins"> sharply</ins>' in page
    assert "Overwrite with Byline" in page and "Keep the blog" in page and "Publish as a new post" in page
    page = client.post(f"/drafts/{draft.id}/collision/{dest.id}", data={"choice": "keep"},
                       follow_redirects=True).get_data(as_text=True)
    assert "The version edited on the blog stays" in page
    assert "sharply" in ghost_server.posts[post["id"]]["html"]
    page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Published on Ghost blog" in page


def test_admin_edits_a_destination_and_posts_stay_linked(client, dbs, wordpress_server):
    author, reviewer, admin, draft = _approved(dbs)
    dest = _wordpress(client, admin, wordpress_server, dbs)
    login(client, reviewer)
    client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"})
    assert client.get(f"/admin/destinations/{dest.id}/edit").status_code == 403
    login(client, admin)
    form = client.get(f"/admin/destinations/{dest.id}/edit").get_data(as_text=True)
    assert 'value="Company blog"' in form and wordpress_server.base_url in form
    assert EDITOR_PASSWORD not in form and "…5678" in form
    bad = client.post(f"/admin/destinations/{dest.id}/edit", data={"name": "", "site_url": "x", "username": "e"})
    assert bad.status_code == 422 and "Give the destination a name" in bad.get_data(as_text=True)
    rotated = "zzzz YYYY 9999 xxxx WWWW 0000"
    wordpress_server.users["editor"] = (rotated, "editor")
    response = client.post(f"/admin/destinations/{dest.id}/edit", data={
        "name": "Company blog (new)", "site_url": wordpress_server.base_url, "username": "editor",
        "secret": rotated})
    assert response.status_code == 302
    login(client, reviewer)
    page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Published on Company blog (new)" in page and len(wordpress_server.posts) == 1


def test_posts_of_a_switched_off_destination_stay_visible(client, dbs, wordpress_server):
    author, reviewer, admin, draft = _approved(dbs)
    dest = _wordpress(client, admin, wordpress_server, dbs)
    login(client, reviewer)
    client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"})
    login(client, admin)
    client.post(f"/admin/destinations/{dest.id}/active", data={"active": "0"})
    login(client, reviewer)
    page = _page(client, draft)
    assert "Company blog" in page and "switched off" in page and 'class="live-link small"' in page
    assert "Update the post" not in page


def test_a_javascript_link_from_a_blog_is_never_rendered_live(client, dbs, wordpress_server):
    author, reviewer, admin, draft = _approved(dbs)
    dest = _wordpress(client, admin, wordpress_server, dbs)
    wordpress_server.link_override = "javascript:alert(document.domain)"
    login(client, reviewer)
    client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id, "mode": "publish"})
    # Even a link stored before this fix is not rendered as a link.
    dbs.execute(ExportRecord.__table__.update().values(remote_url="JaVaScRiPt:alert(1)"))
    dbs.commit()
    page = _page(client, draft)
    assert not re.search(r"(?i)href=\"\s*javascript:", page)


def test_invalid_static_generator_is_refused_and_old_ones_do_not_500(client, dbs):
    author, reviewer, admin, draft = _approved(dbs)
    login(client, admin)
    response = client.post("/admin/destinations", data={"kind": "static", "name": "Site",
                                                         "static-generator": "gatsby"})
    assert response.status_code == 422 and "Hugo, Jekyll or Astro" in response.get_data(as_text=True)
    dbs.add(Destination(kind="static", name="Old site", settings_json='{"generator": "gatsby"}'))
    dbs.commit()
    dest = dbs.scalar(select(Destination).where(Destination.name == "Old site"))
    response = client.get(f"/drafts/{draft.id}/export/{dest.id}")
    assert response.status_code == 422 and "Hugo, Jekyll or Astro" in response.get_data(as_text=True)


def test_scheduling_to_a_static_destination_is_refused(client, dbs):
    author, reviewer, admin, draft = _approved(dbs)
    dbs.add(Destination(kind="static", name="Site", settings_json='{"generator": "hugo"}'))
    dbs.commit()
    dest = dbs.scalar(select(Destination))
    login(client, reviewer)
    page = client.post(f"/drafts/{draft.id}/schedule", data={
        "destination_id": dest.id, "publish_at": "2099-01-01T09:00", "timezone": "UTC"},
        follow_redirects=True).get_data(as_text=True)
    assert "downloaded, not published" in page
    dbs.expire_all()
    assert dbs.get(type(draft), draft.id).status is DraftStatus.APPROVED


def test_publish_due_exits_non_zero_when_a_publish_failed(client, dbs, wordpress_server, runner):
    author, reviewer, admin, draft = _approved(dbs)
    dest = _wordpress(client, admin, wordpress_server, dbs)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2020, 1, 1, 9, 0), timezone="UTC",
                        now=datetime(2019, 1, 1, tzinfo=timezone.utc))
    dbs.commit()
    wordpress_server.fail_next(500, method="POST", route="/wp/v2/posts")
    wordpress_server.fail_next(500, method="POST", route="/wp/v2/posts")
    wordpress_server.fail_next(500, method="POST", route="/wp/v2/posts")
    result = runner.invoke(args=["publish-due"])
    assert result.exit_code == 1 and "Failed “Cloud lessons” on Company blog" in result.output
    assert wordpress_server.posts == {}
    assert service.history(dbs, draft)
