"""The fake WordPress's HTTP side: a ThreadingHTTPServer that tracks its open sockets, and
the request handler that parses the REST route (pretty or `?rest_route=`), records the
request, applies any scripted fault and answers with the site's JSON."""

from __future__ import annotations

import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from tests.fake_wordpress.model import HTML_PAGE, NOT_FOUND_PAGE, RecordedRequest, WPError

if TYPE_CHECKING:
    from tests.fake_wordpress.site import FakeWordPress


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
