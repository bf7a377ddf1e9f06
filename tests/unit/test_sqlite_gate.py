"""The SQLite write gate: writers queue for it, readers never wait on it, and it
always opens again (commit, rollback, close, a second engine in the same thread)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import text

from drafts.db import make_engine
from drafts.sqlite_gate import WriteGate


def _engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'gate.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
    return engine


def test_writers_from_many_threads_all_land(tmp_path):
    engine = _engine(tmp_path)
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            for _ in range(50):
                with engine.begin() as conn:
                    conn.execute(text("UPDATE counter SET n = n + 1 WHERE id = 1"))
                    conn.execute(text("SELECT n FROM counter")).scalar_one()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counter")).scalar_one() == 200
    engine.dispose()


def test_gate_opens_on_rollback_and_for_readers_meanwhile(tmp_path):
    engine = _engine(tmp_path)
    holder = engine.connect()
    holder.execute(text("UPDATE counter SET n = 5"))  # holds the gate until it ends
    with engine.connect() as reader:
        assert reader.execute(text("SELECT n FROM counter")).scalar_one() == 0
    done = threading.Event()

    def write() -> None:
        with engine.begin() as conn:
            conn.execute(text("UPDATE counter SET n = 7"))
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)
    assert not done.is_set()  # queued behind the open write
    holder.rollback()
    writer.join(timeout=5)
    assert done.is_set()
    holder.close()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counter")).scalar_one() == 7
    engine.dispose()


def test_a_thread_holding_the_gate_is_never_stopped_by_it_again(tmp_path):
    """Through a second connection the same thread gets SQLite's own answer
    (busy, after its timeout), never a wait on itself."""
    gate = WriteGate(str(tmp_path / "x.sqlite3"), timeout=5)
    assert gate.enter() is True
    assert gate.enter() is False  # at once: this thread already holds it
    gate.leave()
    assert gate.enter() is True  # and it opened again
    gate.leave()
