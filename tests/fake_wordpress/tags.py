"""Tags on the fake WordPress: search (a substring of the stored, HTML-escaped name or
the slug), create (400 term_exists for a taken name; `slug-2` for a taken slug), and
`add_tag` / `tag_names` for tests."""

from __future__ import annotations

import html

from tests.fake_wordpress.model import WPError, _invalid, _sanitize


class TagsMixin:
    """Tags; part of `FakeWordPress`."""

    def add_tag(self, name: str) -> int:
        with self._lock:
            return self._insert_tag(name)["id"]

    def tag_names(self, post_id: int) -> list[str]:
        with self._lock:
            return [html.unescape(self.tags[t]["name"]) for t in self.posts[post_id]["tags"]]

    def _list_tags(self, query: dict) -> list[dict]:
        per_page = int(query.get("per_page", 10))
        if not 1 <= per_page <= 100:
            raise _invalid("per_page", "per_page must be between 1 (inclusive) and 100 "
                                       "(inclusive)")
        search = query.get("search", "").casefold()
        found = [t for t in self.tags.values()  # LIKE on the stored (escaped) name
                 if search in t["name"].casefold() or search in t["slug"]]
        return [self._tag_json(t) for t in found[:per_page]]

    def _create_tag(self, user: str | None, body: dict) -> dict:
        if user is None:
            raise WPError(401, "rest_cannot_create",
                          "Sorry, you are not allowed to create terms in this taxonomy.")
        name = str(body.get("name") or "").strip() if isinstance(body, dict) else ""
        if not name:
            raise WPError(400, "rest_missing_callback_param", "Missing parameter(s): name",
                          params=["name"])
        stored = html.escape(name, quote=False).casefold()
        for tag in self.tags.values():
            if tag["name"].casefold() == stored:
                raise WPError(400, "term_exists",
                              "A term with the name provided already exists in this taxonomy.",
                              term_id=tag["id"])
        return self._tag_json(self._insert_tag(name))

    def _insert_tag(self, name: str) -> dict:
        slug, n = _sanitize(name) or str(self._next_term_id), 2
        taken = {t["slug"] for t in self.tags.values()}
        while slug in taken:
            slug, n = f"{_sanitize(name)}-{n}", n + 1
        tag = {"id": self._next_term_id, "name": html.escape(name, quote=False), "slug": slug}
        self._next_term_id += 1
        self.tags[tag["id"]] = tag
        return tag

    def _tag_json(self, tag: dict) -> dict:
        return {**tag, "count": sum(tag["id"] in p["tags"] for p in self.posts.values()),
                "description": "", "link": f"{self.base_url}/tag/{tag['slug']}/",
                "taxonomy": "post_tag", "meta": []}
