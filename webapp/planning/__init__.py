from flask import Blueprint

bp = Blueprint("planning", __name__, url_prefix="/plan")

from webapp.planning import brief_views, calendar_views, idea_views, settings_views  # noqa: E402,F401
