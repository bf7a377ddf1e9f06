"""Images in exports from the app: the static-site zip carries them, publishing uploads them."""

from __future__ import annotations

import io
import re
import zipfile

from sqlalchemy import select

from drafts.models import Destination, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from tests.factories import autosave, login, make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD
from tests.images import png_with_exif


def _approved_with_image(client, dbs, **draft_fields):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="Cloud story", **draft_fields)
    login(client, author)
    src = client.post(f"/drafts/{draft.id}/images",
                      data={"file": (io.BytesIO(png_with_exif()), "chart.png")},
                      content_type="multipart/form-data").get_json()["src"]
    saved = autosave(client, draft.id, draft.version, title="Cloud story",
                     body=f"We cut costs.\n\n![Costs by month]({src})\n", explicit=True)
    assert saved.status_code == 200, saved.get_data(as_text=True)
    dbs.expire_all()
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, draft, src.rsplit("/", 1)[1]


def _static(dbs, generator):
    dbs.add(Destination(kind="static", name="Site", settings_json=f'{{"generator": "{generator}"}}'))
    dbs.commit()
    return dbs.scalar(select(Destination))


def test_static_site_zip_includes_the_images_and_the_markdown_points_at_them(client, dbs):
    author, reviewer, draft, name = _approved_with_image(client, dbs)
    dest = _static(dbs, "hugo")
    login(client, reviewer)
    response = client.get(f"/export/{dest.id}/all")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.namelist() == ["cloud-story.md", f"static/images/{name}"]
    markdown = archive.read("cloud-story.md").decode()
    assert f"![Costs by month](/images/{name})" in markdown and "/drafts/" not in markdown
    assert archive.read(f"static/images/{name}")[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_post_with_images_downloads_as_a_zip(client, dbs):
    author, reviewer, draft, name = _approved_with_image(client, dbs)
    dest = _static(dbs, "jekyll")
    login(client, reviewer)
    response = client.get(f"/drafts/{draft.id}/export/{dest.id}")
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    [post] = [n for n in archive.namelist() if n.startswith("_posts/")]
    assert f"assets/images/{name}" in archive.namelist()
    assert f"](/assets/images/{name})" in archive.read(post).decode()


def test_publishing_from_the_page_uploads_the_image_once(client, dbs, wordpress_server):
    author, reviewer, draft, name = _approved_with_image(client, dbs)
    admin = make_user(dbs, Role.ADMIN)
    login(client, admin)
    client.post("/admin/destinations", data={
        "kind": "wordpress", "name": "Company blog", "wordpress-site_url": wordpress_server.base_url,
        "wordpress-username": "editor", "wordpress-secret": EDITOR_PASSWORD})
    dest = dbs.scalar(select(Destination))
    login(client, reviewer)
    for _ in range(2):
        page = client.post(f"/drafts/{draft.id}/publish", data={"destination_id": dest.id,
                                                                 "mode": "publish"},
                           follow_redirects=True).get_data(as_text=True)
        assert "Published on Company blog" in page
    assert len(wordpress_server.route_requests("POST", "/wp/v2/media")) == 1
    [post] = wordpress_server.posts.values()
    [item] = wordpress_server.media.values()
    assert re.search(rf'<img src="{re.escape(item["source_url"])}" alt="Costs by month"',
                     post["content"])


def test_coach_flags_the_image_without_alt_text(client, dbs):
    author = make_user(dbs, Role.AUTHOR)
    login(client, author)
    response = client.post("/drafts/analysis", json={
        "draft_id": None, "title": "T", "audience": "executive",
        "body": "We cut costs by a third.\n\n![](/drafts/1/images/x.png)\n"})
    data = response.get_json()
    assert data["legend"]["image_alt"] == "Image without alt text"
    assert data["counts"]["image_alt"] == 1
    assert '<mark class="hl hl-image_alt"' in data["preview_html"]
