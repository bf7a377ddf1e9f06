"""One writer at a time on a SQLite file, handed over without sleeping.

SQLite lets one connection write at a time. A second writer that finds the
lock taken does not wait for it to be released: its busy handler sleeps 1,
2, 5, 10, 15, 20... ms and tries again. Under gunicorn (several processes,
each with threads) autosaves collide constantly, so most of a save's time was
spent asleep with the lock already free and the CPU idle.

The gate puts a queue in front of SQLite's write lock: the first write
statement of a transaction (INSERT, UPDATE, DELETE, ...) waits on a thread
lock and then an exclusive `flock` on `<database>-gate`, which the kernel
hands to the next waiter the moment it is released; commit or rollback
releases it. Readers never touch the gate (WAL lets them read while someone
writes). Programs that do not use the gate (the sqlite3 shell, another
version of Byline) still work: SQLite's own busy timeout covers them.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from typing import Any

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteGate:
    """A per-file lock shared by every thread and process that opens the database."""

    def __init__(self, database: str, timeout: float) -> None:
        self.path = f"{database}-gate"
        self.timeout = timeout
        self._lock = threading.Lock()
        self._owner: int | None = None
        self._fd: int | None = None
        self._pid = 0

    def _file(self) -> int:
        # flock belongs to an open file: a forked worker needs its own, or two
        # processes would share one lock and both pass.
        if self._fd is None or self._pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def enter(self) -> bool:
        """Wait for the gate. False when this thread already holds it (through
        another connection) or when waiting took too long: SQLite's busy timeout
        then decides, exactly as without the gate."""
        me = threading.get_ident()
        if self._owner == me or not self._lock.acquire(timeout=self.timeout):
            return False
        try:
            fcntl.flock(self._file(), fcntl.LOCK_EX)
        except BaseException:
            self._lock.release()
            raise
        self._owner = me
        return True

    def leave(self) -> None:
        self._owner = None
        try:
            fcntl.flock(self._file(), fcntl.LOCK_UN)
        finally:
            self._lock.release()


def _is_write(sql: str) -> bool:
    return sql.lstrip()[:7].upper().startswith(_WRITES)


class GatedCursor(sqlite3.Cursor):
    def execute(self, sql: str, parameters: Any = (), /):  # type: ignore[override]
        self.connection.before_statement(sql)  # type: ignore[attr-defined]
        return super().execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Any, /):  # type: ignore[override]
        self.connection.before_statement(sql)  # type: ignore[attr-defined]
        return super().executemany(sql, seq_of_parameters)


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that passes the gate before its transaction's first write."""

    gate: WriteGate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._holding = False

    def cursor(self, factory: Any = GatedCursor):  # type: ignore[override]
        return super().cursor(factory)

    def before_statement(self, sql: str) -> None:
        if not self._holding and _is_write(sql):
            self._holding = self.gate.enter()

    def _leave(self) -> None:
        if self._holding:
            self._holding = False
            self.gate.leave()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._leave()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._leave()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._leave()

    def __del__(self) -> None:
        # A connection dropped without close() must not keep the gate shut.
        self._leave()


_gates: dict[str, WriteGate] = {}
_gates_lock = threading.Lock()


def connection_factory(database: str, timeout: float) -> type[GatedConnection]:
    """A GatedConnection class bound to the gate of this database file. Every
    engine on one file shares one gate, so a thread that already holds it
    through one engine is never stopped by it on another."""
    path = os.path.realpath(database)
    with _gates_lock:
        gate = _gates.setdefault(path, WriteGate(path, timeout))
    return type("GatedConnection", (GatedConnection,), {"gate": gate})
