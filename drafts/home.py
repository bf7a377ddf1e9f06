"""What each person sees first: one section per role they hold, with counts.

A reviewer's work is the queue, an author's their drafts, an admin's the
team. `landing` says where a person with a single role goes straight away;
`summary` counts what a multi-role (or admin) home page shows, in a fixed
number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts.models import Draft, DraftStatus, Role, User

S = DraftStatus


@dataclass(frozen=True)
class Line:
    """One count on the home page: "Waiting for your review: 3", with where it leads."""

    label: str
    count: int
    # (endpoint, query args) the line links to; the web layer builds the URL.
    endpoint: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    role: Role
    title: str
    lines: tuple[Line, ...]


def landing(user: User) -> str:
    """"queue", "drafts" or "home": where this person lands after sign-in."""
    roles = user.role_names
    if roles == {Role.REVIEWER.value}:
        return "queue"
    if roles == {Role.AUTHOR.value}:
        return "drafts"
    return "home"


def paces(session: Session, user: User, tz_name: str = "", *, own_only: bool = False) -> list:
    """Cadence: every author's pace for marketing and admins, an author's own for them."""
    from drafts.planning import cadence

    if user.has_role(Role.REVIEWER, Role.ADMIN) and not own_only:
        return cadence.paces(session, tz_name=tz_name)
    if user.has_role(Role.AUTHOR):
        return cadence.paces(session, tz_name=tz_name, only=user)
    return []


def _counts_by_status(session: Session, *where) -> dict[DraftStatus, int]:
    rows = session.execute(
        select(Draft.status, func.count()).where(Draft.trashed_at.is_(None), *where)
        .group_by(Draft.status)
    )
    return {status: count for status, count in rows}


def summary(session: Session, user: User) -> list[Section]:
    """The sections of this person's home page, in the order reviewer, author, admin."""
    sections: list[Section] = []
    if user.has_role(Role.REVIEWER):
        waiting = session.scalar(
            select(func.count()).select_from(Draft).where(
                Draft.trashed_at.is_(None), Draft.status == S.IN_REVIEW, Draft.author_id != user.id,
            )
        ) or 0
        mine = session.scalar(
            select(func.count()).select_from(Draft).where(
                Draft.trashed_at.is_(None), Draft.status == S.IN_REVIEW, Draft.assignee_id == user.id,
            )
        ) or 0
        sections.append(Section(Role.REVIEWER, "Reviewing", (
            Line("Waiting for your review", waiting, "review.queue_page", (("status", "in_review"),)),
            Line("Assigned to you", mine, "review.queue_page", (("mine", "1"),)),
        )))
    if user.has_role(Role.AUTHOR):
        own = _counts_by_status(session, Draft.author_id == user.id)
        sections.append(Section(Role.AUTHOR, "Writing", tuple(
            Line(label, own.get(status, 0), "editor.index", (("status", status.value),))
            for label, status in (
                ("Your drafts needing changes", S.CHANGES_REQUESTED),
                ("Your drafts in review", S.IN_REVIEW),
                ("Your drafts approved", S.APPROVED),
                ("Your drafts not yet submitted", S.DRAFT),
                ("Your posts published", S.PUBLISHED),
            )
        )))
    if user.has_role(Role.ADMIN):
        team = _counts_by_status(session)
        people = session.scalar(
            select(func.count()).select_from(User).where(User.active.is_(True))
        ) or 0
        sections.append(Section(Role.ADMIN, "Team overview", (
            Line("People with an active account", people, "admin.users"),
            Line("Drafts in review across the team", team.get(S.IN_REVIEW, 0) + team.get(
                S.CHANGES_REQUESTED, 0), "review.queue_page"),
            Line("Posts scheduled", team.get(S.SCHEDULED, 0), "review.queue_page",
                 (("status", "scheduled"),)),
            Line("Posts published", team.get(S.PUBLISHED, 0), "review.queue_page",
                 (("status", "published"),)),
        )))
    return sections
