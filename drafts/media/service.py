"""Use cases for images in drafts: upload one, show one, find the ones a draft uses.

An image belongs to the draft it was uploaded into (a `DraftImage` row); its
URL names that draft, `/drafts/<id>/images/<sha256>.<ext>`, so whoever may see
the draft may see its images and nobody else, and publishing sends only the
images of the draft being published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from drafts.errors import NotFound, PermissionDenied
from drafts.media.images import Limits, prepare
from drafts.media.storage import ImageStore, content_type_of, is_image_name
from drafts.models import Draft, DraftImage, User
from drafts.permissions import can_edit, can_view

# The path the web layer serves an image at (webapp/editor/images.py routes it).
IMAGE_PATH = "/drafts/{draft_id}/images/{name}"
# Where a draft's text refers to one of its images: the path, maybe after a scheme and host.
_REFERENCE = re.compile(
    r"(?:https?://[^\s/()<>\"'\]]+)?/drafts/(\d+)/images/([0-9a-f]{64}\.(?:png|jpg|gif|webp))"
)
GONE = "That image does not exist, or you do not have access to it."


@dataclass(frozen=True)
class Reference:
    url: str  # as written in the text
    draft_id: int
    name: str


def image_path(draft_id: int, name: str) -> str:
    return IMAGE_PATH.format(draft_id=draft_id, name=name)


def upload(session: Session, store: ImageStore, draft: Draft, user: User, data: bytes,
           limits: Limits) -> DraftImage:
    """Check, re-encode and store the image; link it to the draft (once)."""
    if not can_edit(user, draft):
        raise PermissionDenied("You can read this draft but not change it, so you cannot add "
                               "images to it.")
    image = prepare(data, limits)
    name = store.save(image)
    found = _link(session, draft.id, name)
    if found is not None:
        return found
    row = DraftImage(draft_id=draft.id, name=name, content_type=image.content_type,
                     width=image.width, height=image.height, size=len(image.content),
                     uploaded_by_id=user.id)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # the same picture, dropped twice at once
        found = _link(session, draft.id, name)
        assert found is not None
        return found
    return row


def _link(session: Session, draft_id: int, name: str) -> DraftImage | None:
    return session.scalar(select(DraftImage).where(DraftImage.draft_id == draft_id,
                                                   DraftImage.name == name))


def viewable(session: Session, store: ImageStore, user: User, draft_id: int,
             name: str) -> tuple[Path, str]:
    """The file and content type of an image of a draft this user may see; else NotFound."""
    draft = session.get(Draft, draft_id)
    if draft is None or not can_view(user, draft) or not is_image_name(name):
        raise NotFound(GONE)
    if _link(session, draft_id, name) is None or not store.exists(name):
        raise NotFound(GONE)
    return store.path(name), content_type_of(name)


def references(text: str) -> list[Reference]:
    return [Reference(m.group(0), int(m.group(1)), m.group(2))
            for m in _REFERENCE.finditer(text or "")]


def images_of(session: Session, draft: Draft, *texts: str) -> list[str]:
    """Names of this draft's images that the texts refer to, in order, each once."""
    wanted = list(dict.fromkeys(r.name for text in texts for r in references(text)
                                if r.draft_id == draft.id))
    if not wanted:
        return []
    linked = set(session.scalars(select(DraftImage.name).where(
        DraftImage.draft_id == draft.id, DraftImage.name.in_(wanted))))
    return [name for name in wanted if name in linked]


def rewrite(text: str, draft_id: int, urls: dict[str, str]) -> str:
    """Replace references to this draft's images by the URLs given for their names."""
    def swap(match: re.Match[str]) -> str:
        if int(match.group(1)) != draft_id or match.group(2) not in urls:
            return match.group(0)
        return urls[match.group(2)]

    return _REFERENCE.sub(swap, text or "")
