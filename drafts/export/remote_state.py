"""A remote post's life after its creation, per blog: read its current state, take it offline.

Each class is a mixin of its adapter (`WordPressAdapter(WordPressRemoteState)` ...), so it
uses the adapter's own client, error mapping and answer parsing; the adapters keep the
create/update path and stay small. The publishing service reads the current state before
every update (a post trashed on WordPress, or made live on the blog, must not be changed
blindly) and before an explicit Unpublish.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import quote, urlsplit

from drafts.export.base import BadResponse, RemoteGone, RemotePost

LIVE = frozenset({"publish", "published"})  # what the public can read at the post's address
TRASHED = "trash"


def is_live(status: str) -> bool:
    return (status or "").lower() in LIVE


class WordPressRemoteState:
    def fetch(self, remote_id: str) -> RemotePost | None:
        """The post now (status "trash" when it is in WordPress's trash), or None when deleted."""
        from drafts.export.wordpress import _remote

        route = f"/wp/v2/posts/{quote(str(remote_id), safe='')}"
        with self._client() as client:
            try:
                data = self._call(client, "GET", route, params={"context": "edit"}, gone=True)
            except RemoteGone:
                return None
        return _remote(data)

    def unpublish(self, current: RemotePost) -> RemotePost:
        """Back to a draft: its public address stops working; content and date stay."""
        from drafts.export.wordpress import _remote

        route = f"/wp/v2/posts/{quote(current.remote_id, safe='')}"
        with self._client() as client:
            return _remote(self._call(client, "POST", route, body={"status": "draft"}, gone=True))


class GhostRemoteState:
    def fetch(self, remote_id: str) -> RemotePost | None:
        """The post now, with its HTML (`extra["html"]`), or None when deleted."""
        from drafts.export.ghost import _remote

        path = f"/posts/{quote(str(remote_id), safe='')}/"
        with self._client() as client:
            data = self._call(client, "GET", path, params={"formats": "html"}, missing_ok=True)
        return None if data is None else _remote(data)

    def unpublish(self, current: RemotePost) -> RemotePost:
        """Back to a draft, sending only the status and the `updated_at` just read."""
        from drafts.export.ghost import _remote

        path = f"/posts/{quote(current.remote_id, safe='')}/"
        body = {"posts": [{"status": "draft", "updated_at": current.updated_at}]}
        with self._client() as client:
            return _remote(self._call(client, "PUT", path, body=body, gone=True))


class DevToRemoteState:
    def fetch(self, remote_id: str) -> RemotePost | None:
        """The article now (published or not), from the key owner's own list; None when gone.

        Forem's `GET /api/articles/{id}` shows published articles only, so the list of the
        key's articles (published and unpublished) is read instead, page by page."""
        from drafts.export.devto_lookup import MAX_PAGES, PER_PAGE

        wanted = str(remote_id).strip()
        with self._client() as client:
            for page in range(1, MAX_PAGES + 1):
                params = {"per_page": str(PER_PAGE), "page": str(page)}
                articles = self._call(client, "GET", "/api/articles/me/all", params=params)
                if not isinstance(articles, list):
                    raise BadResponse(self._not_api_message(200))
                for article in articles:
                    if isinstance(article, dict) and str(article.get("id")) == wanted:
                        return self._remote(article)
                if len(articles) < PER_PAGE:
                    break
        return None

    def unpublish(self, current: RemotePost) -> RemotePost:
        """Unpublish the article (`published: false`); its text stays as it is."""
        remote_id = str(current.remote_id).strip()
        body = {"article": {"published": False}}
        with self._client() as client:
            data = self._call(client, "PUT", f"/api/articles/{quote(remote_id, safe='')}",
                              json=body, gone=True)
        # The single-article answer has no "published" field (and keeps published_at): read
        # the state back from the article list, which says.
        return self.fetch(remote_id) or self._remote(data, published=False)


def record_status(remote_status: str) -> str:
    """Byline's word for a remote post, from the blog's own status word."""
    status = (remote_status or "").lower()
    if is_live(status):
        return "published"
    if status in ("future", "scheduled"):
        return "remote_scheduled"
    if status == TRASHED:
        return "gone"
    return "remote_draft"


def parse_date(value: str) -> datetime | None:
    """A date as a blog reports it ("2026-03-01T09:30:00" GMT, or with "Z" / an offset)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def safe_url(url: str) -> str:
    """A link a blog returned, kept only when it is an http(s) address (never `javascript:`)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url if not any(ord(c) < 32 for c in url) else ""
