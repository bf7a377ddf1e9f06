"""Posts on the fake Ghost: creating and editing them through the API (Ghost's validation,
`updated_at` collisions, schedules, tags and unique slugs), the post as the Admin API
shows it, and the server-side changes someone makes in Ghost Admin."""

from __future__ import annotations

import secrets
import time
import uuid
from typing import Any
from urllib.parse import quote

from tests.fake_ghost.model import (
    COLLISION,
    POST_KEYS,
    STATUSES,
    GhostFault,
    _validation,
    ghost_date,
    parse_date,
    slugify,
)


class PostsMixin:
    """Posts; part of `FakeGhost`."""

    # -- server-side changes (someone working in Ghost Admin) ------------------------

    def add_post(self, title: str, *, slug: str = "", status: str = "published",
                 html: str = "", tags: tuple[str, ...] = ()) -> dict:
        with self._lock:
            post = self._new_post()
            data = {"title": title, "slug": slug or title, "status": status, "html": html,
                    "tags": [{"name": t} for t in tags]}
            self._apply(post, data, source_html=True)
            self.posts[post["id"]] = post
            return self.post_json(post)

    def edit_post(self, post_id: str, **fields: Any) -> dict:
        """Change a post as an editor would; `updated_at` moves on by at least one second."""
        with self._lock:
            post = self.posts[post_id]
            old = parse_date(post["updated_at"]) or 0
            self._apply(post, fields, source_html=True)
            post["updated_at"] = ghost_date(max(self.now(), old + 1))
            return self.post_json(post)

    def delete_post(self, post_id: str) -> None:
        with self._lock:
            del self.posts[post_id]

    def post_by_slug(self, slug: str) -> dict | None:
        with self._lock:
            return next((p for p in self.posts.values() if p["slug"] == slug), None)

    # -- the API -----------------------------------------------------------------

    @staticmethod
    def _found(post: dict | None) -> dict:
        if post is None:
            raise GhostFault(404, "NotFoundError", "Post not found.")
        return post

    @staticmethod
    def _one(body: Any, verb: str) -> dict:
        posts = body.get("posts") if isinstance(body, dict) else None
        if not isinstance(posts, list) or len(posts) != 1 or not isinstance(posts[0], dict):
            raise _validation(f"Validation error, cannot {verb} post.",
                              "No root key ('posts') provided.")
        data = posts[0]
        unknown = sorted(set(data) - POST_KEYS)
        if unknown:
            raise _validation(f"Validation error, cannot {verb} post.",
                              f"data.posts[0] must NOT have additional properties: {unknown[0]}")
        return data

    def _create(self, data: dict, query: dict) -> dict:
        if not isinstance(data.get("title"), str):
            raise _validation("Validation error, cannot save post.",
                              "data.posts[0] must have required property 'title'")
        post = self._new_post()
        self._apply(post, data, source_html=query.get("source") == "html", check_schedule=True)
        self.posts[post["id"]] = post
        return self.post_json(post, query)

    def _edit(self, post: dict, data: dict, query: dict) -> dict:
        if "updated_at" not in data:
            raise _validation("Validation error, cannot edit post.",
                              "data.posts[0] must have required property 'updated_at'")
        sent = parse_date(data["updated_at"])
        if sent is None or sent != parse_date(post["updated_at"]):
            raise GhostFault(409, "UpdateCollisionError", COLLISION, code="UPDATE_COLLISION")
        self._apply(post, data, source_html=query.get("source") == "html", check_schedule=True)
        post["updated_at"] = ghost_date(self.now())
        return self.post_json(post, query)

    def _new_post(self) -> dict:
        now = ghost_date(self.now())
        return {"id": f"{int(time.time()):08x}{secrets.token_hex(8)}", "uuid": str(uuid.uuid4()),
                "title": "", "slug": "", "html": "", "status": "draft", "published_at": None,
                "custom_excerpt": None, "canonical_url": None, "tags": [], "created_at": now,
                "updated_at": now, "authors": [self.users[0]]}

    def _apply(self, post: dict, data: dict, *, source_html: bool,
               check_schedule: bool = False) -> None:
        """Validate `data` like Ghost and copy it onto `post` (all or nothing)."""
        old_status, old_published = post["status"], post["published_at"]
        new = dict(post)
        if "title" in data:
            if not isinstance(data["title"], str) or len(data["title"]) > 255:
                raise _validation("Validation error, cannot save post.",
                                  "Value in [posts.title] exceeds maximum length of 255 "
                                  "characters.")
            new["title"] = data["title"]
        if "html" in data and source_html:  # without ?source=html Ghost drops it
            new["html"] = str(data["html"] or "")
        if "status" in data:
            if data["status"] not in STATUSES:
                raise _validation("Validation error, cannot save post.",
                                  "data.posts[0].status must be equal to one of the allowed "
                                  "values")
            new["status"] = data["status"]
        if "custom_excerpt" in data:
            excerpt = data["custom_excerpt"]
            if excerpt is not None and (not isinstance(excerpt, str) or len(excerpt) > 300):
                raise _validation("Validation error, cannot save post.",
                                  "Value in [posts.custom_excerpt] exceeds maximum length of "
                                  "300 characters.")
            new["custom_excerpt"] = excerpt
        if "canonical_url" in data:
            new["canonical_url"] = data["canonical_url"]
        if "published_at" in data:
            if data["published_at"] is not None and parse_date(data["published_at"]) is None:
                raise _validation("Validation error, cannot save post.",
                                  "Invalid date for published_at")
            new["published_at"] = (None if data["published_at"] is None
                                   else ghost_date(parse_date(data["published_at"]) or 0))
        if "tags" in data:  # replaces the post's tags
            new["tags"] = [self._tag(t) for t in data["tags"] or []]
        if data.get("authors"):  # replaces the post's authors
            new["authors"] = [self._author(a) for a in data["authors"]]
        if data.get("slug") or not post["slug"]:
            new["slug"] = self._unique_slug(str(data.get("slug") or new["title"]), post["id"])
        if new["status"] == "scheduled" and check_schedule and (
                old_status != "scheduled" or new["published_at"] != old_published):
            when = parse_date(new["published_at"])
            if when is None:
                raise _validation("Value in published_at cannot be blank.")
            if when < self.now() + 120:
                raise _validation("Date must be at least 2 minutes in the future.")
        if new["status"] == "published" and not new["published_at"]:
            new["published_at"] = ghost_date(self.now())
        post.update(new)

    def _tag(self, given: Any) -> dict:
        name = given.get("name") if isinstance(given, dict) else given
        if not isinstance(name, str) or not name.strip():
            raise _validation("Validation error, cannot save tag.",
                              "data.tags[0] must have required property 'name'")
        slug = slugify(name) or secrets.token_hex(4)
        for tag in self.tags.values():
            if tag["name"].lower() == name.strip().lower():
                return tag
        tag = {"id": secrets.token_hex(12), "name": name.strip(), "slug": slug}
        self.tags[slug] = tag
        return tag

    def _unique_slug(self, wanted: str, own_id: str) -> str:
        """As Ghost 5 does: a slug that changes is made unique against every post, the
        post itself included (asked for "s" while holding "s-2", it gets "s-3")."""
        base = slugify(wanted) or "untitled"
        own = self.posts.get(own_id, {}).get("slug")
        taken = {p["slug"] for p in self.posts.values() if p["id"] != own_id or own != base}
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def post_json(self, post: dict, query: dict | None = None) -> dict:
        """A post as the Admin API shows it."""
        if post["status"] == "published":
            url = f"{self.base_url}/{quote(post['slug'])}/"
        else:
            url = f"{self.base_url}/p/{post['uuid']}/"
        shown = {
            "id": post["id"], "uuid": post["uuid"], "title": post["title"], "slug": post["slug"],
            "status": post["status"], "visibility": "public", "featured": False,
            "created_at": post["created_at"], "updated_at": post["updated_at"],
            "published_at": post["published_at"], "custom_excerpt": post["custom_excerpt"],
            "canonical_url": post["canonical_url"], "tags": [dict(t) for t in post["tags"]],
            "primary_tag": dict(post["tags"][0]) if post["tags"] else None, "url": url,
            "authors": [self._user_json(u) for u in post.get("authors", [])],
            "primary_author": self._user_json(post["authors"][0]) if post.get("authors") else None,
        }
        if "html" in (query or {}).get("formats", ""):
            shown["html"] = post["html"]
        fields = (query or {}).get("fields")
        if fields:
            shown = {k: v for k, v in shown.items() if k in fields.split(",")}
        return shown
