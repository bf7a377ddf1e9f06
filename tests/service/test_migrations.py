"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from drafts.db import make_engine
from drafts.migrate import upgrade
from drafts.models import Base
from tests.conftest import PG_URL, USING_PG


def _fresh_url(tmp_path) -> str:
    if USING_PG:
        engine = make_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS migration_check CASCADE"))
            conn.execute(text("CREATE SCHEMA migration_check"))
        engine.dispose()
        sep = "&" if "?" in PG_URL else "?"
        return f"{PG_URL}{sep}options=-csearch_path%3Dmigration_check"
    return f"sqlite:///{tmp_path / 'migrated.sqlite3'}"


def test_migrations_match_models(tmp_path):
    url = _fresh_url(tmp_path)
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert diff == []
    assert {t.name for t in Base.metadata.sorted_tables} <= tables


def test_upgrade_is_idempotent(tmp_path):
    url = _fresh_url(tmp_path)
    upgrade(url)
    upgrade(url)  # running it at every start is safe


def test_0009_folds_the_transitions_already_stored_into_draft_cycles(tmp_path):
    """A database with history gets each draft's cycle from its transitions (issue 14)."""
    url = _fresh_url(tmp_path)
    upgrade(url, "0008_plan")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, email, name, password_hash, active, created_at) "
                          "VALUES (1, 'a@x.test', 'A', 'x', true, '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO drafts (id, author_id, title, body, excerpt, audience, version, "
                          "revision_seq, created_at, updated_at, status) VALUES (1, 1, 't', 'b', '', "
                          "'executive', 1, 0, '2026-03-01 00:00:00', '2026-03-01 00:00:00', 'published')"))
        steps = [("draft", "in_review", "submit", "2026-03-02 00:00:00"),
                 ("in_review", "in_review", "claim", "2026-03-02 12:00:00"),
                 ("in_review", "changes_requested", "request_changes", "2026-03-03 00:00:00"),
                 ("changes_requested", "in_review", "submit", "2026-03-04 00:00:00"),
                 ("in_review", "approved", "approve", "2026-03-05 00:00:00"),
                 ("approved", "published", "publish", "2026-03-06 00:00:00"),
                 ("published", "in_review", "edit", "2026-03-07 00:00:00")]
        for n, (before, after, action, at) in enumerate(steps, start=1):
            conn.execute(text("INSERT INTO transitions (id, draft_id, actor_id, from_status, to_status, "
                              "action, note, override, created_at) VALUES (:id, 1, 1, :b, :a, :act, '', "
                              "false, :at)"), {"id": n, "b": before, "a": after, "act": action, "at": at})
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT review_seconds, rounds, first_published_at IS NOT NULL "
                                "FROM draft_cycles WHERE draft_id = 1")).one()
    engine.dispose()
    assert (row[0], row[1], bool(row[2])) == (2 * 86400, 2, True)
