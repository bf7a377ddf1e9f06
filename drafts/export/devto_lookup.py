"""Finding a dev.to (Forem) article Byline may have created, by the slug Byline gave it.

Forem builds the slug from the title and adds a random suffix (`my-title-4k2p`, or
`my-title-4k2p-temp-slug-1234567` for an unpublished article), so the lookup matches on
that title-derived start, reading the key owner's articles page by page. A mixin of
DevToAdapter (it uses the adapter's client and error mapping).
"""

from __future__ import annotations

import re
import unicodedata

from drafts.export.base import BadResponse, RemotePost

PER_PAGE = 1000  # Forem's API_PER_PAGE_MAX for /api/articles/me/*
MAX_PAGES = 20
SLUG_LIMIT = 80  # Byline's own slugs are cut at 80 characters
# What Forem appends to the title's slug: "-" + rand(100_000).to_s(26) (older versions used
# base 36), then "-temp-slug-<n>" while the article is unpublished.
FOREM_SUFFIX = re.compile(r"-[0-9a-z]{1,6}(?:-temp-slug-\d+)?$")


class DevToLookup:
    def find_by_slug(self, slug: str) -> RemotePost | None:
        slug = (slug or "").strip().lower()
        if not slug:
            return None
        matches: list[dict] = []
        with self._client() as client:
            for page in range(1, MAX_PAGES + 1):
                params = {"per_page": str(PER_PAGE), "page": str(page)}
                articles = self._call(client, "GET", "/api/articles/me/all", params=params)
                if not isinstance(articles, list):
                    raise BadResponse(self._not_api_message(200))
                matches += [a for a in articles if isinstance(a, dict) and _matches(a, slug)]
                if len(articles) < PER_PAGE:
                    break
        if not matches:
            return None
        # Several candidates (the same title published twice): the newest is the one a
        # failed create may have left behind.
        newest = max(matches, key=lambda a: _as_int(a.get("id")))
        return self._remote(newest)


def title_slug(title: str) -> str:
    """The slug Byline derives from a title (as the publishing service does)."""
    text = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:SLUG_LIMIT].strip("-")


def _matches(article: dict, slug: str) -> bool:
    remote = str(article.get("slug") or "").lower()
    base = FOREM_SUFFIX.sub("", remote) if remote else ""
    if remote == slug or (base and base == slug):
        return True
    if title_slug(str(article.get("title") or "")) == slug:
        return True
    # Byline cut a long title's slug at 80 characters; Forem did not.
    return len(slug) >= SLUG_LIMIT - 1 and bool(base) and base.startswith(slug)


def _as_int(value) -> int:
    if isinstance(value, bool):
        return -1
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return -1
