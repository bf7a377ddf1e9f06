"""Briefs: marketing asks an author for a post by a date; the author drafts from it in one click.

A brief keeps its points to cover; while writing, the author ticks them off beside the draft.
Moving the due date (or renaming the brief) bumps `sequence`, which the calendar feed sends
as SEQUENCE so calendar apps replace the old entry, and clears the reminder so the author is
reminded again before the new date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from drafts.errors import NotFound, PermissionDenied, ValidationError
from drafts.models import Brief, BriefPoint, Draft, Idea, Role, User, utcnow
from drafts.planning.ideas import IdeaFields, destination_or_none
from drafts.planning.text import clean, points
from drafts.writing import editing


@dataclass(frozen=True)
class BriefFields(IdeaFields):
    """An idea's fields, plus who writes it, by when, and what it must cover."""

    author_id: int | None = None
    due_on: date | None = None
    points: list[str] = field(default_factory=list)


def may_assign(user: User) -> bool:
    """Marketing (reviewers) and admins turn ideas into briefs."""
    return user.has_role(Role.REVIEWER, Role.ADMIN)


def may_see(user: User, brief: Brief) -> bool:
    return brief.author_id == user.id or user.has_role(Role.REVIEWER, Role.ADMIN)


def _author(session: Session, author_id: int | None) -> User:
    author = session.get(User, author_id) if author_id else None
    if author is None or not author.active or not author.has_role(Role.AUTHOR):
        raise ValidationError("Choose an active author to write it.", field="author_id")
    return author


def create_brief(session: Session, user: User, fields: BriefFields, *, idea: Idea | None = None,
                 today: date | None = None) -> Brief:
    if not may_assign(user):
        raise PermissionDenied("Briefs are set by marketing (reviewers) and admins.")
    today = today or utcnow().date()
    if fields.due_on is None:
        raise ValidationError("Pick the date the post is due.", field="due_on")
    if fields.due_on < today:
        raise ValidationError("Pick a due date from today on.", field="due_on")
    destination = destination_or_none(session, fields.destination_id)
    brief = Brief(
        idea_id=idea.id if idea else None,
        title=clean(fields.title, "title", 300, required="Give the brief a working title."),
        angle=clean(fields.angle, "angle", 5000), audience=clean(fields.audience, "audience", 200),
        notes=clean(fields.notes, "notes", 10_000), destination_id=destination.id if destination else None,
        author_id=_author(session, fields.author_id).id, created_by_id=user.id, due_on=fields.due_on,
    )
    brief.points = [BriefPoint(position=i, text=text) for i, text in enumerate(points(fields.points))]
    session.add(brief)
    if idea is not None and idea.archived_at is None:
        idea.archived_at = utcnow()  # the idea became work: off the ideas list, kept on the brief
    session.flush()
    return brief


def update_brief(session: Session, brief: Brief, user: User, fields: BriefFields, *,
                 today: date | None = None) -> None:
    """Change what a brief asks for. Points kept by their text keep their ticks."""
    if not may_assign(user):
        raise PermissionDenied("Only marketing and admins change a brief.")
    title = clean(fields.title, "title", 300, required="Give the brief a working title.")
    author = _author(session, fields.author_id)
    destination = destination_or_none(session, fields.destination_id)
    wanted = points(fields.points)
    if fields.due_on is None:
        raise ValidationError("Pick the date the post is due.", field="due_on")
    if author.id != brief.author_id and brief.draft_id is not None:
        raise ValidationError(f"{brief.author.name} has started the draft, so the brief stays theirs. "
                              "Archive it and set a new brief for someone else.", field="author_id")
    if (title, author.id) != (brief.title, brief.author_id):
        brief.sequence += 1  # the feed's summary (or whose feed it is in) changes
        brief.reminded_at = None if author.id != brief.author_id else brief.reminded_at
    if fields.due_on != brief.due_on:
        set_due(session, brief, user, fields.due_on, today=today)
    brief.title, brief.author_id = title, author.id
    brief.angle = clean(fields.angle, "angle", 5000)
    brief.audience = clean(fields.audience, "audience", 200)
    brief.notes = clean(fields.notes, "notes", 10_000)
    brief.destination_id = destination.id if destination else None
    kept = {p.text: p for p in brief.points}
    brief.points = [kept.pop(text, None) or BriefPoint(text=text) for text in wanted]
    for position, point in enumerate(brief.points):
        point.position = position
    brief.updated_at = utcnow()
    session.flush()


def get_brief(session: Session, brief_id: int, user: User) -> Brief:
    brief = session.get(Brief, brief_id)
    if brief is None or not may_see(user, brief):
        raise NotFound("That brief does not exist, or it is not yours to see.")
    return brief


def list_briefs(session: Session, user: User, *, set_by_me: bool = False) -> list[Brief]:
    """Open briefs (no archived ones) by due date: an author's own; for marketing everyone's,
    or those they set."""
    query = (select(Brief).where(Brief.archived_at.is_(None)).order_by(Brief.due_on, Brief.id)
             .options(selectinload(Brief.author), selectinload(Brief.draft)))
    if not user.has_role(Role.REVIEWER, Role.ADMIN):
        query = query.where(Brief.author_id == user.id)
    elif set_by_me:
        query = query.where(Brief.created_by_id == user.id)
    return list(session.scalars(query))


def for_draft(session: Session, draft: Draft) -> Brief | None:
    return session.scalar(select(Brief).where(Brief.draft_id == draft.id))


def set_due(session: Session, brief: Brief, user: User, due_on: date, *, today: date | None = None) -> None:
    if not may_assign(user):
        raise PermissionDenied("Only marketing and admins move a brief's due date.")
    if due_on < (today or utcnow().date()):
        raise ValidationError("Pick a due date from today on.", field="due_on")
    if due_on != brief.due_on:
        brief.due_on, brief.reminded_at = due_on, None
        brief.sequence += 1
        brief.updated_at = utcnow()
    session.flush()


def start_draft(session: Session, brief: Brief, user: User) -> Draft:
    """The author's one click: a draft with the brief's title, linked to the brief."""
    if brief.author_id != user.id:
        raise PermissionDenied("Only the author the brief is assigned to starts its draft.")
    if brief.draft_id is not None:
        existing = session.get(Draft, brief.draft_id)
        if existing is not None and existing.trashed_at is None:
            return existing  # a second click opens the same draft
    draft = editing.create_draft(session, user, editing.DraftInput.from_raw(title=brief.title))
    brief.draft_id = draft.id
    brief.updated_at = utcnow()
    try:
        session.flush()
    except IntegrityError:  # two clicks at once: the other one linked its draft first
        session.rollback()
        raise ValidationError("This brief's draft was just started. Reload to open it.") from None
    return draft


def tick(session: Session, brief: Brief, user: User, point_id: int, done: bool) -> BriefPoint:
    """Mark one point covered (or not). The brief's author, marketing and admins may."""
    if not may_see(user, brief):
        raise NotFound("That brief does not exist, or it is not yours to see.")
    point = next((p for p in brief.points if p.id == point_id), None)
    if point is None:
        raise NotFound("That point is not on this brief any more. Reload the page.")
    if done and point.done_at is None:
        point.done_at, point.done_by_id = utcnow(), user.id
    elif not done:
        point.done_at, point.done_by_id = None, None
    session.flush()
    return point


def archive(session: Session, brief: Brief, user: User) -> None:
    if not may_assign(user):
        raise PermissionDenied("Only marketing and admins archive briefs.")
    brief.archived_at = utcnow()
    session.flush()
