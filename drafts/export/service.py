"""Publishing use cases: once only, updates never duplicate, nothing lost on failure.

Each (draft, destination) pair has one ExportRecord (see records.py) holding the
remote id and URL. Publishing again updates that remote post, after reading its
current state on the blog. The HTTP calls run outside any open transaction; their
results are recorded afterwards. Unpublishing and edit collisions are in
lifecycle.py, schedules in scheduling.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import DomainError, PermissionDenied, ValidationError
from drafts.export import authors, media_upload, registry
from drafts.export.base import (
    Adapter,
    ExportError,
    Post,
    RemoteGone,
    RemotePost,
)
from drafts.export.markdown_safe import export_markdown
from drafts.export.records import (  # noqa: F401  (re-exported for callers)
    CLAIM_FOR,
    ExportBusy,
    attempt,
    claim,
    describe,
    fail,
    history,
    record_for,
    record_result,
    records,
    release,
    with_retries,
)
from drafts.export.remote_state import TRASHED, is_live
from drafts.media import ImageStore
from drafts.models import (
    Destination,
    Draft,
    DraftStatus,
    ExportRecord,
    Role,
    User,
    utcnow,
)
from drafts.permissions import is_reviewer_of
from drafts.rendering import markdown_to_html
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.secrets import SecretBox, SecretUnreadable

PUBLISHABLE = {DraftStatus.APPROVED, DraftStatus.SCHEDULED, DraftStatus.PUBLISHED}
MODES = ("publish", "remote_draft")


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:80].strip("-") or "post"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone {name!r}. Pick one from the list.", field="timezone") from None


def post_from_draft(draft: Draft, *, status: str, publish_at: datetime | None = None,
                    timezone: str = "UTC", slug: str = "", author_name: str = "",
                    remote_author_id: str = "") -> Post:
    return Post(
        title=draft.title or "Untitled", slug=slug or slugify(draft.title),
        html=markdown_to_html(draft.body, link_rel=None),
        markdown=export_markdown(draft.body), excerpt=draft.excerpt, tags=tuple(draft.tag_names), status=status,
        publish_at=publish_at, timezone=timezone, author_name=author_name,
        remote_author_id=remote_author_id,
    )


def destinations(session: Session, *, active_only: bool = True) -> list[Destination]:
    query = select(Destination).order_by(Destination.name)
    if active_only:
        query = query.where(Destination.active.is_(True))
    return list(session.scalars(query))


def clean_settings(kind: str, name: str, settings: dict) -> tuple[str, dict]:
    """The destination's name and settings, checked: a ValidationError names what to fix."""
    spec = registry.spec(kind)
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give the destination a name, like “Company blog”.", field="name")
    clean = {}
    for field in spec.fields:
        value = str(settings.get(field.name, "") or "").strip()
        if field.required and not value:
            raise ValidationError(f"Enter the {field.label.lower()}.", field=field.name)
        if field.url and value and not value.startswith(("http://", "https://")):
            raise ValidationError(f"The {field.label.lower()} must start with https:// (or http://).",
                                  field=field.name)
        if field.choices and value.lower() not in field.choices:
            names = [c.capitalize() for c in field.choices]
            raise ValidationError(f"Choose the {field.label.lower()}: {', '.join(names[:-1])} or {names[-1]}.",
                                  field=field.name)
        clean[field.name] = value.rstrip("/") if field.url else (value.lower() if field.choices else value)
    return name[:120], clean


def secret_hint(secret: str) -> str:
    secret = secret.strip()
    return f"…{secret[-4:]}" if len(secret) >= 12 else ("set" if secret else "")


