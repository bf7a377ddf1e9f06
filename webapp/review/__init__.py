from flask import Blueprint

bp = Blueprint("review", __name__)

from webapp.review import changes_views, views  # noqa: E402,F401
