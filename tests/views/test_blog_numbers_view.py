"""A post's Publish panel shows the blog's numbers after `flask sync-stats`, and the dashboard
sums them; before any sync it says so instead of showing zeros."""

from __future__ import annotations

from sqlalchemy import select

from drafts.models import User
from tests.factories import login
from tests.service.test_stats_sync import KEY, _world


def test_the_post_and_the_dashboard_show_the_blogs_numbers(app, client, runner, dbs, ghost_stats_server):
    app.config["BYLINE_ENCRYPTION_KEY"] = KEY
    one, rec_one, two, rec_two = _world(dbs, ghost_stats_server)
    reviewer = dbs.scalar(select(User).where(User.name == "Rita Reviewer"))
    login(client, reviewer)
    page = client.get(f"/drafts/{one.id}").get_data(as_text=True)
    assert "Blog numbers: not read yet" in page

    ghost_stats_server.set_counts(rec_one.remote_id, signups=3, clicks=12, negative_feedback=1)
    result = runner.invoke(args=["sync-stats"])
    assert result.exit_code == 0, result.output
    ghost_stats_server.set_counts(rec_one.remote_id, signups=5)
    assert runner.invoke(args=["sync-stats"]).exit_code == 0

    page = client.get(f"/drafts/{one.id}").get_data(as_text=True)
    panel = page[page.index('id="blog-numbers"'):]
    assert "Ghost blog" in panel and "Sign-ups: <strong>5</strong>" in panel
    assert "(+2 since the reading before)" in panel and "Newsletter clicks: <strong>12</strong>" in panel

    board = client.get("/numbers").get_data(as_text=True)
    blogs = board[board.index('id="blogs"'):]
    assert "Last read" in blogs and "WordPress itself keeps no view counts" in blogs
    assert "<dt>Sign-ups</dt><dd>5</dd>" in blogs and "<dt>Newsletter clicks</dt><dd>12</dd>" in blogs
    assert "Month by month" in blogs
    trend = client.get(f"/numbers?format=csv&table=blog-{rec_one.destination_id}").get_data(as_text=True)
    lines = trend.splitlines()
    assert lines[0] == ("Month,Posts read,Sign-ups,Paid conversions,Newsletter clicks,Liked it,"
                        "Did not like it")
    assert lines[-1].endswith(",2,5,0,12,0,1")  # this month: both posts' last readings
