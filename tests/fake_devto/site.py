"""`FakeDevTo`: the fake Forem server itself, holding the state (users, articles, recorded
requests, queued faults), serving it on a thread, and routing each API path to the part
that handles it."""

from __future__ import annotations

import itertools
import random
import re
import socket
import threading
from typing import Any

from tests.fake_devto.articles import ArticlesMixin
from tests.fake_devto.faults import Fault, FaultsMixin
from tests.fake_devto.json_shapes import JsonShapesMixin
from tests.fake_devto.model import API_KEY, RecordedRequest, User, _unauthorized
from tests.fake_devto.server import _Server


class FakeDevTo(FaultsMixin, ArticlesMixin, JsonShapesMixin):
    """The fake Forem server; see the package docstring
    (tests/fake_devto/__init__.py).

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

    def add_user(self, api_key: str, username: str, name: str = "") -> User:
        with self._lock:
            user = User(len(self.users) + 1, username, name or username)
            self.users[api_key] = user
            return user

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
