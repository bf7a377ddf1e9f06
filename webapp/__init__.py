"""Byline's Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask, redirect, request, session, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from drafts.accounts import has_users, signed_in_user
from drafts.models import User
from webapp import config as config_module
from webapp import errors, numbers, security, sessions
from webapp.extensions import csrf, db, login_manager

# Endpoints reachable before the first admin exists.
_SETUP_OPEN = {"auth.setup", "static", "health"}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. Reads configuration only: no network, no migrations."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    # Ids and numbers are checked at the edge (webapp/numbers.py) before any rule is added.
    app.url_map.converters["int"] = numbers.BoundedIntConverter
    app.json = numbers.BoundedJSONProvider(app)
    app.config.update(config_module.DEFAULTS)
    app.config.update(config_module.from_environment(app.instance_path))
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_module.load_secret_key(app.instance_path)
    if app.config["BYLINE_TRUSTED_PROXIES"]:
        n = app.config["BYLINE_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to continue."
    login_manager.login_message_category = "info"
    security.init_app(app)
    errors.init_app(app)
    sessions.init_app(app)

    @login_manager.user_loader
    def _load_user(user_id: str) -> User | None:
        try:
            user = signed_in_user(db.session, int(user_id))
        except ValueError:
            return None
        # A deactivated account, an ended session or an idle one is signed out now.
        if not sessions.still_valid(user):
            session.clear()
            return None
        return user

    @app.before_request
    def _require_setup():
        if app.extensions.get("byline.ready"):
            return None
        if has_users(db.session):
            app.extensions["byline.ready"] = True
            return None
        if request.endpoint not in _SETUP_OPEN:
            return redirect(url_for("auth.setup"))
        return None

    @app.get("/healthz")
    def health():
        return {"status": "ok"}

    from webapp.admin import bp as admin_bp
    from webapp.auth import bp as auth_bp
    from webapp.coach import bp as coach_bp
    from webapp.comments import bp as comments_bp
    from webapp.dashboard import bp as dashboard_bp
    from webapp.editor import bp as editor_bp
    from webapp.export import bp as export_bp
    from webapp.notifications import bp as notifications_bp
    from webapp.planning import bp as planning_bp
    from webapp.review import bp as review_bp
    from webapp.suggestions import bp as suggestions_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(editor_bp)
    app.register_blueprint(coach_bp)
    app.register_blueprint(suggestions_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(export_bp)
    app.register_blueprint(comments_bp)
    app.register_blueprint(planning_bp)
    app.register_blueprint(dashboard_bp)

    # Load the analyzer's dictionaries and word lists now, not on the first keystroke.
    from drafts.readability import warm_up

    warm_up()

    from webapp import cli, timefmt

    cli.init_app(app)
    timefmt.init_app(app)

    @app.context_processor
    def _globals():
        from flask_login import current_user

        from drafts.models import Role

        return {"Role": Role, "current_user": current_user}

    return app
