"""`FakeGhost`: the fake site itself, holding the state (posts, tags, images, users,
recorded requests, queued faults, its clock), serving it on a thread, and routing each
Admin API path to the part that handles it."""

from __future__ import annotations

import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import unquote

from tests.fake_ghost.auth import AuthMixin, decode_jwt
from tests.fake_ghost.faults import FaultsMixin, _Fault
from tests.fake_ghost.images import ImagesMixin
from tests.fake_ghost.model import GhostFault, RecordedRequest
from tests.fake_ghost.posts import PostsMixin
from tests.fake_ghost.server import _Server
from tests.fake_ghost.users import UsersMixin


class FakeGhost(FaultsMixin, AuthMixin, PostsMixin, UsersMixin, ImagesMixin):
    """The fake Ghost site; see the package docstring (tests/fake_ghost/__init__.py)."""

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
