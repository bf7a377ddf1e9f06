"""Publishing use cases: once only, updates never duplicate, nothing lost on failure.

Each (draft, destination) pair has one ExportRecord holding the remote id and
URL. Publishing again updates that remote post. A publish first *claims* the
record with a conditional UPDATE committed on its own, so two clicks, two
workers or two cron runs cannot push the same post at once. The HTTP calls
run outside any open transaction; their results are recorded afterwards.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from drafts import workflow
from drafts.errors import DomainError, PermissionDenied, ValidationError
from drafts.export import registry
from drafts.export.base import (
    Adapter,
    ExportError,
    Post,
    RemoteConflict,
    RemoteGone,
    RemotePost,
    Timeout,
)
from drafts.models import (
    Destination,
    Draft,
    DraftStatus,
    ExportAttempt,
    ExportRecord,
    Role,
    User,
    utcnow,
)
from drafts.permissions import is_reviewer_of
from drafts.rendering import markdown_for_export, markdown_to_html
from drafts.secrets import SecretBox
from drafts.workflow import Action

CLAIM_FOR = timedelta(minutes=5)
PUBLISHABLE = {DraftStatus.APPROVED, DraftStatus.SCHEDULED, DraftStatus.PUBLISHED}
MODES = ("publish", "remote_draft")


class ExportBusy(DomainError):
    pass


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
                    timezone: str = "UTC", slug: str = "", author_name: str = "") -> Post:
    return Post(
        title=draft.title or "Untitled", slug=slug or slugify(draft.title), html=markdown_to_html(draft.body),
        markdown=markdown_for_export(draft.body), excerpt=draft.excerpt, tags=tuple(draft.tag_names), status=status,
        publish_at=publish_at, timezone=timezone, author_name=author_name,
    )


def destinations(session: Session, *, active_only: bool = True) -> list[Destination]:
    query = select(Destination).order_by(Destination.name)
    if active_only:
        query = query.where(Destination.active.is_(True))
    return list(session.scalars(query))


def add_destination(session: Session, user: User, *, kind: str, name: str, settings: dict,
                    secret: str, box: SecretBox) -> Destination:
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
        if field.choices:
            value = value.lower()
            if value not in field.choices:
                raise ValidationError(f"Choose the {field.label.lower()} from the list: "
                                      f"{', '.join(field.choices)}.", field=field.name)
        clean[field.name] = value.rstrip("/") if field.url else value
    if spec.secret_label and not secret.strip():
        raise ValidationError(f"Enter the {spec.secret_label.lower()}.", field="secret")
    destination = Destination(
        kind=kind, name=name[:120], settings_json=json.dumps(clean),
        secret_encrypted=box.encrypt(secret.strip()) if secret else "",
        secret_hint=f"…{secret.strip()[-4:]}" if len(secret.strip()) >= 12 else ("set" if secret else ""),
        created_by_id=user.id,
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
        return adapter_for(destination, box).check()
    except ExportError as error:
        return f"Connection failed: {error.message}"


def record_for(session: Session, draft: Draft, destination: Destination) -> ExportRecord:
    record = session.scalar(select(ExportRecord).where(
        ExportRecord.draft_id == draft.id, ExportRecord.destination_id == destination.id))
    if record is None:
        record = ExportRecord(draft_id=draft.id, destination_id=destination.id, slug=slugify(draft.title))
        session.add(record)
        session.flush()
    return record


def _claim(session: Session, record: ExportRecord, now: datetime) -> None:
    claimed = session.execute(
        update(ExportRecord)
        .where(ExportRecord.id == record.id,
               or_(ExportRecord.claimed_until.is_(None), ExportRecord.claimed_until < now))
        .values(claimed_until=now + CLAIM_FOR)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    if claimed != 1:
        raise ExportBusy("This post is being published right now (another click or the scheduler). "
                         "Wait a moment and reload; it will not be published twice.")


def _attempt(session, draft, destination, user, operation, result, message="", url="", tries=1):
    session.add(ExportAttempt(draft_id=draft.id, destination_id=destination.id,
                              user_id=user.id if user else None, operation=operation, result=result,
                              message=message[:500], remote_url=url[:500], attempts=tries))


def _with_retries(call: Callable[[], RemotePost], sleep, tries: int = 3) -> tuple[RemotePost, int]:
    delay = 0.5
    for attempt in range(1, tries + 1):
        try:
            return call(), attempt
        except ExportError as error:
            if not error.retryable or attempt == tries:
                error.attempts = attempt  # type: ignore[attr-defined]
                raise
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def publish(
    session: Session, draft: Draft, user: User, destination: Destination, *, box: SecretBox,
    mode: str = "publish", timezone: str = "UTC", adapter: Adapter | None = None,
    sleep=time.sleep, now: datetime | None = None, recreate: bool = False,
) -> ExportRecord:
    """Push the draft to the destination: create it once, update it ever after."""
    now = now or utcnow()
    if mode not in MODES:
        raise ValidationError("Choose to publish now or to push as a remote draft.")
    if destination.kind == "static":
        raise ValidationError("Static-site destinations are downloaded, not published.")
    if draft.status not in PUBLISHABLE:
        raise PermissionDenied("Only approved drafts can be published. Send it for review first.")
    if not (is_reviewer_of(user, draft) or user.has_role(Role.ADMIN)):
        raise PermissionDenied("Publishing is for reviewers and admins, not the post's author.")
    zone(timezone)
    adapter = adapter or adapter_for(destination, box)
    record = record_for(session, draft, destination)
    # Rendered before the claim: a post over the rendering budget fails here, unclaimed.
    post = post_from_draft(draft, status="publish" if mode == "publish" else "draft",
                           publish_at=record.publish_at or now, timezone=timezone, slug=record.slug,
                           author_name=draft.author.name if draft.author else "")
    _claim(session, record, now)
    try:
        result, operation, tries = _push(adapter, record, post, sleep, recreate)
    except ExportError as error:
        _fail(session, draft, user, destination, record, error)
        raise
    finally:
        record.claimed_until = None
    record.remote_id, record.remote_url = result.remote_id, result.url
    record.remote_updated_at, record.last_error = result.updated_at, ""
    record.status = "published" if mode == "publish" else "remote_draft"
    record.updated_at = utcnow()
    _attempt(session, draft, destination, user, operation, "ok", "Published." if mode == "publish"
             else "Pushed as a draft on the blog.", result.url, tries)
    if mode == "publish" and draft.status is not DraftStatus.PUBLISHED:
        workflow.act(session, draft, user, Action.PUBLISH,
                     override_reason="" if workflow.may(user, draft, Action.PUBLISH) else "Published by an admin")
    session.commit()
    return record


def _push(adapter: Adapter, record: ExportRecord, post: Post, sleep, recreate: bool):
    if record.remote_id and not recreate:
        remote = RemotePost(record.remote_id, record.remote_url, record.status, record.remote_updated_at)
        result, tries = _with_retries(lambda: adapter.update(remote, post), sleep)
        return result, "update", tries
    if record.status in ("failed", "unknown") and not recreate:
        # A create may have reached the blog before the failure: find it, never duplicate it.
        found = _ours(adapter.find_by_slug(post.slug), post)
        if found is not None:
            result, tries = _with_retries(lambda: adapter.update(found, post), sleep)
            return result, "update", tries

    state = {"timed_out": False}

    def create() -> RemotePost:
        if state["timed_out"]:
            found = _ours(adapter.find_by_slug(post.slug), post)
            if found is not None:
                return adapter.update(found, post)
        try:
            return adapter.create(post)
        except Timeout:
            state["timed_out"] = True
            raise

    result, tries = _with_retries(create, sleep)
    return result, "create", tries


def _ours(found: RemotePost | None, post: Post) -> RemotePost | None:
    """Adopt a post found by slug only if it looks like ours: same title where the blog says."""
    if found is None:
        return None
    title = found.extra.get("title") if found.extra else None
    return found if title in (None, post.title) else None


def _fail(session, draft, user, destination, record, error: ExportError) -> None:
    session.rollback()
    record = session.get(ExportRecord, record.id, populate_existing=True)
    if isinstance(error, RemoteGone):
        record.status = "gone"
    elif isinstance(error, RemoteConflict):
        record.status = "conflict"
    elif not record.remote_id:
        record.status = "unknown" if error.retryable else "failed"
    record.last_error = error.message[:500]
    record.claimed_until = None
    _attempt(session, draft, destination, user, "update" if record.remote_id else "create", "error",
             error.message, record.remote_url, getattr(error, "attempts", 1))
    session.commit()


def schedule(session: Session, draft: Draft, user: User, destination: Destination, *,
             when_local: datetime, timezone: str, now: datetime | None = None) -> ExportRecord:
    """Publish later: `flask publish-due` (cron, every minute) pushes it when due."""
    now = now or utcnow()
    when = when_local.replace(tzinfo=zone(timezone)) if when_local.tzinfo is None else when_local
    if when <= now:
        raise ValidationError("Pick a time in the future, or publish now.", field="publish_at")
    if draft.status is not DraftStatus.APPROVED:
        raise PermissionDenied("Only approved drafts can be scheduled.")
    record = record_for(session, draft, destination)
    record.publish_at = when
    record.status = "scheduled"
    workflow.act(session, draft, user, Action.SCHEDULE,
                 note=f"For {when.astimezone(zone(timezone)):%d %b %Y %H:%M} {timezone} on {destination.name}",
                 override_reason="" if workflow.may(user, draft, Action.SCHEDULE) else "Scheduled by an admin")
    _attempt(session, draft, destination, user, "schedule", "ok",
             f"Scheduled for {when.astimezone(zone(timezone)):%d %b %Y %H:%M} ({timezone}).")
    session.flush()
    return record


def due(session: Session, now: datetime) -> list[ExportRecord]:
    return list(session.scalars(
        select(ExportRecord).where(ExportRecord.status == "scheduled", ExportRecord.publish_at <= now)
        .order_by(ExportRecord.publish_at)
    ))


def publish_due(session: Session, box: SecretBox, *, now: datetime | None = None,
                sleep=time.sleep, adapters: Callable[[Destination], Adapter] | None = None) -> list[str]:
    """Publish what is due. Safe from cron every minute and with two copies running at once."""
    now = now or utcnow()
    lines = []
    for record in due(session, now):
        draft = session.get(Draft, record.draft_id)
        scheduler = _scheduler_of(session, draft)
        try:
            publish(session, draft, scheduler, record.destination, box=box, mode="publish", sleep=sleep,
                    adapter=adapters(record.destination) if adapters else None, now=now)
            lines.append(f"Published “{draft.display_title}” to {record.destination.name}.")
        except ExportBusy:
            session.rollback()
            lines.append(f"Skipped “{draft.display_title}”: another run is publishing it.")
        except (ExportError, DomainError) as error:
            session.rollback()
            lines.append(f"Failed “{draft.display_title}” on {record.destination.name}: {error.message}")
    return lines


def _scheduler_of(session: Session, draft: Draft) -> User:
    step = workflow.last_transition(session, draft, Action.SCHEDULE)
    return session.get(User, step.actor_id) if step else session.get(User, draft.author_id)


def history(session: Session, draft: Draft) -> list[ExportAttempt]:
    return list(session.scalars(
        select(ExportAttempt).where(ExportAttempt.draft_id == draft.id).order_by(ExportAttempt.id.desc())
    ))


def records(session: Session, draft: Draft) -> list[ExportRecord]:
    return list(session.scalars(select(ExportRecord).where(ExportRecord.draft_id == draft.id)))
