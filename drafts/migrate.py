"""Apply Alembic migrations from code (used by the CLI and the tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, make_url, text

from drafts.db import make_engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(url: str) -> str | None:
    """The schema revision the database is at; None for an empty (or missing) database."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def describe(url: str) -> str:
    """Where the database is, for people: a file path, or the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(Path(parsed.database or "").resolve()) if parsed.database else "memory"
    return parsed.render_as_string(hide_password=True)


def upgrade(url: str, revision: str = "head") -> str:
    """Bring the schema to `revision`. Returns "created", "upgraded" or "current"."""
    cfg = alembic_config(url)
    before = current_revision(url)
    command.upgrade(cfg, revision)
    if before is None:
        return "created"
    return "current" if current_revision(url) == before else "upgraded"
