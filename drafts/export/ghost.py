"""Publish to a Ghost site (5.x) through its Admin API, with an integration's Admin API key.

Requests go to `{site}/ghost/api/admin/...`. The key is "id:secret"; every request
carries a fresh five-minute JWT (HS256, `kid` = id, `aud` = "/admin/", signed with
the hex-decoded secret) in `Authorization: Ghost <token>`, signed with PyJWT.

HTML goes in with `?source=html` (Ghost converts it to its editor format; without
the flag it silently drops the HTML). An update must carry the `updated_at` Byline
last read: Ghost answers 409 UPDATE_COLLISION when the post changed since, and
nothing is overwritten. Tags (and authors) given on update replace the post's. A post
carries the staff user Byline maps the author to (found by email), else the site owner.
One client per call, an explicit timeout on every request, no redirects followed,
no retries (the publishing service retries and looks posts up by slug first).
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from urllib.parse import quote, urlsplit

import httpx2
import jwt

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    Post,
    Rejected,
    RemoteAuthor,
    RemoteGone,
    RemotePost,
    Timeout,
    Unreachable,
    slug_variants,
)
from drafts.export.blog_stats import GhostStats
from drafts.export.ghost_errors import KEY_HELP, GhostErrors, _ghost_error
from drafts.export.remote_state import GhostRemoteState

STATUSES = {"publish": "published", "draft": "draft", "schedule": "scheduled"}
TOKEN_LIFETIME = 300  # seconds; Ghost refuses tokens older than five minutes


class GhostAdapter(GhostErrors, GhostRemoteState, GhostStats):
    kind = "ghost"
    label = "Ghost"

    def __init__(self, admin_url: str, admin_api_key: str, *, timeout: float = 15.0) -> None:
        self.site = _site(admin_url)  # e.g. "https://blog.example.com", for requests and messages
        self._api = f"{self.site}/ghost/api/admin"
        self._key_id, self._secret = _parse_key(admin_api_key)
        self.timeout = timeout

    def __repr__(self) -> str:  # never show the key
        return f"GhostAdapter({self.site!r})"

    # -- the Adapter interface -----------------------------------------------------

    def check(self) -> str:
        with self._client() as client:
            # /site/ is public in Ghost (it ignores the token): it gives the title and
            # proves the address is a Ghost site. The posts read proves the key works.
            site = self._call(client, "GET", "/site/")
            posts = self._call(client, "GET", "/posts/", params={"limit": "1", "fields": "id"})
        if not isinstance(site, dict) or not isinstance(site.get("site"), dict):
            raise self._not_ghost(200)
        if not isinstance(posts, dict) or not isinstance(posts.get("posts"), list):
            raise self._not_ghost(200)
        title = str(site["site"].get("title") or "").strip() or self.site
        return f"Connected to {title}."

    def find_author(self, email: str) -> RemoteAuthor | None:
        """The Ghost staff user with this email (posts without one go to the site owner)."""
        path = f"/users/email/{quote(email.strip(), safe='@')}/"
        with self._client() as client:
            data = self._call(client, "GET", path, missing_ok=True)
        if data is None:
            return None
        users = data.get("users") if isinstance(data, dict) else None
        user = users[0] if isinstance(users, list) and users else None
        if not isinstance(user, dict) or not user.get("id"):
            raise self._not_ghost(200)
        return RemoteAuthor(str(user["id"]), str(user.get("name") or user.get("slug") or ""),
                            str(user.get("email") or ""))

    def find_by_slug(self, slug: str) -> RemotePost | None:
        path = f"/posts/slug/{quote(slug, safe='')}/"
        with self._client() as client:
            data = self._call(client, "GET", path, missing_ok=True)
        return None if data is None else _remote(data)

    def find_candidates(self, slug: str) -> list[RemotePost]:
        """Ghost numbers a taken slug's copies in order (-2, -3...): read them until a gap."""
        found: list[RemotePost] = []
        for variant in slug_variants(slug):
            post = self.find_by_slug(variant)
            if post is None:
                break
            found.append(post)
        return found

    def create(self, post: Post) -> RemotePost:
        body = {"posts": [_fields(post)]}
        with self._client() as client:
            return _remote(self._call(client, "POST", "/posts/", params={"source": "html"},
                                      body=body))

    def update(self, remote: RemotePost, post: Post) -> RemotePost:
        if not remote.updated_at:
            raise Rejected("Byline has no record of which version of this post it last read "
                           "from Ghost, so it will not overwrite it (someone may have edited it "
                           "there). Review the post on the blog, then publish it as a new post.")
        fields = _fields(post, republish=remote.status == "published")
        fields["updated_at"] = remote.updated_at  # exactly as Ghost gave it
        path = f"/posts/{quote(remote.remote_id, safe='')}/"
        with self._client() as client:
            return _remote(self._call(client, "PUT", path, params={"source": "html"},
                                      body={"posts": [fields]}, gone=True))

    # -- HTTP ----------------------------------------------------------------------

    def _client(self) -> httpx2.Client:
        return httpx2.Client(
            timeout=httpx2.Timeout(self.timeout),
            follow_redirects=False,  # a redirected POST would become a GET
            headers={"Accept": "application/json", "Accept-Version": "v5.0",
                     "User-Agent": "Byline (Ghost export)"},
        )

    def _token(self) -> str:
        """A fresh Admin API token (JWT HS256), valid for five minutes."""
        iat = int(time.time())
        header = {"alg": "HS256", "typ": "JWT", "kid": self._key_id}
        payload = {"iat": iat, "exp": iat + TOKEN_LIFETIME, "aud": "/admin/"}
        return sign_hs256(header, payload, self._secret)

    def _call(self, client: httpx2.Client, method: str, path: str, *, params: dict | None = None,
              body: dict | None = None, gone: bool = False, missing_ok: bool = False):
        """Send one request; return its JSON (None for a Ghost 404 when missing_ok)."""
        headers = {"Authorization": f"Ghost {self._token()}"}
        try:
            response = client.request(method, self._api + path, params=params, json=body,
                                      headers=headers)
        except httpx2.TimeoutException as error:
            raise Timeout(f"Ghost at {self.site} did not answer within {self.timeout:g} seconds. "
                          "Byline will look the post up by its slug before trying again, so it "
                          "is never published twice.") from error
        except httpx2.ConnectError as error:
            if "CERTIFICATE_VERIFY_FAILED" in str(error):
                raise Unreachable(f"The HTTPS certificate of {self.site} is not trusted. Fix the "
                                  "site's certificate, then use Test connection.") from error
            raise Unreachable(f"Byline could not connect to {self.site}. Check the admin URL "
                              "and that the site is up, then use Test connection.") from error
        except (httpx2.ReadError, httpx2.WriteError, httpx2.RemoteProtocolError) as error:
            # The request may have reached Ghost: treat it like a timeout (look up, retry).
            raise Timeout(f"The connection to {self.site} broke before Ghost answered. Byline "
                          "will look the post up by its slug before trying again, so it is "
                          "never published twice.") from error
        except httpx2.HTTPError as error:
            raise Unreachable(f"Byline could not reach {self.site}. Check the admin URL, then "
                              "use Test connection.") from error
        status = response.status_code
        if 200 <= status < 300:
            try:
                return response.json()
            except ValueError as error:
                raise self._not_ghost(status) from error
        error_body = _ghost_error(response)
        if status == 404 and error_body is not None and (gone or missing_ok):
            if missing_ok:
                return None
            raise RemoteGone("The post was deleted in Ghost (404). Byline did not re-create "
                              "it; choose whether to publish it as a new post.", status=status)
        raise self._error(response, error_body)


