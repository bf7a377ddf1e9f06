"""A fake dev.to (Forem API v1) on 127.0.0.1, stateful and scriptable per test.

Standard library only: a ThreadingHTTPServer in a thread, on a free port. It
follows the Forem API (forem/forem app/controllers/api/v1, checked against its
source) closely enough for the dev.to adapter:

    GET  /api/users/me                      the key's user
    GET  /api/articles/me[/published|/unpublished|/all]?per_page=&page=
                                            the key's articles (per_page: 30, max 1000)
    GET  /api/articles/{id}                 a published article (no key needed)
    POST /api/articles {"article": {...}}   201 + the article (no "published" field:
                                            Forem's single-article answer lacks it)
    PUT  /api/articles/{id} {"article": {...}}
                                            200; 404 when it is not the key's article

Authentication is the `api-key` header: missing or unknown -> 401
`{"error": "unauthorized", "status": 401}`. Validation failures -> 422
`{"error": "Title can't be blank and ...", "status": 422}` (Forem's sentence of
full messages): blank/long title, more than 4 tags, tags that are not
alphanumeric or longer than 30, the same body twice for one title, a canonical
URL already used or with spaces. Slugs are made as Forem makes them: the
title's slug plus "-" and a random base-26 suffix, plus "-temp-slug-<n>" while
unpublished (regenerated on first publish).

Fault injection: `script(Fault(...))` queues faults; each request takes the
first queued fault that matches its method and path prefix. A fault can answer
with any status, wait first (`delay`), never answer (`hang`), send a body that
is not JSON (`raw`), drop the connection, or process the request for real
first (`after=True`: the article is created, then the answer is late or fails).

    def test_something(devto_server):
        devto_server.script(Fault(status=500, method="POST"))
        adapter = DevToAdapter(devto_server.api_key, base_url=devto_server.base_url)
        ...
        assert devto_server.requests[0].headers["api-key"] == devto_server.api_key
        assert devto_server.articles[...]["title"] == "..."
"""

from __future__ import annotations

import itertools
import json
import random
import re
import socket
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

API_KEY = "test-devto-key-0123456789"
ACCEPT_V1 = "application/vnd.forem.api-v1+json"
PER_PAGE_MAX = 1000
REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           409: "Conflict", 413: "Payload Too Large", 422: "Unprocessable Entity",
           429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable"}


@dataclass
class Fault:
    """One scripted misbehaviour, for the first request matching `method` and `path`.

    status: answer with this status and a Forem error body (`message`, or a default);
      None answers normally (useful with `delay`, `after` or `raw`).
    raw: send this text as a text/html body instead of JSON (with `status`, or 200).
    delay: seconds to wait before answering; hang: never answer (until the test ends).
    drop: close the connection without any answer.
    after: process the request for real first (state changes), then apply the fault.
    method/path: only requests with this method and a path starting with this.
    """

    status: int | None = None
    message: str = ""
    raw: str | None = None
    delay: float = 0.0
    hang: bool = False
    drop: bool = False
    after: bool = False
    method: str = ""
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, method: str, path: str) -> bool:
        return ((not self.method or self.method.upper() == method)
                and (not self.path or path.startswith(self.path)))


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    raw: bytes = b""


@dataclass
class User:
    id: int
    username: str
    name: str


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, fake: FakeDevTo) -> None:
        self.fake = fake
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Condition()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request, client_address):
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        super().shutdown_request(request)
        with self.sockets_lock:
            self.open_sockets.discard(request)
            self.sockets_lock.notify_all()

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # the client went away, or the socket timed out
            return
        self.fake.errors.append(repr(exc))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeForem/1.0"
    timeout = 10  # socket timeout, so no handler can block stop() for long
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
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        headers = {name.lower(): value for name, value in self.headers.items()}
        fake._record(RecordedRequest(self.command, parts.path, query, headers, body, raw))

        fault = fake._take_fault(self.command, parts.path)
        if fault is None:
            self._answer(*fake._route(self.command, parts.path, query, headers, body, raw))
            return
        if fault.after:
            answer = fake._route(self.command, parts.path, query, headers, body, raw)
        if fault.hang:
            fake._stopping.wait()
            self.close_connection = True
            return
        if fault.delay and fake._stopping.wait(fault.delay):
            self.close_connection = True
            return
        if fault.drop:
            self.close_connection = True
            return
        if fault.raw is not None:
            self._send(fault.status or 200, fault.raw.encode(), "text/html; charset=utf-8",
                       fault.headers)
        elif fault.status is not None:
            message = fault.message or _default_error(fault.status)
            self._answer(fault.status, {"error": message, "status": fault.status}, fault.headers)
        elif fault.after:
            self._answer(*answer)
        else:
            self._answer(*fake._route(self.command, parts.path, query, headers, body, raw))

    def _answer(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8",
                   headers)

    def _send(self, status: int, data: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status, REASONS.get(status))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True


