"""A published post's later life: taking it offline, and Ghost edit collisions.

Unpublish is the only way Byline takes a live post offline: it names the destination,
needs an explicit confirmation, reads the post's current state on the blog first, and
Byline's own state follows (the draft leaves *Published* once no blog shows it).

A Ghost edit collision (409: someone saved the post in Ghost Admin since Byline last
pushed it) is shown as a diff of Ghost's current text against what Byline last pushed,
with three ways on: overwrite with Byline's version, keep Ghost's, or publish as a new post.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from html.parser import HTMLParser

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import PermissionDenied, ValidationError
from drafts.export.base import Adapter, ExportError, RemoteGone
from drafts.export.records import (
    attempt,
    claim,
    describe,
    fail,
    record_result,
    with_retries,
)
from drafts.export.remote_state import is_live
from drafts.export.service import adapter_for, may_publish, publish
from drafts.models import Destination, Draft, DraftStatus, ExportRecord, User, utcnow
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox
from drafts.writing.diffing import diff_html, diff_stats, word_diff

CHOICES = ("overwrite", "keep", "new")
CHOICE_DONE = {
    "overwrite": "Byline's version replaced the one edited on the blog.",
    "keep": "The version edited on the blog stays; Byline's changes were not sent.",
    "new": "Byline's version went out as a new post; the edited one stays on the blog.",
}


def _remote_record(session: Session, draft: Draft, destination: Destination) -> ExportRecord:
    record = session.scalar(select(ExportRecord).where(
        ExportRecord.draft_id == draft.id, ExportRecord.destination_id == destination.id))
    if record is None or not record.remote_id:
        raise ValidationError(f"Byline has no post on {destination.name} for this draft.")
    return record


def _allowed(user: User, draft: Draft) -> None:
    if not may_publish(user, draft):
        raise PermissionDenied("Publishing is for reviewers and admins, not the post's author.")


def unpublish(session: Session, draft: Draft, user: User, destination: Destination, *, box: SecretBox,
              confirm: bool, adapter: Adapter | None = None, sleep=time.sleep) -> ExportRecord:
    """Take the live post offline on this destination (a draft there), after confirmation."""
    _allowed(user, draft)
    record = _remote_record(session, draft, destination)
    if not confirm:
        raise ValidationError(f"Confirm that the post should go offline on {destination.name}: its public "
                              "address will stop working.", field="confirm")
    adapter = adapter or adapter_for(destination, box)
    now = utcnow()
    claim(session, record, now)
    try:
        current, _ = with_retries(lambda: adapter.fetch(record.remote_id), sleep)
        if current is None:
            raise RemoteGone(f"The post is no longer on {destination.name}: nothing to take offline.")
        result = adapter.unpublish(current) if is_live(current.status) else current
    except ExportError as error:
        fail(session, draft, user, destination, record, error, operation="unpublish")
        raise
    record_result(session, record, result, now=now)
    record.status = "unpublished"
    attempt(session, draft, destination, user, "unpublish", "ok",
            f"Taken offline on {destination.name}: {describe(result)}", record.remote_url)
    _follow(session, draft, user, destination)
    session.commit()
    return record


def _follow(session: Session, draft: Draft, user: User, destination: Destination) -> None:
    """The draft says Published only while some blog shows it."""
    still_live = session.scalar(select(ExportRecord.id).where(
        ExportRecord.draft_id == draft.id, ExportRecord.status == "published").limit(1))
    if draft.status is DraftStatus.PUBLISHED and still_live is None:
        workflow.act(session, draft, user, Action.UNPUBLISH, note=f"Taken offline on {destination.name}.",
                     override_reason="" if workflow.may(user, draft, Action.UNPUBLISH) else "Unpublished by an admin")


@dataclass(frozen=True)
class Collision:
    destination: str
    remote_url: str
    remote_status: str
    diff_html: str  # escaped HTML with <ins>/<del>: Ghost's text against Byline's last push
    inserted_words: int
    deleted_words: int


def collision(session: Session, draft: Draft, destination: Destination, *, box: SecretBox,
              adapter: Adapter | None = None) -> Collision:
    """What changed on the blog since Byline last pushed the post."""
    record = _remote_record(session, draft, destination)
    if record.status != "conflict":
        raise ValidationError(f"There is no edit collision on {destination.name} to resolve.")
    current = (adapter or adapter_for(destination, box)).fetch(record.remote_id)
    if current is None:
        raise RemoteGone(f"The post is no longer on {destination.name}. Publish it as a new post.")
    ops = word_diff(text_of(record.pushed_html), text_of(current.extra.get("html", "")))
    stats = diff_stats(ops)
    return Collision(destination.name, record.remote_url, current.status, diff_html(ops),
                     stats.inserted_words, stats.deleted_words)


def resolve_collision(session: Session, draft: Draft, user: User, destination: Destination, *,
                      box: SecretBox, choice: str, adapter: Adapter | None = None,
                      sleep=time.sleep) -> ExportRecord:
    """overwrite: push Byline's version over Ghost's; keep: accept Ghost's as it is;
    new: publish Byline's version as a second post (Ghost's stays as it is)."""
    _allowed(user, draft)
    if choice not in CHOICES:
        raise ValidationError("Choose to overwrite, keep the blog's version, or publish as a new post.")
    record = _remote_record(session, draft, destination)
    if record.status != "conflict":
        raise ValidationError(f"There is no edit collision on {destination.name} to resolve.")
    adapter = adapter or adapter_for(destination, box)
    if choice == "new":
        return publish(session, draft, user, destination, box=box, adapter=adapter, sleep=sleep, recreate=True)
    current, _ = with_retries(lambda: adapter.fetch(record.remote_id), sleep)
    if current is None:
        raise RemoteGone(f"The post is no longer on {destination.name}. Publish it as a new post.")
    now = utcnow()
    if choice == "keep":
        claim(session, record, now)
        record_result(session, record, current, now=now, pushed_html=current.extra.get("html", ""))
        attempt(session, draft, destination, user, "keep", "ok",
                f"Kept the version edited on {destination.name}; Byline's changes were not sent.",
                record.remote_url)
        session.commit()
        return record
    # overwrite: the collision is acknowledged by taking the blog's current updated_at.
    record.remote_updated_at = current.updated_at
    record.status = "published" if is_live(current.status) else "remote_draft"
    session.commit()
    return publish(session, draft, user, destination, box=box, adapter=adapter, sleep=sleep,
                   mode="publish" if is_live(current.status) else "remote_draft")


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "br",
              "hr", "figure", "table", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html: str) -> str:
    """The readable text of a post's HTML, one block a line (for the collision diff)."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line) + "\n"
