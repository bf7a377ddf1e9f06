"""The whole life of a remote post, on a real WordPress and a real Ghost (issue 9).

Each test is what marketing does in Byline (through its pages and `flask publish-due`)
and what someone does on the blog, then checks what the blog holds, what a reader sees
at the public address, and what Byline says.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from drafts.models import DraftStatus
from drafts.review.workflow import Action
from tests.realcms import blogs
from tests.realcms.blogs import public_page
from tests.realcms.flow import RICH_BODY, RICH_TAGS, unique

pytestmark = pytest.mark.realcms
blogs.skip_module_unless_running()
BLOGS = ("wordpress", "ghost")


# Each test runs on both blogs: the `blog` fixture gives the one named here.
on_both_blogs = pytest.mark.parametrize("blog", BLOGS, indirect=True)


def live(newsroom, blog, title: str = "What our cloud bill taught us", **fields):
    """An approved post, published now: (draft, destination, record, messages)."""
    destination = newsroom.destination_for(blog)
    draft = newsroom.approved(unique(title), **fields)
    messages = newsroom.publish(draft, destination)
    record = newsroom.record(draft, destination)
    assert record is not None and record.status == "published", messages
    return draft, destination, record, messages


def wait_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()) + 0.5)


def soon(seconds: int = 3) -> tuple[datetime, datetime]:
    """A time a few seconds ahead: as typed in Berlin (naive) and in UTC (whole seconds)."""
    moment = (datetime.now(UTC) + timedelta(seconds=seconds + 1)).replace(microsecond=0)
    return moment.astimezone(ZoneInfo("Europe/Berlin")).replace(tzinfo=None), moment


def is_live(url: str) -> bool:
    status, _ = public_page(url)
    return status == 200


# -- publish and update -------------------------------------------------------------------


@on_both_blogs
def test_publish_puts_the_post_live_with_everything_intact(newsroom, blog):
    started = datetime.now(UTC)
    draft, _, record, messages = live(newsroom, blog, "What our cloud bill taught us 🚀",
                                      body=RICH_BODY, tags=", ".join(RICH_TAGS))
    assert any(record.remote_url in text for category, text in messages if category == "success")

    remote = blog.get(record.remote_id)
    assert remote.status == "published" and remote.title == draft.title
    assert remote.slug == record.slug and remote.url == record.remote_url
    assert abs(remote.date - started) < timedelta(minutes=2)
    for piece in ("<table>", "Q2", "−33 %", "東京", "Kraków", "naïve café", "“FinOps”", "🚀", "👩‍💻",
                  "if cost &gt; budget", "&lt;over budget&gt;", "<code>a &lt; b &amp;&amp; c &gt; d</code>"):
        assert piece in remote.html, piece
    assert remote.tags == tuple(sorted(RICH_TAGS))

    status, page = public_page(remote.url)
    assert status == 200
    for piece in ("東京", "👩‍💻", "<table"):
        assert piece in page, piece
    assert newsroom.fresh(draft).status is DraftStatus.PUBLISHED


@on_both_blogs
def test_an_update_changes_the_same_post_and_keeps_its_address(newsroom, blog):
    draft, destination, record, _ = live(newsroom, blog)
    first = blog.get(record.remote_id)

    newsroom.revise(draft, title=draft.title + " (revised)", body="A new closing line.")
    messages = newsroom.publish(draft, destination)

    again = newsroom.record(draft, destination)
    assert again.remote_id == record.remote_id and again.status == "published", messages
    remote = blog.get(record.remote_id)
    assert remote.title.endswith("(revised)") and "A new closing line." in remote.html
    assert remote.slug == first.slug and remote.url == first.url
    assert len(blog.copies(first.slug)) == 1
    assert is_live(remote.url)


@on_both_blogs
def test_an_update_keeps_the_first_publication_date(newsroom, blog):
    draft, destination, record, _ = live(newsroom, blog)
    first = blog.get(record.remote_id)
    time.sleep(1.2)  # both blogs store dates to the second

    newsroom.revise(draft, body="Corrected figures in the second paragraph.")
    newsroom.publish(draft, destination)

    remote = blog.get(record.remote_id)
    assert "Corrected figures" in remote.html
    assert remote.date == first.date and remote.url == first.url


# -- schedule and unschedule ----------------------------------------------------------------


@on_both_blogs
def test_a_scheduled_post_goes_live_at_the_chosen_time(newsroom, blog):
    destination = newsroom.destination_for(blog)
    draft = newsroom.approved(unique("Scheduled: three lessons from our ERP move"))
    typed, moment = soon()
    newsroom.schedule(draft, destination, typed, timezone="Europe/Berlin")

    record = newsroom.record(draft, destination)
    assert record.status == "scheduled" and newsroom.fresh(draft).status is DraftStatus.SCHEDULED
    assert not [p for p in blog.copies(record.slug) if p["status"] in ("publish", "published")]

    wait_until(moment)
    result = newsroom.publish_due()
    assert result.exit_code == 0 and "Published" in result.output, result.output

    record = newsroom.record(draft, destination)
    remote = blog.get(record.remote_id)
    # Dated when it went live: at the chosen time, or at the cron run just after it.
    assert remote.status == "published" and moment <= remote.date < moment + timedelta(minutes=2)
    assert is_live(remote.url)
    assert record.status == "published" and newsroom.fresh(draft).status is DraftStatus.PUBLISHED


@on_both_blogs
def test_unscheduling_cancels_the_pending_publish(newsroom, blog):
    destination = newsroom.destination_for(blog)
    draft = newsroom.approved(unique("Unscheduled: what we will not say yet"))
    typed, moment = soon()
    newsroom.schedule(draft, destination, typed, timezone="Europe/Berlin")
    newsroom.act(draft, Action.UNSCHEDULE)
    slug = newsroom.record(draft, destination).slug

    wait_until(moment)
    result = newsroom.publish_due()

    assert result.exit_code == 0, result.output
    assert blog.copies(slug) == []
    assert newsroom.fresh(draft).status is DraftStatus.APPROVED
    assert newsroom.record(draft, destination).status != "scheduled"


@on_both_blogs
def test_an_edit_cancels_the_schedule_and_reapproval_does_not_publish(newsroom, blog):
    destination = newsroom.destination_for(blog)
    draft = newsroom.approved(unique("Rescheduled: the board asked for numbers"))
    typed, moment = soon()
    newsroom.schedule(draft, destination, typed, timezone="Europe/Berlin")
    slug = newsroom.record(draft, destination).slug

    newsroom.revise(draft, body="Now with the numbers the board asked for.")  # review, then approval
    wait_until(moment)
    newsroom.publish_due()

    assert blog.copies(slug) == []
    assert newsroom.fresh(draft).status is DraftStatus.APPROVED


@on_both_blogs
def test_publish_now_on_a_scheduled_post_publishes_it_now(newsroom, blog):
    destination = newsroom.destination_for(blog)
    draft = newsroom.approved(unique("Moved up: our AI policy"))
    newsroom.schedule(draft, destination, datetime.now() + timedelta(days=2), timezone="UTC")

    started = datetime.now(UTC)
    newsroom.publish(draft, destination)

    record = newsroom.record(draft, destination)
    remote = blog.get(record.remote_id)
    assert remote.status == "published" and abs(remote.date - started) < timedelta(minutes=2)
    assert "?p=" not in record.remote_url and is_live(record.remote_url)
    assert record.status == "published" and newsroom.fresh(draft).status is DraftStatus.PUBLISHED


# -- taken down on the blog ---------------------------------------------------------------------


@on_both_blogs
def test_a_post_taken_down_on_the_blog_is_not_republished_by_an_update(newsroom, blog):
    draft, destination, record, _ = live(newsroom, blog)
    blog.take_down(record.remote_id)  # WordPress: Move to Trash; Ghost: Delete

    newsroom.revise(draft, body="An update nobody should see until marketing decides.")
    messages = newsroom.publish(draft, destination)

    assert any(category == "error" for category, _ in messages), messages
    remote = blog.get(record.remote_id)
    assert remote is None or remote.status == "trash"
    assert not is_live(record.remote_url)
    assert newsroom.record(draft, destination).status != "published"

    # Marketing decides to publish it again, as a new post.
    newsroom.publish(draft, destination, recreate="1")
    again = newsroom.record(draft, destination)
    assert again.status == "published" and again.remote_id != record.remote_id
    remote = blog.get(again.remote_id)
    assert remote.status == "published" and "nobody should see" in remote.html
    assert is_live(remote.url)


@on_both_blogs
def test_push_as_remote_draft_never_takes_a_live_post_offline(newsroom, blog):
    draft, destination, record, _ = live(newsroom, blog)

    newsroom.publish(draft, destination, mode="remote_draft")

    assert blog.get(record.remote_id).status == "published" and is_live(record.remote_url)
    assert newsroom.record(draft, destination).status == "published"
    assert newsroom.fresh(draft).status is DraftStatus.PUBLISHED


@on_both_blogs
def test_unpublish_takes_the_post_offline_and_byline_follows(newsroom, blog):
    draft, destination, record, _ = live(newsroom, blog)

    unpublish = f"/drafts/{draft.id}/unpublish/{destination.id}"
    messages = newsroom.post(unpublish)  # not confirmed
    assert [category for category, _ in messages] == ["error"]
    assert blog.get(record.remote_id).status == "published" and is_live(record.remote_url)

    newsroom.post(unpublish, confirm="1")
    remote = blog.get(record.remote_id)
    assert remote is None or remote.status != "published"
    assert not is_live(record.remote_url)
    assert newsroom.record(draft, destination).status != "published"
    assert newsroom.fresh(draft).status is not DraftStatus.PUBLISHED


# -- credentials ------------------------------------------------------------------


@on_both_blogs
def test_rotated_credentials_keep_the_post_linked(newsroom, blog):
    token = unique("rotation").rsplit(" ", 1)[1]
    old = blog.new_secret(f"byline-old-{token}")
    destination = newsroom.destination_for(blog, secret=old)
    draft = newsroom.approved(unique("Credentials rotate, posts stay"))
    newsroom.publish(draft, destination)
    record = newsroom.record(draft, destination)
    try:
        new = blog.new_secret(f"byline-new-{token}")
        newsroom.post(f"/admin/destinations/{destination.id}/edit", user=newsroom.admin,
                      name=destination.name, secret=new, **blog.settings())
        blog.revoke(f"byline-old-{token}")  # the leaked password no longer works

        newsroom.revise(draft, title=draft.title + " (after rotation)")
        messages = newsroom.publish(draft, destination)

        again = newsroom.record(draft, destination)
        assert again.remote_id == record.remote_id and again.status == "published", messages
        assert blog.get(record.remote_id).title.endswith("(after rotation)")
        assert len(blog.copies(record.slug)) == 1
    finally:
        blog.revoke(f"byline-old-{token}")
        blog.revoke(f"byline-new-{token}")
