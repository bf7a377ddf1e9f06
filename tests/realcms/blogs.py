"""The real blogs as the tests see them: what a person does in the blog's admin, and what
the blog holds and shows a reader, over the blogs' own APIs and public pages.

The connection facts come from the env files that scripts/wordpress-up.sh and
scripts/ghost-up.sh write (instance/realcms/*.env). Without them, or when the server
does not answer, the tests skip with one line saying how to start it; with
BYLINE_REALCMS_REQUIRED=1 (scripts/test-realcms.sh) they fail instead.
"""

from __future__ import annotations

import html
import os
import shlex
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import jwt
import pytest

REPO = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("BYLINE_REALCMS_STATE") or REPO / "instance" / "realcms")
TIMEOUT = 30.0


def facts(name: str, label: str, probe: str) -> dict[str, str]:
    """The KEY=VALUE facts of a running blog, or skip (fail when required) saying how to start it."""
    path = STATE / f"{name}.env"
    how = f"start it with `bash scripts/{name}-up.sh` (or run `bash scripts/test-realcms.sh`)"
    if not path.exists():
        _unavailable(f"real {label} is not running: {how}")
    values = dict(shlex.split(line)[0].split("=", 1) for line in path.read_text().splitlines()
                  if "=" in line)
    url = values.get(f"{name.upper()}_URL", "")
    try:
        answer = httpx2.get(url + probe, timeout=5.0)
    except httpx2.HTTPError:
        _unavailable(f"real {label} does not answer at {url}: {how}")
    if answer.status_code != 200:
        _unavailable(f"real {label} at {url} answered {answer.status_code}: {how}")
    return values


def skip_module_unless_running() -> None:
    """One line for a whole test module when neither blog was started (the usual case)."""
    if os.environ.get("BYLINE_REALCMS_REQUIRED") == "1":
        return
    if not any((STATE / f"{name}.env").exists() for name in ("wordpress", "ghost")):
        pytest.skip("real WordPress and Ghost are not running: `bash scripts/test-realcms.sh` "
                    "starts them, runs these tests and stops them", allow_module_level=True)


def _unavailable(reason: str):
    if os.environ.get("BYLINE_REALCMS_REQUIRED") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def public_page(url: str) -> tuple[int, str]:
    """What a reader's browser gets at the post's public address (redirects followed)."""
    response = httpx2.get(url, timeout=TIMEOUT, follow_redirects=True)
    return response.status_code, response.text


@dataclass(frozen=True)
class Remote:
    """A post as the blog holds it, in words common to both blogs."""
    id: str
    status: str  # published | scheduled | draft | private | trash
    title: str
    slug: str
    url: str
    date: datetime  # the publication date the blog shows (UTC)
    html: str
    tags: tuple[str, ...]
    author: str  # the author's display name
    raw: dict


def utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class WordPress:
    kind = "wordpress"
    label = "WordPress"
    STATUSES = {"publish": "published", "future": "scheduled", "draft": "draft",
                "pending": "draft", "private": "private", "trash": "trash"}

    def __init__(self, facts: dict) -> None:
        self.facts = facts
        self.url = facts["WORDPRESS_URL"]
        self.user = facts["WORDPRESS_USER"]
        self.secret = facts["WORDPRESS_APP_PASSWORD"]
        self.author_name = facts["WORDPRESS_AUTHOR_NAME"]

    def settings(self) -> dict:
        return {"site_url": self.url, "username": self.user}

    def call(self, method: str, route: str, password: str | None = None, **kwargs) -> httpx2.Response:
        with httpx2.Client(base_url=f"{self.url}/wp-json/wp/v2", timeout=TIMEOUT,
                           auth=httpx2.BasicAuth(self.user, password or self.secret)) as client:
            return client.request(method, route, **kwargs)

    def get(self, post_id) -> Remote | None:
        """The post in any status; None when it was deleted for good."""
        response = self.call("GET", f"/posts/{post_id}", params={"context": "edit", "_embed": "author"})
        if response.status_code == 404:
            return None
        assert response.status_code == 200, response.text
        data = response.json()
        author = data.get("_embedded", {}).get("author", [{}])[0].get("name", "")
        return Remote(
            id=str(data["id"]), status=self.STATUSES[data["status"]], title=data["title"]["raw"],
            slug=data["slug"], url=data["link"], date=utc(data["date_gmt"]),
            html=data["content"]["raw"], tags=self._tag_names(data["tags"]), author=author, raw=data)

    def _tag_names(self, term_ids) -> tuple[str, ...]:
        names = []
        for term_id in term_ids:
            response = self.call("GET", f"/tags/{term_id}")
            assert response.status_code == 200, response.text
            names.append(html.unescape(response.json()["name"]))  # stored HTML-escaped
        return tuple(sorted(names))

    def copies(self, slug: str) -> list[dict]:
        """Every post, in any status, called `slug` or a duplicate of it (`slug-2`...)."""
        slugs = [slug, f"{slug}-2", f"{slug}-3", f"{slug}__trashed", f"{slug}-2__trashed"]
        response = self.call("GET", "/posts", params={
            "slug": ",".join(slugs), "status": "publish,future,draft,pending,private,trash",
            "context": "edit", "per_page": 100})
        assert response.status_code == 200, response.text
        return [p for p in response.json() if p["status"] != "trash"]

    def take_down(self, post_id) -> None:
        """WordPress admin's "Move to Trash": DELETE without force; the post keeps its id."""
        response = self.call("DELETE", f"/posts/{post_id}")
        assert response.status_code == 200 and response.json()["status"] == "trash", response.text

    def edit(self, post_id, *, title: str, html_text: str) -> None:
        """An editor changes the post in WordPress's own editor."""
        response = self.call("POST", f"/posts/{post_id}", json={"title": title, "content": html_text})
        assert response.status_code == 200, response.text

    def new_secret(self, name: str) -> str:
        """A fresh application password for the publishing user (like a rotation in wp-admin)."""
        response = self.call("POST", "/users/me/application-passwords", json={"name": name})
        assert response.status_code == 201, response.text
        return response.json()["password"]

    def revoke(self, name: str) -> None:
        listed = self.call("GET", "/users/me/application-passwords")
        assert listed.status_code == 200, listed.text
        for item in listed.json():
            if item["name"] == name:
                gone = self.call("DELETE", f"/users/me/application-passwords/{item['uuid']}")
                assert gone.status_code == 200, gone.text


