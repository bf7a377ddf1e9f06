"""Streaming benchmark: what Byline adds to a model's time to first token.

Starts the fake OpenAI-compatible server from the tests on 127.0.0.1, and
Byline under gunicorn pointed at it. Then, over many runs, measures time to
first token and total time (a) calling the server directly with the `openai`
client and (b) through Byline's /suggestions endpoint (SSE), and prints
medians, p90 and the differences.

    .venv/bin/python bench/stream.py [--runs 50] [--chunks 40] [--chunk-delay 0.005]

Goal: Byline adds under 10 ms to time to first token.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the fake model server lives with the tests

from llm_server import FakeLLMServer, Reply  # noqa: E402
from openai import OpenAI  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from drafts import accounts  # noqa: E402
from drafts.db import make_engine  # noqa: E402
from drafts.migrate import upgrade  # noqa: E402
from drafts.models import LLMSettings, Role  # noqa: E402

PASSWORD = "benchmark passphrase"
TEXT = "In order to reduce cost, we really need to utilize the cloud in a more efficient manner."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def summary(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values) * 1000, values[int(len(values) * 0.9) - 1] * 1000


def direct(server: FakeLLMServer, runs: int) -> tuple[list[float], list[float]]:
    client = OpenAI(api_key="bench", base_url=server.base_url, max_retries=0, timeout=30)
    ttft, total = [], []
    for i in range(runs):
        started = time.perf_counter()
        first = None
        stream = client.chat.completions.create(
            model="test-model", stream=True, max_tokens=3000,
            messages=[{"role": "user", "content": f"{TEXT} {i}"}],
        )
        for chunk in stream:
            if first is None and chunk.choices and chunk.choices[0].delta.content:
                first = time.perf_counter() - started
        total.append(time.perf_counter() - started)
        ttft.append(first)
    client.close()
    return ttft, total


def login(port: int) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    page = conn.getresponse()
    cookie = page.getheader("Set-Cookie").split(";", 1)[0]
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.read().decode()).group(1)
    form = urlencode({"csrf_token": token, "email": "bench@example.com", "password": PASSWORD})
    conn.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded",
                                          "Cookie": cookie})
    answer = conn.getresponse()
    answer.read()
    cookie = answer.getheader("Set-Cookie").split(";", 1)[0]
    conn.request("GET", "/drafts/new", headers={"Cookie": cookie})
    page = conn.getresponse()
    cookie = (page.getheader("Set-Cookie") or cookie).split(";", 1)[0]
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.read().decode()).group(1)
    return cookie, token


def through_byline(port: int, runs: int) -> tuple[list[float], list[float]]:
    cookie, token = login(port)
    ttft, total = [], []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(runs):
        body = json.dumps({"action": "concise", "text": f"{TEXT} {i}"})  # never a cache hit
        started = time.perf_counter()
        conn.request("POST", "/suggestions", body, {"Content-Type": "application/json",
                                                    "Cookie": cookie, "X-CSRFToken": token})
        response = conn.getresponse()
        first = None
        while True:
            line = response.readline()
            if not line:
                break
            if first is None and line.startswith(b"event: delta"):
                first = time.perf_counter() - started
            if line.startswith(b"event: done") or line.startswith(b"event: error"):
                response.readline()
                break
        response.read()
        total.append(time.perf_counter() - started)
        ttft.append(first if first is not None else total[-1])
    return ttft, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--chunks", type=int, default=40)
    parser.add_argument("--chunk-delay", type=float, default=0.005)
    args = parser.parse_args()

    server = FakeLLMServer()
    workdir = Path(tempfile.mkdtemp(prefix="byline-stream-"))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        accounts.create_user(session, email="bench@example.com", name="Bench", password=PASSWORD,
                             roles={Role.AUTHOR})
        session.add(LLMSettings(id=1, base_url="", model="", api_key_encrypted="",
                                daily_token_budget=10**9, style_guide=""))
        session.commit()
    engine.dispose()

    reply = dict(text=" ".join(f"word{i}" for i in range(args.chunks)), chunks=args.chunks,
                 chunk_delay=args.chunk_delay)
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench", OPENAI_BASE_URL=server.base_url,
               OPENAI_API_KEY="bench", BYLINE_LLM_MODEL="test-model", BYLINE_LLM_RETRIES="0",
               BYLINE_ENCRYPTION_KEY="")
    env.pop("BYLINE_ENCRYPTION_KEY")
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "webapp:create_app()"], cwd=ROOT, env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        warm = 5
        server.script(*[Reply(**reply) for _ in range(2 * (args.runs + warm))])
        direct(server, warm)
        through_byline(port, warm)
        d_first, d_total = direct(server, args.runs)
        b_first, b_total = through_byline(port, args.runs)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        server.stop()

    print(f"{args.runs} runs; the model streams {args.chunks} chunks, {args.chunk_delay * 1000:g} ms apart\n")
    print(f"{'':<22}{'TTFT p50':>10}{'TTFT p90':>10}{'total p50':>11}{'total p90':>11}  (ms)")
    for name, first, total in (("direct (openai client)", d_first, d_total),
                               ("through Byline (SSE)", b_first, b_total)):
        f50, f90 = summary(first)
        t50, t90 = summary(total)
        print(f"{name:<22}{f50:>10.2f}{f90:>10.2f}{t50:>11.2f}{t90:>11.2f}")
    added = summary(b_first)[0] - summary(d_first)[0]
    print(f"\nByline adds {added:.2f} ms to time to first token (goal < 10 ms); "
          f"ratio {summary(b_first)[0] / summary(d_first)[0]:.2f}")


if __name__ == "__main__":
    main()
