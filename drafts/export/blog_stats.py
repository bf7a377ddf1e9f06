"""What the blogs count about our posts, read by `flask sync-stats` (drafts/metrics/stats_sync.py).

Ghost 5 (checked against 5.130): `GET /ghost/api/admin/posts/{id}/?include=count.signups,...`
answers the post with a `count` object: members who signed up from it, paid conversions it
led to, newsletter link clicks, and readers' positive and negative feedback. dev.to: the key
owner's article list (`GET /api/articles/me/all`) carries `page_views_count` and
`public_reactions_count` for every article, so one paged read covers all posts. WordPress
core counts nothing (views need a plugin), so it has no reader here.
"""

from __future__ import annotations

from urllib.parse import quote

from drafts.export.base import BadResponse

GHOST_COUNTS = ("signups", "paid_conversions", "clicks", "positive_feedback", "negative_feedback")
GHOST_INCLUDE = ",".join(f"count.{name}" for name in GHOST_COUNTS)


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


class GhostStats:
    def post_counts(self, remote_id: str) -> dict[str, int | None] | None:
        """The post's counts (None for one Ghost did not send); None when the post is gone."""
        path = f"/posts/{quote(str(remote_id), safe='')}/"
        with self._client() as client:  # type: ignore[attr-defined]
            data = self._call(client, "GET", path, missing_ok=True,  # type: ignore[attr-defined]
                              params={"include": GHOST_INCLUDE})
        if data is None:
            return None
        posts = data.get("posts") if isinstance(data, dict) else None
        post = posts[0] if isinstance(posts, list) and posts else None
        if not isinstance(post, dict):
            raise BadResponse("Ghost answered without the post. Check the site address.")
        counts = post.get("count") if isinstance(post.get("count"), dict) else {}
        return {name: _count(counts.get(name)) for name in GHOST_COUNTS}


class DevToStats:
    def article_counts(self) -> dict[str, dict[str, int | None]]:
        """Views and reactions of every article of the key's owner, by article id."""
        from drafts.export.devto_lookup import MAX_PAGES, PER_PAGE

        out: dict[str, dict[str, int | None]] = {}
        with self._client() as client:  # type: ignore[attr-defined]
            for page in range(1, MAX_PAGES + 1):
                params = {"per_page": str(PER_PAGE), "page": str(page)}
                articles = self._call(client, "GET", "/api/articles/me/all",  # type: ignore[attr-defined]
                                      params=params)
                if not isinstance(articles, list):
                    raise BadResponse(self._not_api_message(200))  # type: ignore[attr-defined]
                for article in articles:
                    if isinstance(article, dict) and article.get("id") is not None:
                        out[str(article["id"])] = {
                            "views": _count(article.get("page_views_count")),
                            "reactions": _count(article.get("public_reactions_count"))}
                if len(articles) < PER_PAGE:
                    break
        return out
