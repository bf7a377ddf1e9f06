from flask import Blueprint

bp = Blueprint("coach", __name__)

from webapp.coach import glossary_views, views  # noqa: E402,F401
