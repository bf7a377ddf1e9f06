"""`FakeWordPress`: the fake site itself, holding the state (users, posts, tags, media,
recorded requests, queued faults), serving it on a thread, and dispatching each REST route
to the part that handles it."""

from __future__ import annotations

import re
import socket
import threading
from collections import deque
from typing import Any

from tests.fake_wordpress.faults import FaultsMixin, _Fault
from tests.fake_wordpress.media import MediaMixin
from tests.fake_wordpress.model import DEFAULT_USERS, NO_ROUTE, RecordedRequest, WPError
from tests.fake_wordpress.posts import PostsMixin
from tests.fake_wordpress.server import _Server
from tests.fake_wordpress.tags import TagsMixin
from tests.fake_wordpress.users import UsersMixin


class FakeWordPress(FaultsMixin, UsersMixin, PostsMixin, TagsMixin, MediaMixin):
    """The fake WordPress site; see the package docstring (tests/fake_wordpress/__init__.py)."""

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
