"""Load benchmark: gunicorn (2 workers, threads) on loopback, 10,000 drafts.

Drives a bounded number of concurrent clients for a bounded time at
(a) the health endpoint, (b) autosave and (c) the drafts list, and prints
requests per second, p50 and p99 for each, and the ratios b/a and c/a.

    .venv/bin/python bench/load.py [--clients 8] [--seconds 10] [--drafts 10000]

Uses a throw-away SQLite database unless DATABASE_URL is set (its tables are
dropped and rebuilt, so point it at a scratch database). Traffic goes only to
127.0.0.1. Goals: autosave at least half the health endpoint's throughput;
drafts list p50 under 30 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from drafts import accounts  # noqa: E402
from drafts.db import make_engine  # noqa: E402
from drafts.migrate import upgrade  # noqa: E402
from drafts.models import Base, Draft, Role, utcnow  # noqa: E402
from tests.gunicorn_server import SignedInClient, free_port  # noqa: E402

PASSWORD = "benchmark passphrase"
BODY = ("We cut our cloud bill by a third. " * 60).strip()


def prepare_database(url: str, drafts: int, clients: int) -> tuple[str, list[int]]:
    engine = make_engine(url)
    if not url.startswith("sqlite"):
        Base.metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(url)
    with Session(engine, expire_on_commit=False) as session:
        user = accounts.create_user(
            session, email="bench@example.com", name="Bench Author", password=PASSWORD,
            roles={Role.AUTHOR},
        )
        session.commit()
        now = utcnow()
        rows = [
            dict(author_id=user.id, title=f"Draft {i}", body=BODY, excerpt="", audience="executive",
                 version=1, created_at=now, updated_at=now - timedelta(seconds=i))
            for i in range(drafts)
        ]
        for start in range(0, len(rows), 2000):
            session.execute(insert(Draft), rows[start:start + 2000])
        session.commit()
        ids = [d.id for d in session.query(Draft.id).order_by(Draft.id).limit(clients)]
    engine.dispose()
    return user.email, ids


def run_phase(name, port, email, draft_ids, clients, seconds, make_request):
    """Sign every client in first, then time `seconds` of requests."""
    signed_in = [SignedInClient(port, timeout=30).login(email, PASSWORD) for _ in range(clients)]
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = 0.0

    def worker(index: int) -> None:
        client = signed_in[index]
        state = {"version": None, "n": 0, "draft": draft_ids[index % len(draft_ids)]}
        mine: list[float] = []
        bad: list[str] = []
        start.wait()
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                ok = make_request(client, state)
            except (OSError, http.client.HTTPException) as error:
                ok = False
                bad.append(repr(error))
            mine.append(time.perf_counter() - started)
            if not ok and not bad:
                bad.append("unexpected answer")
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    deadline = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    for client in signed_in:
        client.close()
    if not latencies:
        print(f"{name:<14} no request completed in {seconds:g} s; errors: {failures[:3]}")
        return 0.0, float("nan"), float("nan")
    latencies.sort()
    rps = len(latencies) / elapsed
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"{name:<14} {len(latencies):>7} req  {rps:>8.1f} req/s  p50 {p50:>7.2f} ms  "
          f"p99 {p99:>7.2f} ms  errors {len(failures)}")
    return rps, p50, p99


def health(client: SignedInClient, state) -> bool:
    status, _ = client.request("GET", "/healthz")
    return status == 200


def drafts_list(client: SignedInClient, state) -> bool:
    status, _ = client.request("GET", "/drafts")
    return status == 200


def autosave(client: SignedInClient, state) -> bool:
    if state["version"] is None:
        _, page = client.request("GET", f"/drafts/{state['draft']}")
        state["version"] = int(re.search(rb'data-version="(\d+)"', page).group(1))
    state["n"] += 1
    payload = json.dumps({"title": "Bench", "body": f"{BODY} {state['n']}", "excerpt": "",
                          "tags": "", "audience": "executive", "base_version": state["version"]})
    status, data = client.request("POST", f"/drafts/{state['draft']}/autosave", payload.encode(), {
        "Content-Type": "application/json", "X-CSRFToken": client.csrf, "Accept": "application/json"})
    if status == 200:
        state["version"] = json.loads(data)["version"]
        return True
    state["version"] = None
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="byline-bench-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    print(f"database: {url.split('@')[-1]}; preparing {args.drafts:,} drafts...")
    email, ids = prepare_database(url, args.drafts, args.clients)

    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench-secret")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(args.workers), "--threads", str(args.threads),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "webapp:create_app()"],
        cwd=ROOT, env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        print(f"gunicorn: {args.workers} workers x {args.threads} threads; {args.clients} clients, "
              f"{args.seconds:g} s per endpoint\n")
        a = run_phase("(a) health", port, email, ids, args.clients, args.seconds, health)
        b = run_phase("(b) autosave", port, email, ids, args.clients, args.seconds, autosave)
        c = run_phase("(c) drafts list", port, email, ids, args.clients, args.seconds, drafts_list)
        print()

        def ratio(x: float) -> float:
            return x / a[0] if a[0] else float("nan")

        print(f"autosave / health throughput:    {ratio(b[0]):.2f}  (goal >= 0.50)")
        print(f"drafts list / health throughput: {ratio(c[0]):.2f}")
        print(f"drafts list p50: {c[1]:.2f} ms  (goal < 30 ms)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
