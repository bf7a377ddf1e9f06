"""The program's numbers: the dashboard, the posts behind each number, CSV downloads.

Admins and reviewers see the whole team; someone who is only an author sees the same
page about their own posts (docs/decisions.md).
"""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from webapp.dashboard import views  # noqa: E402,F401
