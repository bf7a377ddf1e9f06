"""The life of a remote post, continued: a Ghost edit collision (see what changed, then
choose), destinations edited with remote posts still linked, and smaller items (switched-off
and static destinations, unsafe links from a blog)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from drafts.errors import ValidationError
from drafts.export import destinations as destination_admin
from drafts.export import lifecycle, scheduling, service
from drafts.export.base import RemoteConflict
from drafts.models import Draft, DraftStatus, Role
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.factories import make_user
from tests.service.publish_lifecycle_support import (
    BODY,
    BOX,
    _approved,
    _destination,
    _record,
    no_sleep,
)

# -- 9. Ghost edit collision: see what changed, then choose ------------------------------


def _collided(dbs, ghost_server):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "ghost", ghost_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    ghost_server.edit_post(record.remote_id, html="<h2>Why it matters</h2><p>Marketing rewrote this line.</p>")
    editing.save_draft(dbs, draft, author, editing.DraftInput(
        title="What our cloud bill taught the board", body=BODY, excerpt=draft.excerpt, tags=("cloud",)),
        base_version=draft.version)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    with pytest.raises(RemoteConflict):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert _record(dbs, record.id).status == "conflict"
    return reviewer, dbs.get(Draft, draft.id), dest, record


def test_ghost_collision_shows_what_changed_on_ghost(dbs, ghost_server):
    reviewer, draft, dest, record = _collided(dbs, ghost_server)
    collision = lifecycle.collision(dbs, draft, dest, box=BOX)
    inserted = "".join(re.findall(r'<ins class="diff-ins">(.*?)</ins>', collision.diff_html, re.S))
    deleted = "".join(re.findall(r'<del class="diff-del">(.*?)</del>', collision.diff_html, re.S))
    assert "Marketing rewrote this line" in inserted
    assert "The board asked one question" in deleted
    assert collision.inserted_words == 4
    assert collision.remote_url == record.remote_url


def test_ghost_collision_overwrite(dbs, ghost_server):
    reviewer, draft, dest, record = _collided(dbs, ghost_server)
    lifecycle.resolve_collision(dbs, draft, reviewer, dest, box=BOX, choice="overwrite", sleep=no_sleep)
    [post] = ghost_server.posts.values()
    assert post["title"] == "What our cloud bill taught the board" and "Marketing" not in post["html"]
    assert _record(dbs, record.id).status == "published"


def test_ghost_collision_keep_ghosts_version(dbs, ghost_server):
    reviewer, draft, dest, record = _collided(dbs, ghost_server)
    lifecycle.resolve_collision(dbs, draft, reviewer, dest, box=BOX, choice="keep", sleep=no_sleep)
    [post] = ghost_server.posts.values()
    assert "Marketing rewrote this line." in post["html"]
    record = _record(dbs, record.id)
    assert record.status == "published" and record.remote_updated_at == post["updated_at"]
    assert not record.last_error


def test_ghost_collision_publish_as_new(dbs, ghost_server):
    reviewer, draft, dest, record = _collided(dbs, ghost_server)
    old_id = record.remote_id
    lifecycle.resolve_collision(dbs, draft, reviewer, dest, box=BOX, choice="new", sleep=no_sleep)
    assert len(ghost_server.posts) == 2
    assert _record(dbs, record.id).remote_id != old_id
    assert "Marketing rewrote this line." in ghost_server.posts[old_id]["html"]


# -- 10. destinations can be edited; remote posts stay linked ----------------------------


def test_rotating_credentials_keeps_the_remote_post_linked(dbs, wordpress_server):
    admin = make_user(dbs, Role.ADMIN)
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, admin, "wordpress", wordpress_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    wordpress_server.users["editor"] = ("new1 pass 2345 word 6789 abcd", "editor")
    destination_admin.edit_destination(dbs, admin, dest, name="Company blog", box=BOX,
                                       settings={"site_url": wordpress_server.base_url + "/",
                                                 "username": "editor"},
                                       secret="new1 pass 2345 word 6789 abcd")
    dbs.commit()
    assert dest.name == "Company blog" and dest.secret_hint == "…abcd"
    again = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert again.remote_id == record.remote_id and len(wordpress_server.posts) == 1
    # An empty secret keeps the saved one.
    destination_admin.edit_destination(dbs, admin, dest, name="Blog", box=BOX,
                                       settings={"site_url": wordpress_server.base_url, "username": "editor"},
                                       secret="")
    assert "Connected" in service.check(dbs, dest, admin, BOX)
    with pytest.raises(ValidationError):
        destination_admin.edit_destination(dbs, admin, dest, name="", box=BOX, settings={}, secret="")


# -- 14. smaller items ------------------------------------------------------------------


def test_switched_off_destination_gets_no_scheduled_posts(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2030, 1, 1, 9, 0), timezone="UTC")
    dest.active = False
    dbs.commit()
    run = scheduling.publish_due(dbs, BOX, now=datetime(2030, 1, 1, 9, 1, tzinfo=timezone.utc), sleep=no_sleep)
    assert wordpress_server.posts == {} and run.failed == 1 and "switched off" in run.lines[0]
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
    with pytest.raises(ValidationError, match="switched off"):
        scheduling.schedule(dbs, dbs.get(Draft, draft.id), reviewer, dest,
                            when_local=datetime(2031, 1, 1, 9, 0), timezone="UTC")


def test_scheduling_to_a_static_destination_is_refused_up_front(dbs):
    _, reviewer, draft = _approved(dbs)
    dest = service.add_destination(dbs, reviewer, kind="static", name="Site", settings={"generator": "hugo"},
                                   secret="", box=BOX)
    with pytest.raises(ValidationError, match="downloaded"):
        scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2031, 1, 1, 9, 0), timezone="UTC")
    assert draft.status is DraftStatus.APPROVED


def test_an_invalid_static_generator_cannot_be_saved(dbs):
    admin = make_user(dbs, Role.ADMIN)
    with pytest.raises(ValidationError, match="Hugo, Jekyll or Astro"):
        service.add_destination(dbs, admin, kind="static", name="Site", settings={"generator": "gatsby"},
                                secret="", box=BOX)
    dest = service.add_destination(dbs, admin, kind="static", name="Site", settings={"generator": "hugo"},
                                   secret="", box=BOX)
    with pytest.raises(ValidationError, match="Hugo, Jekyll or Astro"):
        destination_admin.edit_destination(dbs, admin, dest, name="Site", settings={"generator": "../x"},
                                           secret="", box=BOX)


def test_unsafe_link_from_a_blog_is_not_stored(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    wordpress_server.link_override = "JavaScript:alert(document.cookie)"
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert record.remote_url == "" and record.remote_id
    assert all(a.remote_url == "" for a in service.history(dbs, draft))
