"""Tracked changes: what marketing changed since the author submitted, and what the
author changed since a reviewer's last review, as changes to accept or reject."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from drafts.errors import EditConflict, ValidationError
from drafts.models import Draft, Revision, RevisionSource, User
from drafts.review import workflow
from drafts.review.workflow import Action
from drafts.suggestions.formats import Segment, apply_segments, rewrite_segments
from drafts.writing import editing


@dataclass(frozen=True)
class ChangeSet:
    base: Revision | None
    segments: list[Segment]
    title_before: str
    excerpt_before: str

    @property
    def changes(self) -> int:
        return sum(1 for s in self.segments if s.kind == "change")


def _changeset(session: Session, draft: Draft, base_id: int | None) -> ChangeSet:
    base = session.get(Revision, base_id) if base_id else None
    if base is None:
        return ChangeSet(None, [], draft.title, draft.excerpt)
    return ChangeSet(base, rewrite_segments(base.body, draft.body), base.title, base.excerpt)


def since_submission(session: Session, draft: Draft) -> ChangeSet:
    """For the author: the submitted revision against the current text (marketing's edits)."""
    last = workflow.last_transition(session, draft, Action.SUBMIT)
    return _changeset(session, draft, last.revision_id if last else None)


def since_last_review(session: Session, draft: Draft, reviewer: User) -> ChangeSet:
    """For a reviewer: the text at their last review step against the current text."""
    from sqlalchemy import select

    from drafts.models import Transition

    last = session.scalar(
        select(Transition).where(
            Transition.draft_id == draft.id, Transition.actor_id == reviewer.id,
            Transition.action.in_([Action.REQUEST_CHANGES.value, Action.APPROVE.value]),
        ).order_by(Transition.id.desc()).limit(1)
    )
    return _changeset(session, draft, last.revision_id if last else None)


def decide(
    session: Session, draft: Draft, user: User, *, base_revision_id: int, accepted: set[int],
    base_version: int,
) -> editing.SaveResult:
    """Keep the accepted changes, undo the rejected ones; the result is a new revision."""
    if base_version != draft.version:
        raise ValidationError(
            "The draft changed while you were deciding (someone saved a new version). "
            "Reload the changes and decide again; nothing was lost."
        )
    changeset = _changeset(session, draft, base_revision_id)
    if changeset.base is None:
        raise ValidationError("There is no submitted version to compare with.")
    body = apply_segments(changeset.segments, accepted)
    kept, total = len([i for i in accepted if i < len(changeset.segments)
                       and changeset.segments[i].kind == "change"]), changeset.changes
    data = editing.DraftInput(title=draft.title, body=body, excerpt=draft.excerpt,
                              tags=tuple(draft.tag_names), audience=draft.audience)
    try:
        return editing.save_draft(
            session, draft, user, data, base_version=base_version, source=RevisionSource.AUTHOR,
            note=f"Reviewed tracked changes: kept {kept} of {total}",
        )
    except EditConflict:
        raise
