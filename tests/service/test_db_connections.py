"""Pooled PostgreSQL connections: a connection that rested is checked before use,
so a dropped one (a database restart, an idle timeout) is replaced, not failed."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from drafts import db
from tests.conftest import PG_URL, USING_PG

pytestmark = pytest.mark.skipif(not USING_PG, reason="PostgreSQL only (set DATABASE_URL)")


def test_a_dropped_idle_connection_is_replaced_before_use(monkeypatch):
    engine = db.make_engine(PG_URL, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as conn:
            first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with engine.connect() as other:  # the same pooled connection, straight back to work
            assert other.execute(text("SELECT pg_backend_pid()")).scalar_one() == first
        killer = db.make_engine(PG_URL)
        with killer.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        killer.dispose()
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # as if it had rested
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != first
    finally:
        engine.dispose()
