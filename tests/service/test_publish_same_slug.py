"""A publish whose answer was lost is looked up before a second create: found even when
another post on the blog already had the slug, so the blog gave ours "slug-2"."""

from __future__ import annotations

import httpx2
import pytest
from sqlalchemy import select

from drafts.export import service
from drafts.models import ExportRecord
from tests.fake_wordpress import EDITOR_PASSWORD
from tests.service.test_publish_lifecycle import (
    BOX,
    _approved,
    _destination,
    _fail_after_save,
    _is_live,
    _remote_posts,
    no_sleep,
)

SLUG = "what-our-cloud-bill-taught-us"


def _foreign_post(kind, server) -> None:
    """A post someone wrote on the blog itself, holding the slug Byline will ask for."""
    if kind == "ghost":
        server.add_post("Our cloud strategy, by the web team", slug=SLUG)
        return
    httpx2.post(f"{server.base_url}/wp-json/wp/v2/posts", auth=("editor", EDITOR_PASSWORD),
                json={"title": "Our cloud strategy, by the web team", "slug": SLUG,
                      "status": "publish"}, timeout=5).raise_for_status()


@pytest.fixture(params=["wordpress", "ghost"])
def blog(request):
    kind = request.param
    return kind, request.getfixturevalue(f"{kind}_server")


@pytest.mark.parametrize("how", ["5xx", "drop"])
def test_a_lost_answer_never_duplicates_a_post_whose_slug_was_taken(dbs, blog, how):
    kind, server = blog
    _foreign_post(kind, server)
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, kind, server)
    _fail_after_save(kind, server, how)
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)

    ours = [p for p in _remote_posts(kind, server) if p["title"] != "Our cloud strategy, by the web team"]
    titles = [p["title"] for p in ours]
    assert titles == ["What our cloud bill taught us"], titles  # one post, not two
    assert _is_live(kind, ours[0]) and ours[0]["slug"] == f"{SLUG}-2"
    record = dbs.scalar(select(ExportRecord))
    assert record.status == "published" and str(record.remote_id) == str(ours[0]["id"])


def test_an_update_keeps_the_address_the_blog_gave(dbs, blog):
    # Ghost 5, asked for "s" by a post that holds "s-2" (another post has "s"), renames it
    # "s-3": its public address would change with every update. Byline keeps the blog's slug.
    kind, server = blog
    _foreign_post(kind, server)
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, kind, server)
    first = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    url = first.remote_url
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)  # an update

    [ours] = [p for p in _remote_posts(kind, server) if p["title"] == "What our cloud bill taught us"]
    assert ours["slug"] == f"{SLUG}-2"
    assert dbs.scalar(select(ExportRecord)).remote_url == url


def test_a_slug_changed_on_the_blog_is_kept_by_the_next_update(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    wordpress_server.edit_post(int(record.remote_id), slug="cloud-bill")  # the web team's choice
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)  # an update
    assert wordpress_server.posts[int(record.remote_id)]["slug"] == "cloud-bill"
