from flask import Blueprint

bp = Blueprint("editor", __name__)

from webapp.editor import api, history, images, pages  # noqa: E402,F401
