"""Publishing a draft's images: each uploaded once per destination, URLs rewritten.

Before a post goes to WordPress or Ghost, every image of the draft that its
text shows (`/drafts/<id>/images/<sha256>.<ext>`) is uploaded to the blog's
media library (WordPress `POST /wp/v2/media`, Ghost `POST /images/upload/`)
unless that destination already has it: the URL the blog gave is kept in
`remote_images`, per destination and image, and committed as soon as the
upload answers, so a publish that fails later, a retry or an update never
uploads the same picture again. The post's HTML and Markdown then point at the
blog's copies. dev.to has no upload API: its posts use the copies already on
the company's WordPress or Ghost blog, and a post with an image only Byline
holds is not sent at all (it would show broken images under the author's name).
"""

from __future__ import annotations

import dataclasses

import httpx2
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.export.base import (
    AuthFailed,
    BadResponse,
    ExportError,
    NotAllowed,
    Post,
    Rejected,
    ServerError,
    Timeout,
    TooLarge,
    Unreachable,
)
from drafts.media import service as media
from drafts.media.storage import ImageStore, content_type_of
from drafts.models import Destination, Draft, RemoteImage

MESSAGE_LIMIT = 200


def upload_images(session: Session, adapter, destination: Destination, draft: Draft, post: Post,
                  store: ImageStore | None) -> Post:
    """The post with its images on the destination (uploading those it lacks)."""
    kind = getattr(adapter, "kind", "")
    if kind == "devto":
        return _borrowed_images(session, draft, post)
    upload = _UPLOADERS.get(kind)
    if store is None or upload is None:
        return post
    names = media.images_of(session, draft, post.markdown, post.html)
    if not names:
        return post
    known = {row.name: row.remote_url for row in session.scalars(select(RemoteImage).where(
        RemoteImage.destination_id == destination.id, RemoteImage.name.in_(names)))}
    for name in names:
        if name in known:
            continue
        if not store.exists(name):
            raise Rejected(f"The image {name[:12]}… of this draft is missing from Byline's image "
                           "folder (BYLINE_IMAGE_DIR). Remove it from the text or add it again, "
                           "then publish.")
        remote_id, url = upload(adapter, name, store.read(name), content_type_of(name))
        session.add(RemoteImage(destination_id=destination.id, name=name, remote_id=remote_id,
                                remote_url=url[:1000]))
        session.commit()  # remembered at once: a later failure never uploads it twice
        known[name] = url
    return dataclasses.replace(post, html=media.rewrite(post.html, draft.id, known),
                               markdown=media.rewrite(post.markdown, draft.id, known))


def _borrowed_images(session: Session, draft: Draft, post: Post) -> Post:
    """dev.to cannot take uploads: point at the copies on a WordPress or Ghost blog, or refuse."""
    names = media.images_of(session, draft, post.markdown, post.html)
    if not names:
        return post
    known: dict[str, str] = {}
    for row in session.scalars(select(RemoteImage).where(RemoteImage.name.in_(names))
                               .order_by(RemoteImage.created_at, RemoteImage.id)):
        known.setdefault(row.name, row.remote_url)
    missing = [name for name in names if name not in known]
    if missing:
        count = f"{len(missing)} image{'s' if len(missing) != 1 else ''}"
        raise Rejected(f"dev.to cannot receive images (it has no upload API), and {count} of this "
                       "post are only in Byline: on dev.to they would be broken. Publish the post "
                       "to your WordPress or Ghost blog first (dev.to then shows the blog's "
                       "copies), or remove the images. Nothing was sent to dev.to.")
    return dataclasses.replace(post, html=media.rewrite(post.html, draft.id, known),
                               markdown=media.rewrite(post.markdown, draft.id, known))


# -- WordPress -----------------------------------------------------------------------


