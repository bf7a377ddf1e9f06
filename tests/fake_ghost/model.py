"""The fake Ghost's vocabulary: the Admin API's path, limits and allowed post fields,
the error answer (`GhostFault`, with the 422 and 401 shapes), the recorded request, and
Ghost's date format and slugs."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

API = "/ghost/api/admin"
MAX_TOKEN_AGE = 300
COLLISION = "Saving failed! Someone else is editing this post."
STATUSES = ("draft", "published", "scheduled")
POST_KEYS = {"id", "uuid", "title", "html", "lexical", "mobiledoc", "status", "slug",
             "published_at", "updated_at", "created_at", "custom_excerpt", "canonical_url",
             "tags", "authors", "feature_image", "featured", "visibility", "meta_title",
             "meta_description"}
IMAGE_TYPES = {"image/png": ("png",), "image/jpeg": ("jpg", "jpeg"), "image/gif": ("gif",),
               "image/webp": ("webp",), "image/svg+xml": ("svg",)}
NOT_FOUND_PAGE = (b"<!DOCTYPE html><html><head><title>404 - Page not found</title></head>"
                  b"<body><h1>404</h1><p>Page not found</p></body></html>")


class GhostFault(Exception):
    """An error answer, raised inside a handler: `{"errors": [{...}]}` with a status."""

    def __init__(self, status: int, type_: str, message: str, *, code: str | None = None,
                 context: str | None = None) -> None:
        super().__init__(message)
        self.status, self.type, self.message = status, type_, message
        self.code, self.context = code, context

    def body(self) -> dict:
        return {"errors": [{
            "message": self.message, "context": self.context, "type": self.type,
            "details": None, "property": None, "help": None, "code": self.code,
            "id": str(uuid.uuid4()), "ghostErrorCode": None,
        }]}


def _validation(message: str, context: str | None = None) -> GhostFault:
    return GhostFault(422, "ValidationError", message, context=context)


def _unauthorized(message: str, code: str = "INVALID_JWT") -> GhostFault:
    return GhostFault(401, "UnauthorizedError", message, code=code)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    jwt_header: dict | None  # the token's parts, decoded without checking
    jwt_payload: dict | None


def ghost_date(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_date(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or timezone.utc).timestamp()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:185].strip("-")
