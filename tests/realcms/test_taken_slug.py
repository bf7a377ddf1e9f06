"""A post whose slug someone else already took on the real blog, and whose publish answer
was lost: Byline finds its own post (the blog called it "slug-2") instead of creating a
second copy (the lookup of issue 9 item 3, against the blogs' real slug rules)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from drafts.export.service import slugify
from drafts.models import ExportRecord
from tests.realcms import blogs
from tests.realcms.flow import unique

pytestmark = pytest.mark.realcms
blogs.skip_module_unless_running()


def _foreign_post(blog, slug: str) -> None:
    """Someone publishes on the blog itself, with the slug Byline will ask for."""
    if blog.kind == "wordpress":
        response = blog.call("POST", "/posts", json={"title": "Written on the blog", "slug": slug,
                                                     "status": "publish"})
    else:
        response = blog.call("POST", "/posts/", json={"posts": [
            {"title": "Written on the blog", "slug": slug, "status": "published"}]})
    assert response.status_code in (200, 201), response.text


@pytest.mark.parametrize("blog", ("wordpress", "ghost"), indirect=True)
def test_a_lost_answer_on_a_taken_slug_finds_the_post_instead_of_copying_it(newsroom, blog):
    destination = newsroom.destination_for(blog)
    title = unique("Our cloud bill in one page")
    slug = slugify(title)
    _foreign_post(blog, slug)
    draft = newsroom.approved(title)
    newsroom.publish(draft, destination)
    ours = newsroom.record(draft, destination)
    assert ours.status == "published" and blog.get(ours.remote_id).slug == f"{slug}-2"

    # The blog saved the post but Byline never heard: the record knows no remote post.
    row = newsroom.dbs.scalar(select(ExportRecord).where(ExportRecord.draft_id == draft.id,
                                                         ExportRecord.destination_id == destination.id))
    row.remote_id, row.remote_url, row.status = "", "", "unknown"
    newsroom.dbs.commit()
    messages = newsroom.publish(draft, destination)

    assert [category for category, _ in messages] == ["success"], messages
    assert sorted(p["slug"] for p in blog.copies(slug)) == [slug, f"{slug}-2"]  # no third copy
    assert newsroom.record(draft, destination).remote_id == ours.remote_id


@pytest.mark.parametrize("blog", ("wordpress", "ghost"), indirect=True)
def test_an_update_keeps_the_address_the_blog_gave(newsroom, blog):
    destination = newsroom.destination_for(blog)
    title = unique("Why the board asked about the cloud")
    slug = slugify(title)
    _foreign_post(blog, slug)
    draft = newsroom.approved(title)
    newsroom.publish(draft, destination)
    first = newsroom.record(draft, destination)
    assert blog.get(first.remote_id).slug == f"{slug}-2"

    newsroom.revise(draft, body="A revised text, approved again.")
    messages = newsroom.publish(draft, destination)

    assert [category for category, _ in messages] == ["success"], messages
    remote = blog.get(first.remote_id)
    assert remote.slug == f"{slug}-2" and remote.url == first.remote_url  # links keep working
    assert "revised text" in remote.html
