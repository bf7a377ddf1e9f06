"""Publish to dev.to (or any Forem site) through the Forem API v1.

Requests go to `{base_url}/api/...` with the `api-key` header and
`Accept: application/vnd.forem.api-v1+json`. dev.to renders Markdown itself, so
the body is the post's Markdown. Forem builds the slug from the title and adds a
random suffix (`my-title-4k2p`, or `my-title-4k2p-temp-slug-1234567` for an
unpublished article), so `find_by_slug` matches on that title-derived start.
dev.to has no scheduling through Byline: the publishing service publishes a
scheduled post when it is due; a post with status "schedule" is refused here.
One client per call, an explicit timeout on every request, no retries (the
publishing service retries and looks posts up by slug first).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

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
)
from drafts.export.blog_stats import DevToStats
from drafts.export.devto_lookup import DevToLookup, _as_int, title_slug
from drafts.export.remote_state import DevToRemoteState

ACCEPT = "application/vnd.forem.api-v1+json"
MESSAGE_LIMIT = 200
MAX_TAGS = 4
TAG_LENGTH = 30



class DevToAdapter(DevToLookup, DevToRemoteState, DevToStats):
    kind = "devto"
    label = "dev.to"

    def __init__(self, api_key: str, *, base_url: str = "https://dev.to",
                 timeout: float = 15.0) -> None:
        self._api_key = (api_key or "").strip()
        self.base_url = (base_url or "https://dev.to").strip().rstrip("/")
        self.timeout = timeout

    def __repr__(self) -> str:  # never show the key
        return f"DevToAdapter({self.site!r})"

    @property
    def site(self) -> str:
        """The site's name for messages ("dev.to"): its host, without any user:password@ part."""
        parts = urlsplit(self.base_url)
        host = parts.netloc.rpartition("@")[2]
        return host or self.base_url

    # -- the Adapter interface -----------------------------------------------------

    def check(self) -> str:
        with self._client() as client:
            me = self._call(client, "GET", "/api/users/me")
        if not isinstance(me, dict) or not (me.get("username") or me.get("id")):
            raise BadResponse(self._not_api_message(200))
        name = str(me.get("username") or me.get("name") or f"user {me['id']}")
        return (f"Connected to {self.site} as {name}. Every post appears under the API key's "
                f"owner, {name}, whoever wrote it: {self.site} cannot post under another "
                "person's name.")

    def create(self, post: Post) -> RemotePost:
        body = self._body(post)
        with self._client() as client:
            data = self._call(client, "POST", "/api/articles", json=body)
        return self._remote(data, published=body["article"]["published"])

    def update(self, remote: RemotePost, post: Post) -> RemotePost:
        body = self._body(post)
        remote_id = str(remote.remote_id).strip()
        if not remote_id.isdigit():
            raise RemoteGone(f"Byline has no valid {self.site} article id for this post "
                             f"({remote_id!r}). Publish it as a new post.")
        with self._client() as client:
            data = self._call(client, "PUT", f"/api/articles/{remote_id}", json=body, gone=True)
        return self._remote(data, published=body["article"]["published"])

    # -- the request body ----------------------------------------------------------

    def _body(self, post: Post) -> dict:
        if post.status == "schedule":
            raise Rejected(f"{self.site} cannot schedule posts; publish now or push as a draft. "
                           "(Byline can also publish it for you at the scheduled time.)")
        if post.status not in ("publish", "draft"):
            raise Rejected(f"Byline cannot send a post with status {post.status!r} to "
                           f"{self.site}; publish now or push as a draft.")
        article: dict = {
            "title": post.title,
            "body_markdown": post.markdown,
            "published": post.status == "publish",
            "tags": devto_tags(post.tags),
        }
        if post.canonical_url.strip():
            article["canonical_url"] = post.canonical_url.strip()
        if post.excerpt.strip():
            article["description"] = post.excerpt.strip()
        return {"article": article}

    # -- HTTP ----------------------------------------------------------------------

    def _client(self) -> httpx2.Client:
        return httpx2.Client(
            timeout=httpx2.Timeout(self.timeout),
            follow_redirects=False,
            headers={
                "api-key": self._api_key,
                "Accept": ACCEPT,
                # dev.to refuses requests without a User-Agent (403 from its CDN).
                "User-Agent": "Byline (dev.to export)",
            },
        )

    def _call(self, client: httpx2.Client, method: str, path: str, *,
              params: dict | None = None, json: dict | None = None, gone: bool = False):
        if not self._api_key:
            raise AuthFailed(f"No {self.site} API key is saved for this destination. Create one in "
                             f"{self.site}'s Settings → Extensions, save it here, then use "
                             "Test connection.")
        try:
            response = client.request(method, self.base_url + path, params=params, json=json)
        except httpx2.TimeoutException as error:
            raise Timeout(f"{self.site} did not answer in time. Byline will look the post up by "
                          "its slug before trying again, so it is never published "
                          "twice.") from error
        except httpx2.ConnectError as error:
            raise Unreachable(f"Byline could not connect to {self.site}. Check the API address "
                              "and your network, then use Test connection.") from error
        except (httpx2.ReadError, httpx2.WriteError, httpx2.RemoteProtocolError) as error:
            # The request may have reached dev.to: treat it like a timeout (look up, retry).
            raise Timeout(f"The connection to {self.site} broke before it answered. Byline will "
                          "look the post up by its slug before trying again, so it is never "
                          "published twice.") from error
        except httpx2.HTTPError as error:
            raise Unreachable(f"Byline could not reach {self.site}. Check the API address, "
                              "then use Test connection.") from error
        return self._read(response, gone=gone)

    def _read(self, response: httpx2.Response, *, gone: bool):
        status = response.status_code
        if 200 <= status < 300:
            try:
                return response.json()
            except ValueError as error:
                raise BadResponse(self._not_api_message(status), status=status) from error
        raise self._error(response, gone=gone)

    def _error(self, response: httpx2.Response, *, gone: bool) -> ExportError:
        status = response.status_code
        said = self._said(response)
        site = self.site
        if status == 401:
            return AuthFailed(f"{site} refused the API key (401). Create a new key in {site}'s "
                              "Settings → Extensions, save it in the destination's settings, "
                              "then use Test connection.", status=status)
        if status == 403:
            return NotAllowed(f"{site} refused this action for the account (403)"
                              + (f": {said}" if said else "")
                              + ". Check that the account may post and is not suspended, then "
                              "try again.", status=status)
        if status == 404:
            if gone:
                return RemoteGone(f"The article was deleted on {site} (404). Byline did not "
                                  "re-create it; choose whether to publish it as a new post.",
                                  status=status)
            return BadResponse(f"No Forem API answered at {self.base_url} (404). Check the API "
                               "address (for dev.to: https://dev.to).", status=status)
        if status == 409:
            return RemoteConflict(status=status)
        if status == 413:
            return TooLarge(f"{site} refused the post as too large (413). Remove large pasted "
                            "content and try again.", status=status)
        if status in (400, 422):
            return Rejected(f"{site} rejected the post ({status}): "
                            + (said or "no reason given")
                            + ". Fix what it names, then publish again.", status=status)
        if status == 429:
            return ServerError(f"{site} is limiting how fast posts are sent (429). Wait a minute, "
                               "then try again.", status=status)
        if status >= 500:
            return ServerError(f"{site} had an internal error ({status}). Byline will look the "
                               "post up by its slug before trying again; if it keeps happening, "
                               "try again later.", status=status)
        if 300 <= status < 400:
            return BadResponse(f"{site} answered with a redirect ({status}) instead of its API. "
                               "Check the API address (https://, no path).", status=status)
        return ExportError(f"{site} answered with an unexpected status ({status})"
                           + (f": {said}" if said else "") + ". Try again later.", status=status)

    def _said(self, response: httpx2.Response) -> str:
        """The server's own message (`{"error": "...", "status": 422}`), cut and without the key."""
        try:
            body = response.json()
        except ValueError:
            return ""
        if not isinstance(body, dict):
            return ""
        said = body.get("error") or body.get("message") or ""
        if isinstance(said, list):
            said = "; ".join(str(item) for item in said)
        text = " ".join(str(said).split()).rstrip(".")
        if self._api_key and len(self._api_key) >= 4:
            text = text.replace(self._api_key, "[API key]")
        return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1].rstrip() + "…"

    def _not_api_message(self, status: int) -> str:
        return (f"{self.site} answered with something that is not Forem API JSON ({status}; maybe "
                "an error page or a login form). Check the API address (for dev.to: "
                "https://dev.to).")

    def _remote(self, data, *, published: bool | None = None) -> RemotePost:
        if not isinstance(data, dict) or _as_int(data.get("id")) < 0:
            raise BadResponse(self._not_api_message(200))
        if isinstance(data.get("published"), bool):
            published = data["published"]
        elif "published_at" in data:  # the single-article answer has no "published" field
            published = bool(data.get("published_at"))
        url = str(data.get("url") or "")
        if not url and data.get("path"):
            url = self.base_url + str(data["path"])
        return RemotePost(
            remote_id=str(data["id"]),
            url=url,
            status="publish" if published else "draft",
            updated_at=str(data.get("edited_at") or data.get("published_at")
                           or data.get("created_at") or ""),
            extra={"slug": str(data.get("slug") or ""), "title": str(data.get("title") or "")},
            published_at=str(data.get("published_at") or "") if published else "",
        )


def devto_tags(tags) -> list[str]:
    """Byline's tags as dev.to accepts them: at most 4, lowercase letters and digits only."""
    out: list[str] = []
    for tag in tags:
        ascii_tag = unicodedata.normalize("NFKD", str(tag)).encode("ascii", "ignore").decode()
        clean = re.sub(r"[^a-z0-9]", "", ascii_tag.lower())[:TAG_LENGTH]
        if clean and clean not in out:
            out.append(clean)
        if len(out) == MAX_TAGS:
            break
    return out


__all__ = ["DevToAdapter", "devto_tags", "title_slug"]
