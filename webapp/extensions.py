"""Shared extension objects: the database session, login manager and CSRF."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Flask, abort, current_app
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session, scoped_session

from drafts.db import make_engine, make_session_factory

T = TypeVar("T")


class Database:
    """One engine per app and one session per request (removed at teardown)."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        sessions = scoped_session(make_session_factory(engine))
        app.extensions["byline.db"] = (engine, sessions)

        @app.teardown_appcontext
        def _remove_session(_exc: BaseException | None) -> None:
            sessions.remove()

    @property
    def engine(self):
        return current_app.extensions["byline.db"][0]

    @property
    def session(self) -> Session:
        return current_app.extensions["byline.db"][1]()

    def get_or_404(self, model: type[T], ident: Any) -> T:
        obj = self.session.get(model, ident)
        if obj is None:
            abort(404)
        return obj


db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()


def secret_box():
    """The app's SecretBox, its key loaded (or generated once) on first use."""
    from drafts.secrets import SecretBox, load_key

    box = current_app.extensions.get("byline.secrets")
    if box is None:
        box = SecretBox(current_app.config.get("BYLINE_ENCRYPTION_KEY") or load_key(current_app.instance_path))
        current_app.extensions["byline.secrets"] = box
    return box


def image_store():
    """The folder of images dropped into drafts (BYLINE_IMAGE_DIR)."""
    from drafts.media import ImageStore

    return ImageStore(current_app.config["BYLINE_IMAGE_DIR"])


def image_limits():
    from drafts.media import Limits

    return Limits(max_bytes=current_app.config["BYLINE_IMAGE_MAX_BYTES"],
                  max_pixels=current_app.config["BYLINE_IMAGE_MAX_PIXELS"])
