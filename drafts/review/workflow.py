"""The review workflow: states, the transition table, and who may move a draft.

Every path (form, JSON, CLI) goes through `act()`, which checks the table and
the roles on the server, records a Transition (who, when, from, to, note) and
notifies the people concerned. Two reviewers acting at once cannot both win:
the draft row carries a version, and the second UPDATE matches no row.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from drafts import coach
from drafts.errors import DomainError, PermissionDenied, ValidationError
from drafts.export import pending
from drafts.metrics import cycle
from drafts.models import Draft, DraftStatus, Revision, Role, Transition, User, UserRole, utcnow
from drafts.review import notifications

S = DraftStatus


class Action(str, enum.Enum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    CLAIM = "claim"
    ASSIGN = "assign"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"  # only through the publishing panel's Unpublish, which takes it offline
    EDIT = "edit"  # an edit to an approved or published post sends it back to review
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"

    @property
    def label(self) -> str:
        return {
            "submit": "Submitted for review", "withdraw": "Withdrawn from review",
            "claim": "Claimed", "assign": "Assigned", "request_changes": "Requested changes",
            "approve": "Approved", "schedule": "Scheduled", "unschedule": "Unscheduled",
            "publish": "Published", "unpublish": "Unpublished", "edit": "Edited after approval: back to review",
            "archive": "Archived", "unarchive": "Restored from the archive",
        }[self.value]


# (from state, action) -> to state. Anything not here is refused.
TRANSITIONS: dict[tuple[DraftStatus, Action], DraftStatus] = {
    (S.DRAFT, Action.SUBMIT): S.IN_REVIEW,
    (S.CHANGES_REQUESTED, Action.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, Action.WITHDRAW): S.DRAFT,
    (S.IN_REVIEW, Action.CLAIM): S.IN_REVIEW,
    (S.IN_REVIEW, Action.ASSIGN): S.IN_REVIEW,
    (S.IN_REVIEW, Action.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.IN_REVIEW, Action.APPROVE): S.APPROVED,
    (S.APPROVED, Action.SCHEDULE): S.SCHEDULED,
    (S.SCHEDULED, Action.UNSCHEDULE): S.APPROVED,
    (S.APPROVED, Action.PUBLISH): S.PUBLISHED,
    (S.SCHEDULED, Action.PUBLISH): S.PUBLISHED,
    (S.PUBLISHED, Action.UNPUBLISH): S.APPROVED,
    (S.APPROVED, Action.EDIT): S.IN_REVIEW,
    (S.SCHEDULED, Action.EDIT): S.IN_REVIEW,
    (S.PUBLISHED, Action.EDIT): S.IN_REVIEW,
    **{(state, Action.ARCHIVE): S.ARCHIVED for state in S if state is not S.ARCHIVED},
    (S.ARCHIVED, Action.UNARCHIVE): S.DRAFT,
}

# Who may take each action: "owner" (the draft's author), "reviewer" (a reviewer
# who is not the author: nobody reviews their own post), or "system".
ALLOWED: dict[Action, str] = {
    Action.SUBMIT: "owner", Action.WITHDRAW: "owner", Action.ARCHIVE: "owner",
    Action.UNARCHIVE: "owner", Action.CLAIM: "reviewer", Action.ASSIGN: "reviewer",
    Action.REQUEST_CHANGES: "reviewer", Action.APPROVE: "reviewer", Action.SCHEDULE: "reviewer",
    Action.UNSCHEDULE: "reviewer", Action.PUBLISH: "reviewer", Action.UNPUBLISH: "reviewer",
    Action.EDIT: "system",
}
# Steps that happen as a consequence of something else (an edit, taking the post offline on
# the blog): never offered as buttons of their own, refused from the review form and the CLI.
SYSTEM_ONLY = frozenset({Action.EDIT, Action.UNPUBLISH})
# The text is scored at these steps (readability at first submission against at approval).
SCORED = frozenset({Action.SUBMIT, Action.APPROVE})
# While a draft is in one of these states, its scheduled publishes stay pending.
KEEPS_SCHEDULES = frozenset({S.SCHEDULED, S.PUBLISHED})


class WorkflowConflict(DomainError):
    """Someone else moved the draft first."""


class GateFailed(DomainError):
    def __init__(self, unmet: list[str]) -> None:
        super().__init__(
            "This draft cannot be submitted yet. Fix these first: " + "; ".join(unmet) + "."
        )
        self.unmet = unmet


@dataclass(frozen=True)
class Outcome:
    transition: Transition
    notified: list


def _is_reviewer(user: User, draft: Draft) -> bool:
    return user.has_role(Role.REVIEWER) and user.id != draft.author_id


def may(user: User, draft: Draft, action: Action) -> bool:
    """Allowed without an admin override, and the table has the move."""
    if (draft.status, action) not in TRANSITIONS:
        return False
    rule = ALLOWED[action]
    if rule == "owner":
        return user.id == draft.author_id
    if rule == "reviewer":
        return _is_reviewer(user, draft)
    return True


def available(user: User, draft: Draft) -> list[Action]:
    """Actions to offer this person now (admins see everything the table allows)."""
    return [a for a in Action if a not in SYSTEM_ONLY and (draft.status, a) in TRANSITIONS
            and (may(user, draft, a) or user.has_role(Role.ADMIN))
            # Claiming what you already hold is not a step: the button goes once you claim.
            and not (a is Action.CLAIM and draft.assignee_id == user.id)]


def reviewers(session: Session) -> list[User]:
    return list(session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.REVIEWER, User.active.is_(True)).order_by(User.name)
    ))


def _latest_revision_id(session: Session, draft: Draft) -> int | None:
    return session.scalar(
        select(Revision.id).where(Revision.draft_id == draft.id)
        .order_by(Revision.number.desc()).limit(1)
    )


def act(
    session: Session,
    draft: Draft,
    user: User,
    action: Action,
    *,
    note: str = "",
    assignee: User | None = None,
    override_reason: str = "",
    expected_version: int | None = None,
    gate=None,
    now: datetime | None = None,
) -> Outcome:
    """Move `draft` by `action`, or raise a DomainError that says why not."""
    now = now or utcnow()
    note = (note or "").strip()
    if expected_version is not None and expected_version != draft.version:
        raise WorkflowConflict(_conflict_message(draft))
    if (draft.status, action) not in TRANSITIONS:
        raise ValidationError(
            f"A draft that is “{draft.status.label.lower()}” cannot be "
            f"{action.label.lower()}. Reload to see its current state."
        )
    override = False
    if not may(user, draft, action):
        if not user.has_role(Role.ADMIN):
            if action is Action.APPROVE and user.id == draft.author_id:
                raise PermissionDenied("Nobody approves their own post. Ask a reviewer.")
            raise PermissionDenied("Your role does not allow that step for this draft.")
        if not override_reason.strip():
            raise ValidationError(
                "As an admin you can override the workflow here, but say why: enter a reason.",
                field="override_reason",
            )
        override = True
    if action is Action.REQUEST_CHANGES and not note:
        raise ValidationError("Say what should change: a note is required.", field="note")
    if action is Action.ASSIGN:
        if assignee is None or not assignee.has_role(Role.REVIEWER) or not assignee.active:
            raise ValidationError("Choose an active reviewer to assign.", field="assignee")
        if assignee.id == draft.author_id:
            raise ValidationError("The author cannot review their own post.", field="assignee")
    if action is Action.SUBMIT and gate is not None:
        unmet = gate(draft)
        if unmet:
            raise GateFailed(unmet)

    before = draft.status
    draft.status = TRANSITIONS[(before, action)]
    if action is Action.CLAIM:
        draft.assignee_id = user.id
    elif action is Action.ASSIGN:
        draft.assignee_id = assignee.id
    elif action is Action.SUBMIT:
        draft.submitted_at = now
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(Draft, draft.id, populate_existing=True)
        raise WorkflowConflict(_conflict_message(fresh)) from None
    full_note = note
    if override:
        full_note = f"Admin override: {override_reason.strip()}" + (f". {note}" if note else "")
    transition = Transition(
        draft_id=draft.id, actor_id=user.id, from_status=before, to_status=draft.status,
        action=action.value, note=full_note[:5000], override=override,
        revision_id=_latest_revision_id(session, draft), assignee_id=draft.assignee_id,
        created_at=now,
    )
    session.add(transition)
    session.flush()
    cycle.record(session, transition)
    if action in SCORED and transition.revision_id is not None:
        coach.score_revision(session, transition.revision_id)
    if draft.status not in KEEPS_SCHEDULES:
        pending.cancel_pending(session, draft, user, f"the post is now “{draft.status.label.lower()}”.")
    notified = _notify(session, draft, user, action, transition, assignee)
    return Outcome(transition=transition, notified=notified)


def _conflict_message(draft: Draft | None) -> str:
    state = draft.status.label.lower() if draft is not None else "changed"
    return (f"Someone else acted on this draft a moment ago; it is now “{state}”. "
            "Nothing was changed by you. Reload to see the current state.")


def _notify(session, draft, user, action, transition, assignee):
    title = draft.display_title
    author = session.get(User, draft.author_id)
    if action is Action.SUBMIT:
        assigned = session.get(User, draft.assignee_id) if draft.assignee_id else None
        targets = [assigned] if assigned else reviewers(session)
        return notifications.notify(
            session, event="submitted", draft=draft, actor=user, recipients=targets,
            message=f"{user.name} submitted “{title}” for review.", transition_id=transition.id)
    if action is Action.ASSIGN:
        return notifications.notify(
            session, event="assigned", draft=draft, actor=user, recipients=[assignee],
            message=f"{user.name} assigned “{title}” to you.", transition_id=transition.id)
    if action is Action.REQUEST_CHANGES:
        return notifications.notify(
            session, event="changes_requested", draft=draft, actor=user, recipients=[author],
            message=f"{user.name} requested changes to “{title}”: {transition.note[:200]}",
            transition_id=transition.id)
    if action is Action.APPROVE:
        return notifications.notify(
            session, event="approved", draft=draft, actor=user, recipients=[author],
            message=f"{user.name} approved “{title}”.", transition_id=transition.id)
    if action is Action.PUBLISH:
        return notifications.notify(
            session, event="published", draft=draft, actor=user, recipients=[author],
            message=f"{user.name} published “{title}”.", transition_id=transition.id)
    if action is Action.UNPUBLISH:
        return notifications.notify(
            session, event="unpublished", draft=draft, actor=user, recipients=[author],
            message=f"{user.name} took “{title}” offline: {transition.note[:200]}",
            transition_id=transition.id)
    return []


def after_edit(session: Session, draft: Draft, user: User) -> Transition | None:
    """Editing an approved, scheduled or published post sends it back to review."""
    if (draft.status, Action.EDIT) not in TRANSITIONS:
        return None
    return act(session, draft, user, Action.EDIT).transition


def timeline(session: Session, draft: Draft) -> list[Transition]:
    return list(session.scalars(
        select(Transition).where(Transition.draft_id == draft.id).order_by(Transition.id)
    ))


def last_transition(session: Session, draft: Draft, *actions: Action) -> Transition | None:
    return session.scalar(
        select(Transition)
        .where(Transition.draft_id == draft.id, Transition.action.in_([a.value for a in actions]))
        .order_by(Transition.id.desc()).limit(1)
    )
