"""Saves and history views under real concurrency: gunicorn with 2 workers x 4
threads, on the suite's database (SQLite by default, PostgreSQL when
DATABASE_URL says so; CI runs both).

Every answer is checked against the database: no 500s, every 409 has its
conflict copy holding exactly the refused text, every 200 is present, and no
version is claimed twice. Then the same burst with the whole server killed
(kill -9) part-way: after a restart the database is consistent and every
acknowledged save is there.
"""

from __future__ import annotations

import http.client
import threading
import time

import pytest
from sqlalchemy import func, select, text

from drafts.models import Draft, Revision, RevisionSource
from tests.factories import PASSWORD, make_draft, make_user
from tests.gunicorn_server import GunicornServer, SignedInClient

ROUNDS = 25


@pytest.fixture
def signed_in():
    """Signed-in clients, closed at the end of the test."""
    made: list[SignedInClient] = []

    def make(port: int, email: str, **kwargs) -> SignedInClient:
        client = SignedInClient(port, **kwargs)
        made.append(client)
        return client.login(email, PASSWORD)

    yield make
    for client in made:
        client.close()


@pytest.fixture
def server(database_url, dbs):
    instance = GunicornServer(database_url)
    instance.start()
    yield instance
    instance.stop()


def _save(client: SignedInClient, draft_id: int, body: str, base_version: int) -> tuple:
    status, data, raw = client.post_json(f"/drafts/{draft_id}/autosave", {
        "title": "Concurrency", "body": body, "base_version": base_version, "explicit": True,
    })
    return status, data, raw[:300]


def _check_answers(dbs, draft_id: int, answers: list[tuple[str, int, dict | None]]) -> None:
    dbs.expire_all()
    assert [a for a in answers if a[1] not in (200, 409)] == []
    revisions = {r.number: r for r in dbs.scalars(select(Revision).where(Revision.draft_id == draft_id))}
    claimed = []
    for body, status, data in answers:
        if status == 409:
            copy = revisions[data["conflict"]["conflict_revision"]]
            assert copy.source is RevisionSource.CONFLICT and copy.body == body
        else:
            saved = revisions[data["revision"]]
            assert saved.body == body and saved.draft_version == data["version"]
            claimed.append(data["version"])
    assert len(claimed) == len(set(claimed)), "a version was claimed twice"
    numbers = sorted(revisions)
    assert numbers == list(range(1, len(numbers) + 1))
    assert dbs.get(Draft, draft_id).revision_seq == numbers[-1]


def test_simultaneous_stale_and_current_saves_on_a_multi_worker_server(server, dbs, signed_in):
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="Concurrency", body="start")
    clients = [signed_in(server.port, author.email) for _ in range(4)]
    answers: list[tuple[str, int, dict | None]] = []
    for round_no in range(ROUNDS):
        dbs.expire_all()
        current = dbs.get(Draft, draft.id).version
        # Two tabs on the current version (one wins), two tabs on an old one.
        plan = [(f"r{round_no} tab {i}", current if i < 2 else current - 1) for i in range(4)]
        barrier = threading.Barrier(len(plan))
        results: list = [None] * len(plan)

        def fire(i: int) -> None:
            body, base = plan[i]
            barrier.wait()
            results[i] = _save(clients[i], draft.id, body, base)

        threads = [threading.Thread(target=fire, args=(i,)) for i in range(len(plan))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r for r in results if r[0] not in (200, 409)] == [], results
        assert sum(1 for r in results if r[0] == 200) == 1, results
        answers += [(body, status, data) for (body, _), (status, data, _) in zip(plan, results)]
    _check_answers(dbs, draft.id, answers)


def test_concurrent_first_views_of_the_history_page(server, dbs, signed_in):
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="History", body="The cloud bill fell. " * 200)
    writer = signed_in(server.port, author.email)
    readers = [signed_in(server.port, author.email) for _ in range(6)]
    failures = []
    for round_no in range(5):
        dbs.expire_all()
        version = dbs.get(Draft, draft.id).version
        status, _, raw = _save(writer, draft.id, f"Round {round_no}. " + "We moved fast. " * 300, version)
        assert status == 200, raw
        barrier = threading.Barrier(len(readers))

        def view(client: SignedInClient) -> None:
            barrier.wait()
            status, page = client.request("GET", f"/drafts/{draft.id}/history")
            if status != 200 or b"Readability score by revision" not in page:
                failures.append((status, page[:200]))

        threads = [threading.Thread(target=view, args=(c,)) for c in readers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []


def test_kill_9_mid_burst_keeps_every_acknowledged_save(database_url, dbs, signed_in):
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="Crash", body="start")
    server = GunicornServer(database_url).start()
    stop = threading.Event()
    answers: list[tuple[str, int, dict | None]] = []
    lock = threading.Lock()

    clients = [signed_in(server.port, author.email, timeout=10) for _ in range(3)]

    def tab(index: int) -> None:
        client = clients[index]
        version, n = 1, 0
        while not stop.is_set():
            n += 1
            body = f"tab {index} save {n}"
            try:
                status, data, _ = _save(client, draft.id, body, version)
            except (OSError, http.client.HTTPException):
                return  # the server is gone: this save was never acknowledged
            with lock:
                answers.append((body, status, data))
            if status == 200:
                version = data["version"]
            elif status == 409:
                version = data["conflict"]["server"]["version"]
            else:
                return

    try:
        threads = [threading.Thread(target=tab, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(answers) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill_9()  # mid-burst: the tabs are still saving
        stop.set()
        for t in threads:
            t.join(timeout=30)
        assert answers, "no save was answered before the crash"
        if database_url.startswith("sqlite"):
            with dbs.get_bind().connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        _check_answers(dbs, draft.id, answers)
        # After a restart the draft takes saves again, numbered after the crash's.
        server.start()
        client = signed_in(server.port, author.email)
        dbs.expire_all()
        version = dbs.get(Draft, draft.id).version
        status, data, raw = _save(client, draft.id, "after the crash", version)
        assert status == 200, raw
        dbs.expire_all()
        top = dbs.scalar(select(func.max(Revision.number)).where(Revision.draft_id == draft.id))
        assert data["revision"] == top == dbs.get(Draft, draft.id).revision_seq
    finally:
        stop.set()
        if server.process is not None:
            server.stop()
