"""The dev.to adapter against a fake Forem API over real HTTP on 127.0.0.1.

This file: check, create and update. find_by_slug is in test_devto_find.py, failures in
test_devto_failures.py."""

from __future__ import annotations

import pytest

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    Rejected,
    RemoteGone,
    RemotePost,
)
from drafts.export.devto import DevToAdapter, devto_tags
from tests.fake_devto import ACCEPT_V1, Fault
from tests.unit.export.devto_support import adapter_for, make_post

# -- check ---------------------------------------------------------------------------


def test_check_names_the_user_and_sends_the_forem_headers(fake):
    sentence = adapter_for(fake).check()

    assert sentence.startswith(f"Connected to 127.0.0.1:{fake.port} as byline_tester. ")
    # dev.to has one author per key: Test connection says so (issue 9, item 15).
    assert "appears under the API key's owner, byline_tester" in sentence
    request = fake.requests[0]
    assert (request.method, request.path) == ("GET", "/api/users/me")
    assert request.headers["api-key"] == fake.api_key
    assert request.headers["accept"] == ACCEPT_V1
    assert request.headers["user-agent"].startswith("Byline")


def test_check_against_the_default_address_says_dev_to():
    adapter = DevToAdapter("key")
    assert adapter.base_url == "https://dev.to"
    assert adapter.site == "dev.to"
    assert (adapter.kind, adapter.label) == ("devto", "dev.to")


def test_a_wrong_key_is_auth_failed_without_the_key_in_the_message(fake):
    secret = "wrong-key-that-must-not-leak-42"
    with pytest.raises(AuthFailed) as caught:
        adapter_for(fake, api_key=secret).check()

    assert caught.value.status == 401
    assert secret not in caught.value.message
    assert "Test connection" in caught.value.message
    assert secret not in repr(adapter_for(fake, api_key=secret))


def test_an_empty_key_is_refused_before_any_request(fake):
    with pytest.raises(AuthFailed, match="No 127.0.0.1.* API key"):
        adapter_for(fake, api_key="  ").check()
    assert fake.requests == []


def test_a_site_that_is_not_forem_is_a_bad_response(fake):
    adapter = DevToAdapter(fake.api_key, base_url=fake.base_url + "/nothing-here",
                           timeout=5.0)
    with pytest.raises(BadResponse, match="Check the API address"):
        adapter.check()


# -- create --------------------------------------------------------------------------


def test_create_publishes_markdown_with_clean_tags(fake):
    remote = adapter_for(fake).create(make_post())

    [request] = fake.requests_to("POST", "/api/articles")
    assert request.headers["api-key"] == fake.api_key
    assert request.headers["accept"] == ACCEPT_V1
    assert request.body == {"article": {
        "title": "Why our platform team stopped estimating",
        "body_markdown": "We **stopped**.\n\n## What changed\n\nEverything.\n",
        "published": True,
        "tags": ["engineering", "management", "c", "devops"],
        "canonical_url": "https://blog.example.com/why-we-stopped-estimating",
        "description": "Estimates cost more than they saved us.",
    }}
    stored = fake.articles[int(remote.remote_id)]
    assert stored["published"] is True
    assert stored["slug"].startswith("why-our-platform-team-stopped-estimating-")
    assert remote == RemotePost(
        remote_id=str(stored["id"]),
        url=f"{fake.base_url}/byline_tester/{stored['slug']}",
        status="publish",
        updated_at=stored["published_at"],
        extra={"slug": stored["slug"], "title": stored["title"]},
        published_at=stored["published_at"],
    )


def test_create_as_a_remote_draft(fake):
    remote = adapter_for(fake).create(make_post(status="draft", canonical_url="",
                                                        excerpt=""))

    body = fake.requests_to("POST")[0].body["article"]
    assert body["published"] is False
    assert "canonical_url" not in body and "description" not in body
    assert remote.status == "draft"
    assert "-temp-slug-" in remote.extra["slug"]


def test_schedule_is_rejected_with_a_sentence_and_nothing_is_sent(fake):
    with pytest.raises(Rejected) as caught:
        adapter_for(fake).create(make_post(status="schedule"))

    assert "cannot schedule posts; publish now or push as a draft" in caught.value.message
    assert fake.requests == []