def _default_error(status: int) -> str:
    messages = {401: "unauthorized", 404: "not found", 422: "Validation failed",
                429: "Rate limit reached, try again in 30 seconds"}
    return messages.get(status, f"Scripted failure {status}")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def forem_slug(title: str) -> str:
    """Rails' `title.downcase.parameterize.tr("_", "")`: ASCII, hyphens, no underscores."""
    text = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9\-_]+", "-", text).strip("-").replace("_", "")


def _to_sentence(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _base26(n: int) -> str:
    digits = "0123456789abcdefghijklmnop"
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = digits[r] + out
        if not n:
            return out


class FakeDevTo:
    """The fake Forem server; see the module docstring.

    `articles` maps id -> the stored article (a dict with id, user_id, title,
    description, body_markdown, published, published_at, created_at, edited_at,
    slug, tags, canonical_url). `add_article()` seeds one directly.
    """

    def __init__(self, *, seed: int = 7) -> None:
        self.api_key = API_KEY
        self.users: dict[str, User] = {API_KEY: User(1, "byline_tester", "Byline Tester")}
        self.articles: dict[int, dict] = {}
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # unexpected handler exceptions
        self._faults: list[Fault] = []
        self._ids = itertools.count(100001)
        self._clock = itertools.count(1)
        self._random = random.Random(seed)
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server = _Server(self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"fake-devto-{self.port}", daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- scripting -------------------------------------------------------------------

    def script(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def add_user(self, api_key: str, username: str, name: str = "") -> User:
        with self._lock:
            user = User(len(self.users) + 1, username, name or username)
            self.users[api_key] = user
            return user

    def add_article(self, title: str, *, published: bool = True, body_markdown: str = "Body.",
                    tags: list[str] | None = None, user_id: int = 1, slug: str | None = None,
                    canonical_url: str | None = None, description: str = "") -> dict:
        """Store an article as if it had been written on dev.to (no validation)."""
        with self._lock:
            article = self._new_article(user_id, {
                "title": title, "body_markdown": body_markdown, "published": published,
                "tags": tags or [], "canonical_url": canonical_url, "description": description,
            })
            if slug is not None:
                article["slug"] = slug
            return article

    def requests_to(self, method: str, path_prefix: str = "") -> list[RecordedRequest]:
        return [r for r in self.requests
                if r.method == method and r.path.startswith(path_prefix)]

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no connection is open (every handler has finished its response)."""
        with self._server.sockets_lock:
            return self._server.sockets_lock.wait_for(
                lambda: not self._server.open_sockets, timeout)

    def stop(self) -> None:
        """Stop serving, cut any open connections and join every handler thread."""
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

    # -- internals -------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.matches(method, path):
                    return self._faults.pop(i)
        return None

    def _route(self, method, path, query, headers, body, raw) -> tuple[int, Any, dict]:
        with self._lock:
            path = path.rstrip("/") or "/"
            user = self.users.get(headers.get("api-key", ""))
            m = re.fullmatch(r"/api/articles/(\d+)", path)
            if method == "GET" and m:
                article = self.articles.get(int(m.group(1)))
                if article is None or not article["published"]:
                    return 404, {"error": "not found", "status": 404}, {}
                return 200, self._show(article), {}
            if path == "/api/users/me" and method == "GET":
                if user is None:
                    return _unauthorized()
                return 200, self._user_json(user), {}
            me = re.fullmatch(r"/api/articles/me(?:/(all|published|unpublished))?", path)
            if me and method == "GET":
                if user is None:
                    return _unauthorized()
                return 200, self._me(user, me.group(1) or "published", query), {}
            if path == "/api/articles" and method == "POST":
                if user is None:
                    return _unauthorized()
                return self._create(user, body, raw)
            if m and method == "PUT":
                if user is None:
                    return _unauthorized()
                return self._update(user, int(m.group(1)), body, raw)
            return 404, {"error": "not found", "status": 404}, {}

    def _params(self, body, raw) -> dict | tuple:
        if not isinstance(body, dict) or "article" not in body or body["article"] in (None, "", {}):
            if raw and body is None:
                return 400, {"error": "There was a problem in the JSON you submitted",
                             "status": 400}, {}
            return 422, {"error": "param is missing or the value is empty: article",
                         "status": 422}, {}
        article = body["article"]
        if not isinstance(article, dict):
            kind = {str: "String", list: "Array", int: "Integer", bool: "Boolean"}.get(
                type(article), type(article).__name__)
            return 422, {"error": f"article param must be a JSON object. You provided article "
                                  f"as a {kind}", "status": 422}, {}
        allowed = ("title", "body_markdown", "published", "series", "main_image", "canonical_url",
                   "description", "tags", "published_at", "organization_id")
        return {k: v for k, v in article.items() if k in allowed}

    def _validate(self, user: User, fields: dict, *, exclude: int | None = None) -> list[str]:
        errors = []
        title = str(fields.get("title") or "")
        if not title.strip():
            errors.append("Title can't be blank")
        elif len(title) > 128:
            errors.append("Title is too long (maximum is 128 characters)")
        body = fields.get("body_markdown") or ""
        canonical = fields.get("canonical_url") or None
        others = [a for a in self.articles.values() if a["id"] != exclude]
        if any(a["user_id"] == user.id and a["title"] == title and a["body_markdown"] == body
               for a in others):
            errors.append("Body markdown has already been taken")
        if canonical:
            if any(a["canonical_url"] == canonical for a in others):
                errors.append("Canonical url has already been taken")
            if re.search(r"\s", canonical):
                errors.append("Canonical url must not have spaces")
            elif not re.match(r"https?://[^/\s]+", canonical):
                errors.append("Canonical url is not a valid URL")
        tags = fields.get("tags") or []
        if not isinstance(tags, list):
            tags = [t.strip() for t in str(tags).split(",") if t.strip()]
        if len(tags) > 4:
            errors.append("Tag list exceed the maximum of 4 tags")
        for tag in tags:
            tag = str(tag)
            if len(tag) > 30:
                errors.append(f'Tag "{tag}" is too long (maximum is 30 characters)')
            if not re.fullmatch(r"[^\W_]+", tag):
                errors.append(f'Tag "{tag}" contains non-alphanumeric or prohibited unicode '
                              "characters")
        published_at = fields.get("published_at")
        if published_at:
            try:
                datetime.fromisoformat(str(published_at).replace("Z", "+00:00"))
            except ValueError:
                errors.append("Published at is not a valid date")
        return errors

    def _create(self, user: User, body, raw) -> tuple[int, Any, dict]:
        fields = self._params(body, raw)
        if isinstance(fields, tuple):
            return fields
        errors = self._validate(user, fields)
        if errors:
            return 422, {"error": _to_sentence(errors), "status": 422}, {}
        article = self._new_article(user.id, fields)
        return 201, self._show(article), {"Location": self._url(article)}

    def _update(self, user: User, article_id: int, body, raw) -> tuple[int, Any, dict]:
        article = self.articles.get(article_id)
        if article is None or article["user_id"] != user.id:
            return 404, {"error": "not found", "status": 404}, {}
        fields = self._params(body, raw)
        if isinstance(fields, tuple):
            return fields
        merged = {**article, **fields}
        errors = self._validate(user, merged, exclude=article_id)
        if errors:
            return 422, {"error": _to_sentence(errors), "status": 422}, {}
        was_published = article["published"]
        for key in ("title", "body_markdown", "description", "canonical_url"):
            if key in fields:
                article[key] = fields[key] if fields[key] != "" or key != "canonical_url" else None
        if "tags" in fields:
            article["tags"] = _tag_list(fields["tags"])
        if "published" in fields:
            article["published"] = fields["published"] in (True, "true")
        if article["published"]:
            if "-temp-slug-" in article["slug"] or not article["slug"]:
                article["slug"] = self._title_slug(article["title"])
            if not article["published_at"]:
                article["published_at"] = _now()
            if was_published:
                article["edited_at"] = _now()
        article["updated_seq"] = next(self._clock)
        return 200, self._show(article), {}

    def _new_article(self, user_id: int, fields: dict) -> dict:
        published = fields.get("published") in (True, "true")
        title = str(fields.get("title") or "")
        slug = self._title_slug(title)
        if not published:
            slug += f"-temp-slug-{self._random.randrange(10_000_000)}"
        now = _now()
        article = {
            "id": next(self._ids),
            "user_id": user_id,
            "title": title,
            "description": str(fields.get("description") or ""),
            "body_markdown": str(fields.get("body_markdown") or ""),
            "published": published,
            "published_at": now if published else None,
            "created_at": now,
            "edited_at": None,
            "slug": slug,
            "tags": _tag_list(fields.get("tags") or []),
            "canonical_url": fields.get("canonical_url") or None,
            "created_seq": next(self._clock),
            "updated_seq": 0,
        }
        if not article["description"]:
            text = re.sub(r"[#*_`>\[\]()]", "", article["body_markdown"]).replace("\n", " ").strip()
            article["description"] = (text[:100].strip() + "...") if len(text) > 100 else text
        self.articles[article["id"]] = article
        return article

    def _title_slug(self, title: str) -> str:
        return f"{forem_slug(title)}-{_base26(self._random.randrange(100_000))}"

    def _user(self, user_id: int) -> User:
        return next(u for u in self.users.values() if u.id == user_id)

    def _url(self, article: dict) -> str:
        return f"{self.base_url}{self._path(article)}"

    def _path(self, article: dict) -> str:
        return f"/{self._user(article['user_id']).username}/{article['slug']}"

    def _user_json(self, user: User) -> dict:
        return {"type_of": "user", "id": user.id, "username": user.username, "name": user.name,
                "summary": None, "twitter_username": None, "github_username": None,
                "website_url": None, "location": None, "joined_at": "Jan  1, 2024",
                "profile_image": f"{self.base_url}/avatar/{user.id}.png"}

    def _common(self, article: dict) -> dict:
        user = self._user(article["user_id"])
        return {
            "type_of": "article",
            "id": article["id"],
            "title": article["title"],
            "description": article["description"],
            "slug": article["slug"],
            "path": self._path(article),
            "url": self._url(article),
            "comments_count": 0,
            "public_reactions_count": 0,
            "positive_reactions_count": 0,
            "published_timestamp": article["published_at"] or "",
            "cover_image": None,
            "canonical_url": article["canonical_url"] or self._url(article),
            "reading_time_minutes": 1,
            "user": {"name": user.name, "username": user.username, "twitter_username": None,
                     "github_username": None, "user_id": user.id, "website_url": None,
                     "profile_image": None, "profile_image_90": None},
        }

    def _show(self, article: dict) -> dict:
        return {
            **self._common(article),
            "readable_publish_date": "Jan 1" if article["published_at"] else None,
            "collection_id": None,
            "social_image": f"{self.base_url}/social/{article['id']}.png",
            "created_at": article["created_at"],
            "edited_at": article["edited_at"],
            "crossposted_at": None,
            "published_at": article["published_at"],
            "last_comment_at": article["published_at"] or "2017-01-01T05:00:00Z",
            "tag_list": ", ".join(article["tags"]),
            "tags": list(article["tags"]),
            "body_html": f"<p>{article['body_markdown']}</p>",
            "body_markdown": article["body_markdown"],
        }

    def _me(self, user: User, which: str, query: dict) -> list[dict]:
        try:
            per_page = min(int(query.get("per_page") or 30), PER_PAGE_MAX)
            page = max(int(query.get("page") or 1), 1)
        except ValueError:
            per_page, page = 30, 1
        mine = [a for a in self.articles.values() if a["user_id"] == user.id
                and (which == "all" or a["published"] == (which == "published"))]
        # ORDER BY published_at DESC, created_at DESC (PostgreSQL puts NULLs first)
        mine.sort(key=lambda a: (a["published_at"] is None, a["published_at"] or "",
                                 a["created_seq"]), reverse=True)
        chunk = mine[(page - 1) * per_page: page * per_page] if per_page > 0 else []
        return [{
            **self._common(a),
            "published": a["published"],
            "published_at": a["published_at"],
            "page_views_count": 0,
            "body_markdown": a["body_markdown"],
            "tag_list": list(a["tags"]),
        } for a in chunk]


def _tag_list(tags) -> list[str]:
    if not isinstance(tags, list):
        tags = str(tags).split(",")
    out: list[str] = []
    for tag in tags:
        tag = str(tag).strip().lower()
        if tag and tag not in out:
            out.append(tag)
    return out


def _unauthorized() -> tuple[int, Any, dict]:
    return 401, {"error": "unauthorized", "status": 401}, {
        "Cache-Control": "no-store", "Surrogate-Control": "no-store"}


@pytest.fixture
def devto_server() -> Iterator[FakeDevTo]:
    """A fresh fake dev.to for one test, stopped afterwards."""
    server = FakeDevTo()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake dev.to server failed: {server.errors}"
