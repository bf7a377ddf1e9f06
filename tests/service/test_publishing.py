"""Publishing through the real adapters to fake WordPress and dev.to servers on 127.0.0.1."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import PermissionDenied
from drafts.export import scheduling, service
from drafts.export.base import AuthFailed, NotAllowed, RemoteConflict, RemoteGone
from drafts.models import (
    Destination,
    Draft,
    DraftStatus,
    ExportAttempt,
    ExportRecord,
    Role,
    User,
    utcnow,
)
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from tests.factories import make_draft, make_user
from tests.fake_wordpress import CONTRIBUTOR_PASSWORD, EDITOR_PASSWORD

BOX = SecretBox(Fernet.generate_key())
BODY = "## Why it matters\n\nWe cut our cloud bill by a third. <script>alert(1)</script>"


def no_sleep(_seconds):
    return None


def _approved(dbs):
    author = make_user(dbs, Role.AUTHOR, name="Ana Author")
    reviewer = make_user(dbs, Role.REVIEWER, name="Rita Reviewer")
    draft = make_draft(dbs, author, title="What our cloud bill taught us", body=BODY,
                       excerpt="One question changed our spending.", tags="cloud, FinOps")
    workflow.act(dbs, draft, author, Action.SUBMIT)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    return author, reviewer, draft


def _wordpress(dbs, server, user: User, username="editor", password=EDITOR_PASSWORD) -> Destination:
    dest = service.add_destination(dbs, user, kind="wordpress", name="Company blog",
                                   settings={"site_url": server.base_url, "username": username},
                                   secret=password, box=BOX)
    dbs.commit()
    return dest


def test_publish_once_then_update_never_duplicates(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    assert EDITOR_PASSWORD not in dest.secret_encrypted
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert record.status == "published" and record.remote_url
    [post] = wordpress_server.posts.values()
    assert post["title"] == "What our cloud bill taught us" and post["status"] == "publish"
    assert "<h2>Why it matters</h2>" in post["content"] and "<script" not in post["content"]
    assert sorted(wordpress_server.tag_names(int(record.remote_id))) == ["FinOps", "cloud"]
    assert draft.status is DraftStatus.PUBLISHED

    # An edit goes back through review; publishing again updates the same post.
    from drafts.writing import editing

    editing.save_draft(dbs, draft, author, editing.DraftInput(
        title="What our cloud bill taught the board", body=BODY + "\n\nNew closing line.",
        excerpt=draft.excerpt, tags=("cloud",)), base_version=draft.version)
    assert draft.status is DraftStatus.IN_REVIEW
    with pytest.raises(PermissionDenied, match="Only approved drafts"):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    workflow.act(dbs, draft, reviewer, Action.APPROVE)
    dbs.commit()
    again = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert again.remote_id == record.remote_id
    assert len(wordpress_server.posts) == 1
    [post] = wordpress_server.posts.values()
    assert post["title"] == "What our cloud bill taught the board" and "New closing line." in post["content"]
    history = [(a.operation, a.result) for a in service.history(dbs, draft)]
    assert history == [("update", "ok"), ("create", "ok")]


def test_only_marketing_publishes(dbs, wordpress_server):
    author, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    with pytest.raises(PermissionDenied, match="not the post's author"):
        service.publish(dbs, draft, author, dest, box=BOX, sleep=no_sleep)
    assert wordpress_server.posts == {}


def test_timeout_after_the_blog_created_the_post_does_not_duplicate(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    wordpress_server.drop_next(seconds=3)
    adapter = service.adapter_for(dest, BOX)
    adapter.timeout = 1.0
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, adapter=adapter)
    assert len(wordpress_server.posts) == 1
    assert record.status == "published" and record.remote_id == str(next(iter(wordpress_server.posts)))
    [attempt] = service.history(dbs, draft)
    assert attempt.attempts == 2 and attempt.operation == "create"


def test_deleted_remote_post_is_not_silently_recreated(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    wordpress_server.delete_post(int(record.remote_id))
    with pytest.raises(RemoteGone):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    dbs.expire_all()
    record = dbs.get(ExportRecord, record.id)
    assert record.status == "gone" and wordpress_server.posts == {}
    # The user chose to publish it as a new post.
    service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, recreate=True)
    assert len(wordpress_server.posts) == 1


@pytest.mark.parametrize("status, code, error, retried", [
    (401, "rest_not_logged_in", "credentials (401)", False),
    (413, "rest_too_large", "too large", False),
    (422, "rest_invalid_param", "rejected", False),
    (500, "internal_server_error", "internal error", True),
])
def test_faults_leave_a_clear_message_and_no_duplicate(dbs, wordpress_server, status, code, error, retried):
    _, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    for _ in range(3 if retried else 1):
        wordpress_server.fail_next(status, code, "Nope.", method="POST", route="/wp/v2/posts")
    with pytest.raises(Exception) as raised:
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert error in raised.value.message
    dbs.expire_all()
    record = dbs.scalar(select(ExportRecord))
    assert record.remote_id == "" and record.last_error == raised.value.message
    attempt = dbs.scalar(select(ExportAttempt))
    assert attempt.result == "error" and attempt.attempts == (3 if retried else 1)
    assert dbs.get(Draft, draft.id).status is DraftStatus.APPROVED
    # Once the blog is fine again, the retry creates exactly one post.
    service.publish(dbs, draft, reviewer, dbs.get(Destination, dest.id), box=BOX, sleep=no_sleep)
    assert len(wordpress_server.posts) == 1


def test_a_role_that_cannot_publish_gets_403_message(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer, username="contributor", password=CONTRIBUTOR_PASSWORD)
    with pytest.raises(NotAllowed):
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    # Pushing as a remote draft is allowed for that role.
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep, mode="remote_draft")
    assert record.status == "remote_draft" and len(wordpress_server.posts) == 1


def test_wrong_password_check_says_what_is_wrong(dbs, wordpress_server):
    _, reviewer, _ = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer, password="wrong wrong wrong wrong")
    assert service.check(dbs, dest, reviewer, BOX).startswith("Connection failed:")
    good = _wordpress(dbs, wordpress_server, reviewer)
    assert "Connected" in service.check(dbs, good, reviewer, BOX)
    with pytest.raises(AuthFailed):
        service.adapter_for(dest, BOX).find_by_slug("anything")


def test_schedule_and_publish_due_twice_at_once_publishes_once(app, dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    soon = datetime(2030, 1, 1, 9, 30)
    scheduling.schedule(dbs, draft, reviewer, dest, when_local=soon, timezone="Europe/Berlin")
    dbs.commit()
    assert draft.status is DraftStatus.SCHEDULED
    assert scheduling.publish_due(dbs, BOX, sleep=no_sleep).lines == []  # not due yet

    due_time = datetime(2030, 1, 1, 8, 31, tzinfo=utcnow().tzinfo)  # 09:31 in Berlin
    wordpress_server.delay_next(1.0, method="POST", route="/wp/v2/posts")
    engine = dbs.get_bind()
    results: list[list[str]] = []

    def run():
        with Session(engine, expire_on_commit=False) as session:
            results.append(scheduling.publish_due(session, BOX, now=due_time, sleep=no_sleep).lines)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wordpress_server.posts) == 1
    lines = sorted(line for r in results for line in r)
    assert any(line.startswith("Published") for line in lines)
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).status is DraftStatus.PUBLISHED


def test_devto_gets_markdown(dbs, devto_server):
    _, reviewer, draft = _approved(dbs)
    dest = service.add_destination(dbs, reviewer, kind="devto", name="dev.to",
                                   settings={"base_url": devto_server.base_url}, secret=devto_server.api_key, box=BOX)
    dbs.commit()
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    [article] = devto_server.articles.values()
    assert article["body_markdown"].startswith("## Why it matters") and record.remote_url
    assert "<script>" not in article["body_markdown"] and "&lt;script>" in article["body_markdown"]
    assert record.status == "published"


def test_non_json_reply_and_connection_refused(dbs, wordpress_server):
    _, reviewer, draft = _approved(dbs)
    dest = _wordpress(dbs, wordpress_server, reviewer)
    wordpress_server.html_next(method="POST", route="/wp/v2/posts")
    with pytest.raises(Exception) as raised:
        service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    assert "JSON" in raised.value.message
    dead = service.add_destination(dbs, reviewer, kind="wordpress", name="Old blog",
                                   settings={"site_url": "http://127.0.0.1:9", "username": "editor"},
                                   secret=EDITOR_PASSWORD, box=BOX)
    dbs.commit()
    with pytest.raises(Exception) as raised:
        service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dead, box=BOX, sleep=no_sleep)
    assert "could not connect" in raised.value.message
    assert wordpress_server.posts == {}


def test_ghost_update_collision_is_reported_and_nothing_overwritten(dbs, ghost_server):
    _, reviewer, draft = _approved(dbs)
    dest = service.add_destination(dbs, reviewer, kind="ghost", name="Ghost blog",
                                   settings={"admin_url": ghost_server.base_url},
                                   secret=ghost_server.admin_api_key, box=BOX)
    dbs.commit()
    assert ghost_server.admin_api_key.split(":")[1] not in dest.secret_encrypted
    record = service.publish(dbs, draft, reviewer, dest, box=BOX, sleep=no_sleep)
    [post] = ghost_server.posts.values()
    assert post["status"] == "published" and "<h2>Why it matters</h2>" in post["html"]
    # Someone edits the post in Ghost; our next update must not overwrite it.
    ghost_server.edit_post(record.remote_id, title="Edited in Ghost")
    with pytest.raises(RemoteConflict) as raised:
        service.publish(dbs, dbs.get(Draft, draft.id), reviewer, dest, box=BOX, sleep=no_sleep)
    assert "Nothing was overwritten" in raised.value.message or "nothing was overwritten" in raised.value.message
    [post] = ghost_server.posts.values()
    assert post["title"] == "Edited in Ghost"
    dbs.expire_all()
    assert dbs.get(ExportRecord, record.id).status == "conflict"
