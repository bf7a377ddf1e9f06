"""The WordPress adapter's update and find_by_slug against the fake WordPress REST API,
and sites without pretty permalinks (the `?rest_route=` fallback)."""

from __future__ import annotations

import time

import pytest

from drafts.export.base import RemoteGone
from tests.unit.export.wordpress_support import adapter_for, make_post

# -- update and find_by_slug ---------------------------------------------------------------


def test_update_sends_the_fields_to_the_post(site, wp):
    created = wp.create(make_post(status="draft"))
    time.sleep(1.05)  # modified_gmt has one-second resolution
    updated = wp.update(created, make_post(title="Billing, rewritten", tags=("ops",)))

    request = site.requests[-1]
    assert (request.method, request.path) == ("POST", "/wp-json/wp/v2/posts/1")
    assert request.json["title"] == "Billing, rewritten"
    assert request.json["status"] == "publish"
    stored = site.posts[1]
    assert (stored["title"], stored["status"]) == ("Billing, rewritten", "publish")
    assert site.tag_names(1) == ["ops"]
    assert updated.remote_id == "1" and updated.status == "publish"
    assert updated.updated_at == stored["modified_gmt"] != created.updated_at
    assert len(site.posts) == 1


def test_update_of_a_post_deleted_in_wp_admin_is_remote_gone(site, wp):
    created = wp.create(make_post())
    site.delete_post(int(created.remote_id))
    with pytest.raises(RemoteGone) as raised:
        wp.update(created, make_post())
    assert raised.value.status == 404
    assert site.posts == {}  # not re-created


def test_find_by_slug_sees_drafts_and_reports_missing(site, wp):
    created = wp.create(make_post(status="draft"))
    found = wp.find_by_slug("why-we-rewrote-billing")
    assert found == created
    request = site.requests[-1]
    assert request.method == "GET" and request.route == "/wp/v2/posts"
    assert request.query == {"slug": "why-we-rewrote-billing", "status": "any",
                             "context": "edit"}
    assert wp.find_by_slug("never-written") is None


# -- sites without pretty permalinks ---------------------------------------------------------


def test_falls_back_to_rest_route_once(plain_site):
    adapter = adapter_for(plain_site)
    assert adapter.check().endswith("as Editor.")
    remote = adapter.create(make_post())

    paths = [r.path for r in plain_site.requests]
    assert paths == [
        "/wp-json/wp/v2/users/me?context=edit",  # the theme's HTML 404
        "/?rest_route=%2Fwp%2Fv2%2Fusers%2Fme&context=edit",
        "/?rest_route=%2Fwp%2Fv2%2Fposts",
    ]
    assert adapter.pretty_permalinks is False
    assert remote.url == f"{plain_site.base_url}/?p=1"
    assert adapter.find_by_slug(remote.extra["slug"]) == remote


def test_fallback_on_first_create_does_not_duplicate(plain_site):
    adapter = adapter_for(plain_site)
    adapter.create(make_post())
    assert len(plain_site.posts) == 1
    assert [r.route for r in plain_site.requests] == ["/wp/v2/posts", "/wp/v2/posts"]


def test_explicit_plain_permalinks_skip_detection(plain_site):
    adapter_for(plain_site, pretty_permalinks=False).check()
    assert [r.path for r in plain_site.requests] == [
        "/?rest_route=%2Fwp%2Fv2%2Fusers%2Fme&context=edit"]
