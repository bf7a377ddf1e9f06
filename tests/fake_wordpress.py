"""A fake WordPress REST API on 127.0.0.1, stateful and scriptable per test.

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

import base64
import html
import json
import re
import socket
import sys
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

EDITOR_PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"
AUTHOR_PASSWORD = "qrst UVWX 9012 yzab CDEF 3456"
CONTRIBUTOR_PASSWORD = "ghij KLMN 7890 opqr STUV 1234"
ADMIN_PASSWORD = "wxyz ABCD 3456 efgh IJKL 9012"
DEFAULT_USERS = {
    "editor": (EDITOR_PASSWORD, "editor"),
    "author": (AUTHOR_PASSWORD, "author"),
    "contributor": (CONTRIBUTOR_PASSWORD, "contributor"),
    "admin": (ADMIN_PASSWORD, "administrator"),
}
# What `capabilities` lists in users/me?context=edit: the user's allcaps, which holds only
# the capabilities the role grants (true) and the role's name. A capability the role lacks
# is left out, never sent as false (WordPress's populate_roles(), abridged).
_CONTRIBUTOR_CAPS = ("edit_posts", "read", "level_1", "level_0", "delete_posts")
_AUTHOR_CAPS = _CONTRIBUTOR_CAPS + ("upload_files", "edit_published_posts", "publish_posts",
                                    "level_2", "delete_published_posts")
_EDITOR_CAPS = _AUTHOR_CAPS + ("moderate_comments", "manage_categories", "unfiltered_html",
                               "edit_others_posts", "edit_pages", "delete_others_posts",
                               "edit_private_posts", "read_private_posts", "level_7")
ROLE_CAPABILITIES = {
    "contributor": _CONTRIBUTOR_CAPS,
    "author": _AUTHOR_CAPS,
    "editor": _EDITOR_CAPS,
    "administrator": _EDITOR_CAPS + ("list_users", "edit_users", "manage_options", "level_10"),
}
STATUSES = ("publish", "future", "draft", "pending", "private")
TRASH = "trash"
PUBLISHING = {"publish", "future", "private"}
UNIQUE_SLUG_EXEMPT = {"draft", "pending"}
NO_ROUTE = ("rest_no_route", "No route was found matching the URL and request method.")
DEFAULT_ERRORS = {
    400: ("rest_invalid_param", "Invalid parameter(s): status"),
    401: ("rest_not_logged_in", "You are not currently logged in."),
    403: ("rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type."),
    404: ("rest_post_invalid_id", "Invalid post ID."),
    409: ("rest_conflict", "Conflict."),
    413: ("rest_too_large", "Request entity too large."),
    422: ("rest_invalid_param", "Invalid parameter(s): content"),
    500: ("internal_server_error", "There has been a critical error on this website."),
}
HTML_PAGE = ("<!DOCTYPE html><html><head><title>Log In &lsaquo; Fake Blog</title></head>"
             "<body><form id=\"loginform\">Username or Email Address</form></body></html>")
NOT_FOUND_PAGE = ("<!DOCTYPE html><html><head><title>Page not found &ndash; Fake Blog</title>"
                  "</head><body><h1>Oops! That page can&rsquo;t be found.</h1></body></html>")


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # as sent, with the query string
    route: str  # the REST route ("/wp/v2/posts"), or "" when none
    query: dict[str, str]  # the query string, without rest_route
    headers: dict[str, str]  # lower-case names
    json: Any  # the parsed JSON body, or None


@dataclass
class _Fault:
    kind: str  # fail | delay | html | close | drop
    method: str | None = None
    route: str | None = None
    status: int = 200
    code: str = ""
    message: str = ""
    data: dict | None = None
    seconds: float = 0.0
    after: bool = False  # handle the request for real first (state changes), then misbehave

    def matches(self, method: str, route: str) -> bool:
        if self.method and self.method.upper() != method:
            return False
        if self.route is None:
            return True
        if self.route.endswith("*"):
            return route.startswith(self.route[:-1])
        return route == self.route


class WPError(Exception):
    def __init__(self, status: int, code: str, message: str, **data: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.data = status, code, message, data

    def body(self) -> dict:
        return {"code": self.code, "message": self.message,
                "data": {"status": self.status, **self.data}}


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, fake: FakeWordPress) -> None:
        self.fake = fake
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request, client_address):
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        super().shutdown_request(request)
        with self.sockets_lock:
            self.open_sockets.discard(request)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # the client went away (after a timeout)
            return
        self.fake.errors.append(repr(exc))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Apache/2.4 (FakeWordPress)"
    timeout = 10
    server: _Server

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _handle(self) -> None:
        fake = self.server.fake
        self.close_connection = True
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = _INVALID_JSON
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        route = query.pop("rest_route", "") if parts.path.rstrip("/") == "" else ""
        pretty = parts.path.startswith("/wp-json")
        if pretty:
            route = parts.path[len("/wp-json"):] or "/"
        headers = {name.lower(): value for name, value in self.headers.items()}
        fake._record(RecordedRequest(self.command, self.path, route, query, headers,
                                     None if body is _INVALID_JSON else body))
        if (pretty and not fake.pretty_permalinks) or not route:
            if parts.path.rstrip("/") == "" and not pretty:
                self._send(200, HTML_PAGE.encode(), "text/html; charset=UTF-8")
            else:
                self._send(404, NOT_FOUND_PAGE.encode(), "text/html; charset=UTF-8")
            return
        fault = fake._take_fault(self.command, route)
        if fault and fault.after and body is not _INVALID_JSON:
            try:  # the blog saves the post, then fails to answer properly
                fake._dispatch(self.command, route, query, headers, body)
            except WPError:
                pass
        if fault and fault.kind == "delay" and fake._stopping.wait(fault.seconds):
            return
        if fault and fault.kind == "close":
            return  # no answer at all: the connection closes
        if fault and fault.kind == "html":
            self._send(fault.status, HTML_PAGE.encode(), "text/html; charset=UTF-8")
            return
        if fault and fault.kind == "fail":
            error = WPError(fault.status, fault.code, fault.message, **(fault.data or {}))
            status, payload = error.status, error.body()
        else:
            try:
                if route.rstrip("/") == "/wp/v2/media" and self.command == "POST":
                    status, payload = fake._upload_media(headers, raw)  # the body is the file
                elif body is _INVALID_JSON:
                    raise WPError(400, "rest_invalid_json", "Invalid JSON body passed.")
                else:
                    status, payload = fake._dispatch(self.command, route, query, headers, body)
            except WPError as error:
                status, payload = error.status, error.body()
        if fault and fault.kind == "drop" and fake._stopping.wait(fault.seconds):
            return  # stopping: the reply never goes out
        try:
            self._send(status, json.dumps(payload).encode(), "application/json; charset=UTF-8")
        except OSError:
            pass  # the client timed out and went away (drop_next)

    def _send(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)


_INVALID_JSON = object()


class FakeWordPress:
    """The fake WordPress site; see the module docstring."""

    def __init__(self, users: dict[str, tuple[str, str]] | None = None, *,
                 pretty_permalinks: bool = True, environment: str = "local") -> None:
        self.users = dict(DEFAULT_USERS if users is None else users)
        self.emails = {name: f"{name}@blog.example" for name in self.users}
        self.pretty_permalinks = pretty_permalinks
        self.environment = environment  # not "local": credentials over http are ignored
        self.link_override: str | None = None  # a "link" every post answer carries (a hostile blog)
        self.posts: dict[int, dict] = {}  # id -> stored fields (raw, as WordPress keeps them)
        self.tags: dict[int, dict] = {}  # id -> {"id", "name" (HTML-escaped), "slug"}
        self.media: dict[int, dict] = {}  # id -> {"id", "file", "mime_type", "content", ...}
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # unexpected handler exceptions
        self._next_post_id = 1
        self._next_term_id = 2  # 1 is the "Uncategorized" category
        self._faults: deque[_Fault] = deque()
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server = _Server(self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"fake-wordpress-{self.port}", daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- scripting ---------------------------------------------------------------------

    def fail_next(self, status: int, code: str | None = None, message: str | None = None, *,
                  method: str | None = None, route: str | None = None, after: bool = False,
                  **data: Any) -> None:
        """Answer the next (matching) request with a WordPress error body (after handling it
        for real when `after`)."""
        default_code, default_message = DEFAULT_ERRORS.get(status, ("rest_error", "Error."))
        self._add(_Fault("fail", method, route, status=status, code=code or default_code,
                         message=message or default_message, data=data, after=after))

    def delay_next(self, seconds: float, *, method: str | None = None,
                   route: str | None = None) -> None:
        self._add(_Fault("delay", method, route, seconds=seconds))

    def html_next(self, status: int = 200, *, method: str | None = None,
                  route: str | None = None, after: bool = False) -> None:
        self._add(_Fault("html", method, route, status=status, after=after))

    def close_next(self, *, method: str | None = None, route: str | None = None,
                   after: bool = False) -> None:
        self._add(_Fault("close", method, route, after=after))

    def drop_next(self, seconds: float = 5.0, *, method: str | None = "POST",
                  route: str | None = "/wp/v2/posts") -> None:
        """Create the post, then hold the reply past the client's timeout."""
        self._add(_Fault("drop", method, route, seconds=seconds))

    def _add(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    # -- server-side edits (as in wp-admin) --------------------------------------------

    def delete_post(self, post_id: int) -> None:
        """Delete permanently (not to the trash): the API then answers 404 for it."""
        with self._lock:
            del self.posts[int(post_id)]

    def trash_post(self, post_id: int) -> None:
        """Move to the trash, as wp-admin's Trash link does."""
        with self._lock:
            self._trash(self.posts[int(post_id)])

    def _trash(self, post: dict) -> None:
        post["trashed_from"] = post["status"]
        post["status"] = TRASH
        post["slug"] = f"{post['slug']}__trashed"
        post["modified_gmt"] = _now()

    def edit_post(self, post_id: int, **fields: Any) -> dict:
        with self._lock:
            post = self.posts[int(post_id)]
            post.update(fields)
            post["modified_gmt"] = _now()
            return dict(post)

    def add_tag(self, name: str) -> int:
        with self._lock:
            return self._insert_tag(name)["id"]

    def tag_names(self, post_id: int) -> list[str]:
        with self._lock:
            return [html.unescape(self.tags[t]["name"]) for t in self.posts[post_id]["tags"]]

    def route_requests(self, method: str, route: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.route == route]

    # -- lifecycle ---------------------------------------------------------------------

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._server.shutdown()
        with self._server.sockets_lock:
            sockets = list(self._server.open_sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._server.server_close()
        self._thread.join(timeout=5)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _take_fault(self, method: str, route: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, route):
                    self._faults.remove(fault)
                    return fault
        return None

    # -- the REST API ------------------------------------------------------------------

    def _dispatch(self, method, route, query, headers, body) -> tuple[int, Any]:
        user = self._authenticate(headers.get("authorization", ""))
        with self._lock:
            route = route.rstrip("/") or "/"
            if route == "/" and method == "GET":
                return 200, self._index()
            if route == "/wp/v2/users/me" and method == "GET":
                return 200, self._me(user)
            if route == "/wp/v2/users" and method == "GET":
                return 200, self._list_users(user, query)
            if route == "/wp/v2/posts" and method == "GET":
                return 200, self._list_posts(user, query)
            if route == "/wp/v2/posts" and method == "POST":
                return 201, self._create_post(user, body or {})
            match = re.fullmatch(r"/wp/v2/posts/(\d+)", route)
            if match and method == "GET":
                return 200, self._get_post(user, int(match[1]))
            if match and method in ("POST", "PUT", "PATCH"):
                return 200, self._update_post(user, int(match[1]), body or {})
            if match and method == "DELETE":
                return 200, self._delete_post(user, int(match[1]), query)
            if route == "/wp/v2/tags" and method == "GET":
                return 200, self._list_tags(query)
            if route == "/wp/v2/tags" and method == "POST":
                return 201, self._create_tag(user, body or {})
        raise WPError(404, *NO_ROUTE)

    def _authenticate(self, header: str) -> str | None:
        """The user, or None: the request then runs as a visitor.

        Like WordPress 6.1: an unknown user name or a wrong application password does not
        answer incorrect_password. WP::init() resolves the user before REST_REQUEST is
        defined, so the application password is not tried; WP_REST_Server::serve_request()
        clears that and rest_cookie_check_errors() (priority 100) resolves it again, after
        rest_application_password_check_errors() (priority 90) has already let the request
        through, and with no nonce it sets user 0. Each route then refuses the visitor
        (users/me: 401 rest_not_logged_in), the same as when application passwords are
        unavailable (plain http on a site that is not "local").
        """
        if not header.lower().startswith("basic ") or self.environment != "local":
            return None  # no credentials (or application passwords unavailable over http)
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
        except ValueError:
            return None
        username, _, password = decoded.partition(":")
        login = next((u for u in self.users if u == username or self.emails.get(u) == username),
                     None)
        if login is None or _strip(password) != _strip(self.users[login][0]):
            return None
        return login

    def _role(self, user: str) -> str:
        return self.users[user][1]

    def can(self, user: str | None, capability: str) -> bool:
        return user is not None and capability in ROLE_CAPABILITIES.get(self._role(user), ())

    def user_id(self, user: str) -> int:
        return list(self.users).index(user) + 1

    def _display(self, user: str) -> str:
        return self.users[user][2] if len(self.users[user]) > 2 else user.title()

    def _me(self, user: str | None) -> dict:
        if user is None:
            raise WPError(401, "rest_not_logged_in", "You are not currently logged in.")
        role = self._role(user)
        capabilities = {cap: True for cap in ROLE_CAPABILITIES.get(role, ())}
        capabilities[role] = True
        return {**self._user_json(user, edit=True), "roles": [role],
                "capabilities": capabilities}

    def _user_json(self, user: str, *, edit: bool) -> dict:
        shown = {"id": self.user_id(user), "name": self._display(user), "slug": user,
                 "link": f"{self.base_url}/author/{user}/"}
        if edit:
            shown.update(username=user, email=self.emails.get(user, ""),
                         roles=[self._role(user)])
        return shown

    def _list_users(self, user: str | None, query: dict) -> list[dict]:
        """GET /wp/v2/users, as WP_REST_Users_Controller: `context=edit` needs list_users;
        without list_users, search skips the email column and only authors of published
        posts are listed (unless who=authors); who=authors needs edit_posts."""
        list_users = self.can(user, "list_users")
        if query.get("context") == "edit" and not list_users:
            raise WPError(401 if user is None else 403, "rest_forbidden_context",
                          "Sorry, you are not allowed to edit users.")
        who = query.get("who", "")
        if who == "authors" and not self.can(user, "edit_posts"):
            raise WPError(401 if user is None else 403, "rest_forbidden_who",
                          "Sorry, you are not allowed to query users by this parameter.")
        found = list(self.users)
        if who == "authors":
            found = [u for u in found if self._role(u) != "subscriber"]
        elif not list_users:
            found = [u for u in found
                     if any(p["author"] == u and p["status"] == "publish"
                            for p in self.posts.values())]
        search = query.get("search", "").casefold()
        if search:
            def columns(u: str) -> list[str]:
                shown = [str(self.user_id(u)), u, u, self._display(u)]
                if list_users and "@" in search:
                    return [self.emails.get(u, "")]  # WP_User_Query: an "@" searches emails
                return shown
            found = [u for u in found if any(search in c.casefold() for c in columns(u))]
        per_page = int(query.get("per_page", 10))
        return [self._user_json(u, edit=query.get("context") == "edit")
                for u in found[:per_page]]

    def add_user(self, username: str, role: str, *, name: str = "", email: str = "",
                 password: str = "") -> int:
        """A user made in wp-admin (Users → Add New)."""
        with self._lock:
            entry = (password or f"{username} pass word 1234", role)
            self.users[username] = entry + ((name,) if name else ())
            self.emails[username] = email or f"{username}@blog.example"
            return self.user_id(username)

    def _index(self) -> dict:
        """GET /wp-json/: the REST index; it names application passwords only when they are
        available (https, or a site whose environment type is "local")."""
        index = {"name": "Fake Blog", "description": "Just another WordPress site",
                 "url": self.base_url, "home": self.base_url, "namespaces": ["oembed/1.0", "wp/v2"],
                 "authentication": {}, "routes": {}}
        if self.environment == "local":
            index["authentication"]["application-passwords"] = {
                "endpoints": {"authorization": f"{self.base_url}/wp-admin/authorize-application.php"}}
        return index

    def _can_read(self, user: str | None, post: dict) -> bool:
        if post["status"] == "publish":
            return True
        return user is not None and (self.can(user, "edit_others_posts") or post["author"] == user)

    def _list_posts(self, user: str | None, query: dict) -> list[dict]:
        if query.get("context") == "edit" and user is None:
            raise WPError(401, "rest_forbidden_context",
                          "Sorry, you are not allowed to edit posts in this post type.")
        wanted = query.get("status", "publish")
        if wanted != "publish" and user is None:
            raise WPError(401, "rest_forbidden_status", "Status is forbidden.")
        statuses = {s.strip() for s in wanted.split(",")}
        slugs = {s.strip() for s in query.get("slug", "").split(",") if s.strip()}
        found = [p for p in self.posts.values()
                 if (("any" in statuses and p["status"] != TRASH) or p["status"] in statuses)
                 and (not slugs or p["slug"] in slugs) and self._can_read(user, p)]
        found.sort(key=lambda p: (p["date_gmt"] or p["modified_gmt"], p["id"]), reverse=True)
        return [self._post_json(p) for p in found[: int(query.get("per_page", 10))]]

    def _get_post(self, user: str | None, post_id: int) -> dict:
        post = self.posts.get(post_id)
        if post is None or not self._can_read(user, post):
            raise WPError(404, "rest_post_invalid_id", "Invalid post ID.")
        return self._post_json(post)

    def _delete_post(self, user: str | None, post_id: int, query: dict) -> dict:
        post = self.posts.get(post_id)
        if post is None:
            raise WPError(404, "rest_post_invalid_id", "Invalid post ID.")
        if user is None or not (self._role(user) == "editor" or post["author"] == user):
            raise WPError(403, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
        if query.get("force") in ("true", "1"):
            del self.posts[post_id]
            return {"deleted": True, "previous": self._post_json(post)}
        if post["status"] == TRASH:
            raise WPError(410, "rest_already_trashed", "The post has already been deleted.")
        self._trash(post)
        return self._post_json(post)

    def _create_post(self, user: str | None, body: dict) -> dict:
        if user is None:
            raise WPError(401, "rest_cannot_create",
                          "Sorry, you are not allowed to create posts as this user.")
        # date_gmt None: a "floating" date, as WordPress keeps for drafts created without one
        # (post_date_gmt 0000-00-00; the REST API shows the last save's date); publishing
        # dates the post then.
        post = {"id": self._next_post_id, "author": user, "title": "", "content": "",
                "excerpt": "", "status": "draft", "slug": "", "tags": [], "date_gmt": None}
        self._apply(user, post, body, creating=True)
        self._next_post_id += 1
        self.posts[post["id"]] = post
        return self._post_json(post)

    def _update_post(self, user: str | None, post_id: int, body: dict) -> dict:
        post = self.posts.get(post_id)
        if post is None:
            raise WPError(404, "rest_post_invalid_id", "Invalid post ID.")
        if user is None:
            raise WPError(401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        role = self._role(user)
        own = post["author"] == user
        if not (self.can(user, "edit_others_posts") or (own and (role == "author" or
                                              post["status"] in UNIQUE_SLUG_EXEMPT))):
            raise WPError(403, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        updated = dict(post)
        self._apply(user, updated, body, creating=False)
        post.update(updated)
        return self._post_json(post)

    def _apply(self, user: str, post: dict, body: dict, *, creating: bool) -> None:
        """Validate and apply the writable fields, like WP_REST_Posts_Controller."""
        if not isinstance(body, dict):
            raise WPError(400, "rest_invalid_json", "Invalid JSON body passed.")
        if "status" in body and body["status"] not in STATUSES:  # "trash" is not writable
            raise _invalid("status", "status is not one of " + ", ".join(STATUSES) + ".")
        tags = body.get("tags", post["tags"])
        if not isinstance(tags, list) or not all(isinstance(t, int) for t in tags):
            raise _invalid("tags", "tags[0] is not of type integer.")
        date = post["date_gmt"]
        if "date_gmt" in body:
            try:
                date = _parse_date(body["date_gmt"])
            except (TypeError, ValueError):
                raise _invalid("date_gmt", "Invalid date.") from None
        status = body.get("status", post["status"])
        if status in PUBLISHING and not self.can(user, "publish_posts"):
            raise WPError(403, "rest_cannot_publish",
                          "Sorry, you are not allowed to publish posts in this post type.")
        if "author" in body:
            post["author"] = self._assign_author(user, body["author"], creating=creating)
        for field in ("title", "content", "excerpt"):
            if field in body:
                value = body[field]
                post[field] = value.get("raw", "") if isinstance(value, dict) else str(value)
        if date is None and status not in UNIQUE_SLUG_EXEMPT:
            date = _now()  # a floating date becomes the moment it goes out
        ahead = datetime.fromisoformat(date or _now()) - datetime.fromisoformat(_now())
        if status == "publish" and ahead >= timedelta(minutes=1):
            status = "future"
        elif status == "future" and ahead < timedelta(minutes=1):
            status = "publish"
        slug = _sanitize(body["slug"]) if "slug" in body else post["slug"]
        if not slug and status not in UNIQUE_SLUG_EXEMPT:
            slug = _sanitize(post["title"]) or str(post["id"])
        if status not in UNIQUE_SLUG_EXEMPT:
            slug = self._unique_slug(slug, post["id"])
        post.update(status=status, slug=slug, date_gmt=date,
                    tags=[t for t in dict.fromkeys(tags) if t in self.tags],
                    modified_gmt=_now())

    def _assign_author(self, user: str, author: Any, *, creating: bool) -> str:
        """The `author` field: a user id; another user's needs edit_others_posts."""
        if isinstance(author, bool) or not isinstance(author, int):
            raise _invalid("author", "author is not of type integer.")
        if author != self.user_id(user) and not self.can(user, "edit_others_posts"):
            verb = "create" if creating else "update"
            raise WPError(403, "rest_cannot_edit_others",
                          f"Sorry, you are not allowed to {verb} posts as this user.")
        names = list(self.users)
        if not 1 <= author <= len(names):
            raise WPError(400, "rest_invalid_author", "Invalid author ID.")
        return names[author - 1]

    def _unique_slug(self, slug: str, post_id: int) -> str:
        taken = {p["slug"] for p in self.posts.values() if p["id"] != post_id}
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def _post_json(self, post: dict) -> dict:
        if post["status"] == "publish" and self.pretty_permalinks:
            link = f"{self.base_url}/{post['slug']}/"
        else:
            link = f"{self.base_url}/?p={post['id']}"
        if self.link_override is not None:
            link = self.link_override
        return {
            # Like WordPress, a floating draft date is shown as the last save's.
            "id": post["id"], "date": post["date_gmt"] or post["modified_gmt"],
            "date_gmt": post["date_gmt"] or post["modified_gmt"],
            "modified": post["modified_gmt"], "modified_gmt": post["modified_gmt"],
            "slug": post["slug"], "status": post["status"], "type": "post", "link": link,
            "title": {"raw": post["title"], "rendered": html.escape(post["title"], quote=False)},
            "content": {"raw": post["content"], "rendered": post["content"], "protected": False},
            "excerpt": {"raw": post["excerpt"], "rendered": f"<p>{post['excerpt']}</p>\n",
                        "protected": False},
            "author": list(self.users).index(post["author"]) + 1 if post["author"] in self.users
            else 0,
            "categories": [1], "tags": list(post["tags"]),
        }

    def _list_tags(self, query: dict) -> list[dict]:
        per_page = int(query.get("per_page", 10))
        if not 1 <= per_page <= 100:
            raise _invalid("per_page", "per_page must be between 1 (inclusive) and 100 "
                                       "(inclusive)")
        search = query.get("search", "").casefold()
        found = [t for t in self.tags.values()  # LIKE on the stored (escaped) name
                 if search in t["name"].casefold() or search in t["slug"]]
        return [self._tag_json(t) for t in found[:per_page]]

    def _create_tag(self, user: str | None, body: dict) -> dict:
        if user is None:
            raise WPError(401, "rest_cannot_create",
                          "Sorry, you are not allowed to create terms in this taxonomy.")
        name = str(body.get("name") or "").strip() if isinstance(body, dict) else ""
        if not name:
            raise WPError(400, "rest_missing_callback_param", "Missing parameter(s): name",
                          params=["name"])
        stored = html.escape(name, quote=False).casefold()
        for tag in self.tags.values():
            if tag["name"].casefold() == stored:
                raise WPError(400, "term_exists",
                              "A term with the name provided already exists in this taxonomy.",
                              term_id=tag["id"])
        return self._tag_json(self._insert_tag(name))

    def _insert_tag(self, name: str) -> dict:
        slug, n = _sanitize(name) or str(self._next_term_id), 2
        taken = {t["slug"] for t in self.tags.values()}
        while slug in taken:
            slug, n = f"{_sanitize(name)}-{n}", n + 1
        tag = {"id": self._next_term_id, "name": html.escape(name, quote=False), "slug": slug}
        self._next_term_id += 1
        self.tags[tag["id"]] = tag
        return tag

    def _tag_json(self, tag: dict) -> dict:
        return {**tag, "count": sum(tag["id"] in p["tags"] for p in self.posts.values()),
                "description": "", "link": f"{self.base_url}/tag/{tag['slug']}/",
                "taxonomy": "post_tag", "meta": []}


    # -- media (POST /wp/v2/media: the raw file, named by Content-Disposition) ---------

    def _upload_media(self, headers: dict[str, str], raw: bytes) -> tuple[int, dict]:
        user = self._authenticate(headers.get("authorization", ""))
        if user is None:
            raise WPError(401, "rest_cannot_create",
                          "Sorry, you are not allowed to upload media as this user.")
        if self._role(user) == "contributor":  # no upload_files capability
            raise WPError(403, "rest_cannot_create",
                          "Sorry, you are not allowed to upload media as this user.")
        if not raw:
            raise WPError(400, "rest_upload_no_data", "No data supplied.")
        disposition = headers.get("content-disposition", "")
        named = re.search(r'filename="?([^";]+)"?', disposition)
        if named is None:
            raise WPError(400, "rest_upload_no_content_disposition",
                          "No Content-Disposition supplied.")
        mime = headers.get("content-type", "").split(";")[0].strip()
        if mime not in MEDIA_TYPES or not named[1].lower().endswith(MEDIA_TYPES[mime]):
            raise WPError(400, "rest_upload_sideload_error",
                          "Sorry, you are not allowed to upload this file type.")
        with self._lock:
            media_id = self._next_post_id  # attachments are posts too
            self._next_post_id += 1
            base, dot, ext = named[1].rpartition(".")
            filename, n = named[1], 1
            while any(m["file"] == filename for m in self.media.values()):
                filename, n = f"{base}-{n}{dot}{ext}", n + 1
            url = f"{self.base_url}/wp-content/uploads/2026/12/{filename}"
            self.media[media_id] = {"id": media_id, "file": filename, "mime_type": mime,
                                    "content": raw, "author": user, "source_url": url}
        return 201, {"id": media_id, "date_gmt": _now(), "slug": _sanitize(base),
                     "status": "inherit", "type": "attachment", "media_type": "image",
                     "mime_type": mime, "source_url": url, "link": f"{self.base_url}/?attachment_id={media_id}",
                     "title": {"raw": base, "rendered": base}, "alt_text": ""}


MEDIA_TYPES = {"image/png": (".png",), "image/jpeg": (".jpg", ".jpeg"), "image/gif": (".gif",),
               "image/webp": (".webp",)}


def _invalid(param: str, detail: str) -> WPError:
    return WPError(400, "rest_invalid_param", f"Invalid parameter(s): {param}",
                   params={param: detail})


def _strip(password: str) -> str:
    return re.sub(r"[^a-z\d]", "", password, flags=re.I)


def _sanitize(text: str) -> str:
    """Roughly sanitize_title(): lower case, letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _parse_date(value: Any) -> str:
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


@pytest.fixture
def wordpress_server() -> Iterator[FakeWordPress]:
    """A fresh fake WordPress site for one test, stopped afterwards."""
    server = FakeWordPress()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake WordPress server failed: {server.errors}"
