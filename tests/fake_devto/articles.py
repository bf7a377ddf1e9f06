"""Articles on the fake dev.to: reading the `article` parameter, validating it as Forem
does, creating and updating articles (slugs, publishing, edit times), and `add_article`
to seed one directly."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from tests.fake_devto.model import User, _base26, _now, _tag_list, _to_sentence, forem_slug


class ArticlesMixin:
    """Articles; part of `FakeDevTo`."""

    def add_article(self, title: str, *, published: bool = True, body_markdown: str = "Body.",
                    tags: list[str] | None = None, user_id: int = 1, slug: str | None = None,
                    canonical_url: str | None = None, description: str = "") -> dict:
        """Store an article as if it had been written on dev.to (no validation)."""
        with self._lock:
            article = self._new_article(user_id, {
                "title": title, "body_markdown": body_markdown, "published": published,
                "tags": tags or [], "canonical_url": canonical_url, "description": description,
            })
            if slug is not None:
                article["slug"] = slug
            return article

    def _params(self, body, raw) -> dict | tuple:
        if not isinstance(body, dict) or "article" not in body or body["article"] in (None, "", {}):
            if raw and body is None:
                return 400, {"error": "There was a problem in the JSON you submitted",
                             "status": 400}, {}
            return 422, {"error": "param is missing or the value is empty: article",
                         "status": 422}, {}
        article = body["article"]
        if not isinstance(article, dict):
            kind = {str: "String", list: "Array", int: "Integer", bool: "Boolean"}.get(
                type(article), type(article).__name__)
            return 422, {"error": f"article param must be a JSON object. You provided article "
                                  f"as a {kind}", "status": 422}, {}
        allowed = ("title", "body_markdown", "published", "series", "main_image", "canonical_url",
                   "description", "tags", "published_at", "organization_id")
        return {k: v for k, v in article.items() if k in allowed}

    def _validate(self, user: User, fields: dict, *, exclude: int | None = None) -> list[str]:
        errors = []
        title = str(fields.get("title") or "")
        if not title.strip():
            errors.append("Title can't be blank")
        elif len(title) > 128:
            errors.append("Title is too long (maximum is 128 characters)")
        body = fields.get("body_markdown") or ""
        canonical = fields.get("canonical_url") or None
        others = [a for a in self.articles.values() if a["id"] != exclude]
        if any(a["user_id"] == user.id and a["title"] == title and a["body_markdown"] == body
               for a in others):
            errors.append("Body markdown has already been taken")
        if canonical:
            if any(a["canonical_url"] == canonical for a in others):
                errors.append("Canonical url has already been taken")
            if re.search(r"\s", canonical):
                errors.append("Canonical url must not have spaces")
            elif not re.match(r"https?://[^/\s]+", canonical):
                errors.append("Canonical url is not a valid URL")
        tags = fields.get("tags") or []
        if not isinstance(tags, list):
            tags = [t.strip() for t in str(tags).split(",") if t.strip()]
        if len(tags) > 4:
            errors.append("Tag list exceed the maximum of 4 tags")
        for tag in tags:
            tag = str(tag)
            if len(tag) > 30:
                errors.append(f'Tag "{tag}" is too long (maximum is 30 characters)')
            if not re.fullmatch(r"[^\W_]+", tag):
                errors.append(f'Tag "{tag}" contains non-alphanumeric or prohibited unicode '
                              "characters")
        published_at = fields.get("published_at")
        if published_at:
            try:
                datetime.fromisoformat(str(published_at).replace("Z", "+00:00"))
            except ValueError:
                errors.append("Published at is not a valid date")
        return errors

    def _create(self, user: User, body, raw) -> tuple[int, Any, dict]:
        fields = self._params(body, raw)
        if isinstance(fields, tuple):
            return fields
        errors = self._validate(user, fields)
        if errors:
            return 422, {"error": _to_sentence(errors), "status": 422}, {}
        article = self._new_article(user.id, fields)
        return 201, self._show(article), {"Location": self._url(article)}

    def _update(self, user: User, article_id: int, body, raw) -> tuple[int, Any, dict]:
        article = self.articles.get(article_id)
        if article is None or article["user_id"] != user.id:
            return 404, {"error": "not found", "status": 404}, {}
        fields = self._params(body, raw)
        if isinstance(fields, tuple):
            return fields
        merged = {**article, **fields}
        errors = self._validate(user, merged, exclude=article_id)
        if errors:
            return 422, {"error": _to_sentence(errors), "status": 422}, {}
        was_published = article["published"]
        for key in ("title", "body_markdown", "description", "canonical_url"):
            if key in fields:
                article[key] = fields[key] if fields[key] != "" or key != "canonical_url" else None
        if "tags" in fields:
            article["tags"] = _tag_list(fields["tags"])
        if "published" in fields:
            article["published"] = fields["published"] in (True, "true")
        if article["published"]:
            if "-temp-slug-" in article["slug"] or not article["slug"]:
                article["slug"] = self._title_slug(article["title"])
            if not article["published_at"]:
                article["published_at"] = _now()
            if was_published:
                article["edited_at"] = _now()
        article["updated_seq"] = next(self._clock)
        return 200, self._show(article), {}

    def _new_article(self, user_id: int, fields: dict) -> dict:
        published = fields.get("published") in (True, "true")
        title = str(fields.get("title") or "")
        slug = self._title_slug(title)
        if not published:
            slug += f"-temp-slug-{self._random.randrange(10_000_000)}"
        now = _now()
        article = {
            "id": next(self._ids),
            "user_id": user_id,
            "title": title,
            "description": str(fields.get("description") or ""),
            "body_markdown": str(fields.get("body_markdown") or ""),
            "published": published,
            "published_at": now if published else None,
            "created_at": now,
            "edited_at": None,
            "slug": slug,
            "tags": _tag_list(fields.get("tags") or []),
            "canonical_url": fields.get("canonical_url") or None,
            "created_seq": next(self._clock),
            "updated_seq": 0,
        }
        if not article["description"]:
            text = re.sub(r"[#*_`>\[\]()]", "", article["body_markdown"]).replace("\n", " ").strip()
            article["description"] = (text[:100].strip() + "...") if len(text) > 100 else text
        self.articles[article["id"]] = article
        return article

    def _title_slug(self, title: str) -> str:
        return f"{forem_slug(title)}-{_base26(self._random.randrange(100_000))}"
