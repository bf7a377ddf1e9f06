"""Test connection against a real WordPress: what it says for the accounts people really
give Byline (issue 9 item 11)."""

from __future__ import annotations

import pytest

from tests.realcms import blogs

pytestmark = pytest.mark.realcms
blogs.skip_module_unless_running()


def check(newsroom, destination) -> tuple[str, str]:
    [message] = newsroom.post(f"/admin/destinations/{destination.id}/check", user=newsroom.admin)
    return message


def test_the_publishing_account_connects(newsroom, real_wordpress):
    destination = newsroom.destination_for(real_wordpress)

    category, text = check(newsroom, destination)

    assert category == "success" and "Connected to" in text and "Byline Publisher" in text


def test_a_wrong_application_password_says_so(newsroom, real_wordpress):
    destination = newsroom.destination("wordpress", "Wrong password", real_wordpress.settings(),
                                       "abcd efgh ijkl mnop qrst uvwx")

    category, text = check(newsroom, destination)

    assert category == "error" and "401" in text
    # The site is local, so https is not the problem. (WordPress answers a wrong application
    # password with 401 rest_not_logged_in, as when it ignores application passwords.)
    assert "https://" not in text


def test_a_contributor_account_is_told_it_cannot_publish(newsroom, real_wordpress):
    facts = real_wordpress.facts
    destination = newsroom.destination(
        "wordpress", "Contributor account",
        {"site_url": real_wordpress.url, "username": facts["WORDPRESS_CONTRIBUTOR_USER"]},
        facts["WORDPRESS_CONTRIBUTOR_APP_PASSWORD"])

    category, text = check(newsroom, destination)

    assert category == "error" and "Connie Contributor" in text and "role: contributor" in text
