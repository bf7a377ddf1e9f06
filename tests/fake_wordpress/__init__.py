"""A fake WordPress REST API on 127.0.0.1, stateful and scriptable per test.

The package's modules: `model` (constants, errors, recorded requests, helpers),
`server` (the HTTP server and request handler), `faults` (scripted faults),
`users` (authentication, roles, users), `posts`, `tags`, `media`, and `site`
(`FakeWordPress`, which puts them together). Every public name is importable from
`tests.fake_wordpress`.

Standard library only: a ThreadingHTTPServer in a thread, on a free port. It
follows WordPress 6.1 where Byline touches it (see docs/reference.md, "Blog CMS
APIs"): `/wp-json/wp/v2/...` and `/?rest_route=/wp/v2/...` (only the latter when
`pretty_permalinks=False`; then /wp-json/ is the theme's HTML 404), Basic auth
with application passwords (spaces ignored; ignored entirely over http unless
`environment="local"`), posts (create, update, get, `?slug=` lookup, `author`),
tags (search, create), `users/me`, `users` (search, `context=edit`, `who=authors`),
the REST index `/`, and WordPress error bodies `{"code", "message", "data": {"status"}}`.

Like WordPress 6.1: a wrong application password or user name is not answered with
incorrect_password: the request runs as a visitor (see `_authenticate`), and the REST
index names application passwords only when the site accepts them. `capabilities` in
users/me lists only what the role grants (a contributor's has no publish_posts at all).
Only an account with list_users (an administrator) may use `context=edit` on users and
search them by email; setting another user as a post's `author` needs
edit_others_posts (403 rest_cannot_edit_others); `add_user(...)` adds one.

Like WordPress: contributors may only create or edit their own draft/pending
posts; publishing or scheduling gives 403 rest_cannot_publish. Slugs are
sanitized and made unique (`slug-2`) once a post is published or scheduled,
but drafts and pending posts keep the slug they were given. "publish" with a
date more than a minute ahead becomes "future"; "future" in the past becomes
"publish".

    def test_something(wordpress_server):
        wordpress_server.fail_next(500, "internal", "Boom", route="/wp/v2/posts")
        adapter = WordPressAdapter(wordpress_server.base_url, "editor", EDITOR_PASSWORD)
        ...
        assert wordpress_server.posts[1]["status"] == "publish"
        assert wordpress_server.requests[-1].json["slug"] == "hello"

Faults (each used once, by the next request matching `method`/`route` if given;
a `route` ending in "*" matches by prefix): `fail_next(status, code, message)`,
`delay_next(seconds)` (wait, then handle it: a slow site; nothing is done if the
server stops first),
`html_next(status=200)` (an HTML page instead of JSON), `close_next()` (hang up
without answering; nothing done), `drop_next(seconds)` (handle the request, then
hold the reply for `seconds` or until the server stops: the post IS created).
With `after=True`, `fail_next`, `html_next` and `close_next` first handle the
request for real (the post IS saved), then answer with the error, the HTML page
or nothing at all: a blog that saved the post and then failed.
Server-side edits, as if made in wp-admin: `delete_post(id)` (permanently),
`trash_post(id)` (to the trash, like wp-admin's Trash link or `DELETE` without
`force`: status "trash", slug renamed "slug__trashed", hidden from `status=any`
but still readable and updatable by id, so an update with status "publish"
brings it back), `edit_post(id, ...)`, `add_tag(name)`.

Media: `POST /wp/v2/media` takes the raw file with `Content-Disposition: attachment;
filename="..."` and an image `Content-Type` (authors and editors; contributors get
403), keeps it in `media` and answers 201 with `id` and `source_url`
(`/wp-content/uploads/...`; a taken file name gets `-1`).

Tags behave like WordPress too: names are stored HTML-escaped ("C &amp; C"),
`?search=` matches a substring of the stored name or the slug (so searching
"C & C" finds nothing), and creating a tag whose name exists (case-insensitive)
answers 400 term_exists with `data.term_id`; a new name with a taken slug gets
`slug-2`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_wordpress.faults import _Fault
from tests.fake_wordpress.model import (
    ADMIN_PASSWORD,
    AUTHOR_PASSWORD,
    CONTRIBUTOR_PASSWORD,
    DEFAULT_ERRORS,
    DEFAULT_USERS,
    EDITOR_PASSWORD,
    HTML_PAGE,
    MEDIA_TYPES,
    NO_ROUTE,
    NOT_FOUND_PAGE,
    PUBLISHING,
    ROLE_CAPABILITIES,
    STATUSES,
    TRASH,
    UNIQUE_SLUG_EXEMPT,
    RecordedRequest,
    WPError,
)
from tests.fake_wordpress.site import FakeWordPress

__all__ = [
    "ADMIN_PASSWORD", "AUTHOR_PASSWORD", "CONTRIBUTOR_PASSWORD", "DEFAULT_ERRORS",
    "DEFAULT_USERS", "EDITOR_PASSWORD", "HTML_PAGE", "MEDIA_TYPES", "NO_ROUTE",
    "NOT_FOUND_PAGE", "PUBLISHING", "ROLE_CAPABILITIES", "STATUSES", "TRASH",
    "UNIQUE_SLUG_EXEMPT", "FakeWordPress", "RecordedRequest", "WPError", "_Fault",
    "wordpress_server",
]


@pytest.fixture
def wordpress_server() -> Iterator[FakeWordPress]:
    """A fresh fake WordPress site for one test, stopped afterwards."""
    server = FakeWordPress()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake WordPress server failed: {server.errors}"
