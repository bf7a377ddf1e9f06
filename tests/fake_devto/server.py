"""The fake dev.to's HTTP side: a ThreadingHTTPServer that tracks its open sockets, and the
request handler that records each request, applies any scripted fault (delay, hang,
drop, raw body, error status, `after`) and answers from the site."""

from __future__ import annotations

import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.fake_devto.model import REASONS, RecordedRequest, _default_error

if TYPE_CHECKING:
    from tests.fake_devto.site import FakeDevTo


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
