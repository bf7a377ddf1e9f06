"""The life of a remote post, continued: the publish claim released after an update, a retry
and publish-due; publication dates kept on update and "now" meaning now; leaving
"scheduled" cancelling; scheduled publishes meeting an outage."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from drafts.export import scheduling, service
from drafts.models import Draft, DraftStatus, ExportRecord, Notification, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from tests.service.publish_lifecycle_support import (
    BODY,
    BOX,
    _approved,
    _destination,
    _record,
    no_sleep,
)

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
