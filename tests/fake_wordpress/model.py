"""The fake WordPress's vocabulary: its users' passwords and roles' capabilities, post
statuses, default error bodies, the HTML pages it answers with, the recorded request,
the REST error (`WPError`) and the small helpers (slugs, dates) WordPress applies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

EDITOR_PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"
AUTHOR_PASSWORD = "qrst UVWX 9012 yzab CDEF 3456"
CONTRIBUTOR_PASSWORD = "ghij KLMN 7890 opqr STUV 1234"
ADMIN_PASSWORD = "wxyz ABCD 3456 efgh IJKL 9012"
DEFAULT_USERS = {
    "editor": (EDITOR_PASSWORD, "editor"),
    "author": (AUTHOR_PASSWORD, "author"),
    "contributor": (CONTRIBUTOR_PASSWORD, "contributor"),
    "admin": (ADMIN_PASSWORD, "administrator"),
}
# What `capabilities` lists in users/me?context=edit: the user's allcaps, which holds only
# the capabilities the role grants (true) and the role's name. A capability the role lacks
# is left out, never sent as false (WordPress's populate_roles(), abridged).
_CONTRIBUTOR_CAPS = ("edit_posts", "read", "level_1", "level_0", "delete_posts")
_AUTHOR_CAPS = _CONTRIBUTOR_CAPS + ("upload_files", "edit_published_posts", "publish_posts",
                                    "level_2", "delete_published_posts")
_EDITOR_CAPS = _AUTHOR_CAPS + ("moderate_comments", "manage_categories", "unfiltered_html",
                               "edit_others_posts", "edit_pages", "delete_others_posts",
                               "edit_private_posts", "read_private_posts", "level_7")
ROLE_CAPABILITIES = {
    "contributor": _CONTRIBUTOR_CAPS,
    "author": _AUTHOR_CAPS,
    "editor": _EDITOR_CAPS,
    "administrator": _EDITOR_CAPS + ("list_users", "edit_users", "manage_options", "level_10"),
}
STATUSES = ("publish", "future", "draft", "pending", "private")
TRASH = "trash"
PUBLISHING = {"publish", "future", "private"}
UNIQUE_SLUG_EXEMPT = {"draft", "pending"}
NO_ROUTE = ("rest_no_route", "No route was found matching the URL and request method.")
DEFAULT_ERRORS = {
    400: ("rest_invalid_param", "Invalid parameter(s): status"),
    401: ("rest_not_logged_in", "You are not currently logged in."),
    403: ("rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type."),
    404: ("rest_post_invalid_id", "Invalid post ID."),
    409: ("rest_conflict", "Conflict."),
    413: ("rest_too_large", "Request entity too large."),
    422: ("rest_invalid_param", "Invalid parameter(s): content"),
    500: ("internal_server_error", "There has been a critical error on this website."),
}
HTML_PAGE = ("<!DOCTYPE html><html><head><title>Log In &lsaquo; Fake Blog</title></head>"
             "<body><form id=\"loginform\">Username or Email Address</form></body></html>")
NOT_FOUND_PAGE = ("<!DOCTYPE html><html><head><title>Page not found &ndash; Fake Blog</title>"
                  "</head><body><h1>Oops! That page can&rsquo;t be found.</h1></body></html>")


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # as sent, with the query string
    route: str  # the REST route ("/wp/v2/posts"), or "" when none
    query: dict[str, str]  # the query string, without rest_route
    headers: dict[str, str]  # lower-case names
    json: Any  # the parsed JSON body, or None


class WPError(Exception):
    def __init__(self, status: int, code: str, message: str, **data: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.data = status, code, message, data

    def body(self) -> dict:
        return {"code": self.code, "message": self.message,
                "data": {"status": self.status, **self.data}}


MEDIA_TYPES = {"image/png": (".png",), "image/jpeg": (".jpg", ".jpeg"), "image/gif": (".gif",),
               "image/webp": (".webp",)}


def _invalid(param: str, detail: str) -> WPError:
    return WPError(400, "rest_invalid_param", f"Invalid parameter(s): {param}",
                   params={param: detail})


def _strip(password: str) -> str:
    return re.sub(r"[^a-z\d]", "", password, flags=re.I)


def _sanitize(text: str) -> str:
    """Roughly sanitize_title(): lower case, letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _parse_date(value: Any) -> str:
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
