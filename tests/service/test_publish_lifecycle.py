"""The whole life of a remote post, through the real adapters and fake blogs on 127.0.0.1:
publish, update, unpublish, trash, failures after a save, claims, dates, schedules, retries,
Ghost edit collisions, destination edits.

This file: a live post goes offline only through Unpublish, trashed counts as gone, no
duplicate after a failure that may have saved. Claims, dates and schedules are in
test_publish_lifecycle_schedule.py; Ghost collisions and destinations in
test_publish_lifecycle_destinations.py."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from drafts.errors import ValidationError
from drafts.export import lifecycle, scheduling, service
from drafts.export.base import ExportError, RemoteGone
from drafts.models import Draft, DraftStatus, ExportRecord
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.fake_devto import Fault
from tests.service.publish_lifecycle_support import (
    BODY,
    BOX,
    _approved,
    _destination,
    _is_live,
    _record,
    _remote_posts,
    no_sleep,
)

# -- 1. a live post goes offline only through an explicit, confirmed Unpublish -----------


def test_push_as_remote_draft_never_takes_a_live_post_offline(dbs, blog):
    kind, server = blog
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, kind, server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    with pytest.raises(ValidationError, match="Unpublish"):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, mode="remote_draft")
    [post] = _remote_posts(kind, server)
    assert _is_live(kind, post)
    assert _record(dbs, record.id).status == "published"
    assert dbs.get(Draft, draft.id).status is DraftStatus.PUBLISHED

    with pytest.raises(ValidationError, match="Confirm"):
        lifecycle.unpublish(dbs, draft, reviewer, dest, box=BOX, confirm=False)
    assert _is_live(kind, _remote_posts(kind, server)[0])
    lifecycle.unpublish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, confirm=True)
    [post] = _remote_posts(kind, server)
    assert not _is_live(kind, post)
    record = _record(dbs, record.id)
    assert record.status == "unpublished" and record.remote_status in ("draft",)
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
    assert [a.operation for a in service.history(dbs, draft)][0] == "unpublish"


def test_remote_draft_of_a_post_that_went_live_on_the_blog_is_refused(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, mode="remote_draft")
    # Someone published it in wp-admin: Byline's stored state is stale, the blog's counts.
    wordpress_server.edit_post(int(record.remote_id), status="publish")
    with pytest.raises(ValidationError, match="live"):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, mode="remote_draft")
    assert wordpress_server.posts[int(record.remote_id)]["status"] == "publish"


# -- 2. trashed on WordPress counts as gone ---------------------------------------------


def test_post_trashed_on_wordpress_is_not_brought_back(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    old_id = record.remote_id
    wordpress_server.trash_post(int(old_id))
    with pytest.raises(RemoteGone, match="trash"):
        service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep)
    assert wordpress_server.posts[int(record.remote_id)]["status"] == "trash"
    assert _record(dbs, record.id).status == "gone"
    # The user chose to publish it as a new post.
    again = service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep,
                            recreate=True)
    assert again.remote_id != old_id
    assert wordpress_server.posts[int(again.remote_id)]["status"] == "publish"
    assert wordpress_server.posts[int(old_id)]["status"] == "trash"


def test_post_deleted_on_any_blog_is_not_recreated_without_asking(dbs, blog):
    kind, server = blog
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, kind, server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    if kind == "devto":
        del server.articles[int(record.remote_id)]
    else:
        server.delete_post(int(record.remote_id) if kind == "wordpress" else record.remote_id)
    with pytest.raises(RemoteGone, match="deleted"):
        service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep)
    assert _remote_posts(kind, server) == [] and _record(dbs, record.id).status == "gone"


def test_a_scheduled_update_of_a_deleted_post_gives_up_and_keeps_asking(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    editing.save_draft(dbs, draft, author, editing.DraftInput(
        title=draft.title, body=BODY + "\n\nMore.", excerpt=draft.excerpt, tags=("cloud",)),
        base_version=draft.version)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2030, 1, 1, 9, 0), timezone="UTC")
    dbs.commit()
    wordpress_server.delete_post(int(record.remote_id))
    run = scheduling.publish_due(dbs, BOX, now=datetime(2030, 1, 1, 9, 1, tzinfo=timezone.utc), sleep=no_sleep)
    assert run.failed == 1 and wordpress_server.posts == {}
    assert _record(dbs, record.id).status == "gone"  # the panel offers "Publish as a new post"
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED


def test_a_switched_off_destination_cannot_be_published_to(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    dest.active = False
    dbs.commit()
    with pytest.raises(ValidationError, match="switched off"):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert wordpress_server.posts == {}


# -- 3. any failure after which a create may have landed: look up before a second create --


def _fail_after_save(kind, server, how):
    if kind == "wordpress":
        if how == "5xx":
            server.fail_next(500, method="POST", route="/wp/v2/posts", after=True)
        elif how == "drop":
            server.close_next(method="POST", route="/wp/v2/posts", after=True)
        else:
            server.html_next(method="POST", route="/wp/v2/posts", after=True)
    elif kind == "ghost":
        if how == "5xx":
            server.fail_next(503, match="POST /ghost/api/admin/posts/", after=True)
        elif how == "drop":
            server.drop_next(match="POST /ghost/api/admin/posts/", after=True)
        else:
            server.html_next(match="POST /ghost/api/admin/posts/", after=True)
    else:
        fault = {"5xx": Fault(status=502, after=True, method="POST", path="/api/articles"),
                 "drop": Fault(drop=True, after=True, method="POST", path="/api/articles"),
                 "unreadable": Fault(raw="<html>oops</html>", after=True, method="POST",
                                     path="/api/articles")}[how]
        server.script(fault)


@pytest.mark.parametrize("how", ["5xx", "drop", "unreadable"])
def test_failure_after_the_blog_saved_the_post_never_duplicates(dbs, blog, how):
    kind, server = blog
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, kind, server)
    _fail_after_save(kind, server, how)
    if how == "unreadable":  # not retried at once (it may be a login page): the next click looks it up
        with pytest.raises(ExportError, match="not"):
            service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
        assert dbs.scalar(select(ExportRecord)).status == "unknown"
        assert len(_remote_posts(kind, server)) == 1
    # 5xx and a dropped connection are retried at once, after a lookup.
    service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep)
    posts = _remote_posts(kind, server)
    assert len(posts) == 1 and _is_live(kind, posts[0])
    record = dbs.scalar(select(ExportRecord))
    assert record.status == "published" and record.remote_id
