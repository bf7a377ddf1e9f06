"""Publishing a draft's images: one upload per destination and image, across publish and
update, through the real adapters to the fake WordPress and Ghost servers."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from drafts.export import service
from drafts.export.base import NotAllowed, Rejected, ServerError
from drafts.media import ImageStore, Limits
from drafts.media import service as media
from drafts.models import ExportRecord, RemoteImage, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from drafts.writing import editing
from tests.factories import make_draft, make_user
from tests.fake_wordpress import EDITOR_PASSWORD
from tests.images import jpeg_with_gps, png_with_exif

BOX = SecretBox(Fernet.generate_key())


def no_sleep(_seconds):
    return None


@pytest.fixture
def store(tmp_path):
    return ImageStore(tmp_path / "images")


def _approved_with_images(dbs, store):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="What our cloud bill taught us", body="Draft.")
    chart = media.upload(dbs, store, draft, author, png_with_exif(), Limits())
    photo = media.upload(dbs, store, draft, author, jpeg_with_gps(), Limits())
    dbs.commit()
    body = (f"## The chart\n\n![Revenue by quarter]({media.image_path(draft.id, chart.name)})\n\n"
            f"We cut our bill by a third.\n\n![The team]({media.image_path(draft.id, photo.name)})\n")
    editing.save_draft(dbs, draft, author, editing.DraftInput(title=draft.title, body=body),
                       base_version=draft.version)
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, draft, (chart.name, photo.name)


def _edit_and_approve(dbs, draft, author, reviewer, extra: str):
    editing.save_draft(dbs, draft, author, editing.DraftInput(title=draft.title,
                                                              body=draft.body + extra),
                       base_version=draft.version)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()


def _wordpress(dbs, server, user):
    dest = service.add_destination(dbs, user, kind="wordpress", name="Company blog",
                                   settings={"site_url": server.base_url, "username": "editor"},
                                   secret=EDITOR_PASSWORD, box=BOX)
    dbs.commit()
    return dest


def test_wordpress_gets_each_image_once_across_publish_and_update(dbs, wordpress_server, store):
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)

    uploads = wordpress_server.route_requests("POST", "/wp/v2/media")
    assert len(uploads) == 2
    assert {m["content"] for m in wordpress_server.media.values()} == {store.read(n) for n in names}
    assert {m["mime_type"] for m in wordpress_server.media.values()} == {"image/png", "image/jpeg"}
    [post] = wordpress_server.posts.values()
    for item in wordpress_server.media.values():
        assert f'src="{item["source_url"]}"' in post["content"]
    assert "/drafts/" not in post["content"]
    assert 'alt="Revenue by quarter"' in post["content"]
    rows = dbs.scalars(select(RemoteImage).where(RemoteImage.destination_id == dest.id)).all()
    assert {r.name for r in rows} == set(names)

    # Edited (the chart shown twice now), approved again, published again: an update,
    # and no image goes up a second time.
    chart = media.image_path(draft.id, names[0])
    _edit_and_approve(dbs, draft, author, reviewer, f"\n![Revenue by quarter, again]({chart})\n")
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert record.status == "published"
    assert len(wordpress_server.route_requests("POST", "/wp/v2/media")) == 2
    assert len(wordpress_server.posts) == 1
    [post] = wordpress_server.posts.values()
    assert post["content"].count("/wp-content/uploads/") == 3 and "/drafts/" not in post["content"]


def test_a_failed_post_does_not_upload_its_images_again(dbs, wordpress_server, store):
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    for _ in range(3):  # the service tries three times
        wordpress_server.fail_next(500, "internal", "Boom", method="POST", route="/wp/v2/posts")
    with pytest.raises(ServerError):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert wordpress_server.posts == {} and len(wordpress_server.media) == 2
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert len(wordpress_server.route_requests("POST", "/wp/v2/media")) == 2
    assert len(wordpress_server.posts) == 1


def test_a_refused_image_upload_stops_the_publish_with_a_clear_message(dbs, wordpress_server,
                                                                       store):
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    wordpress_server.fail_next(403, "rest_cannot_create", "Sorry, you are not allowed to upload "
                               "media as this user.", route="/wp/v2/media")
    with pytest.raises(NotAllowed, match="refused the image upload.*Author or Editor"):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert wordpress_server.posts == {}
    record = dbs.scalar(select(ExportRecord))
    assert "image upload" in record.last_error


def test_ghost_gets_each_image_once_across_publish_and_update(dbs, ghost_server, store):
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    dest = service.add_destination(dbs, reviewer, kind="ghost", name="Ghost blog",
                                   settings={"admin_url": ghost_server.base_url},
                                   secret=ghost_server.admin_api_key, box=BOX)
    dbs.commit()
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert len(ghost_server.images) == 2
    assert {i["content"] for i in ghost_server.images} == {store.read(n) for n in names}
    assert {i["ref"] for i in ghost_server.images} == set(names)
    [post] = ghost_server.posts.values()
    for image in ghost_server.images:
        assert image["url"] in post["html"]
    assert "/drafts/" not in post["html"]

    _edit_and_approve(dbs, draft, author, reviewer, "\nOne more line.\n")
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    uploads = [r for r in ghost_server.requests if r.path.endswith("/images/upload/")]
    assert len(uploads) == 2 and len(ghost_server.images) == 2
    [post] = ghost_server.posts.values()
    assert "One more line." in post["html"] and "/drafts/" not in post["html"]


def test_each_destination_gets_its_own_copy(dbs, wordpress_server, ghost_server, store):
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    wordpress = _wordpress(dbs, wordpress_server, reviewer)
    ghost = service.add_destination(dbs, reviewer, kind="ghost", name="Ghost blog",
                                    settings={"admin_url": ghost_server.base_url},
                                    secret=ghost_server.admin_api_key, box=BOX)
    dbs.commit()
    service.publish(dbs, draft, reviewer, wordpress, box=BOX, sleep=no_sleep, images=store)
    service.publish(dbs, draft, reviewer, ghost, box=BOX, sleep=no_sleep, images=store)
    assert len(wordpress_server.media) == 2 and len(ghost_server.images) == 2
    assert len(dbs.scalars(select(RemoteImage)).all()) == 4


def test_images_of_other_drafts_are_never_sent(dbs, wordpress_server, store):
    """A draft that points at another draft's image URL does not publish that image."""
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    stranger = make_user(dbs, Role.AUTHOR)
    theirs = make_draft(dbs, stranger, title="Their post", body="Text.")
    foreign = media.image_path(draft.id, names[1])
    editing.save_draft(dbs, theirs, stranger, editing.DraftInput(
        title="Their post", body=f"Look: ![x]({foreign})"), base_version=theirs.version)
    workflow.act(dbs, theirs, stranger, Action.SUBMIT)
    workflow.act(dbs, theirs, reviewer, Action.APPROVE)
    dbs.commit()
    dest = _wordpress(dbs, wordpress_server, reviewer)
    service.publish(dbs, theirs, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert wordpress_server.media == {}


def test_wordpress_without_pretty_permalinks_gets_the_images_too(dbs, store):
    from tests.fake_wordpress import FakeWordPress

    server = FakeWordPress(pretty_permalinks=False)
    try:
        author, reviewer, draft, names = _approved_with_images(dbs, store)
        dest = _wordpress(dbs, server, reviewer)
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
        assert len(server.media) == 2
        tried = server.route_requests("POST", "/wp/v2/media")
        # The adapter learnt ?rest_route= on its first request (the author lookup
        # before the upload met the theme's 404 page at /wp-json/): no upload is wasted.
        assert ["rest_route" in r.path for r in tried] == [True, True]
        [post] = server.posts.values()
        assert "/drafts/" not in post["content"]
    finally:
        server.stop()
    assert not server.errors


def _devto(dbs, server, user):
    dest = service.add_destination(dbs, user, kind="devto", name="dev.to",
                                   settings={"base_url": server.base_url}, secret=server.api_key, box=BOX)
    dbs.commit()
    return dest


def test_devto_never_gets_a_post_whose_images_only_byline_holds(dbs, devto_server, store):
    # dev.to has no upload API: Byline's private image paths would be broken images
    # on a public post. Nothing is published, and the message says what to do.
    author, reviewer, draft, _names = _approved_with_images(dbs, store)
    dest = _devto(dbs, devto_server, reviewer)
    with pytest.raises(Rejected) as refused:
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, images=store)
    assert "dev.to" in refused.value.message and "2 images" in refused.value.message
    assert "WordPress or Ghost" in refused.value.message
    assert devto_server.articles == {}
    record = dbs.scalar(select(ExportRecord).where(ExportRecord.destination_id == dest.id))
    assert record.remote_id in (None, "") and record.status != "published"


def test_devto_uses_the_copies_already_on_the_companys_blog(dbs, wordpress_server, devto_server, store):
    author, reviewer, draft, names = _approved_with_images(dbs, store)
    service.publish(dbs, draft, reviewer, _wordpress(dbs, wordpress_server, reviewer), box=BOX,
                    sleep=no_sleep, images=store)
    service.publish(dbs, draft, reviewer, _devto(dbs, devto_server, reviewer), box=BOX,
                    sleep=no_sleep, images=store)
    [article] = devto_server.articles.values()
    for item in wordpress_server.media.values():
        assert f"]({item['source_url']})" in article["body_markdown"]
    assert "/drafts/" not in article["body_markdown"]
    assert len(wordpress_server.route_requests("POST", "/wp/v2/media")) == 2  # nothing uploaded again
