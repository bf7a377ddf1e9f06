"""Shared fixtures: an app on SQLite (default) or PostgreSQL (DATABASE_URL).

Every test gets an empty database: a fresh SQLite file, or the PostgreSQL
test database truncated. CSRF stays on; the test client signs a real token.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from drafts.db import make_engine, normalise_url
from drafts.models import Base
from webapp import create_app

PG_URL = os.environ.get("DATABASE_URL", "")
USING_PG = PG_URL.startswith("postgres")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class CSRFClient(FlaskClient):
    """A test client that sends a valid CSRF token on writes, like the browser does.

    Pass `csrf=False` to send none (to test that the app refuses it).
    """

    def open(self, *args, **kwargs):
        send_token = kwargs.pop("csrf", True)
        method = kwargs.get("method", "GET").upper()
        if send_token and method in WRITE_METHODS:
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = os.urandom(20).hex()
                session["csrf_token"] = raw
        app = self.application
        return URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(raw)


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine | None]:
    if not USING_PG:
        yield None
        return
    engine = make_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database_url(tmp_path, pg_engine) -> str:
    if pg_engine is not None:
        _truncate(pg_engine)
        return normalise_url(PG_URL)
    url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def app_config(database_url, tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        # Keep generated keys out of the real instance folder.
        "BYLINE_ENCRYPTION_KEY": Fernet.generate_key(),
        # Uploaded images go to the test's own folder, never the real instance folder.
        "BYLINE_IMAGE_DIR": str(tmp_path / "images"),
    }


@pytest.fixture
def make_app(monkeypatch):
    """Build extra apps in a test; their connection pools are closed afterwards."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    built = []

    def factory(config: dict):
        application = create_app(config)
        application.test_client_class = CSRFClient
        built.append(application)
        return application

    yield factory
    for application in built:
        application.extensions["byline.db"][0].dispose()


@pytest.fixture
def app(app_config, make_app):
    return make_app(app_config)


@pytest.fixture
def client(app) -> CSRFClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def dbs(app) -> Iterator[Session]:
    """A session of the test's own, separate from the app's request sessions."""
    engine = app.extensions["byline.db"][0]
    with Session(engine, expire_on_commit=False) as session:
        yield session


# The fake OpenAI-compatible server, for any test that asks for `llm_server`.
# Fake blog servers on 127.0.0.1 that follow the WordPress REST API and the Forem API.
from tests.fake_devto import devto_server  # noqa: E402,F401
from tests.fake_ghost import ghost_server  # noqa: E402,F401
from tests.fake_ghost_stats import ghost_stats_server  # noqa: E402,F401
from tests.fake_wordpress import wordpress_server  # noqa: E402,F401
from tests.llm_server import llm_server  # noqa: E402,F401

# A real SMTP server (aiosmtpd) on 127.0.0.1, for the email tests.
from tests.smtp_server import closed_port, smtp_server, smtp_server_with_login  # noqa: E402,F401