class Ghost:
    kind = "ghost"
    label = "Ghost"
    STATUSES = {"published": "published", "scheduled": "scheduled", "draft": "draft"}

    def __init__(self, facts: dict) -> None:
        self.facts = facts
        self.url = facts["GHOST_URL"]
        self.secret = facts["GHOST_ADMIN_API_KEY"]
        self.author_name = facts["GHOST_AUTHOR_NAME"]

    def settings(self) -> dict:
        return {"admin_url": self.url}

    def _token(self) -> str:
        key_id, secret = self.secret.split(":")
        now = int(time.time())
        return jwt.encode({"iat": now, "exp": now + 300, "aud": "/admin/"}, bytes.fromhex(secret),
                          algorithm="HS256", headers={"kid": key_id})

    def call(self, method: str, path: str, **kwargs) -> httpx2.Response:
        headers = {"Authorization": f"Ghost {self._token()}", "Accept-Version": "v5.0"}
        with httpx2.Client(base_url=f"{self.url}/ghost/api/admin", timeout=TIMEOUT) as client:
            return client.request(method, path, headers=headers, **kwargs)

    def get(self, post_id) -> Remote | None:
        response = self.call("GET", f"/posts/{post_id}/",
                             params={"formats": "html", "include": "tags,authors"})
        if response.status_code == 404:
            return None
        assert response.status_code == 200, response.text
        data = response.json()["posts"][0]
        return Remote(
            id=data["id"], status=self.STATUSES[data["status"]], title=data["title"],
            slug=data["slug"], url=data["url"],
            date=utc(data["published_at"]) if data.get("published_at") else None,
            html=data.get("html") or "", tags=tuple(sorted(t["name"] for t in data["tags"])),
            author=", ".join(a["name"] for a in data["authors"]), raw=data)

    def copies(self, slug: str) -> list[dict]:
        response = self.call("GET", "/posts/", params={
            "filter": f"slug:[{slug},{slug}-2,{slug}-3]", "limit": "all", "fields": "id,slug,status"})
        assert response.status_code == 200, response.text
        return response.json()["posts"]

    def take_down(self, post_id) -> None:
        """Ghost has no trash: deleting in Ghost's admin removes the post for good."""
        response = self.call("DELETE", f"/posts/{post_id}/")
        assert response.status_code == 204, response.text

    def edit(self, post_id, *, title: str, html_text: str) -> None:
        """An editor saves a change in Ghost's editor (over the version Ghost holds)."""
        current = self.get(post_id)
        body = {"posts": [{"updated_at": current.raw["updated_at"], "title": title, "html": html_text}]}
        response = self.call("PUT", f"/posts/{post_id}/", params={"source": "html"}, json=body)
        assert response.status_code == 200, response.text

    def new_secret(self, name: str) -> str:
        """The second integration's Admin API key (made by ghost-up.sh)."""
        return self.facts["GHOST_ADMIN_API_KEY_ROTATED"]

    def revoke(self, name: str) -> None:
        """Keys are revoked in Ghost's admin only (staff session); the tests leave them."""
