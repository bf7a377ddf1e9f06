"""What the editor page shows about a draft's review: state, steps, timeline."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from drafts.models import Draft, Notification, User
from drafts.permissions import is_reviewer_of
from drafts.review import quality_gate, workflow
from webapp.access import me
from webapp.extensions import db


def review_context(draft: Draft | None) -> dict:
    if draft is None:
        return {"draft": None}
    session = db.session
    steps = workflow.timeline(session, draft)
    notified: dict[int, list[tuple[str, str]]] = defaultdict(list)
    if steps:
        rows = session.execute(
            select(Notification.transition_id, User.name, Notification.email_status)
            .join(User, User.id == Notification.user_id)
            .where(Notification.transition_id.in_([t.id for t in steps]))
            .order_by(User.name)
        ).all()
        for transition_id, name, email in rows:
            notified[transition_id].append((name, email))
    user = me()
    return {
        "draft": draft,
        "actions": [a.value for a in workflow.available(user, draft)],
        "reviewers": [r for r in workflow.reviewers(session) if r.id != draft.author_id],
        "timeline": list(reversed(steps)),
        "notified": notified,
        "is_reviewer": is_reviewer_of(user, draft),
        "is_owner": user.id == draft.author_id,
        "needs_override": {a.value for a in workflow.available(user, draft)
                           if not workflow.may(user, draft, a)},
        "rules": quality_gate.rules(session),
    }


# The one step the editor's top bar offers, in order of precedence; only steps the person
# may take without an admin override. "publish" opens the Publish tab (pick a destination).
_NEXT_STEPS = (
    (workflow.Action.SUBMIT, "Submit for review", "workflow"),
    (workflow.Action.APPROVE, "Approve", "workflow"),
    (workflow.Action.PUBLISH, "Publish", "publish"),
    (workflow.Action.UNARCHIVE, "Restore from archive", "workflow"),
)


def workflow_state(draft: Draft) -> dict:
    """The draft's status and this person's next step, for the editor's top bar (JSON)."""
    user = me()
    allowed = [a for a in workflow.available(user, draft) if workflow.may(user, draft, a)]
    step = next(({"action": a.value, "label": label, "kind": kind}
                 for a, label, kind in _NEXT_STEPS if a in allowed), None)
    waiting = ""
    if step is None and draft.status.value == "in_review" and user.id == draft.author_id:
        waiting = "With marketing for review"
    return {
        "status": draft.status.value,
        "status_label": draft.status.label,
        "version": draft.version,
        "actions": [a.value for a in workflow.available(user, draft)],
        "next_step": step,
        "waiting": waiting,
    }