def test_an_unknown_status_is_rejected(fake):
    with pytest.raises(Rejected, match="publish now or push as a draft"):
        adapter_for(fake).create(make_post(status="private"))


def test_validation_errors_carry_the_servers_sentence(fake):
    adapter = adapter_for(fake)
    adapter.create(make_post(canonical_url=""))

    with pytest.raises(Rejected) as caught:
        adapter.create(make_post(canonical_url=""))  # same title and body: Forem refuses

    assert caught.value.status == 422
    assert "Body markdown has already been taken" in caught.value.message
    assert caught.value.message.endswith("Fix what it names, then publish again.")
    assert len(fake.articles) == 1


def test_a_blank_title_is_rejected_by_the_server(fake):
    with pytest.raises(Rejected, match="Title can't be blank"):
        adapter_for(fake).create(make_post(title=""))


def test_a_long_server_message_is_cut_to_200_characters(fake):
    fake.script(Fault(status=422, message="x" * 1000))
    with pytest.raises(Rejected) as caught:
        adapter_for(fake).create(make_post())

    said = caught.value.message.split(": ", 1)[1].split(". Fix", 1)[0]
    assert len(said) == 200 and said.endswith("…")


def test_the_key_is_scrubbed_from_a_server_message(fake):
    fake.script(Fault(status=422, message=f"bad key {fake.api_key} used"))
    with pytest.raises(Rejected) as caught:
        adapter_for(fake).create(make_post())
    assert fake.api_key not in caught.value.message
    assert "[API key]" in caught.value.message


# -- update --------------------------------------------------------------------------


def test_update_changes_the_article_and_publishes_a_draft(fake):
    adapter = adapter_for(fake)
    draft = adapter.create(make_post(status="draft"))

    updated = adapter.update(draft, make_post(markdown="New body.\n", status="publish"))

    [put] = fake.requests_to("PUT")
    assert put.path == f"/api/articles/{draft.remote_id}"
    assert put.body["article"]["body_markdown"] == "New body.\n"
    stored = fake.articles[int(draft.remote_id)]
    assert stored["body_markdown"] == "New body.\n" and stored["published"] is True
    assert "-temp-slug-" not in stored["slug"]
    assert updated.remote_id == draft.remote_id
    assert updated.status == "publish"
    assert updated.url.endswith(stored["slug"])
    assert len(fake.articles) == 1


def test_updating_a_deleted_article_is_remote_gone(fake):
    adapter = adapter_for(fake)
    remote = adapter.create(make_post())
    del fake.articles[int(remote.remote_id)]

    with pytest.raises(RemoteGone) as caught:
        adapter.update(remote, make_post())
    assert caught.value.status == 404
    assert "publish it as a new post" in caught.value.message


def test_updating_someone_elses_article_is_remote_gone(fake):
    fake.add_user("other-key-000000", "someone")
    theirs = fake.add_article("Theirs", user_id=2)
    remote = RemotePost(str(theirs["id"]), "", "publish")

    with pytest.raises(RemoteGone):
        adapter_for(fake).update(remote, make_post())
    assert fake.articles[theirs["id"]]["title"] == "Theirs"


def test_a_remote_id_that_is_not_a_number_is_remote_gone(fake):
    with pytest.raises(RemoteGone):
        adapter_for(fake).update(RemotePost("../users/me", "", "publish"), make_post())
    assert fake.requests == []


# -- helpers -------------------------------------------------------------------------


def test_devto_tags_are_four_lowercase_alphanumerics():
    assert devto_tags(["Node.js", "node-js", "Café", "  ", "#AI", "a" * 40, "more"]) == [
        "nodejs", "cafe", "ai", "a" * 30]
    assert devto_tags([]) == []


def test_the_registry_builds_the_adapter():
    from drafts.export import registry

    adapter = registry.build("devto", {"base_url": ""}, "secret-key")
    assert isinstance(adapter, DevToAdapter)
    assert adapter.base_url == "https://dev.to"
