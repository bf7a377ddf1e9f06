"""Who else has a draft open: a heartbeat table, like WordPress's post lock."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from drafts.models import Draft, Presence, User, utcnow

PRESENCE_TTL = timedelta(seconds=45)


def heartbeat(session: Session, draft: Draft, user: User, *, now: datetime | None = None) -> None:
    now = now or utcnow()
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(Presence).values(draft_id=draft.id, user_id=user.id, last_seen=now)
    statement = statement.on_conflict_do_update(
        index_elements=[Presence.draft_id, Presence.user_id], set_={"last_seen": now}
    )
    session.execute(statement)


def leave(session: Session, draft: Draft, user: User) -> None:
    session.execute(
        delete(Presence).where(Presence.draft_id == draft.id, Presence.user_id == user.id)
    )


def others_editing(
    session: Session, draft: Draft, user: User, *, now: datetime | None = None
) -> list[User]:
    now = now or utcnow()
    return list(
        session.scalars(
            select(User)
            .join(Presence, Presence.user_id == User.id)
            .where(
                Presence.draft_id == draft.id,
                Presence.user_id != user.id,
                Presence.last_seen > now - PRESENCE_TTL,
            )
            .order_by(User.name)
        )
    )
