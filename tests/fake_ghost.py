"""A fake Ghost 5 Admin API on 127.0.0.1, stateful and scriptable per test.

Standard library only: a ThreadingHTTPServer in a thread, on a free port. It
follows what Ghost 5.x does (the notes in docs/reference.md, and Ghost's source
for the auth checks, error shapes and messages):

- Everything lives under `/ghost/api/admin/`; a path without its trailing slash
  is redirected (301) like Ghost's pretty-URL middleware does; any other path is
  the theme's HTML 404 page.
- `GET /site/` is public. Every other route needs `Authorization: Ghost <jwt>`:
  HS256 signed with the hex-decoded secret of the key named by `kid`, `aud`
  ending in "admin/", not expired, issued at most five minutes ago, and (the
  documented rule, stricter than Ghost's own check) `exp - iat` at most five
  minutes. Failures answer like Ghost: 401 INVALID_JWT / UNKNOWN_ADMIN_API_KEY /
  INVALID_AUTH_HEADER, 400 for a malformed token or a missing `kid`, 403 when
  there is no Authorization header at all.
- Posts: `GET /posts/`, `POST /posts/` (201), `GET /posts/{id}/`,
  `GET /posts/slug/{slug}/`, `PUT /posts/{id}/`, `DELETE /posts/{id}/` (204).
  Ids are 24 hex digits, dates are "YYYY-MM-DDTHH:MM:SS.000Z" with one-second
  resolution, slugs are made unique ("slug-2"), HTML is only read with
  `?source=html` (otherwise Ghost drops it silently), a PUT must carry the stored
  `updated_at` (missing: 422 ValidationError; stale: 409 UPDATE_COLLISION) and
  tags given on update replace the post's tags. Drafts' and scheduled posts' URLs
  are previews (`/p/{uuid}/`), published posts' are `/{slug}/`.
- Staff users: `GET /users/`, `/users/{id}/`, `/users/email/{email}/`, `/users/slug/{slug}/`
  (404 NotFoundError when missing). A post's `authors` are given by id, email or slug
  (an unknown one is a 422) and replace the post's authors; without them a post
  written with an Admin API key belongs to the site owner. `add_user(name, email)`.

Faults, each used by the next request (or the next whose "METHOD /path?query"
contains `match`): `fail_next(status, type, message)`, `delay_next(seconds)` (then
answers normally: a create still happens after the client gave up),
`html_next()`, `redirect_next(location)`, `drop_next()` (hang up, no answer). With
`after=True`, `fail_next`, `html_next` and `drop_next` first handle the request for real
(the post IS saved), then answer with the error or page, or hang up: a blog that saved
the post and then failed. Server-side changes: `add_post`,
`edit_post` (moves `updated_at` on by at least a second) and `delete_post`.
Images: `POST /images/upload/` (multipart: `file`, optional `purpose` and `ref`)
checks the type and extension like Ghost, keeps the file in `images` and answers
201 `{"images": [{"url": ".../content/images/...", "ref"}]}`.
Set `time_offset` to move the server's clock (to expire tokens).

    def test_something(ghost_server):
        adapter = GhostAdapter(ghost_server.base_url, ghost_server.admin_api_key)
        ...
        assert ghost_server.requests[0].query == {"source": "html"}
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import socket
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

API = "/ghost/api/admin"
MAX_TOKEN_AGE = 300
COLLISION = "Saving failed! Someone else is editing this post."
STATUSES = ("draft", "published", "scheduled")
POST_KEYS = {"id", "uuid", "title", "html", "lexical", "mobiledoc", "status", "slug",
             "published_at", "updated_at", "created_at", "custom_excerpt", "canonical_url",
             "tags", "authors", "feature_image", "featured", "visibility", "meta_title",
             "meta_description"}
IMAGE_TYPES = {"image/png": ("png",), "image/jpeg": ("jpg", "jpeg"), "image/gif": ("gif",),
               "image/webp": ("webp",), "image/svg+xml": ("svg",)}
NOT_FOUND_PAGE = (b"<!DOCTYPE html><html><head><title>404 - Page not found</title></head>"
                  b"<body><h1>404</h1><p>Page not found</p></body></html>")


class GhostFault(Exception):
    """An error answer, raised inside a handler: `{"errors": [{...}]}` with a status."""

    def __init__(self, status: int, type_: str, message: str, *, code: str | None = None,
                 context: str | None = None) -> None:
        super().__init__(message)
        self.status, self.type, self.message = status, type_, message
        self.code, self.context = code, context

    def body(self) -> dict:
        return {"errors": [{
            "message": self.message, "context": self.context, "type": self.type,
            "details": None, "property": None, "help": None, "code": self.code,
            "id": str(uuid.uuid4()), "ghostErrorCode": None,
        }]}


def _validation(message: str, context: str | None = None) -> GhostFault:
    return GhostFault(422, "ValidationError", message, context=context)


def _unauthorized(message: str, code: str = "INVALID_JWT") -> GhostFault:
    return GhostFault(401, "UnauthorizedError", message, code=code)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    jwt_header: dict | None  # the token's parts, decoded without checking
    jwt_payload: dict | None


@dataclass
class _Fault:
    kind: str  # "error" | "delay" | "html" | "redirect" | "drop"
    match: str | None
    status: int = 500
    type: str = "InternalServerError"
    message: str = ""
    code: str | None = None
    seconds: float = 0.0
    body: bytes = b""
    location: str = ""
    after: bool = False  # handle the request for real first (state changes), then misbehave


def ghost_date(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_date(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or timezone.utc).timestamp()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:185].strip("-")


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def decode_jwt(token: str) -> tuple[dict, dict, bytes, str] | None:
    """(header, payload, signature, signing input), or None when malformed."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header, payload = json.loads(_b64decode(parts[0])), json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except ValueError:
        return None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        return None
    return header, payload, signature, f"{parts[0]}.{parts[1]}"


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, fake: FakeGhost) -> None:
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
        if isinstance(exc, OSError):  # the client went away (it timed out)
            return
        self.fake.errors.append(repr(exc))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeGhost/5.130"
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
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
            parsed = True
        except ValueError:
            body, parsed = None, False
        fake._record(self, url.path, query, body)
        fault = fake._take_fault(f"{self.command} {self.path}")
        if fault is not None and fault.kind == "delay":
            if fake._stopping.wait(fault.seconds):
                return
            fault = None
        if fault is not None and fault.after and parsed and url.path.startswith(API + "/"):
            try:  # Ghost saves the post, then fails to answer properly
                fake._authenticate(self.headers.get("Authorization"))
                with fake._lock:
                    fake._route(self.command, url.path[len(API):], query, body)
            except GhostFault:
                pass
        if fault is not None:
            if fault.kind == "drop":  # hang up without answering
                self.close_connection = True
                return
            if fault.kind == "error":
                err = GhostFault(fault.status, fault.type, fault.message, code=fault.code)
                return self._send_json(fault.status, err.body())
            if fault.kind == "html":
                return self._send(fault.status, fault.body, "text/html; charset=utf-8")
            return self._send(fault.status, b"", "text/plain", {"Location": fault.location})
        if not url.path.startswith(API + "/"):
            return self._send(404, NOT_FOUND_PAGE, "text/html; charset=utf-8")
        route = url.path[len(API):]
        if not route.endswith("/"):
            location = url.path + "/" + (f"?{url.query}" if url.query else "")
            return self._send(301, b"", "text/plain", {"Location": location})
        try:
            if self.command == "POST" and route == "/images/upload/":  # multipart, not JSON
                fake._authenticate(self.headers.get("Authorization"))
                return self._send_json(201, fake._upload_image(
                    self.headers.get("Content-Type", ""), raw))
            if not parsed:
                raise GhostFault(400, "BadRequestError", "Request body parsing failed")
            if self.command == "GET" and route == "/site/":
                return self._send_json(200, {"site": fake.site_info()})
            fake._authenticate(self.headers.get("Authorization"))
            with fake._lock:
                status, payload = fake._route(self.command, route, query, body)
        except GhostFault as err:
            return self._send_json(err.status, err.body())
        if status == 204:
            return self._send(204, b"", "")
        self._send_json(status, payload)

    def _send_json(self, status: int, payload: Any) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8",
                   {"Content-Version": "v5.130"})

    def _send(self, status: int, data: bytes, ctype: str, headers: dict | None = None) -> None:
        self.close_connection = True
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass  # the client gave up (a timeout test): nothing to answer to


