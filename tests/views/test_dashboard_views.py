"""The numbers dashboard as people see it: who sees what, each number's posts, CSV, bad input."""

from __future__ import annotations

import csv
import io
import re

import pytest

from drafts.metrics import period
from tests import program_history as h
from tests.factories import login


@pytest.fixture
def world(dbs, monkeypatch):
    monkeypatch.setattr("webapp.dashboard.views.utcnow", lambda: h.NOW)
    return h.build(dbs)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def _titles(page: str) -> list[str]:
    body = page[page.index('id="numbers-posts"'):]
    return re.findall(r'<td class="card-title"><a href="[^"]+">([^<]+)</a>', body)


def test_reviewer_sees_the_team_numbers_with_links_to_the_posts(client, world):
    login(client, world.rita)
    page = _page(client, "/numbers")
    assert "The program’s numbers" in page and "Jan 2026 – Jun 2026" in page
    assert '<span class="stat-value">3</span>' in page
    assert "5.0 d" in page and "48.0 h" in page  # median cycle time and review wait
    assert "Ana Author" in page and "Ben Writer" in page
    # The March bar links to the posts behind it.
    link = re.search(r'<a href="(/numbers/posts\?[^"]*month=2026-03[^"]*)" aria-label="Mar 2026', page)
    assert link, page
    listed = _page(client, link.group(1).replace("&amp;", "&"))
    assert _titles(listed) == ["Cloud costs"]
    assert "not live now" in listed  # published, then taken offline: still counted


def test_blog_numbers_say_wordpress_counts_nothing(client, world):
    login(client, world.admin)
    page = _page(client, "/numbers")
    assert "WordPress itself keeps no view counts" in page
    assert "Not read yet" in page and "No readings yet for the posts of this period." in page


def test_an_author_sees_only_their_own_posts(client, world):
    login(client, world.ben)
    page = _page(client, "/numbers")
    assert "your own posts" in page and "Ana Author" not in page
    assert '<span class="stat-value">1</span>' in page
    # Asking for someone else's posts still shows only one's own.
    listed = _page(client, f"/numbers/posts?author={world.ana.id}")
    assert _titles(listed) == ["Security budget"]


def test_lists_behind_tags_destinations_and_sorts(client, world):
    login(client, world.rita)
    assert sorted(_titles(_page(client, "/numbers/posts?tag=cloud"))) == ["Cloud costs", "Zero trust"]
    assert _titles(_page(client, f"/numbers/posts?live={world.ghost.id}")) == ["Zero trust"]
    assert _titles(_page(client, "/numbers/posts?sort=cycle")) == ["Zero trust", "Cloud costs",
                                                                    "Security budget"]
    assert _titles(_page(client, f"/numbers/posts?destination={world.wordpress.id}")) == ["Cloud costs"]
    page = _page(client, "/numbers/suggestions?action=concise")
    assert "Cloud costs" in page and "Binned" not in page


def test_each_table_downloads_as_csv(client, world):
    login(client, world.rita)
    response = client.get("/numbers?format=csv&table=published")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Month", "Posts"]
    assert rows[1:] == [["Jan 2026", "0"], ["Feb 2026", "0"], ["Mar 2026", "1"], ["Apr 2026", "1"],
                        ["May 2026", "1"], ["Jun 2026", "0"]]
    process = client.get("/numbers?format=csv&table=process").get_data(as_text=True)
    assert '"Cycle time, first draft to publication (days)",5.0,8.2' in process
    for key in ("authors", "destinations", "readability", "words", "suggestions", "topics", "blogs"):
        assert client.get(f"/numbers?format=csv&table={key}").status_code == 200
    listed = client.get("/numbers/posts?format=csv&sort=review").get_data(as_text=True)
    assert listed.splitlines()[1].startswith("Zero trust,Ana Author")


def test_bad_filters_get_a_clear_4xx(client, world):
    login(client, world.rita)
    for url in ("/numbers?period=5", "/numbers?author=abc", "/numbers?destination=99999999999999",
                "/numbers?format=pdf", "/numbers?format=csv&table=nope", "/numbers/posts?month=1999-01",
                "/numbers/posts?sort=evil", "/numbers/posts?live=-1"):
        response = client.get(url)
        assert 400 <= response.status_code < 500, url
    assert client.get("/numbers/suggestions?action=nope").status_code == 422


def test_periods_are_the_last_3_6_or_12_months(client, world):
    login(client, world.rita)
    assert period.PERIODS == (3, 6, 12)
    page = _page(client, "/numbers?period=3")
    assert "Apr 2026 – Jun 2026" in page and '<span class="stat-value">2</span>' in page


def test_an_authors_downloads_hold_only_their_own_numbers(client, world):
    login(client, world.ben)
    authors = client.get(f"/numbers?format=csv&table=authors&author={world.ana.id}").get_data(as_text=True)
    assert "Ben Writer" in authors and "Ana Author" not in authors
    listed = client.get("/numbers/posts?format=csv").get_data(as_text=True)
    assert [line.split(",")[0] for line in listed.splitlines()[1:]] == ["Security budget"]


def test_readability_sort_puts_the_post_review_made_clearest_first(client, world):
    login(client, world.rita)
    assert _titles(_page(client, "/numbers/posts?sort=readability"))[0] == "Cloud costs"
