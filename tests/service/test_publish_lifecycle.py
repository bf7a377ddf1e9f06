"""The whole life of a remote post, through the real adapters and fake blogs on 127.0.0.1:
publish, update, unpublish, trash, failures after a save, claims, dates, schedules, retries,
Ghost edit collisions, destination edits."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from drafts.errors import ValidationError
from drafts.export import destinations as destination_admin
from drafts.export import lifecycle, scheduling, service
from drafts.export.base import ExportError, RemoteConflict, RemoteGone
from drafts.models import Draft, DraftStatus, ExportRecord, Notification, Role, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from drafts.writing import editing
from tests.factories import make_draft, make_user
from tests.fake_devto import Fault
from tests.fake_wordpress import EDITOR_PASSWORD

BOX = SecretBox(Fernet.generate_key())
BODY = "## Why it matters\n\nWe cut our cloud bill by a third.\n\nThe board asked one question."


def no_sleep(_seconds):
    return None


def _approved(dbs, title="What our cloud bill taught us"):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title=title, body=BODY, excerpt="One question.", tags="cloud")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, draft


def _destination(dbs, user, kind, server):
    if kind == "wordpress":
        settings, secret = {"site_url": server.base_url, "username": "editor"}, EDITOR_PASSWORD
    elif kind == "ghost":
        settings, secret = {"admin_url": server.base_url}, server.admin_api_key
    else:
        settings, secret = {"base_url": server.base_url}, server.api_key
    dest = service.add_destination(dbs, user, kind=kind, name=f"{kind} blog", settings=settings,
                                   secret=secret, box=BOX)
    dbs.commit()
    return dest


def _remote_posts(kind, server) -> list[dict]:
    if kind == "wordpress":
        return list(server.posts.values())
    if kind == "ghost":
        return list(server.posts.values())
    return list(server.articles.values())


def _is_live(kind, post) -> bool:
    if kind == "wordpress":
        return post["status"] == "publish"
    if kind == "ghost":
        return post["status"] == "published"
    return bool(post["published"])


@pytest.fixture(params=["wordpress", "ghost", "devto"])
def blog(request):
    """(kind, server) for each network destination."""
    kind = request.param
    fixture = {"wordpress": "wordpress_server", "ghost": "ghost_server", "devto": "devto_server"}[kind]
    return kind, request.getfixturevalue(fixture)


def _record(dbs, record_id) -> ExportRecord:
    dbs.expire_all()
    return dbs.get(ExportRecord, record_id)


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


# -- 4. the publish claim is released after an update, a retry and publish-due -----------


def _claimed_until(dbs, record_id):
    dbs.expire_all()
    return dbs.scalar(select(ExportRecord.claimed_until).where(ExportRecord.id == record_id))


def test_claim_is_released_after_update_retry_and_publish_due(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert _claimed_until(dbs, record.id) is None
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)  # update, at once
    assert _claimed_until(dbs, record.id) is None
    wordpress_server.fail_next(500, method="POST", route=f"/wp/v2/posts/{record.remote_id}")
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)  # a retried update
    assert _claimed_until(dbs, record.id) is None
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)


def test_claim_is_released_after_publish_due(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2030, 1, 1, 9, 0), timezone="UTC")
    dbs.commit()
    run = scheduling.publish_due(dbs, BOX, now=datetime(2030, 1, 1, 9, 1, tzinfo=timezone.utc),
                                 sleep=no_sleep)
    assert run.failed == 0 and len(wordpress_server.posts) == 1
    record = dbs.scalar(select(ExportRecord))
    assert _claimed_until(dbs, record.id) is None
    service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep)


# -- 5. and 6. dates: updates keep the first publication date; "now" means now -----------


def test_wordpress_update_keeps_the_first_publication_date(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    first = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    # The post went out on 1 March (or someone set that date in wp-admin on purpose).
    wordpress_server.edit_post(int(record.remote_id), date_gmt="2026-03-01T09:30:00")
    editing.save_draft(dbs, draft, author, editing.DraftInput(
        title=draft.title, body=BODY + "\n\nA new closing line.", excerpt=draft.excerpt,
        tags=("cloud",)), base_version=draft.version)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    post = wordpress_server.posts[int(record.remote_id)]
    assert "A new closing line." in post["content"]
    assert post["date_gmt"] == "2026-03-01T09:30:00" and post["slug"] == "what-our-cloud-bill-taught-us"
    update = wordpress_server.route_requests("POST", f"/wp/v2/posts/{record.remote_id}")[-1]
    assert "date_gmt" not in update.json and "date" not in update.json
    assert _record(dbs, record.id).remote_date == first


@pytest.mark.parametrize("unschedule_first", [False, True])
def test_publish_now_on_a_scheduled_post_means_now(dbs, wordpress_server, unschedule_first):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2099, 1, 1, 9, 0), timezone="UTC")
    dbs.commit()
    if unschedule_first:
        workflow.act(dbs, draft, reviewer, Action.UNSCHEDULE)
        dbs.commit()
    before = utcnow()
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    [post] = wordpress_server.posts.values()
    assert post["status"] == "publish" and "?p=" not in record.remote_url
    record = _record(dbs, record.id)
    assert record.status == "published" and record.remote_status == "publish"
    assert before - timedelta(seconds=2) <= record.remote_date <= utcnow() + timedelta(seconds=2)
    assert record.publish_at is None
    assert dbs.get(Draft, draft.id).status is DraftStatus.PUBLISHED


def test_byline_records_what_the_blog_reports(dbs, ghost_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "ghost", ghost_server)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, mode="remote_draft")
    record = _record(dbs, record.id)
    assert (record.status, record.remote_status, record.remote_date) == ("remote_draft", "draft", None)
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
    record = service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep)
    [post] = ghost_server.posts.values()
    record = _record(dbs, record.id)
    assert (record.status, record.remote_status) == ("published", "published")
    assert record.remote_date == datetime.fromisoformat(post["published_at"].replace("Z", "+00:00"))
    assert "the blog reports “published”" in service.history(dbs, draft)[0].message


# -- 7. leaving "scheduled" by any path cancels; approval never publishes -----------------


@pytest.mark.parametrize("path", ["unschedule", "edit", "archive"])
def test_leaving_scheduled_cancels_the_pending_publish(dbs, wordpress_server, path):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    when = datetime(2030, 1, 1, 9, 0)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=when, timezone="UTC")
    dbs.commit()
    if path == "unschedule":
        workflow.act(dbs, draft, reviewer, Action.UNSCHEDULE)
    elif path == "edit":
        editing.save_draft(dbs, draft, author, editing.DraftInput(
            title=draft.title, body=BODY + "\n\nLate change.", excerpt=draft.excerpt, tags=("cloud",)),
            base_version=draft.version)
        assert draft.status is DraftStatus.IN_REVIEW
        dbs.commit()
        workflow.act(dbs, draft, reviewer, Action.APPROVE)  # re-approved: must not publish by itself
    else:
        workflow.act(dbs, draft, author, Action.ARCHIVE)
    dbs.commit()
    record = dbs.scalar(select(ExportRecord))
    assert record.status != "scheduled" and record.publish_at is None
    run = scheduling.publish_due(dbs, BOX, now=datetime(2030, 1, 1, 9, 5, tzinfo=timezone.utc),
                                 sleep=no_sleep)
    assert run.lines == [] and wordpress_server.posts == {}
    assert any(a.operation == "unschedule" for a in service.history(dbs, draft))


# -- 8. a scheduled publish that meets an outage retries, then tells people ---------------


def test_scheduled_publish_retries_through_an_outage(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2030, 1, 1, 9, 0), timezone="UTC")
    dbs.commit()
    due = datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc)
    for _ in range(3):
        wordpress_server.fail_next(503, method="POST", route="/wp/v2/posts")
    run = scheduling.publish_due(dbs, BOX, now=due, sleep=no_sleep)
    assert run.failed == 1 and "try again" in run.lines[0]
    record = dbs.scalar(select(ExportRecord))
    assert record.status == "scheduled" and record.retry_at > due and record.failures == 1
    assert dbs.get(Draft, draft.id).status is DraftStatus.SCHEDULED
    # Before the retry time nothing is tried; after it, the post goes out once.
    assert scheduling.publish_due(dbs, BOX, now=due + timedelta(seconds=30), sleep=no_sleep).lines == []
    run = scheduling.publish_due(dbs, BOX, now=record.retry_at + timedelta(seconds=1), sleep=no_sleep)
    assert run.failed == 0 and run.lines[0].startswith("Published")
    assert len(wordpress_server.posts) == 1
    assert dbs.get(Draft, draft.id).status is DraftStatus.PUBLISHED


def test_scheduled_publish_gives_up_after_the_window_and_tells_author_and_scheduler(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2030, 1, 1, 9, 0), timezone="UTC")
    dbs.commit()
    wordpress_server.stop()  # the blog is down for good
    now = datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc)
    runs = 0
    while True:
        runs += 1
        run = scheduling.publish_due(dbs, BOX, now=now, sleep=no_sleep)
        assert run.failed == 1
        record = _record(dbs, dbs.scalar(select(ExportRecord.id)))
        if record.status != "scheduled":
            break
        now = record.retry_at
        assert runs < 20
    assert now - datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc) <= scheduling.RETRY_WINDOW
    assert record.status == "failed" and "could not connect" in record.last_error
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
    told = {n.user_id for n in dbs.scalars(select(Notification).where(Notification.event == "publish_failed"))}
    assert told == {author.id, reviewer.id}
    assert scheduling.publish_due(dbs, BOX, now=now + timedelta(days=1), sleep=no_sleep).lines == []


def test_scheduled_publish_that_needs_a_person_notifies_at_once(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _destination(dbs, reviewer, "wordpress", wordpress_server)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=datetime(2030, 1, 1, 9, 0), timezone="UTC")
    dbs.commit()
    wordpress_server.users["editor"] = ("rotated password 1234", "editor")
    run = scheduling.publish_due(dbs, BOX, now=datetime(2030, 1, 1, 9, 1, tzinfo=timezone.utc),
                                 sleep=no_sleep)
    assert run.failed == 1
    assert dbs.scalar(select(ExportRecord)).status == "failed"
    assert dbs.scalar(select(Notification).where(Notification.event == "publish_failed",
                                                  Notification.user_id == author.id))


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
