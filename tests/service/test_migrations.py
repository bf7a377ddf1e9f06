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
