"""A fake OpenAI-compatible model server on 127.0.0.1, scriptable per test.

Standard library only: a ThreadingHTTPServer in a thread, on a free port. It
speaks `POST /v1/chat/completions` (JSON when `stream` is false, SSE when it is
true) and `GET /v1/models`. Each chat request takes the next scripted `Reply`
from a queue (a plain success when the queue is empty). Every request is
recorded (path, headers, parsed JSON body), and so is whether a streaming
client went away before the end.

    def test_something(llm_server):
        llm_server.script(Reply(text="Hello there", chunks=3))
        ...  # point a client at llm_server.base_url
        assert llm_server.chat_requests[0].body["model"] == "test-model"
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

RETRYABLE = {408, 409, 429}
ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "model_not_allowed"),
    404: ("invalid_request_error", "model_not_found"),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


@dataclass
class Reply:
    """One scripted answer to one chat request.

    text/chunks: the answer, split into `chunks` SSE deltas (or whole, in JSON).
    status/error: a non-200 status with an OpenAI-style error body; 429, 408,
      409 and 5xx also carry `retry-after-ms: 10` so client retries stay fast.
    first_byte_delay: seconds before the status line; hang: never answer.
    chunk_delay: seconds between SSE chunks (only before text piece `stall_at`
      when that is set: a stream that stalls part-way).
    first_token_delay: seconds between the headers (and role chunk) and the
      first text: a server still loading its model.
    usage=None: a server that never sends usage while streaming (llama.cpp's).
    error_after: send an error object (mid-stream) after this many text chunks.
    malformed_after: send a chunk that is not JSON after this many text chunks.
    drop_after: close the connection, mid-body, after this many text chunks.
    finish_reason: "stop", or "length" for an answer cut at max_tokens.
    usage: (prompt_tokens, completion_tokens), sent in the last chunk when the
      client asks for stream_options.include_usage (always in JSON replies).
    """

    text: str = "A clear, shorter sentence."
    chunks: int = 3
    status: int = 200
    error: str = ""
    error_code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    first_byte_delay: float = 0.0
    chunk_delay: float = 0.0
    stall_at: int | None = None
    first_token_delay: float = 0.0
    hang: bool = False
    error_after: int | None = None
    error_message: str = "The model crashed while generating."
    malformed_after: int | None = None
    drop_after: int | None = None
    finish_reason: str = "stop"
    usage: tuple[int, int] | None = (21, 7)

    @classmethod
    def failure(cls, status: int, message: str = "", code: str | None = None, **kw: Any) -> Reply:
        message = message or f"Scripted failure {status}"
        return cls(status=status, error=message, error_code=code, **kw)

    def pieces(self) -> list[str]:
        if not self.text:
            return []
        n = max(1, min(self.chunks, len(self.text)))
        size, extra = divmod(len(self.text), n)
        out, start = [], 0
        for i in range(n):
            end = start + size + (1 if i < extra else 0)
            out.append(self.text[start:end])
            start = end
        return out


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None


@dataclass
class StreamRecord:
    """What happened to one SSE response."""

    chunks_sent: int = 0
    completed: bool = False  # reached data: [DONE]
    disconnected: bool = False  # a write failed: the client went away first


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, fake: FakeLLMServer) -> None:
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
    server_version = "FakeLLM/1.0"
    timeout = 10  # socket timeout, so no handler can block stop() for long
    server: _Server

    def log_message(self, format, *args):  # noqa: A002
        pass

    # -- routing -----------------------------------------------------------------

    def do_GET(self) -> None:
        fake = self.server.fake
        fake._record(self, None)
        if self.path.rstrip("/") == "/v1/models":
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                    for m in fake.models]
            self._send_json(200, {"object": "list", "data": data})
        else:
            self._send_error(404, f"Unknown path {self.path}", None, "invalid_request_error")

    def do_POST(self) -> None:
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        fake._record(self, body)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send_error(404, f"Unknown path {self.path}", None, "invalid_request_error")
            return
        if not isinstance(body, dict):
            self._send_error(400, "The request body is not valid JSON.", None,
                             "invalid_request_error")
            return
        reply = fake._next_reply()
        if reply.hang:
            fake._stopping.wait()
            self.close_connection = True
            return
        if reply.first_byte_delay and fake._stopping.wait(reply.first_byte_delay):
            return
        if reply.status != 200:
            kind, default_code = ERROR_TYPES.get(reply.status, ("server_error", None))
            headers = dict(reply.headers)
            if reply.status in RETRYABLE or reply.status >= 500:
                headers.setdefault("retry-after-ms", "10")
            code = reply.error_code or default_code
            self._send_error(reply.status, reply.error, code, kind, headers)
            return
        model = str(body.get("model", ""))
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._send_stream(reply, model, include_usage)
        else:
            self._send_json(200, _completion(reply, model), reply.headers)

    # -- responses ---------------------------------------------------------------

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def _send_error(self, status, message, code, kind, headers=None) -> None:
        payload = {"error": {"message": message, "type": kind, "param": None, "code": code}}
        self._send_json(status, payload, headers)

    def _send_stream(self, reply: Reply, model: str, include_usage: bool) -> None:
        fake = self.server.fake
        record = StreamRecord()
        fake.streams.append(record)
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        try:
            self.end_headers()
            for i, event in enumerate(_sse_events(reply, model, include_usage)):
                delay = reply.chunk_delay if i and reply.stall_at in (None, i - 1) else 0.0
                if i == 1 and reply.first_token_delay:
                    delay += reply.first_token_delay
                if delay and fake._stopping.wait(delay):
                    return
                if event is _DROP:
                    return  # no terminating chunk: the client sees a truncated body
                data = event.encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
                record.chunks_sent += 1
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            record.disconnected = True
            fake.disconnected.set()
            return
        record.completed = True  # every event, [DONE] included, is written
        try:
            self.wfile.write(b"0\r\n\r\n")  # end of the chunked body
            self.wfile.flush()
        except OSError:
            pass  # clients may hang up right after [DONE]; that is not a disconnect


_DROP = "drop the connection"


def _chunk(model: str, delta: dict, finish_reason: str | None = None) -> str:
    payload = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_fake",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }
    return f"data: {json.dumps(payload)}\n\n"


def _sse_events(reply: Reply, model: str, include_usage: bool) -> Iterator[str]:
    yield _chunk(model, {"role": "assistant", "content": ""})
    for i, piece in enumerate(reply.pieces()):
        if reply.error_after is not None and i == reply.error_after:
            break
        if reply.malformed_after is not None and i == reply.malformed_after:
            break
        if reply.drop_after is not None and i == reply.drop_after:
            yield _DROP
            return
        yield _chunk(model, {"content": piece})
    else:
        i = len(reply.pieces())
    if reply.error_after is not None and i <= reply.error_after:
        error = {"message": reply.error_message, "type": "server_error",
                 "param": None, "code": None}
        yield f"data: {json.dumps({'error': error})}\n\n"
        return
    if reply.malformed_after is not None and i <= reply.malformed_after:
        yield 'data: {"id": "chatcmpl-fake", "choices": [{"delta": {"content": "oops"\n\n'
        return
    yield _chunk(model, {}, reply.finish_reason)
    if include_usage and reply.usage is not None:
        prompt, completion = reply.usage
        usage = {"prompt_tokens": prompt, "completion_tokens": completion,
                 "total_tokens": prompt + completion}
        payload = {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                   "created": int(time.time()), "model": model, "choices": [], "usage": usage}
        yield f"data: {json.dumps(payload)}\n\n"
    yield "data: [DONE]\n\n"


def _completion(reply: Reply, model: str) -> dict:
    prompt, completion = reply.usage or (0, 0)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": reply.text},
            "logprobs": None,
            "finish_reason": reply.finish_reason,
        }],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion},
    }


class FakeLLMServer:
    """The fake model server; see the module docstring."""

    def __init__(self, models: tuple[str, ...] = ("test-model",)) -> None:
        self.models = list(models)
        self.requests: list[RecordedRequest] = []
        self.streams: list[StreamRecord] = []
        self.errors: list[str] = []  # unexpected handler exceptions
        self.disconnected = threading.Event()  # set when any stream's client went away
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _Server(self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"fake-llm-{self.port}", daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *replies: Reply) -> None:
        """Queue replies; each chat request takes the next (a default success when empty)."""
        with self._lock:
            self._replies.extend(replies)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.rstrip("/").endswith("/chat/completions")]

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

    def _next_reply(self) -> Reply:
        with self._lock:
            return self._replies.popleft() if self._replies else Reply()

    def _record(self, handler: BaseHTTPRequestHandler, body: Any) -> None:
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            self.requests.append(RecordedRequest(handler.command, handler.path, headers, body))


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    """A fresh fake model server for one test, stopped afterwards."""
    server = FakeLLMServer()
    try:
        yield server
    finally:
        server.stop()
    assert not server.errors, f"the fake model server failed: {server.errors}"
