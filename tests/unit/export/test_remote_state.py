"""Pure helpers of a remote post's life: links, statuses, dates, the collision text."""

from datetime import datetime, timezone

import pytest

from drafts.export.base import BadResponse, ServerError, Timeout
from drafts.export.lifecycle import text_of
from drafts.export.remote_state import is_live, parse_date, record_status, safe_url


@pytest.mark.parametrize("url, kept", [
    ("https://blog.example.com/post/", True),
    ("http://127.0.0.1:8080/?p=3", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//evil.example/x", False),
    ("https://blog.example.com/\nx", False),
    ("", False),
])
def test_only_http_links_are_kept(url, kept):
    assert (safe_url(url) != "") is kept


@pytest.mark.parametrize("status, ours", [
    ("publish", "published"), ("published", "published"), ("future", "remote_scheduled"),
    ("scheduled", "remote_scheduled"), ("draft", "remote_draft"), ("pending", "remote_draft"),
    ("private", "remote_draft"), ("trash", "gone"), ("", "remote_draft"),
])
def test_byline_status_follows_the_blogs_word(status, ours):
    assert record_status(status) == ours
    assert is_live(status) is (ours == "published")


def test_blog_dates_are_read_as_utc():
    assert parse_date("2026-03-01T09:30:00") == datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    assert parse_date("2026-03-01T09:30:00.000Z") == datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    assert parse_date("") is None and parse_date("not a date") is None


def test_errors_after_which_the_post_may_exist():
    assert ServerError().maybe_saved and Timeout().maybe_saved
    assert BadResponse(status=200).maybe_saved and BadResponse().maybe_saved
    assert not BadResponse(status=404).maybe_saved


def test_collision_text_is_one_block_a_line():
    html = "<h2>Why</h2><p>We cut <strong>costs</strong>&nbsp;fast.</p><ul><li>One</li><li>Two</li></ul>"
    assert text_of(html) == "Why\nWe cut costs fast.\nOne\nTwo\n"
