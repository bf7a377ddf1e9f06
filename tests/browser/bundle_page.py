"""A static page that loads only the editor bundle, served on 127.0.0.1.

Browser tests of the bundle and bench/editor_typing.py use it, so they need
neither the Flask app nor the database. It sends the app's own
Content-Security-Policy, so anything the bundle does that the CSP forbids
shows up as a violation.
"""

from __future__ import annotations

import mimetypes
import threading
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from webapp.security import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parents[2]
PAGE = Path(__file__).resolve().parent / "fixtures" / "editor_page"


def _app(environ, start_response):
    request = Request(environ)
    path = request.path
    if path == "/":
        file = PAGE / "index.html"
    elif path == "/harness.js":
        file = PAGE / "harness.js"
    elif path.startswith("/static/") and ".." not in path:
        file = ROOT / path.lstrip("/")
    else:
        file = None
    if file is None or not file.is_file():
        response = Response("not found", status=404)
    else:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        response = Response(file.read_bytes(), content_type=kind)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response(environ, start_response)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class PageServer:
    """The bundle page on 127.0.0.1 (a free port), in a thread."""

    def __init__(self) -> None:
        self._server = make_server("127.0.0.1", 0, _app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def serve() -> PageServer:
    """Start the page server; call .stop() when done. (Self-contained so the
    benchmark can load this file directly.)"""
    return PageServer()
