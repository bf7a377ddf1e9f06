from flask import Blueprint

bp = Blueprint("export", __name__)

from webapp.export import author_views, lifecycle_views, views  # noqa: E402,F401
