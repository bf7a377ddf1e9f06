"""Posts on the fake WordPress: the REST routes' logic (list, get, create, update,
delete or trash, with WordPress's permission, status, date and slug rules), the post as
the API shows it, and server-side edits made as in wp-admin."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import Any

from tests.fake_wordpress.model import (
    PUBLISHING,
    STATUSES,
    TRASH,
    UNIQUE_SLUG_EXEMPT,
    WPError,
    _invalid,
    _now,
    _parse_date,
    _sanitize,
)


class PostsMixin:
    """Posts; part of `FakeWordPress`."""

    # -- server-side edits (as in wp-admin) --------------------------------------------

    def delete_post(self, post_id: int) -> None:
        """Delete permanently (not to the trash): the API then answers 404 for it."""
        with self._lock:
            del self.posts[int(post_id)]

    def trash_post(self, post_id: int) -> None:
        """Move to the trash, as wp-admin's Trash link does."""
        with self._lock:
            self._trash(self.posts[int(post_id)])

    def _trash(self, post: dict) -> None:
        post["trashed_from"] = post["status"]
        post["status"] = TRASH
        post["slug"] = f"{post['slug']}__trashed"
        post["modified_gmt"] = _now()

    def edit_post(self, post_id: int, **fields: Any) -> dict:
        with self._lock:
            post = self.posts[int(post_id)]
            post.update(fields)
            post["modified_gmt"] = _now()
            return dict(post)

    # -- the REST API ------------------------------------------------------------------

    def _can_read(self, user: str | None, post: dict) -> bool:
        if post["status"] == "publish":
            return True
        return user is not None and (self.can(user, "edit_others_posts") or post["author"] == user)

    def _list_posts(self, user: str | None, query: dict) -> list[dict]:
        if query.get("context") == "edit" and user is None:
            raise WPError(401, "rest_forbidden_context",
                          "Sorry, you are not allowed to edit posts in this post type.")
        wanted = query.get("status", "publish")
        if wanted != "publish" and user is None:
            raise WPError(401, "rest_forbidden_status", "Status is forbidden.")
        statuses = {s.strip() for s in wanted.split(",")}
        slugs = {s.strip() for s in query.get("slug", "").split(",") if s.strip()}
        found = [p for p in self.posts.values()
                 if (("any" in statuses and p["status"] != TRASH) or p["status"] in statuses)
                 and (not slugs or p["slug"] in slugs) and self._can_read(user, p)]
        found.sort(key=lambda p: (p["date_gmt"] or p["modified_gmt"], p["id"]), reverse=True)
        return [self._post_json(p) for p in found[: int(query.get("per_page", 10))]]

    def _get_post(self, user: str | None, post_id: int) -> dict:
        post = self.posts.get(post_id)
        if post is None or not self._can_read(user, post):
            raise WPError(404, "rest_post_invalid_id", "Invalid post ID.")
        return self._post_json(post)

    def _delete_post(self, user: str | None, post_id: int, query: dict) -> dict:
        post = self.posts.get(post_id)
        if post is None:
            raise WPError(404, "rest_post_invalid_id", "Invalid post ID.")
        if user is None or not (self._role(user) == "editor" or post["author"] == user):
            raise WPError(403, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.")
        if query.get("force") in ("true", "1"):
            del self.posts[post_id]
            return {"deleted": True, "previous": self._post_json(post)}
        if post["status"] == TRASH:
            raise WPError(410, "rest_already_trashed", "The post has already been deleted.")
        self._trash(post)
        return self._post_json(post)

    def _create_post(self, user: str | None, body: dict) -> dict:
        if user is None:
            raise WPError(401, "rest_cannot_create",
                          "Sorry, you are not allowed to create posts as this user.")
        # date_gmt None: a "floating" date, as WordPress keeps for drafts created without one
        # (post_date_gmt 0000-00-00; the REST API shows the last save's date); publishing
        # dates the post then.
        post = {"id": self._next_post_id, "author": user, "title": "", "content": "",
                "excerpt": "", "status": "draft", "slug": "", "tags": [], "date_gmt": None}
        self._apply(user, post, body, creating=True)
        self._next_post_id += 1
        self.posts[post["id"]] = post
        return self._post_json(post)

    def _update_post(self, user: str | None, post_id: int, body: dict) -> dict:
        post = self.posts.get(post_id)
        if post is None:
            raise WPError(404, "rest_post_invalid_id", "Invalid post ID.")
        if user is None:
            raise WPError(401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        role = self._role(user)
        own = post["author"] == user
        if not (self.can(user, "edit_others_posts") or (own and (role == "author" or
                                              post["status"] in UNIQUE_SLUG_EXEMPT))):
            raise WPError(403, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        updated = dict(post)
        self._apply(user, updated, body, creating=False)
        post.update(updated)
        return self._post_json(post)

    def _apply(self, user: str, post: dict, body: dict, *, creating: bool) -> None:
        """Validate and apply the writable fields, like WP_REST_Posts_Controller."""
        if not isinstance(body, dict):
            raise WPError(400, "rest_invalid_json", "Invalid JSON body passed.")
        if "status" in body and body["status"] not in STATUSES:  # "trash" is not writable
            raise _invalid("status", "status is not one of " + ", ".join(STATUSES) + ".")
        tags = body.get("tags", post["tags"])
        if not isinstance(tags, list) or not all(isinstance(t, int) for t in tags):
            raise _invalid("tags", "tags[0] is not of type integer.")
        date = post["date_gmt"]
        if "date_gmt" in body:
            try:
                date = _parse_date(body["date_gmt"])
            except (TypeError, ValueError):
                raise _invalid("date_gmt", "Invalid date.") from None
        status = body.get("status", post["status"])
        if status in PUBLISHING and not self.can(user, "publish_posts"):
            raise WPError(403, "rest_cannot_publish",
                          "Sorry, you are not allowed to publish posts in this post type.")
        if "author" in body:
            post["author"] = self._assign_author(user, body["author"], creating=creating)
        for field in ("title", "content", "excerpt"):
            if field in body:
                value = body[field]
                post[field] = value.get("raw", "") if isinstance(value, dict) else str(value)
        if date is None and status not in UNIQUE_SLUG_EXEMPT:
            date = _now()  # a floating date becomes the moment it goes out
        ahead = datetime.fromisoformat(date or _now()) - datetime.fromisoformat(_now())
        if status == "publish" and ahead >= timedelta(minutes=1):
            status = "future"
        elif status == "future" and ahead < timedelta(minutes=1):
            status = "publish"
        slug = _sanitize(body["slug"]) if "slug" in body else post["slug"]
        if not slug and status not in UNIQUE_SLUG_EXEMPT:
            slug = _sanitize(post["title"]) or str(post["id"])
        if status not in UNIQUE_SLUG_EXEMPT:
            slug = self._unique_slug(slug, post["id"])
        post.update(status=status, slug=slug, date_gmt=date,
                    tags=[t for t in dict.fromkeys(tags) if t in self.tags],
                    modified_gmt=_now())

    def _assign_author(self, user: str, author: Any, *, creating: bool) -> str:
        """The `author` field: a user id; another user's needs edit_others_posts."""
        if isinstance(author, bool) or not isinstance(author, int):
            raise _invalid("author", "author is not of type integer.")
        if author != self.user_id(user) and not self.can(user, "edit_others_posts"):
            verb = "create" if creating else "update"
            raise WPError(403, "rest_cannot_edit_others",
                          f"Sorry, you are not allowed to {verb} posts as this user.")
        names = list(self.users)
        if not 1 <= author <= len(names):
            raise WPError(400, "rest_invalid_author", "Invalid author ID.")
        return names[author - 1]

    def _unique_slug(self, slug: str, post_id: int) -> str:
        taken = {p["slug"] for p in self.posts.values() if p["id"] != post_id}
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def _post_json(self, post: dict) -> dict:
        if post["status"] == "publish" and self.pretty_permalinks:
            link = f"{self.base_url}/{post['slug']}/"
        else:
            link = f"{self.base_url}/?p={post['id']}"
        if self.link_override is not None:
            link = self.link_override
        return {
            # Like WordPress, a floating draft date is shown as the last save's.
            "id": post["id"], "date": post["date_gmt"] or post["modified_gmt"],
            "date_gmt": post["date_gmt"] or post["modified_gmt"],
            "modified": post["modified_gmt"], "modified_gmt": post["modified_gmt"],
            "slug": post["slug"], "status": post["status"], "type": "post", "link": link,
            "title": {"raw": post["title"], "rendered": html.escape(post["title"], quote=False)},
            "content": {"raw": post["content"], "rendered": post["content"], "protected": False},
            "excerpt": {"raw": post["excerpt"], "rendered": f"<p>{post['excerpt']}</p>\n",
                        "protected": False},
            "author": list(self.users).index(post["author"]) + 1 if post["author"] in self.users
            else 0,
            "categories": [1], "tags": list(post["tags"]),
        }
