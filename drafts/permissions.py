"""Who may see and change a draft. Checked on the server for every route."""

from __future__ import annotations

from drafts.models import Draft, Role, User


def can_view(user: User, draft: Draft) -> bool:
    return draft.author_id == user.id or user.has_role(Role.ADMIN)


def can_edit(user: User, draft: Draft) -> bool:
    return draft.author_id == user.id or user.has_role(Role.ADMIN)


def can_write_drafts(user: User) -> bool:
    return user.has_role(Role.AUTHOR, Role.ADMIN)
