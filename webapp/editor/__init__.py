from flask import Blueprint

bp = Blueprint("editor", __name__)

from webapp.editor import api, history, pages  # noqa: E402,F401
