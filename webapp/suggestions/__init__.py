from flask import Blueprint

bp = Blueprint("suggestions", __name__)

from webapp.suggestions import settings_views, views, warm_up  # noqa: E402

bp.before_app_request(warm_up.start_once)

__all__ = ["bp", "settings_views", "views"]
