"""Publish to a WordPress site through its REST API (WordPress 5.6+ application passwords).

Requests go to `{site}/wp-json/wp/v2/...`; a site without pretty permalinks answers
those with its theme's 404 page, so the adapter then uses `{site}/?rest_route=/wp/v2/...`
and remembers the choice (pass `pretty_permalinks` to skip the detection).
Authentication is HTTP Basic with the user name and an application password.
Tags are sent as term ids: each name is looked up (exact, case-insensitive) and
created when missing. One client per call, an explicit timeout on every request,
no retries (the publishing service retries and looks posts up by slug first).
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

import httpx2

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Post,
    Rejected,
    RemoteConflict,
    RemoteGone,
    RemotePost,
    ServerError,
    Timeout,
    TooLarge,
    Unreachable,
    slug_variants,
)
from drafts.export.remote_state import WordPressRemoteState
from drafts.export.wordpress_tags import WordPressTags
from drafts.export.wordpress_users import WordPressUsers

STATUSES = {"publish": "publish", "draft": "draft", "schedule": "future"}
MESSAGE_LIMIT = 200


class WordPressAdapter(WordPressTags, WordPressRemoteState, WordPressUsers):
    kind = "wordpress"
    label = "WordPress"

    def __init__(self, site_url: str, username: str, app_password: str, *,
                 timeout: float = 15.0, pretty_permalinks: bool | None = None) -> None:
        self.site_url = site_url.strip().rstrip("/")
        self._auth = httpx2.BasicAuth(username, app_password)
        self.timeout = timeout
        self.pretty_permalinks = pretty_permalinks  # None until detected

    def __repr__(self) -> str:  # never show the credentials
        return f"WordPressAdapter({self.site!r})"

    @property
    def site(self) -> str:
        """The site address for messages: without any user:password@ part."""
        parts = urlsplit(self.site_url)
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit((parts.scheme, host, parts.path, "", "")) or self.site_url

    # -- the Adapter interface -----------------------------------------------------

    def check(self) -> str:
        with self._client() as client:
            try:
                me = self._call(client, "GET", "/wp/v2/users/me", params={"context": "edit"})
            except AuthFailed as error:
                raise self._why_refused(client, error) from None
        if not isinstance(me, dict) or "id" not in me:
            raise BadResponse()
        name = str(me.get("name") or me.get("slug") or f"user {me['id']}")
        capabilities = me.get("capabilities")
        # WordPress lists only the capabilities a role grants: a missing one is a no.
        if isinstance(capabilities, dict) and capabilities.get("publish_posts") is not True:
            roles = me.get("roles") if isinstance(me.get("roles"), list) else []
            role = f" (role: {', '.join(str(r) for r in roles)})" if roles else ""
            raise NotAllowed(f"Connected to {self.site} as {name}{role}, but this account cannot "
                             "publish: its role only creates drafts and pending posts. Give it "
                             "the Author or Editor role in wp-admin (Editor to publish under "
                             "other people's names), or use another account, then use Test "
                             "connection.")
        return f"Connected to {self.site} as {name}."

    def find_by_slug(self, slug: str) -> RemotePost | None:
        params = {"slug": slug, "status": "any", "context": "edit"}
        with self._client() as client:
            found = self._call(client, "GET", "/wp/v2/posts", params=params)
        if not isinstance(found, list):
            raise BadResponse()
        return _remote(found[0]) if found else None

    def find_candidates(self, slug: str) -> list[RemotePost]:
        params = {"slug": ",".join(slug_variants(slug)), "status": "any", "context": "edit",
                  "per_page": "20"}
        with self._client() as client:
            found = self._call(client, "GET", "/wp/v2/posts", params=params)
        if not isinstance(found, list):
            raise BadResponse()
        return sorted((_remote(item) for item in found), key=lambda r: int(r.remote_id or 0))

    def create(self, post: Post) -> RemotePost:
        with self._client() as client:
            body = self._body(client, post)
            return _remote(self._call(client, "POST", "/wp/v2/posts", body=body))

    def update(self, remote: RemotePost, post: Post) -> RemotePost:
        with self._client() as client:
            body = self._body(client, post)
            route = f"/wp/v2/posts/{remote.remote_id}"
            return _remote(self._call(client, "POST", route, body=body, gone=True))

    # -- the request body ----------------------------------------------------------

    def _body(self, client: httpx2.Client, post: Post) -> dict:
        status = STATUSES.get(post.status)
        if status is None:
            raise Rejected(f"Byline cannot send a post with status {post.status!r} to WordPress; "
                           "choose publish, draft or schedule.")
        if status == "future" and post.publish_at is None:
            raise Rejected("A scheduled post needs a publish date and time. Set one, then "
                           "schedule it again.")
        body = {
            "title": post.title,
            "content": post.html,
            "excerpt": post.excerpt,
            "status": status,
            "slug": post.slug,
            "tags": self._tag_ids(client, post.tags),
        }
        if post.publish_at is not None and status != "draft":
            body["date_gmt"] = _gmt(post.publish_at)
        if post.remote_author_id.isdigit():
            body["author"] = int(post.remote_author_id)
        return body

    # -- HTTP ----------------------------------------------------------------------

    def _client(self) -> httpx2.Client:
        return httpx2.Client(
            auth=self._auth,
            timeout=httpx2.Timeout(self.timeout),
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "Byline (WordPress export)"},
        )

    def _call(self, client: httpx2.Client, method: str, route: str, *,
              params: dict | None = None, body: dict | None = None, gone: bool = False):
        """Send one REST request and return its JSON, or raise the matching ExportError."""
        response = self._request(client, method, route, params=params, body=body)
        return self._read(response, gone=gone)

    def _request(self, client: httpx2.Client, method: str, route: str, *,
                 params: dict | None = None, body: dict | None = None) -> httpx2.Response:
        if self.pretty_permalinks is not None:
            return self._send(client, method, route, params, body, pretty=self.pretty_permalinks)
        response = self._send(client, method, route, params, body, pretty=True)
        if response.status_code == 404 and _rest_error(response) is None:
            # No pretty permalinks: /wp-json/ is the theme's 404 page, nothing was done.
            response = self._send(client, method, route, params, body, pretty=False)
            if _is_json(response):
                self.pretty_permalinks = False
        elif _is_json(response):
            self.pretty_permalinks = True
        return response

    def _send(self, client, method, route, params, body, *, pretty: bool) -> httpx2.Response:
        if pretty:
            url, query = f"{self.site_url}/wp-json{route}", dict(params or {})
        else:
            url, query = f"{self.site_url}/", {"rest_route": route, **(params or {})}
        try:
            return client.request(method, url, params=query or None, json=body)
        except httpx2.TimeoutException as error:
            raise Timeout() from error
        except httpx2.ConnectError as error:
            raise Unreachable(f"Byline could not connect to {self.site}. Check the site address "
                              "and that the site is up, then use Test connection.") from error
        except (httpx2.ReadError, httpx2.WriteError, httpx2.RemoteProtocolError) as error:
            # The request may have reached WordPress: treat it like a timeout (look up, retry).
            raise Timeout("The connection to the blog broke before it answered. Byline will "
                          "look the post up by its slug before trying again, so it is never "
                          "published twice.") from error
        except httpx2.HTTPError as error:
            raise Unreachable() from error

    def _read(self, response: httpx2.Response, *, gone: bool):
        status = response.status_code
        if 200 <= status < 300:
            try:
                return response.json()
            except ValueError as error:
                raise BadResponse(f"{self.site} answered with something that is not WordPress "
                                  "REST API JSON (maybe a login page, a maintenance page or a "
                                  "security plugin). Check the site address.",
                                  status=status) from error
        raise self._error(response, gone=gone)

    def _error(self, response: httpx2.Response, *, gone: bool) -> ExportError:
        status = response.status_code
        body = _rest_error(response)
        code = str(body.get("code", "")) if body else ""
        said = _said(body)
        if 300 <= status < 400:
            target = response.headers.get("location", "")
            return BadResponse(f"{self.site} is not a WordPress site's address, or not its final "
                               f"one: it redirects ({status}"
                               + (f" to {_clip(target)}" if target else "") + "). Use the site "
                               "address WordPress shows under Settings → General (usually its "
                               "https:// address), then use Test connection.", status=status)
        if status == 401:
            if code in ("incorrect_password", "invalid_username", "invalid_email"):
                return AuthFailed(status=status)
            return AuthFailed("WordPress refused the credentials (401) and treated Byline as a "
                              "visitor: the user name or the application password is wrong, or "
                              "the site ignores application "
                              "passwords (over plain http they work only on local sites). Use "
                              "Test connection on the destination to find out which.",
                              status=status)
        if status == 403:
            if code == "rest_cannot_publish":
                return NotAllowed(status=status)
            if code == "rest_cannot_edit_others":
                return NotAllowed("The destination's WordPress account may not publish under "
                                  "another user's name (its role lacks edit_others_posts). Give "
                                  "it the Editor role, or clear the author chosen under "
                                  "Destinations → Authors, then publish again.", status=status)
            return NotAllowed("The blog refused this action for the account (403)"
                              + (f": {said}" if said else "")
                              + ". Ask an admin to give the account the Author or Editor role, "
                              "or check any security plugin or firewall.", status=status)
        if status == 404:
            if gone and code == "rest_post_invalid_id":
                return RemoteGone(status=status)
            return BadResponse(f"No WordPress REST API answered at {self.site} (404"
                               + (f" {code}" if code else "") + "). Check the site address "
                               "and that the REST API is enabled.", status=status)
        if status == 409:
            return RemoteConflict(status=status)
        if status == 413:
            return TooLarge(status=status)
        if status in (400, 422):
            return Rejected(f"The blog rejected the post ({status}): "
                            + (said or "no reason given")
                            + ". Fix what it names, then publish again.", status=status)
        if status >= 500:
            return ServerError(f"The blog had an internal error ({status}). Try again later; "
                               "if it keeps happening, check the site's error log.",
                               status=status)
        return ExportError(f"The blog answered with an unexpected status ({status})"
                           + (f": {said}" if said else "") + ". Try again later.", status=status)


def _is_json(response: httpx2.Response) -> bool:
    try:
        response.json()
    except ValueError:
        return False
    return True


def _rest_error(response: httpx2.Response) -> dict | None:
    """The `{"code", "message", "data"}` body of a WordPress REST error, if it is one."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) and "code" in body else None


def _said(body: dict | None) -> str:
    """The server's own message (and which parameters it refused), cut for a message."""
    if not body:
        return ""
    text = html.unescape(re.sub(r"<[^>]*>", " ", str(body.get("message") or "")))
    text = re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))
    params = (body.get("data") or {}).get("params") if isinstance(body.get("data"), dict) else None
    if isinstance(params, dict) and params:
        details = "; ".join(str(v).rstrip(".") for v in params.values())
        text = f"{text.rstrip('.')} ({details})"
    text = text.rstrip(".")
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1].rstrip() + "…"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1].rstrip() + "…"


def _gmt(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _remote(data) -> RemotePost:
    if not isinstance(data, dict) or "id" not in data:
        raise BadResponse()
    title = data.get("title")
    if isinstance(title, dict):
        title = title.get("raw", title.get("rendered", ""))
    return RemotePost(
        remote_id=str(data["id"]),
        url=str(data.get("link") or ""),
        status=str(data.get("status") or ""),
        updated_at=str(data.get("modified_gmt") or ""),
        extra={"slug": str(data.get("slug") or ""), "title": str(title or "")},
        published_at=str(data.get("date_gmt") or ""),
    )

