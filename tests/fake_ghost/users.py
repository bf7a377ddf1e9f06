"""Staff users on the fake Ghost: `GET /users/` and lookups by id, email or slug, a post's
`authors` resolved to users, and `add_user` (a user invited in Ghost Admin)."""

from __future__ import annotations

import secrets
from typing import Any

from tests.fake_ghost.model import GhostFault, _validation, slugify


class UsersMixin:
    """Staff users; part of `FakeGhost`."""

    def add_user(self, name: str, email: str, *, role: str = "Author") -> dict:
        """A staff user invited in Ghost Admin (Settings → Staff)."""
        with self._lock:
            user = {"id": secrets.token_hex(12), "name": name, "slug": slugify(name),
                    "email": email, "role": role}
            self.users.append(user)
            return dict(user)

    def _users(self, parts: list[str]) -> dict:
        """GET /users/ and /users/{id|slug|email}/{value}/ (an integration may read staff)."""
        if len(parts) == 1:
            return {"users": [self._user_json(u) for u in self.users]}
        if len(parts) == 3 and parts[1] in ("email", "slug"):
            key = parts[1]
            user = next((u for u in self.users if u[key].lower() == parts[2].lower()), None)
        elif len(parts) == 2:
            user = next((u for u in self.users if u["id"] == parts[1]), None)
        else:
            user = None
        if user is None:
            raise GhostFault(404, "NotFoundError", "User not found.")
        return {"users": [self._user_json(user)]}

    @staticmethod
    def _user_json(user: dict) -> dict:
        return {"id": user["id"], "name": user["name"], "slug": user["slug"],
                "email": user["email"], "status": "active",
                "roles": [{"name": user["role"]}]}

    def _author(self, given: Any) -> dict:
        """An entry of a post's `authors`: found by id, email or slug, else a 422."""
        if isinstance(given, dict):
            for key in ("id", "email", "slug"):
                if given.get(key):
                    user = next((u for u in self.users
                                 if str(u[key]).lower() == str(given[key]).lower()), None)
                    if user is not None:
                        return user
        raise _validation("Validation error, cannot save post.", "Author not found.")
