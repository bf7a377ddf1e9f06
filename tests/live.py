"""Byline served on 127.0.0.1 in a thread, for browser and streaming tests."""

from __future__ import annotations

import socket
import threading

from werkzeug.serving import WSGIRequestHandler, make_server


class _ClosingHandler(WSGIRequestHandler):
    # One request per connection, so stopping the server really cuts the browser off.
    protocol_version = "HTTP/1.0"

    def log_request(self, *args, **kwargs):
        pass


class LiveServer:
    """Byline on 127.0.0.1, in a thread; can be stopped and started on the same port."""

    def __init__(self, app) -> None:
        self.app = app
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._server = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._server = make_server(
            "127.0.0.1", self.port, self.app, threaded=True, request_handler=_ClosingHandler
        )
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
