"""The CIO's name on the post (issue 9 item 15): each Byline author is the blog user with
the same email, or the one an admin chose; Test connection and the draft's publishing
panel say under whose name the post will appear, and a reader sees that name."""

from __future__ import annotations

import pytest

from tests.realcms import blogs
from tests.realcms.blogs import public_page
from tests.realcms.flow import unique

blogs.skip_module_unless_running()
pytestmark = pytest.mark.realcms
NAME = "Casey Chief"  # the CIO in Byline, the WordPress Author and the Ghost staff Author


def check(newsroom, destination) -> tuple[str, str]:
    [message] = newsroom.post(f"/admin/destinations/{destination.id}/check", user=newsroom.admin)
    return message


def published_under(newsroom, blog, destination) -> str:
    """Publish one of the CIO's posts; the author the blog shows, after checking the page."""
    draft = newsroom.approved(unique("A CIO's name on the post"))
    assert f"Appears as {NAME}" in newsroom.page(draft)  # the publishing panel says so first
    newsroom.publish(draft, destination)
    record = newsroom.record(draft, destination)
    status, page = public_page(record.remote_url)
    assert status == 200 and NAME in page
    return blog.get(record.remote_id).author


def test_ghost_posts_carry_the_staff_user_with_the_authors_email(newsroom, real_ghost):
    destination = newsroom.destination_for(real_ghost)

    category, text = check(newsroom, destination)
    assert category == "success" and f"posts appear as {NAME} (the blog user with" in text

    assert published_under(newsroom, real_ghost, destination) == NAME


def test_an_administrators_wordpress_account_finds_the_author_by_email(newsroom, real_wordpress):
    facts = real_wordpress.facts
    destination = newsroom.destination(
        "wordpress", "Company WordPress (administrator)",
        {"site_url": real_wordpress.url, "username": facts["WORDPRESS_ADMIN_USER"]},
        facts["WORDPRESS_ADMIN_APP_PASSWORD"])

    category, text = check(newsroom, destination)
    assert category == "success" and f"posts appear as {NAME} (the blog user with" in text

    assert published_under(newsroom, real_wordpress, destination) == NAME


def test_with_an_editors_wordpress_account_an_admin_chooses_the_author(newsroom, real_wordpress):
    destination = newsroom.destination_for(real_wordpress)  # an Editor: may not search by email

    _, text = check(newsroom, destination)
    assert "Destinations → Authors" in text

    newsroom.post(f"/admin/destinations/{destination.id}/authors", user=newsroom.admin,
                  **{f"author-{newsroom.cio.id}": real_wordpress.facts["WORDPRESS_AUTHOR_ID"]})

    assert published_under(newsroom, real_wordpress, destination) == NAME
