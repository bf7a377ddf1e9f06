"""Who may see and change a draft. Checked on the server for every route."""

from __future__ import annotations

from drafts.models import Draft, DraftStatus, Role, User

# Reviewers see a draft once it has been submitted, never before.
REVIEWABLE = frozenset({
    DraftStatus.IN_REVIEW, DraftStatus.CHANGES_REQUESTED, DraftStatus.APPROVED,
    DraftStatus.SCHEDULED, DraftStatus.PUBLISHED,
})
# Reviewers edit the text while it is in review (and, with the approval reset, after).
REVIEWER_EDITABLE = frozenset({
    DraftStatus.IN_REVIEW, DraftStatus.APPROVED, DraftStatus.SCHEDULED, DraftStatus.PUBLISHED,
})


def can_view(user: User, draft: Draft) -> bool:
    if draft.author_id == user.id or user.has_role(Role.ADMIN):
        return True
    return user.has_role(Role.REVIEWER) and draft.status in REVIEWABLE and draft.trashed_at is None


def can_edit(user: User, draft: Draft) -> bool:
    if draft.status is DraftStatus.ARCHIVED:
        return False
    if draft.author_id == user.id or user.has_role(Role.ADMIN):
        return True
    return user.has_role(Role.REVIEWER) and draft.status in REVIEWER_EDITABLE \
        and draft.trashed_at is None


def owns_or_admin(user: User, draft: Draft) -> bool:
    """Steps only the author (or an admin) takes: trash, restore, deciding on changes.

    Holding the reviewer role as well does not widen this: a person who may
    edit someone else's draft as a reviewer still may not throw it away.
    """
    return draft.author_id == user.id or user.has_role(Role.ADMIN)


def can_write_drafts(user: User) -> bool:
    return user.has_role(Role.AUTHOR, Role.ADMIN)


def is_reviewer_of(user: User, draft: Draft) -> bool:
    """Acting as marketing on this draft (not its author)."""
    return draft.author_id != user.id and user.has_role(Role.REVIEWER, Role.ADMIN)
