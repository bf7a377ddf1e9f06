"""Byline under gunicorn (several workers with threads) on 127.0.0.1, and a
signed-in HTTP client: for the concurrency tests and the load benchmark."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GunicornServer:
    """gunicorn in its own process group, so a test can kill -9 all of it at once."""

    def __init__(self, database_url: str, *, workers: int = 2, threads: int = 4,
                 env: dict[str, str] | None = None) -> None:
        self.database_url = database_url
        self.workers = workers
        self.threads = threads
        self.extra_env = env or {}
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> GunicornServer:
        # No background warm-up of the suggestion engine: it would take CPU from what is measured.
        env = dict(os.environ, DATABASE_URL=self.database_url, SECRET_KEY="gunicorn-test-secret",
                   **{"BYLINE_WARM_UP": "0", **self.extra_env})
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(self.workers),
             "--threads", str(self.threads), "-b", f"127.0.0.1:{self.port}",
             "--keep-alive", "75", "--log-level", "warning", "webapp:create_app()"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                pass
            finally:
                conn.close()
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def kill_9(self) -> None:
        """SIGKILL the master and every worker, as a crash or an OOM kill would."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None


class SignedInClient:
    """One keep-alive HTTP connection with a signed-in session and its CSRF token."""

    def __init__(self, port: int, *, timeout: float = 60) -> None:
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookie = ""
        self.csrf = ""

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SignedInClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            # A dropped keep-alive connection: the next request opens a new one.
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("byline_session="):
                self.cookie = value.split(";", 1)[0]
        return response.status, data

    @staticmethod
    def token_from(html: bytes) -> str:
        match = re.search(rb'name="csrf-token" content="([^"]+)"', html)
        if not match:
            raise RuntimeError("no CSRF token on the page")
        return match.group(1).decode()

    def login(self, email: str, password: str) -> SignedInClient:
        _, page = self.request("GET", "/login")
        form = urlencode({"csrf_token": self.token_from(page), "email": email,
                          "password": password}).encode()
        status, _ = self.request("POST", "/login", form,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            raise RuntimeError(f"sign-in failed with {status}")
        _, page = self.request("GET", "/drafts")
        self.csrf = self.token_from(page)
        return self

    def post_json(self, path: str, payload: dict):
        status, data = self.request("POST", path, json.dumps(payload).encode(), {
            "Content-Type": "application/json", "X-CSRFToken": self.csrf,
            "Accept": "application/json"})
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return status, parsed, data
