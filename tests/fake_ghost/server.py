"""The fake Ghost's HTTP side: a ThreadingHTTPServer that tracks its open sockets, and the
request handler that records each request, applies any scripted fault, redirects paths
without their trailing slash, and answers from the site."""

from __future__ import annotations

import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.fake_ghost.model import API, NOT_FOUND_PAGE, GhostFault

if TYPE_CHECKING:
    from tests.fake_ghost.site import FakeGhost


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
