"""Images in static-site exports: the files go into the zip, the Markdown points at them.

Each generator serves a folder of the site as is; the images go there, named
by content, and the Markdown refers to them from the site's root:

| generator | file in the zip | URL in the Markdown |
|---|---|---|
| hugo | `static/images/<name>` | `/images/<name>` |
| jekyll | `assets/images/<name>` | `/assets/images/<name>` |
| astro | `public/images/<name>` | `/images/<name>` |
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy.orm import Session

from drafts.export.base import Post
from drafts.media import service as media
from drafts.media.storage import ImageStore
from drafts.models import Draft

FOLDERS = {  # generator -> (folder in the zip, URL prefix)
    "hugo": ("static/images", "/images"),
    "jekyll": ("assets/images", "/assets/images"),
    "astro": ("public/images", "/images"),
}


def with_images(session: Session, store: ImageStore, generator: str,
                items: Sequence[tuple[Draft, Post]]) -> tuple[list[Post], list[tuple[str, bytes]]]:
    """The posts pointing at their images inside the site, and the image files to add."""
    folder, prefix = FOLDERS[generator]
    posts: list[Post] = []
    files: dict[str, bytes] = {}
    for draft, post in items:
        names = [n for n in media.images_of(session, draft, post.markdown) if store.exists(n)]
        if not names:
            posts.append(post)
            continue
        urls = {name: f"{prefix}/{name}" for name in names}
        for name in names:
            files.setdefault(f"{folder}/{name}", store.read(name))
        posts.append(dataclasses.replace(
            post, markdown=media.rewrite(post.markdown, draft.id, urls),
            html=media.rewrite(post.html, draft.id, urls)))
    return posts, sorted(files.items())
