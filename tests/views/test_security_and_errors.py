import os
import stat

from sqlalchemy import event

from drafts.models import Role
from tests.factories import login, make_draft, make_user


def test_security_headers_on_pages_errors_and_json(client, dbs):
    user = make_user(dbs)
    login(client, user)
    for response in (client.get("/drafts"), client.get("/nope"), client.get("/healthz"),
                     client.post("/drafts/preview", json={"body": "x"})):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client, dbs):
    user = make_user(dbs)
    login(client, user)
    draft = make_draft(dbs, user)
    for url in ("/drafts", f"/drafts/{draft.id}", "/drafts/new", f"/drafts/{draft.id}/history"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>" not in page and " on" + "click=" not in page
        for chunk in page.split("<script")[1:]:
            assert chunk.lstrip().startswith('src="/static/'), url


def test_error_pages_are_app_pages_not_tracebacks(app_config, make_app, dbs):
    app = make_app(app_config)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    client = app.test_client()
    make_user(dbs)
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "Byline" in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)
    assert client.delete("/drafts").status_code == 405

    response = client.get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body and "secret internals" not in body and "Traceback" not in body
    response = client.get("/boom", headers={"Accept": "application/json"})
    assert response.status_code == 500 and response.json["status"] == 500


def test_secret_key_generated_once_in_instance_folder(tmp_path, monkeypatch, database_url):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    from webapp import config

    first = config.load_secret_key(str(tmp_path))
    second = config.load_secret_key(str(tmp_path))
    assert first == second and len(first) >= 64
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert config.load_secret_key(str(tmp_path)) == "from-env"


def test_database_url_selects_backend(monkeypatch, make_app):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1/x")
    app = make_app({"TESTING": True, "SECRET_KEY": "k"})
    assert app.config["DATABASE_URL"] == "postgresql+psycopg://u@127.0.0.1/x"
    monkeypatch.delenv("DATABASE_URL")
    app = make_app({"TESTING": True, "SECRET_KEY": "k"})
    assert app.config["DATABASE_URL"].startswith("sqlite:///") and app.config["DATABASE_URL"].endswith("byline.sqlite3")


def test_sqlite_uses_wal_and_foreign_keys(app, database_url):
    if not database_url.startswith("sqlite"):
        return
    engine = app.extensions["byline.db"][0]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_drafts_list_runs_constant_queries(client, dbs, app):
    """Same number of SQL statements for 10 drafts as for 10,000."""
    user = make_user(dbs, Role.AUTHOR)
    login(client, user)
    engine = app.extensions["byline.db"][0]

    def count_queries() -> int:
        statements = []

        def before(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", before)
        try:
            assert client.get("/drafts").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", before)
        return len(statements)

    _bulk_drafts(dbs, user, 10)
    small = count_queries()
    _bulk_drafts(dbs, user, 9_990)
    large = count_queries()
    assert small == large
    assert small <= 8  # 6, plus the author's cadence: the cadences, and their posts this period


def _bulk_drafts(dbs, user, n: int) -> None:
    from datetime import timedelta

    from sqlalchemy import func, insert, select

    from drafts.models import Draft, DraftTag, utcnow

    before = dbs.scalar(select(func.coalesce(func.max(Draft.id), 0)))
    now = utcnow()
    rows = [dict(author_id=user.id, title=f"Draft {i}", body="text", excerpt="", audience="executive",
                 version=1, created_at=now, updated_at=now - timedelta(seconds=i)) for i in range(n)]
    dbs.execute(insert(Draft), rows)
    ids = dbs.scalars(select(Draft.id).where(Draft.id > before)).all()
    dbs.execute(insert(DraftTag), [dict(draft_id=i, name="tag", position=0) for i in ids])
    dbs.commit()


def test_error_page_renders_when_the_request_database_session_failed(app_config, make_app, dbs):
    """A failed flush leaves the request's session needing a rollback; the error
    page (with its nav and unread count) must still be Byline's page."""
    from drafts.models import User
    from webapp.extensions import db

    app = make_app(app_config)
    user = make_user(dbs, name="Dana Author")

    @app.get("/boom-db")
    def boom_db():
        db.session.add(User(email=user.email, name="Duplicate", password_hash="x"))
        db.session.flush()  # IntegrityError: the email is taken
        return "unreachable"

    client = app.test_client()
    login(client, user)
    response = client.get("/boom-db")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body and "Dana Author" in body
    assert "IntegrityError" not in body
    # The next request on the same worker works normally.
    assert client.get("/drafts").status_code == 200


def test_error_page_falls_back_to_plain_html_when_the_database_is_gone(app_config, make_app, dbs):
    app = make_app(app_config)
    user = make_user(dbs)
    engine = app.extensions["byline.db"][0]

    def database_gone(*_args, **_kwargs):
        raise RuntimeError("database unreachable")

    @app.get("/boom-down")
    def boom_down():
        event.listen(engine, "before_cursor_execute", database_gone)  # every query fails now
        raise RuntimeError("boom")

    client = app.test_client()
    login(client, user)
    try:
        response = client.get("/boom-down")
    finally:
        event.remove(engine, "before_cursor_execute", database_gone)
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body and "Traceback" not in body
    assert "<nav" not in body  # the plain page: the app's layout could not render
