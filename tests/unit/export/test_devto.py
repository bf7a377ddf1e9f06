"""The dev.to adapter against a fake Forem API over real HTTP on 127.0.0.1."""

from __future__ import annotations

import socket
from datetime import datetime, timezone

import pytest

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Post,
    Rejected,
    RemoteConflict,
    RemoteGone,
    RemotePost,
    ServerError,
    Timeout,
    TooLarge,
    Unreachable,
)
from drafts.export.devto import DevToAdapter, devto_tags, title_slug
from tests.fake_devto import ACCEPT_V1, FakeDevTo, Fault, devto_server  # noqa: F401


@pytest.fixture
def fake(devto_server) -> FakeDevTo:  # noqa: F811
    """The fake dev.to of tests/fake_devto.py, under a short name."""
    return devto_server


def make_post(**changes) -> Post:
    fields = dict(
        title="Why our platform team stopped estimating",
        slug="why-our-platform-team-stopped-estimating",
        html="<p>We stopped.</p>",
        markdown="We **stopped**.\n\n## What changed\n\nEverything.\n",
        excerpt="Estimates cost more than they saved us.",
        tags=("Engineering", "management", "C++", "dev-ops", "extra"),
        status="publish",
        publish_at=datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc),
        timezone="Europe/Berlin",
        author_name="Ada",
        canonical_url="https://blog.example.com/why-we-stopped-estimating",
    )
    fields.update(changes)
    return Post(**fields)


def adapter_for(server: FakeDevTo, **kw) -> DevToAdapter:
    kw.setdefault("timeout", 5.0)
    return DevToAdapter(kw.pop("api_key", server.api_key), base_url=server.base_url, **kw)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


# -- find_by_slug ---------------------------------------------------------------------


def test_find_by_slug_matches_the_title_slug_with_forems_suffix(fake):
    fake.add_article("Why our platform team stopped estimating, part two")
    fake.add_article("Something else entirely")
    created = adapter_for(fake).create(make_post())

    found = adapter_for(fake).find_by_slug("why-our-platform-team-stopped-estimating")

    assert found is not None and found.remote_id == created.remote_id
    assert found.status == "publish"
    [get] = fake.requests_to("GET", "/api/articles/me/all")
    assert get.query == {"per_page": "1000", "page": "1"}


def test_find_by_slug_finds_an_unpublished_draft(fake):
    draft = fake.add_article("A quiet draft", published=False)
    assert "-temp-slug-" in draft["slug"]

    found = adapter_for(fake).find_by_slug("a-quiet-draft")

    assert found is not None and found.remote_id == str(draft["id"])
    assert found.status == "draft"


def test_find_by_slug_returns_none_when_nothing_matches(fake):
    fake.add_article("A quiet draft, continued")
    fake.add_article("Another post", slug="a-quiet-draft-is-not-this-one-x1")
    assert adapter_for(fake).find_by_slug("a-quiet-draft") is None
    assert adapter_for(fake).find_by_slug("") is None


def test_find_by_slug_prefers_the_newest_of_several(fake):
    fake.add_article("Same title", body_markdown="one")
    newest = fake.add_article("Same title", body_markdown="two", published=False)
    found = adapter_for(fake).find_by_slug("same-title")
    assert found is not None and found.remote_id == str(newest["id"])


def test_find_by_slug_matches_a_long_title_cut_at_80_characters(fake):
    title = "A very long title " * 8
    article = fake.add_article(title)
    slug = title_slug(title)
    assert len(slug) == 80

    found = adapter_for(fake).find_by_slug(slug)

    assert found is not None and found.remote_id == str(article["id"])


def test_find_by_slug_reads_every_page(fake):
    target = fake.add_article("The one we want")
    for n in range(1000):
        fake.add_article(f"Filler {n}")

    found = adapter_for(fake).find_by_slug("the-one-we-want")

    assert found is not None and found.remote_id == str(target["id"])
    pages = [r.query["page"] for r in fake.requests_to("GET", "/api/articles/me/all")]
    assert pages == ["1", "2"]


def test_a_create_that_timed_out_is_found_afterwards(fake):
    """The server stored the article but answered too late: the lookup must find it."""
    fake.script(Fault(after=True, delay=2.0, method="POST"))
    adapter = adapter_for(fake, timeout=0.3)

    with pytest.raises(Timeout) as caught:
        adapter.create(make_post())
    assert caught.value.retryable

    found = adapter.find_by_slug(make_post().slug)
    assert found is not None
    assert len(fake.articles) == 1
    assert found.remote_id == str(next(iter(fake.articles)))


# -- failures ------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "error"), [
    (401, AuthFailed), (403, NotAllowed), (409, RemoteConflict), (413, TooLarge),
    (400, Rejected), (422, Rejected), (429, ServerError), (500, ServerError),
    (502, ServerError), (503, ServerError),
])
def test_statuses_map_to_typed_errors(fake, status, error):
    fake.script(Fault(status=status))
    with pytest.raises(error) as caught:
        adapter_for(fake).create(make_post())

    assert caught.value.status == status
    assert fake.api_key not in caught.value.message
    assert caught.value.message.rstrip().endswith(".")
    assert caught.value.retryable == (error is ServerError)


def test_an_unexpected_status_is_a_plain_export_error(fake):
    fake.script(Fault(status=418, message="teapot"))
    with pytest.raises(ExportError) as caught:
        adapter_for(fake).check()
    assert type(caught.value) is ExportError
    assert "418" in caught.value.message and "teapot" in caught.value.message


def test_a_redirect_is_not_followed(fake):
    fake.script(Fault(status=301, headers={"Location": "https://example.com/"}))
    with pytest.raises(BadResponse, match="redirect"):
        adapter_for(fake).check()
    assert len(fake.requests) == 1


def test_a_404_on_create_is_a_bad_address_not_a_deleted_post(fake):
    fake.script(Fault(status=404))
    with pytest.raises(BadResponse):
        adapter_for(fake).create(make_post())


def test_a_timeout_is_timeout(fake):
    fake.script(Fault(delay=2.0))
    with pytest.raises(Timeout, match="did not answer in time"):
        adapter_for(fake, timeout=0.3).check()


def test_a_dropped_connection_is_treated_like_a_timeout(fake):
    fake.script(Fault(drop=True))
    with pytest.raises(Timeout, match="connection .* broke"):
        adapter_for(fake).create(make_post())


def test_nobody_listening_is_unreachable():
    adapter = DevToAdapter("key", base_url=f"http://127.0.0.1:{free_port()}", timeout=2.0)
    with pytest.raises(Unreachable) as caught:
        adapter.check()
    assert "Check the API address" in caught.value.message
    assert not caught.value.retryable


@pytest.mark.parametrize("method", ["check", "create", "find"])
def test_html_instead_of_json_is_a_bad_response(fake, method):
    fake.script(Fault(raw="<html><body>Sign in</body></html>"))
    adapter = adapter_for(fake)
    with pytest.raises(BadResponse, match="not Forem API JSON"):
        if method == "check":
            adapter.check()
        elif method == "create":
            adapter.create(make_post())
        else:
            adapter.find_by_slug("x")


def test_an_html_error_page_keeps_its_status_meaning(fake):
    fake.script(Fault(status=502, raw="<html>Bad gateway</html>"))
    with pytest.raises(ServerError, match=r"\(502\)"):
        adapter_for(fake).create(make_post())


def test_json_of_the_wrong_shape_is_a_bad_response(fake):
    fake.script(Fault(raw='{"id": "abc"}'))
    with pytest.raises(BadResponse):
        adapter_for(fake).create(make_post())


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
