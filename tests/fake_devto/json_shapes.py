"""How the fake dev.to shows things: a user (`users/me`), a single article, and the key's
own articles (`articles/me`, paged and ordered as Forem does)."""

from __future__ import annotations

from tests.fake_devto.model import PER_PAGE_MAX, User


class JsonShapesMixin:
    """The JSON answers; part of `FakeDevTo`."""

    def _user(self, user_id: int) -> User:
        return next(u for u in self.users.values() if u.id == user_id)

    def _url(self, article: dict) -> str:
        return f"{self.base_url}{self._path(article)}"

    def _path(self, article: dict) -> str:
        return f"/{self._user(article['user_id']).username}/{article['slug']}"

    def _user_json(self, user: User) -> dict:
        return {"type_of": "user", "id": user.id, "username": user.username, "name": user.name,
                "summary": None, "twitter_username": None, "github_username": None,
                "website_url": None, "location": None, "joined_at": "Jan  1, 2024",
                "profile_image": f"{self.base_url}/avatar/{user.id}.png"}

    def _common(self, article: dict) -> dict:
        user = self._user(article["user_id"])
        return {
            "type_of": "article",
            "id": article["id"],
            "title": article["title"],
            "description": article["description"],
            "slug": article["slug"],
            "path": self._path(article),
            "url": self._url(article),
            "comments_count": 0,
            "public_reactions_count": 0,
            "positive_reactions_count": 0,
            "published_timestamp": article["published_at"] or "",
            "cover_image": None,
            "canonical_url": article["canonical_url"] or self._url(article),
            "reading_time_minutes": 1,
            "user": {"name": user.name, "username": user.username, "twitter_username": None,
                     "github_username": None, "user_id": user.id, "website_url": None,
                     "profile_image": None, "profile_image_90": None},
        }

    def _show(self, article: dict) -> dict:
        return {
            **self._common(article),
            "readable_publish_date": "Jan 1" if article["published_at"] else None,
            "collection_id": None,
            "social_image": f"{self.base_url}/social/{article['id']}.png",
            "created_at": article["created_at"],
            "edited_at": article["edited_at"],
            "crossposted_at": None,
            "published_at": article["published_at"],
            "last_comment_at": article["published_at"] or "2017-01-01T05:00:00Z",
            "tag_list": ", ".join(article["tags"]),
            "tags": list(article["tags"]),
            "body_html": f"<p>{article['body_markdown']}</p>",
            "body_markdown": article["body_markdown"],
        }

    def _me(self, user: User, which: str, query: dict) -> list[dict]:
        try:
            per_page = min(int(query.get("per_page") or 30), PER_PAGE_MAX)
            page = max(int(query.get("page") or 1), 1)
        except ValueError:
            per_page, page = 30, 1
        mine = [a for a in self.articles.values() if a["user_id"] == user.id
                and (which == "all" or a["published"] == (which == "published"))]
        # ORDER BY published_at DESC, created_at DESC (PostgreSQL puts NULLs first)
        mine.sort(key=lambda a: (a["published_at"] is None, a["published_at"] or "",
                                 a["created_seq"]), reverse=True)
        chunk = mine[(page - 1) * per_page: page * per_page] if per_page > 0 else []
        return [{
            **self._common(a),
            "published": a["published"],
            "published_at": a["published_at"],
            "page_views_count": 0,
            "body_markdown": a["body_markdown"],
            "tag_list": list(a["tags"]),
        } for a in chunk]