def add_destination(session: Session, user: User, *, kind: str, name: str, settings: dict,
                    secret: str, box: SecretBox) -> Destination:
    spec = registry.spec(kind)
    name, clean = clean_settings(kind, name, settings)
    if spec.secret_label and not secret.strip():
        raise ValidationError(f"Enter the {spec.secret_label.lower()}.", field="secret")
    destination = Destination(
        kind=kind, name=name, settings_json=json.dumps(clean),
        secret_encrypted=box.encrypt(secret.strip()) if secret else "",
        secret_hint=secret_hint(secret), created_by_id=user.id,
    )
    session.add(destination)
    session.flush()
    return destination


def adapter_for(destination: Destination, box: SecretBox) -> Adapter:
    return registry.build(destination.kind, json.loads(destination.settings_json or "{}"),
                          box.decrypt(destination.secret_encrypted))


def check(session: Session, destination: Destination, user: User, box: SecretBox) -> str:
    """Test connection: a sentence either way; never raises ExportError."""
    if destination.kind == "static":
        return "Static-site files are downloaded; there is nothing to connect to."
    try:
        adapter = adapter_for(destination, box)
        sentence = adapter.check()
        return " ".join([sentence, *authors.check_sentences(session, destination, adapter)])
    except (ExportError, SecretUnreadable) as error:
        return f"Connection failed: {error.message}"


def may_publish(user: User, draft: Draft) -> bool:
    """Publishing, scheduling and unpublishing are for the draft's reviewers and admins."""
    return is_reviewer_of(user, draft) or user.has_role(Role.ADMIN)


class StaysLive(ValidationError):
    """A push that would take a live post offline; only Unpublish does that."""


def publish(
    session: Session, draft: Draft, user: User, destination: Destination, *, box: SecretBox,
    mode: str = "publish", timezone: str = "UTC", adapter: Adapter | None = None,
    sleep=time.sleep, now: datetime | None = None, recreate: bool = False,
    images: ImageStore | None = None,
) -> ExportRecord:
    """Push the draft to the destination: create it once, update it ever after.

    No date is sent: a new post is dated by the blog when it goes live ("now" by the blog's
    clock), and an update keeps the post's date (changed only on the blog, on purpose).
    Byline records the status and date the blog reports, and says Published only when the
    blog says the post is live."""
    now = now or utcnow()
    if mode not in MODES:
        raise ValidationError("Choose to publish now or to push as a remote draft.")
    if destination.kind == "static":
        raise ValidationError("Static-site destinations are downloaded, not published.")
    if not destination.active:
        raise ValidationError(f"{destination.name} is switched off. Ask an admin to switch it on, or "
                              "choose another destination.")
    if draft.status not in PUBLISHABLE:
        raise PermissionDenied("Only approved drafts can be published. Send it for review first.")
    if not may_publish(user, draft):
        raise PermissionDenied("Publishing is for reviewers and admins, not the post's author.")
    zone(timezone)
    adapter = adapter or adapter_for(destination, box)
    record = record_for(session, draft, destination)
    byline = authors.resolve(session, destination, draft.author, adapter)  # whose name it carries
    # Rendered before the claim: a post over the rendering budget fails here, unclaimed.
    post = post_from_draft(draft, status="publish" if mode == "publish" else "draft",
                           timezone=timezone, slug=record.slug,
                           author_name=draft.author.name if draft.author else "",
                           remote_author_id=byline.remote_id)
    claim(session, record, now)
    try:
        post = media_upload.upload_images(session, adapter, destination, draft, post, images)
        result, operation, tries = _push(adapter, record, post, sleep, recreate, destination.name)
    except ExportError as error:
        fail(session, draft, user, destination, record, error)
        raise
    except DomainError:
        session.rollback()
        release(session, record)
        session.commit()
        raise
    record_result(session, record, result, now=now, pushed_html=post.html)
    record.failures = 0
    live = record.status == "published"
    said = describe(result)
    _say = ("Published: " if live else "Pushed as a draft: " if mode == "remote_draft"
            else "Sent, but not live: ")
    attempt(session, draft, destination, user, operation, "ok", _say + said, record.remote_url, tries)
    if live and draft.status is not DraftStatus.PUBLISHED:
        workflow.act(session, draft, user, Action.PUBLISH,
                     override_reason="" if workflow.may(user, draft, Action.PUBLISH) else "Published by an admin")
    session.commit()
    return record


