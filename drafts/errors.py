"""Typed errors raised by the domain. Each carries a sentence a person can act on."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafts.models import Draft, Revision


class DomainError(Exception):
    """Base class: `message` is safe to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class ValidationError(DomainError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class BodyTooLarge(DomainError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"This draft is {size / 1_000_000:.1f} MB, over the {limit / 1_000_000:g} MB limit. "
            "Nothing was saved on the server; your text is still in the editor. "
            "Split it into two posts or remove large pasted content, then save again."
        )
        self.size = size
        self.limit = limit


class EditConflict(DomainError):
    """A save was based on a version that is no longer current."""

    def __init__(self, draft: Draft, conflict_copy: Revision, base_version: int) -> None:
        super().__init__(
            f"Someone saved this draft after you opened it (you edited version {base_version}, "
            f"the server has version {draft.version}). Your text was kept as a conflict copy "
            "in the history. Choose which text to keep."
        )
        self.draft = draft
        self.conflict_copy = conflict_copy
        self.base_version = base_version


class LoginFailed(DomainError):
    pass


class AccountLocked(DomainError):
    """Sign-in is paused for an account name or for the address the tries come from."""

    def __init__(self, until: datetime, minutes: int, scope: str = "account") -> None:
        what = "this account" if scope == "account" else "sign-ins from your network address"
        super().__init__(
            f"Too many failed sign-in attempts. Sign-in to {what} is paused for {minutes} more "
            f"minute{'s' if minutes != 1 else ''}. Wait, then try again, or ask an admin "
            "to reset your password."
        )
        self.until = until
        self.minutes = minutes
        self.scope = scope
