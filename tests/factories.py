"""Factory functions for users and drafts, and a login helper."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from drafts import accounts
from drafts.models import Draft, Role, User
from drafts.writing import editing

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def make_user(
    session: Session, *roles: Role, name: str | None = None, email: str | None = None,
    password: str = PASSWORD,
) -> User:
    n = next(_seq)
    user = accounts.create_user(
        session,
        email=email or f"user{n}@example.com",
        name=name or f"User {n}",
        password=password,
        roles=set(roles) or {Role.AUTHOR},
    )
    session.commit()
    return user


def make_draft(session: Session, author: User, **fields) -> Draft:
    data = editing.DraftInput.from_raw(
        title=fields.get("title", "Why our cloud bill fell by a third"),
        body=fields.get("body", "Margins fell. We changed how we buy compute."),
        excerpt=fields.get("excerpt", ""),
        tags=fields.get("tags", ""),
        audience=fields.get("audience", "executive"),
    )
    draft = editing.create_draft(session, author, data)
    session.commit()
    return draft


def login(client, user: User, password: str = PASSWORD):
    client.post("/logout")  # switch users cleanly when the client is already signed in
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def autosave(client, draft_id: int, base_version: int, **fields):
    payload = {
        "title": fields.pop("title", "A title"),
        "body": fields.pop("body", ""),
        "excerpt": fields.pop("excerpt", ""),
        "tags": fields.pop("tags", ""),
        "audience": fields.pop("audience", "executive"),
        "base_version": base_version,
    }
    payload.update(fields)
    return client.post(f"/drafts/{draft_id}/autosave", json=payload)
