"""Load benchmark: gunicorn (2 workers, threads) on loopback, 10,000 drafts.

Drives a bounded number of concurrent clients for a bounded time at
(a) the health endpoint, (b) autosave, (c) the drafts list and (d) the
preview of an empty text: a signed-in JSON POST (session user, roles, CSRF,
JSON in and out) that reads and writes no draft, the ceiling any autosave
could reach in this stack. Prints requests per second, p50 and p99 for each,
and the ratios to (a).
Clients sign in before the clock starts; the endpoints take turns in short
rounds; a failed request is counted and described, never timed.

    .venv/bin/python bench/load.py [--clients 8] [--seconds 10] [--drafts 10000]

Uses a throw-away SQLite database unless DATABASE_URL is set (its tables are
dropped and rebuilt, so point it at a scratch database). Traffic goes only to
127.0.0.1. Goals: autosave at least half the health endpoint's throughput;
drafts list p50 under 30 ms.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import re
import statistics
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
from tests.gunicorn_server import GunicornServer, SignedInClient  # noqa: E402

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
    # Planner statistics (and PostgreSQL's visibility map), as a database that
    # grew to 10,000 drafts has them; a bulk load has not had them made yet.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if url.startswith("sqlite") else "VACUUM ANALYZE"))
    engine.dispose()
    return user.email, ids


class Phase:
    """Requests, latencies and failures of one endpoint, summed over the rounds."""

    def __init__(self, name: str, make_request) -> None:
        self.name = name
        self.make_request = make_request
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.elapsed = 0.0
        self.server_cpu = 0.0  # CPU seconds of gunicorn's workers (and PostgreSQL's backends)
        self.client_cpu = 0.0  # CPU seconds of this process: the clients

    def report(self) -> tuple[float, float, float]:
        if not self.latencies:
            print(f"{self.name:<19} no request completed; errors: {self.failures[:3]}")
            return 0.0, float("nan"), float("nan")
        latencies = sorted(self.latencies)
        rps = len(latencies) / self.elapsed
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        print(f"{self.name:<19} {len(latencies):>7} req  {rps:>8.1f} req/s  p50 {p50:>7.2f} ms  "
              f"p99 {p99:>7.2f} ms  errors {len(self.failures)}  CPU per request: server "
              f"{1000 * self.server_cpu / len(latencies):.2f} ms, client {1000 * self.client_cpu / len(latencies):.2f} ms")
        for failure, count in collections.Counter(self.failures).most_common(3):
            print(f"{'':<19} {count} x {failure}")
        return rps, p50, p99


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds used so far by these processes (Linux /proc; 0 elsewhere)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def server_pids(master: int, database_url: str) -> list[int]:
    """gunicorn's workers and, on PostgreSQL, the database's backend processes."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        ppid = int(fields[1].split()[1])
        name = fields[0].split("(", 1)[1]
        if ppid == master or (not database_url.startswith("sqlite") and name.startswith("postgres")):
            found.append(int(stat.parent.name))
    return found


def run_round(phase: Phase, clients: list[SignedInClient], states: list[dict], seconds: float,
              servers: list[int]) -> None:
    """Every (already signed-in) client sends requests for `seconds`."""
    lock = threading.Lock()
    start = threading.Barrier(len(clients) + 1)
    deadline = 0.0

    def worker(index: int) -> None:
        mine: list[float] = []
        bad: list[str] = []
        start.wait()
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                problem = phase.make_request(clients[index], states[index])
            except (OSError, http.client.HTTPException) as error:
                problem = repr(error)
            if problem:
                bad.append(problem)
            else:
                mine.append(time.perf_counter() - started)
        with lock:
            phase.latencies.extend(mine)
            phase.failures.extend(bad)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    server_before, client_before = cpu_seconds(servers), time.process_time()
    deadline = time.perf_counter() + seconds
    began = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    phase.elapsed += time.perf_counter() - began
    phase.server_cpu += cpu_seconds(servers) - server_before
    phase.client_cpu += time.process_time() - client_before


def _problem(status: int, data: bytes) -> str | None:
    """None for a good answer, else a short description of what came back."""
    if status == 200:
        return None
    return f"HTTP {status}: {data[:80].decode('utf-8', 'replace')!r}"


def health(client: SignedInClient, state) -> str | None:
    return _problem(*client.request("GET", "/healthz"))


def drafts_list(client: SignedInClient, state) -> str | None:
    return _problem(*client.request("GET", "/drafts"))


def signed_in_post(client: SignedInClient, state) -> str | None:
    """The preview of an empty text: every cost of a signed-in JSON write but the database work."""
    return _problem(*client.request("POST", "/drafts/preview", b'{"body": ""}', {
        "Content-Type": "application/json", "X-CSRFToken": client.csrf, "Accept": "application/json"}))


def current_version(client: SignedInClient, draft_id: int) -> int:
    _, page = client.request("GET", f"/drafts/{draft_id}")
    return int(re.search(rb'data-version="(\d+)"', page).group(1))


def autosave(client: SignedInClient, state) -> str | None:
    if state["version"] is None:  # after a refused save: reload, as the editor would
        state["version"] = current_version(client, state["draft"])
    state["n"] += 1
    payload = json.dumps({"title": "Bench", "body": f"{BODY} {state['n']}", "excerpt": "",
                          "tags": "", "audience": "executive", "base_version": state["version"]})
    status, data = client.request("POST", f"/drafts/{state['draft']}/autosave", payload.encode(), {
        "Content-Type": "application/json", "X-CSRFToken": client.csrf, "Accept": "application/json"})
    if status == 200:
        state["version"] = json.loads(data)["version"]
        return None
    state["version"] = None
    return _problem(status, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="byline-bench-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    print(f"database: {url.split('@')[-1]}; preparing {args.drafts:,} drafts...")
    email, ids = prepare_database(url, args.drafts, args.clients)

    # Keep-alive connections, as browsers hold them (tests/gunicorn_server.py).
    server = GunicornServer(url, workers=args.workers, threads=args.threads).start()
    port = server.port
    try:
        print(f"gunicorn: {args.workers} workers x {args.threads} threads; {args.clients} clients, "
              f"{args.seconds:g} s per endpoint in {args.rounds} interleaved rounds\n")
        # Sign in and open each client's draft before any clock starts.
        clients = [SignedInClient(port, timeout=30).login(email, PASSWORD) for _ in range(args.clients)]
        states = [{"draft": ids[i % len(ids)], "n": 0} for i in range(args.clients)]
        for client, state in zip(clients, states):
            state["version"] = current_version(client, state["draft"])
        phases = [Phase("(a) health", health), Phase("(b) autosave", autosave),
                  Phase("(c) drafts list", drafts_list), Phase("(d) signed-in POST", signed_in_post)]
        # Rounds alternate the endpoints, so a change in the machine's load
        # (it may be shared) weighs on all three alike and the ratios hold.
        servers = server_pids(server.process.pid, url)
        for _ in range(args.rounds):
            for phase in phases:
                run_round(phase, clients, states, args.seconds / args.rounds, servers)
        for client in clients:
            client.close()
        a, b, c, d = (phase.report() for phase in phases)
        print()

        def ratio(x: float) -> float:
            return x / a[0] if a[0] else float("nan")

        print(f"autosave / health throughput:    {ratio(b[0]):.2f}  (goal >= 0.50)")
        print(f"drafts list / health throughput: {ratio(c[0]):.2f}")
        print(f"signed-in POST / health:         {ratio(d[0]):.2f}  (the ceiling for autosave: "
              f"the same request without its database work)")
        print(f"drafts list p50: {c[1]:.2f} ms  (goal < 30 ms)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