class FakeGhost:
    """The fake Ghost site; see the module docstring."""

    def __init__(self, title: str = "The Byline Test Blog") -> None:
        self.title = title
        self.key_id = secrets.token_hex(12)
        self.secret = secrets.token_hex(32)
        self.time_offset = 0.0  # seconds added to the server's clock
        self.posts: dict[str, dict] = {}  # id -> stored post, in creation order
        self.tags: dict[str, dict] = {}  # slug -> tag
        self.images: list[dict] = []  # uploaded: {"name", "content_type", "content", "url", "ref"}
        # Staff users; the owner is who a post written through an integration belongs to.
        self.users: list[dict] = [{"id": "1", "name": "Site Owner", "slug": "owner",
                                   "email": "owner@ghost.example", "role": "Owner"}]
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # unexpected handler exceptions
        self._faults: list[_Fault] = []
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server = _Server(self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"fake-ghost-{self.port}", daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def admin_api_key(self) -> str:
        return f"{self.key_id}:{self.secret}"

    def now(self) -> float:
        return time.time() + self.time_offset

    # -- faults ------------------------------------------------------------------

    def fail_next(self, status: int, type: str = "InternalServerError",  # noqa: A002
                  message: str = "An unexpected error occurred, please try again.", *,
                  code: str | None = None, match: str | None = None,
                  after: bool = False) -> None:
        self._add_fault(_Fault("error", match, status=status, type=type, message=message,
                               code=code, after=after))

    def delay_next(self, seconds: float, *, match: str | None = None) -> None:
        self._add_fault(_Fault("delay", match, seconds=seconds))

    def html_next(self, status: int = 200, body: str = "<html><body><h1>Sign in</h1></body></html>",
                  *, match: str | None = None, after: bool = False) -> None:
        self._add_fault(_Fault("html", match, status=status, body=body.encode(), after=after))

    def redirect_next(self, location: str, status: int = 301, *, match: str | None = None) -> None:
        self._add_fault(_Fault("redirect", match, status=status, location=location))

    def drop_next(self, *, match: str | None = None, after: bool = False) -> None:
        """Close the connection without answering (after reading the request, and after
        handling it for real when `after`)."""
        self._add_fault(_Fault("drop", match, after=after))

    def _add_fault(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, request_line: str) -> _Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.match is None or fault.match in request_line:
                    return self._faults.pop(i)
        return None

    # -- server-side changes (someone working in Ghost Admin) ------------------------

    def add_post(self, title: str, *, slug: str = "", status: str = "published",
                 html: str = "", tags: tuple[str, ...] = ()) -> dict:
        with self._lock:
            post = self._new_post()
            data = {"title": title, "slug": slug or title, "status": status, "html": html,
                    "tags": [{"name": t} for t in tags]}
            self._apply(post, data, source_html=True)
            self.posts[post["id"]] = post
            return self.post_json(post)

    def edit_post(self, post_id: str, **fields: Any) -> dict:
        """Change a post as an editor would; `updated_at` moves on by at least one second."""
        with self._lock:
            post = self.posts[post_id]
            old = parse_date(post["updated_at"]) or 0
            self._apply(post, fields, source_html=True)
            post["updated_at"] = ghost_date(max(self.now(), old + 1))
            return self.post_json(post)

    def delete_post(self, post_id: str) -> None:
        with self._lock:
            del self.posts[post_id]

    def add_user(self, name: str, email: str, *, role: str = "Author") -> dict:
        """A staff user invited in Ghost Admin (Settings → Staff)."""
        with self._lock:
            user = {"id": secrets.token_hex(12), "name": name, "slug": slugify(name),
                    "email": email, "role": role}
            self.users.append(user)
            return dict(user)

    def post_by_slug(self, slug: str) -> dict | None:
        with self._lock:
            return next((p for p in self.posts.values() if p["slug"] == slug), None)

    # -- lifecycle ---------------------------------------------------------------

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no connection is open (every handler has finished)."""
        with self._server.sockets_lock:
            return self._server.sockets_lock.wait_for(
                lambda: not self._server.open_sockets, timeout)

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

    # -- the API -----------------------------------------------------------------

    def site_info(self) -> dict:
        return {"title": self.title, "description": "Thoughts on technology leadership.",
                "logo": None, "icon": None, "accent_color": "#FF1A75", "locale": "en",
                "url": f"{self.base_url}/", "version": "5.130"}

    def _authenticate(self, header: str | None) -> None:
        if not header:
            raise GhostFault(403, "NoPermissionError", "Authorization failed",
                             context="Unable to determine the authenticated user or integration."
                                     " Check that cookies are being passed through if using "
                                     "session authentication.")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "ghost" or not token:
            raise _unauthorized('Authorization header format is "Authorization: Ghost [token]"',
                                "INVALID_AUTH_HEADER")
        decoded = decode_jwt(token)
        if decoded is None:
            raise GhostFault(400, "BadRequestError", "Invalid token", code="INVALID_JWT")
        head, claims, signature, signing_input = decoded
        if not head.get("kid"):
            raise GhostFault(400, "BadRequestError", "Admin API kid missing.",
                             code="MISSING_ADMIN_API_KID")
        if head["kid"] != self.key_id:
            raise _unauthorized("Unknown Admin API Key", "UNKNOWN_ADMIN_API_KEY")
        if head.get("alg") != "HS256":
            raise _unauthorized("Invalid token: invalid algorithm")
        expected = hmac.new(bytes.fromhex(self.secret), signing_input.encode("ascii"),
                            hashlib.sha256).digest()
        if not hmac.compare_digest(expected, signature):
            raise _unauthorized("Invalid token: invalid signature")
        iat, exp, now = claims.get("iat"), claims.get("exp"), self.now()
        if not isinstance(iat, int) or not isinstance(exp, int):
            raise _unauthorized("Invalid token: iat and exp are required")
        if now >= exp:
            raise _unauthorized("Invalid token: jwt expired")
        if not isinstance(claims.get("aud"), str) or not re.search(r"/?admin/?$", claims["aud"]):
            raise _unauthorized("Invalid token: jwt audience invalid. expected: /\\/?admin\\/?$/")
        if now - iat > MAX_TOKEN_AGE:
            raise _unauthorized("Invalid token: maxAge exceeded")
        if exp - iat > MAX_TOKEN_AGE:
            raise _unauthorized("Invalid token: exp must be at most 5 minutes after iat")

    def _route(self, method: str, route: str, query: dict, body: Any) -> tuple[int, Any]:
        parts = [unquote(p) for p in route.strip("/").split("/")]
        if parts[0] == "users" and method == "GET":
            return 200, self._users(parts)
        if parts[0] != "posts" or len(parts) > 3:
            raise GhostFault(404, "NotFoundError", "Resource not found")
        if len(parts) == 1:
            if method == "GET":
                limit = int(query.get("limit") or 15)
                found = list(self.posts.values())[::-1][:limit]
                return 200, {"posts": [self.post_json(p, query) for p in found],
                             "meta": {"pagination": {"page": 1, "limit": limit, "pages": 1,
                                                     "total": len(self.posts), "next": None,
                                                     "prev": None}}}
            if method == "POST":
                return 201, {"posts": [self._create(self._one(body, "save"), query)]}
        elif len(parts) == 3 and parts[1] == "slug" and method == "GET":
            post = self.post_by_slug(parts[2])
            return 200, {"posts": [self.post_json(self._found(post), query)]}
        elif len(parts) == 2:
            post = self._found(self.posts.get(parts[1]))
            if method == "GET":
                return 200, {"posts": [self.post_json(post, query)]}
            if method == "PUT":
                return 200, {"posts": [self._edit(post, self._one(body, "edit"), query)]}
            if method == "DELETE":
                del self.posts[post["id"]]
                return 204, None
        raise GhostFault(404, "NotFoundError", "Resource not found")

    def _upload_image(self, content_type: str, raw: bytes) -> dict:
        """POST /images/upload/: multipart with `file` (and optional `purpose`, `ref`)."""
        if not content_type.lower().startswith("multipart/form-data"):
            raise GhostFault(415, "UnsupportedMediaTypeError", "Please select an image.")
        message = BytesParser(policy=email_policy).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = part
        upload = fields.get("file")
        if upload is None or not upload.get_filename():
            raise _validation("Please select an image.")
        filename = upload.get_filename()
        mime = upload.get_content_type()
        ext = filename.rsplit(".", 1)[-1].lower()
        if mime not in IMAGE_TYPES or ext not in IMAGE_TYPES[mime]:
            raise GhostFault(415, "UnsupportedMediaTypeError",
                             "Please select a valid image file.")
        ref = fields["ref"].get_content().strip() if "ref" in fields else None
        with self._lock:
            base, stored, n = filename.rsplit(".", 1)[0], filename, 1
            while any(i["name"] == stored for i in self.images):
                stored, n = f"{base}-{n}.{ext}", n + 1
            url = f"{self.base_url}/content/images/2026/12/{stored}"
            self.images.append({"name": stored, "content_type": mime, "url": url, "ref": ref,
                                "content": upload.get_payload(decode=True)})
        return {"images": [{"url": url, "ref": ref}]}

    def _users(self, parts: list[str]) -> dict:
        """GET /users/ and /users/{id|slug|email}/{value}/ (an integration may read staff)."""
        if len(parts) == 1:
            return {"users": [self._user_json(u) for u in self.users]}
        if len(parts) == 3 and parts[1] in ("email", "slug"):
            key = parts[1]
            user = next((u for u in self.users if u[key].lower() == parts[2].lower()), None)
        elif len(parts) == 2:
            user = next((u for u in self.users if u["id"] == parts[1]), None)
        else:
            user = None
        if user is None:
            raise GhostFault(404, "NotFoundError", "User not found.")
        return {"users": [self._user_json(user)]}

    @staticmethod
    def _user_json(user: dict) -> dict:
        return {"id": user["id"], "name": user["name"], "slug": user["slug"],
                "email": user["email"], "status": "active",
                "roles": [{"name": user["role"]}]}

    def _author(self, given: Any) -> dict:
        """An entry of a post's `authors`: found by id, email or slug, else a 422."""
        if isinstance(given, dict):
            for key in ("id", "email", "slug"):
                if given.get(key):
                    user = next((u for u in self.users
                                 if str(u[key]).lower() == str(given[key]).lower()), None)
                    if user is not None:
                        return user
        raise _validation("Validation error, cannot save post.", "Author not found.")

    @staticmethod
    def _found(post: dict | None) -> dict:
        if post is None:
            raise GhostFault(404, "NotFoundError", "Post not found.")
        return post

    @staticmethod
    def _one(body: Any, verb: str) -> dict:
        posts = body.get("posts") if isinstance(body, dict) else None
        if not isinstance(posts, list) or len(posts) != 1 or not isinstance(posts[0], dict):
            raise _validation(f"Validation error, cannot {verb} post.",
                              "No root key ('posts') provided.")
        data = posts[0]
        unknown = sorted(set(data) - POST_KEYS)
        if unknown:
            raise _validation(f"Validation error, cannot {verb} post.",
                              f"data.posts[0] must NOT have additional properties: {unknown[0]}")
        return data

    def _create(self, data: dict, query: dict) -> dict:
        if not isinstance(data.get("title"), str):
            raise _validation("Validation error, cannot save post.",
                              "data.posts[0] must have required property 'title'")
        post = self._new_post()
        self._apply(post, data, source_html=query.get("source") == "html", check_schedule=True)
        self.posts[post["id"]] = post
        return self.post_json(post, query)

    def _edit(self, post: dict, data: dict, query: dict) -> dict:
        if "updated_at" not in data:
            raise _validation("Validation error, cannot edit post.",
                              "data.posts[0] must have required property 'updated_at'")
        sent = parse_date(data["updated_at"])
        if sent is None or sent != parse_date(post["updated_at"]):
            raise GhostFault(409, "UpdateCollisionError", COLLISION, code="UPDATE_COLLISION")
        self._apply(post, data, source_html=query.get("source") == "html", check_schedule=True)
        post["updated_at"] = ghost_date(self.now())
        return self.post_json(post, query)

    def _new_post(self) -> dict:
        now = ghost_date(self.now())
        return {"id": f"{int(time.time()):08x}{secrets.token_hex(8)}", "uuid": str(uuid.uuid4()),
                "title": "", "slug": "", "html": "", "status": "draft", "published_at": None,
                "custom_excerpt": None, "canonical_url": None, "tags": [], "created_at": now,
                "updated_at": now, "authors": [self.users[0]]}

    def _apply(self, post: dict, data: dict, *, source_html: bool,
               check_schedule: bool = False) -> None:
        """Validate `data` like Ghost and copy it onto `post` (all or nothing)."""
        old_status, old_published = post["status"], post["published_at"]
        new = dict(post)
        if "title" in data:
            if not isinstance(data["title"], str) or len(data["title"]) > 255:
                raise _validation("Validation error, cannot save post.",
                                  "Value in [posts.title] exceeds maximum length of 255 "
                                  "characters.")
            new["title"] = data["title"]
        if "html" in data and source_html:  # without ?source=html Ghost drops it
            new["html"] = str(data["html"] or "")
        if "status" in data:
            if data["status"] not in STATUSES:
                raise _validation("Validation error, cannot save post.",
                                  "data.posts[0].status must be equal to one of the allowed "
                                  "values")
            new["status"] = data["status"]
        if "custom_excerpt" in data:
            excerpt = data["custom_excerpt"]
            if excerpt is not None and (not isinstance(excerpt, str) or len(excerpt) > 300):
                raise _validation("Validation error, cannot save post.",
                                  "Value in [posts.custom_excerpt] exceeds maximum length of "
                                  "300 characters.")
            new["custom_excerpt"] = excerpt
        if "canonical_url" in data:
            new["canonical_url"] = data["canonical_url"]
        if "published_at" in data:
            if data["published_at"] is not None and parse_date(data["published_at"]) is None:
                raise _validation("Validation error, cannot save post.",
                                  "Invalid date for published_at")
            new["published_at"] = (None if data["published_at"] is None
                                   else ghost_date(parse_date(data["published_at"]) or 0))
        if "tags" in data:  # replaces the post's tags
            new["tags"] = [self._tag(t) for t in data["tags"] or []]
        if data.get("authors"):  # replaces the post's authors
            new["authors"] = [self._author(a) for a in data["authors"]]
        if data.get("slug") or not post["slug"]:
            new["slug"] = self._unique_slug(str(data.get("slug") or new["title"]), post["id"])
        if new["status"] == "scheduled" and check_schedule and (
                old_status != "scheduled" or new["published_at"] != old_published):
            when = parse_date(new["published_at"])
            if when is None:
                raise _validation("Value in published_at cannot be blank.")
            if when < self.now() + 120:
                raise _validation("Date must be at least 2 minutes in the future.")
        if new["status"] == "published" and not new["published_at"]:
            new["published_at"] = ghost_date(self.now())
        post.update(new)

    def _tag(self, given: Any) -> dict:
        name = given.get("name") if isinstance(given, dict) else given
        if not isinstance(name, str) or not name.strip():
            raise _validation("Validation error, cannot save tag.",
                              "data.tags[0] must have required property 'name'")
        slug = slugify(name) or secrets.token_hex(4)
        for tag in self.tags.values():
            if tag["name"].lower() == name.strip().lower():
                return tag
        tag = {"id": secrets.token_hex(12), "name": name.strip(), "slug": slug}
        self.tags[slug] = tag
        return tag

    def _unique_slug(self, wanted: str, own_id: str) -> str:
        """As Ghost 5 does: a slug that changes is made unique against every post, the
        post itself included (asked for "s" while holding "s-2", it gets "s-3")."""
        base = slugify(wanted) or "untitled"
        own = self.posts.get(own_id, {}).get("slug")
        taken = {p["slug"] for p in self.posts.values() if p["id"] != own_id or own != base}
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def post_json(self, post: dict, query: dict | None = None) -> dict:
        """A post as the Admin API shows it."""
        if post["status"] == "published":
            url = f"{self.base_url}/{quote(post['slug'])}/"
        else:
            url = f"{self.base_url}/p/{post['uuid']}/"
        shown = {
            "id": post["id"], "uuid": post["uuid"], "title": post["title"], "slug": post["slug"],
            "status": post["status"], "visibility": "public", "featured": False,
            "created_at": post["created_at"], "updated_at": post["updated_at"],
            "published_at": post["published_at"], "custom_excerpt": post["custom_excerpt"],
            "canonical_url": post["canonical_url"], "tags": [dict(t) for t in post["tags"]],
            "primary_tag": dict(post["tags"][0]) if post["tags"] else None, "url": url,
            "authors": [self._user_json(u) for u in post.get("authors", [])],
            "primary_author": self._user_json(post["authors"][0]) if post.get("authors") else None,
        }
        if "html" in (query or {}).get("formats", ""):
            shown["html"] = post["html"]
        fields = (query or {}).get("fields")
        if fields:
            shown = {k: v for k, v in shown.items() if k in fields.split(",")}
        return shown

    def _record(self, handler: BaseHTTPRequestHandler, path: str, query: dict, body: Any) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        jwt_header = jwt_payload = None
        scheme, _, token = headers.get("authorization", "").partition(" ")
        decoded = decode_jwt(token) if scheme.lower() == "ghost" else None
        if decoded is not None:
            jwt_header, jwt_payload = decoded[0], decoded[1]
        with self._lock:
            self.requests.append(RecordedRequest(handler.command, path, query, headers, body,
                                                 jwt_header, jwt_payload))


@pytest.fixture
def ghost_server() -> Iterator[FakeGhost]:
    """A fresh fake Ghost site for one test, stopped afterwards."""
    server = FakeGhost()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake Ghost server failed: {server.errors}"
