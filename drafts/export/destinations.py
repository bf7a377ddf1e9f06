"""Admins edit a destination: its name, address and credentials.

The destination keeps its id, so every remote post published there stays linked to it
and is updated in place (rotating an application password never creates a second
live post). An empty secret keeps the saved one; the secret is never shown again.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from drafts.errors import PermissionDenied
from drafts.export import registry
from drafts.export.service import clean_settings, secret_hint
from drafts.models import Destination, Role, User
from drafts.secrets import SecretBox


def settings_of(destination: Destination) -> dict:
    """The destination's settings (never its secret), for the edit form."""
    try:
        settings = json.loads(destination.settings_json or "{}")
    except ValueError:
        settings = {}
    return settings if isinstance(settings, dict) else {}


def edit_destination(session: Session, user: User, destination: Destination, *, name: str,
                     settings: dict, secret: str, box: SecretBox) -> Destination:
    if not user.has_role(Role.ADMIN):
        raise PermissionDenied("Only admins change publishing destinations.")
    registry.spec(destination.kind)
    name, clean = clean_settings(destination.kind, name, settings)
    destination.name = name
    destination.settings_json = json.dumps(clean)
    if secret and secret.strip():
        destination.secret_encrypted = box.encrypt(secret.strip())
        destination.secret_hint = secret_hint(secret)
    session.flush()
    return destination
