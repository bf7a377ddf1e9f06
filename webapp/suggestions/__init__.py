from flask import Blueprint

bp = Blueprint("suggestions", __name__)

from webapp.suggestions import settings_views, views  # noqa: E402,F401
