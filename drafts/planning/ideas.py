"""Ideas: anyone adds one, anyone votes (one vote each, again to take it back), they get archived."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from drafts.errors import NotFound, PermissionDenied
from drafts.models import Destination, Idea, IdeaVote, Role, User, utcnow
from drafts.planning.text import clean


@dataclass(frozen=True)
class IdeaFields:
    title: str = ""
    angle: str = ""
    audience: str = ""
    destination_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class IdeaRow:
    idea: Idea
    votes: int
    voted: bool  # by the person looking


def destination_or_none(session: Session, destination_id: int | None) -> Destination | None:
    if not destination_id:
        return None
    destination = session.get(Destination, destination_id)
    if destination is None:
        raise NotFound("That destination does not exist any more. Choose another one.")
    return destination


def add_idea(session: Session, user: User, fields: IdeaFields) -> Idea:
    idea = Idea(
        title=clean(fields.title, "working_title", 300, required="Give the idea a working title."),
        angle=clean(fields.angle, "angle", 5000), audience=clean(fields.audience, "audience", 200),
        notes=clean(fields.notes, "notes", 10_000), created_by_id=user.id,
        destination_id=(d.id if (d := destination_or_none(session, fields.destination_id)) else None),
    )
    session.add(idea)
    session.flush()
    return idea


def get_idea(session: Session, idea_id: int) -> Idea:
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise NotFound("That idea does not exist.")
    return idea


def list_ideas(session: Session, user: User, *, archived: bool = False) -> list[IdeaRow]:
    """Most votes first, then newest; with whether this person voted."""
    votes = (select(IdeaVote.idea_id, func.count().label("n")).group_by(IdeaVote.idea_id).subquery())
    mine = set(session.scalars(select(IdeaVote.idea_id).where(IdeaVote.user_id == user.id)))
    rows = session.execute(
        select(Idea, func.coalesce(votes.c.n, 0)).outerjoin(votes, votes.c.idea_id == Idea.id)
        .where(Idea.archived_at.is_not(None) if archived else Idea.archived_at.is_(None))
        .order_by(func.coalesce(votes.c.n, 0).desc(), Idea.created_at.desc(), Idea.id.desc())
        .options(selectinload(Idea.created_by), selectinload(Idea.destination))
    )
    return [IdeaRow(idea, count, idea.id in mine) for idea, count in rows]


def toggle_vote(session: Session, idea: Idea, user: User) -> bool:
    """Vote, or take the vote back. Returns whether the person now votes for it."""
    removed = session.execute(delete(IdeaVote).where(
        IdeaVote.idea_id == idea.id, IdeaVote.user_id == user.id)).rowcount
    if removed:
        return False
    try:
        with session.begin_nested():  # a double click's second request may insert first
            session.add(IdeaVote(idea_id=idea.id, user_id=user.id))
    except IntegrityError:
        pass  # the vote is there either way
    return True


def may_archive(user: User, idea: Idea) -> bool:
    return idea.created_by_id == user.id or user.has_role(Role.REVIEWER, Role.ADMIN)


def set_archived(session: Session, idea: Idea, user: User, archived: bool) -> None:
    if not may_archive(user, idea):
        raise PermissionDenied("Only the person who added an idea, marketing or an admin can archive it.")
    idea.archived_at = utcnow() if archived else None
    session.flush()