# -- the request body --------------------------------------------------------------


def _fields(post: Post, *, republish: bool = False) -> dict:
    """The post as Ghost wants it. `republish`: an update of a post already published there,
    which keeps its original date (publish_at is the post date only when it goes live)."""
    status = STATUSES.get(post.status)
    if status is None:
        raise Rejected(f"Byline cannot send a post with status {post.status!r} to Ghost; "
                       "choose publish, draft or schedule.")
    if status == "scheduled" and post.publish_at is None:
        raise Rejected("A scheduled post needs a publish date and time. Set one, then "
                       "schedule it again.")
    fields = {
        "title": post.title,
        "html": post.html,
        "status": status,
        "slug": post.slug,
        "custom_excerpt": post.excerpt or None,
        "tags": [{"name": name} for name in dict.fromkeys(t.strip() for t in post.tags)
                 if name],
    }
    if post.publish_at is not None and (status == "scheduled"
                                        or (status == "published" and not republish)):
        fields["published_at"] = iso_utc(post.publish_at)
    if post.canonical_url:
        fields["canonical_url"] = post.canonical_url
    if post.remote_author_id:
        fields["authors"] = [{"id": post.remote_author_id}]  # replaces the post's authors
    return fields


def iso_utc(moment: datetime) -> str:
    """Ghost's date format: "2025-03-01T09:30:00.000Z"."""
    if moment.tzinfo is None:
        raise ValueError("publish_at must be an aware datetime")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


# -- the key and the token -----------------------------------------------------------


def _parse_key(key: str) -> tuple[str, bytes]:
    key_id, sep, secret = (key or "").strip().partition(":")
    if not sep or not re.fullmatch(r"[0-9a-fA-F]+", key_id or "") \
            or not re.fullmatch(r"(?:[0-9a-fA-F]{2})+", secret):
        raise AuthFailed("The Ghost Admin API key is not in the right form: it is two parts "
                         "joined by a colon, an id and a hexadecimal secret (id:secret). A "
                         "Content API key will not work. " + KEY_HELP)
    return key_id, bytes.fromhex(secret)


def sign_hs256(header: dict, payload: dict, key: bytes) -> str:
    """A compact JWS (RFC 7515) signed with HMAC-SHA256, by PyJWT (header keys sorted)."""
    extra = {k: v for k, v in header.items() if k != "alg"}
    return jwt.encode(payload, key, algorithm="HS256", headers=extra)


# -- reading answers -----------------------------------------------------------------


def _site(admin_url: str) -> str:
    """The site's base URL: no "/ghost" suffix, no user:password@ part."""
    parts = urlsplit((admin_url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Unreachable("The Ghost admin URL must be a full address, such as "
                          "https://blog.example.com. Fix it in the destination's settings.")
    path = re.sub(r"/ghost(/api/admin)?/?$", "", parts.path.rstrip("/") + "/").rstrip("/")
    host = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{host}{path}"


def _remote(data) -> RemotePost:
    posts = data.get("posts") if isinstance(data, dict) else None
    post = posts[0] if isinstance(posts, list) and posts else None
    if not isinstance(post, dict) or not post.get("id"):
        raise BadResponse("Ghost answered without the post it saved. Check the blog for the "
                          "post before publishing again.")
    return RemotePost(
        remote_id=str(post["id"]),
        url=str(post.get("url") or ""),
        status=str(post.get("status") or ""),
        updated_at=str(post.get("updated_at") or ""),
        extra={"uuid": str(post.get("uuid") or ""), "slug": str(post.get("slug") or ""),
               "published_at": str(post.get("published_at") or ""),
               **({"title": str(post["title"] or "")} if "title" in post else {}),
               **({"html": str(post.get("html") or "")} if "html" in post else {})},
        published_at=str(post.get("published_at") or ""),
    )
