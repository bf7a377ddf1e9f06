"""Engines and sessions. SQLite by default, PostgreSQL through a URL."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from drafts.sqlite_gate import connection_factory

SQLITE_TIMEOUT = 10  # seconds a writer waits for another one before giving up


def default_sqlite_url(instance_path: str | Path) -> str:
    return f"sqlite:///{Path(instance_path) / 'byline.sqlite3'}"


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://) and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_TIMEOUT * 1000}")
    cursor.close()


def make_engine(url: str, **kwargs) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": SQLITE_TIMEOUT}
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            connect_args["factory"] = connection_factory(database, SQLITE_TIMEOUT)
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, **kwargs)
    _ping_when_idle(engine)
    return engine


PING_AFTER_IDLE = 5.0  # seconds a pooled connection rests before it is checked again


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use, as pool_pre_ping does, but only
    when it has rested a while: that is when a database restart or a dropped
    idle connection goes unnoticed. Under load a connection goes straight
    back to work, and each request saves the SELECT 1 round trip."""

    def rested(_dbapi_connection, record) -> None:
        record.info["byline_rested_since"] = time.monotonic()

    def checkout(dbapi_connection, record, _proxy) -> None:
        since = record.info.get("byline_rested_since")
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError() from error
        if not alive:
            raise DisconnectionError()

    event.listen(engine, "connect", rested)
    event.listen(engine, "checkin", rested)
    event.listen(engine, "checkout", checkout)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def upsert(
    session: Session, model: type, rows: Sequence[dict[str, Any]], *, key: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT rows, or UPDATE the `update` columns where `key` already exists: one
    atomic statement on SQLite and PostgreSQL, so concurrent writers of the same
    row never fail on the unique key. Give rows in a stable order (by key) so two
    transactions lock them in the same order."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).values(list(rows))
    statement = statement.on_conflict_do_update(
        index_elements=list(key), set_={name: statement.excluded[name] for name in update}
    )
    session.execute(statement)


def relaxed_commit(session: Session) -> None:
    """Let this transaction's COMMIT return before PostgreSQL has flushed it to disk.

    For autosaves only (docs/decisions.md): the commit is still atomic and
    isolated, and survives a crash of Byline; only a crash of the database
    server itself in the next fraction of a second could lose it, while the
    writer's browser still holds the text and sends it again. This is what
    SQLite in WAL mode with synchronous=NORMAL does for every transaction.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
