"""The fake dev.to's vocabulary: the API key and media type, the recorded request, the
user, and Forem's helpers (slugs, base-26 suffixes, tag lists, error sentences and
bodies)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

API_KEY = "test-devto-key-0123456789"
ACCEPT_V1 = "application/vnd.forem.api-v1+json"
PER_PAGE_MAX = 1000
REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           409: "Conflict", 413: "Payload Too Large", 422: "Unprocessable Entity",
           429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable"}


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    raw: bytes = b""


@dataclass
class User:
    id: int
    username: str
    name: str


def _default_error(status: int) -> str:
    messages = {401: "unauthorized", 404: "not found", 422: "Validation failed",
                429: "Rate limit reached, try again in 30 seconds"}
    return messages.get(status, f"Scripted failure {status}")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def forem_slug(title: str) -> str:
    """Rails' `title.downcase.parameterize.tr("_", "")`: ASCII, hyphens, no underscores."""
    text = unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9\-_]+", "-", text).strip("-").replace("_", "")


def _to_sentence(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _base26(n: int) -> str:
    digits = "0123456789abcdefghijklmnop"
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = digits[r] + out
        if not n:
            return out


def _tag_list(tags) -> list[str]:
    if not isinstance(tags, list):
        tags = str(tags).split(",")
    out: list[str] = []
    for tag in tags:
        tag = str(tag).strip().lower()
        if tag and tag not in out:
            out.append(tag)
    return out


def _unauthorized() -> tuple[int, Any, dict]:
    return 401, {"error": "unauthorized", "status": 401}, {
        "Cache-Control": "no-store", "Surrogate-Control": "no-store"}
