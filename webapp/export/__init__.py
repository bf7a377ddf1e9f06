from flask import Blueprint

bp = Blueprint("export", __name__)

from webapp.export import views  # noqa: E402,F401