def _wordpress(adapter, name: str, content: bytes, content_type: str) -> tuple[str, str]:
    headers = {"Content-Type": content_type,
               "Content-Disposition": f'attachment; filename="{name}"'}
    tries = [adapter.pretty_permalinks] if adapter.pretty_permalinks is not None else [True, False]
    with adapter._client() as client:
        for pretty in tries:
            if pretty:
                url, params = f"{adapter.site_url}/wp-json/wp/v2/media", None
            else:
                url, params = f"{adapter.site_url}/", {"rest_route": "/wp/v2/media"}
            response = _send(client, url, adapter.site, params=params, content=content,
                             headers=headers)
            if pretty and len(tries) > 1 and response.status_code == 404 and not _json(response):
                continue  # no pretty permalinks: /wp-json/ is the theme's 404 page
            if len(tries) > 1 and _json(response) is not None:
                adapter.pretty_permalinks = pretty  # found out: the adapter's own detection
            break
    data = _answer(response, adapter.site)
    source = data.get("source_url") if isinstance(data, dict) else None
    if not isinstance(source, str) or not source.startswith(("http://", "https://")):
        raise BadResponse(f"{adapter.site} accepted the image but did not say where it is "
                          "(no source_url). Check the media library, then publish again.")
    return str(data.get("id") or ""), source


# -- Ghost ---------------------------------------------------------------------------


def _ghost(adapter, name: str, content: bytes, content_type: str) -> tuple[str, str]:
    with adapter._client() as client:
        response = _send(client, f"{adapter._api}/images/upload/", adapter.site,
                         headers={"Authorization": f"Ghost {adapter._token()}"},
                         files={"file": (name, content, content_type)},
                         data={"purpose": "image", "ref": name})
    data = _answer(response, adapter.site)
    images = data.get("images") if isinstance(data, dict) else None
    url = images[0].get("url") if isinstance(images, list) and images and \
        isinstance(images[0], dict) else None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise BadResponse(f"{adapter.site} accepted the image but did not say where it is. "
                          "Check the blog, then publish again.")
    return "", url


_UPLOADERS = {"wordpress": _wordpress, "ghost": _ghost}


# -- HTTP ----------------------------------------------------------------------------


def _send(client: httpx2.Client, url: str, site: str, **kwargs) -> httpx2.Response:
    try:
        return client.request("POST", url, **kwargs)
    except httpx2.TimeoutException as error:
        raise Timeout(f"{site} did not answer while Byline uploaded an image. Nothing was "
                      "published yet; try again.") from error
    except httpx2.ConnectError as error:
        raise Unreachable(f"Byline could not connect to {site} to upload an image. Check the "
                          "address and that the site is up, then use Test connection.") from error
    except httpx2.HTTPError as error:
        raise Timeout(f"The connection to {site} broke while Byline uploaded an image. Nothing "
                      "was published yet; try again.") from error


def _json(response: httpx2.Response):
    try:
        return response.json()
    except ValueError:
        return None


def _said(body) -> str:
    """The blog's own message: WordPress `{"message"}` or Ghost `{"errors": [{"message"}]}`."""
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        body = body["errors"][0]
    text = str(body.get("message") or "") if isinstance(body, dict) else ""
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _answer(response: httpx2.Response, site: str):
    status = response.status_code
    body = _json(response)
    if 200 <= status < 300:
        if body is None:
            raise BadResponse(f"{site} answered the image upload with something that is not "
                              "its API's JSON. Check the site address.", status=status)
        return body
    said = _said(body)
    detail = f": {said}" if said else ""
    if status == 401:
        raise AuthFailed(status=status)
    if status == 403:
        raise NotAllowed(f"The blog refused the image upload for this account (403{detail}). "
                         "Give the account a role that may upload files (Author or Editor in "
                         "WordPress), then publish again.", status=status)
    if status == 413:
        raise TooLarge("The blog refused an image as too large (413). Raise the blog's upload "
                       "size limit, or add a smaller image, then publish again.", status=status)
    if status in (400, 415, 422):
        raise Rejected(f"The blog rejected an image ({status}{detail}). Fix what it names, then "
                       "publish again.", status=status)
    if status >= 500 or status == 429:
        raise ServerError(f"The blog could not store an image ({status}{detail}). Try again "
                          "later.", status=status)
    raise ExportError(f"The blog answered the image upload with an unexpected status ({status}"
                      f"{detail}). Check the site address, then try again.", status=status)


__all__ = ["upload_images"]