def _push(adapter: Adapter, record: ExportRecord, post: Post, sleep, recreate: bool, where: str):
    if record.remote_id and (not recreate or record.status == "gone"):
        current, _ = with_retries(lambda: adapter.fetch(record.remote_id), sleep)
        if current is None or current.status == TRASHED:
            if not recreate:
                raise _gone(current, where)
        else:  # there (again): update it, never take it offline by the way
            if post.status == "draft" and is_live(current.status):
                raise StaysLive(f"This post is live on {where}. Pushing it as a remote draft would take it "
                                "offline, so Byline did not. To change the live post, use Update the post; "
                                "to take it offline, use Unpublish.")
            remote = RemotePost(record.remote_id, record.remote_url, current.status, record.remote_updated_at)
            post = _at_its_address(post, current)
            result, tries = with_retries(lambda: adapter.update(remote, post), sleep)
            return result, "update", tries
    # A create may have reached the blog before an earlier failure: find it, never duplicate it.
    state = {"uncertain": not recreate and (record.status in ("failed", "unknown") or record.failures > 0)}
    old_id = record.remote_id if recreate else ""

    def create() -> tuple[RemotePost, str]:
        if state["uncertain"]:
            found = _ours(_candidates(adapter, post.slug), post, old_id)
            if found is not None:  # it landed after all: adopt it, at the address it has
                return adapter.update(found, _at_its_address(post, found)), "create"
        try:
            return adapter.create(post), "create"
        except ExportError as error:
            state["uncertain"] = state["uncertain"] or error.maybe_saved
            raise

    (result, operation), tries = with_retries(create, sleep)
    return result, operation, tries


def _gone(current: RemotePost | None, where: str) -> RemoteGone:
    if current is None:
        return RemoteGone(f"The post was deleted on {where}. Byline did not re-create it: choose "
                          "Publish as a new post, or leave it off the blog.", status=404)
    return RemoteGone(f"The post was moved to the trash on {where}. Byline did not bring it back: "
                      "choose Publish as a new post, or restore it from the trash on the blog and "
                      "publish again.", status=410)


def _at_its_address(post: Post, remote: RemotePost) -> Post:
    """The post with the slug the blog has now: an update never moves it to a new address."""
    slug = str((remote.extra or {}).get("slug") or "")
    return dataclasses.replace(post, slug=slug) if slug and not slug.endswith("__trashed") else post


def _candidates(adapter: Adapter, slug: str) -> list[RemotePost]:
    finder = getattr(adapter, "find_candidates", None)
    if finder is not None:
        return finder(slug)
    found = adapter.find_by_slug(slug)
    return [found] if found is not None else []


def _ours(candidates: list[RemotePost], post: Post, not_id: str = "") -> RemotePost | None:
    """The newest post found by slug that looks like ours (same title where the blog says):
    another post may hold the slug, and then ours carries "slug-2"."""
    for found in reversed(candidates):
        if not_id and found.remote_id == not_id:
            continue
        title = found.extra.get("title") if found.extra else None
        if title in (None, post.title):
            return found
    return None


def outcome_sentence(record: ExportRecord, destination: Destination) -> str:
    """What the person sees after a push: what the blog says, never what Byline assumed."""
    when = f", dated {record.remote_date:%d %b %Y %H:%M} UTC" if record.remote_date else ""
    if record.status == "published":
        return f"Published on {destination.name}{when}: {record.remote_url}"
    if record.status == "remote_draft":
        return f"Pushed as a draft on {destination.name}; it is not public."
    return (f"Sent to {destination.name}, but the blog reports the post as “{record.remote_status}”{when}, "
            "not live. Check it on the blog.")
