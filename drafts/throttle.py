"""The sign-in throttle: one atomic statement per attempt, per account and per address.

Every attempt first *reserves* a try with a single upsert
(`INSERT ... ON CONFLICT DO UPDATE ... WHERE not locked ... RETURNING`), before
the password is checked. The database serialises concurrent upserts on the
same key, so twelve simultaneous guesses get the counts 1 to 12 and only the
allowed number ever reach the password check, whatever the concurrency and
however many workers share the database. The reservation that reaches the
limit also sets the lock in the same statement.

The lock is a growing delay, not a hard lock: after `max_failures` the key is
paused for `delays[0]`, and each further wrong guess after a pause doubles it
up to the last step. A run of failures ends (the count resets) after `quiet`
without a failure, and the right password clears an account's count. So a
guesser gets a handful of tries an hour, and a colleague someone is guessing
at is never locked out for more than the longest step at a time.

Keys: `account:<email>` (known and unknown names alike, so the lock does not
reveal which accounts exist) and `address:<ip>` (password spraying: many
accounts from one address).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from drafts.models import LoginThrottle
from drafts.models.base import UTCDateTime


@dataclass(frozen=True)
class Limit:
    max_failures: int
    delays: tuple[timedelta, ...] = (
        timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4),
        timedelta(minutes=8), timedelta(minutes=15),
    )
    quiet: timedelta = timedelta(hours=1)

    def delay_for(self, failures: int) -> timedelta | None:
        if failures < self.max_failures:
            return None
        return self.delays[min(failures - self.max_failures, len(self.delays) - 1)]


@dataclass(frozen=True)
class ThrottlePolicy:
    account: Limit = field(default_factory=lambda: Limit(max_failures=5))
    address: Limit = field(default_factory=lambda: Limit(max_failures=20))


@dataclass(frozen=True)
class Reservation:
    """The outcome of reserving one try: allowed, or paused until `locked_until`."""

    key: str
    failures: int  # including this try
    locked_until: datetime | None  # the pause this try starts if it fails (or is in force)
    allowed: bool

    def minutes_locked(self, now: datetime) -> int:
        if self.locked_until is None:
            return 0
        return max(1, math.ceil((self.locked_until - now).total_seconds() / 60))


def account_key(email: str) -> str:
    return f"account:{email}"[:300]


def address_key(address: str | None) -> str:
    return f"address:{address or 'unknown'}"[:300]


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(LoginThrottle)
    if dialect == "sqlite":
        return sqlite.insert(LoginThrottle)
    raise RuntimeError(f"The sign-in throttle supports SQLite and PostgreSQL, not {dialect}.")


def _at(moment: datetime):
    return literal(moment, UTCDateTime())


def reserve(session: Session, key: str, limit: Limit, now: datetime) -> Reservation:
    """Count one try for `key` atomically; refuse it when the key is paused."""
    table = LoginThrottle.__table__
    quiet_since = now - limit.quiet
    failures = case(
        (table.c.last_failure_at < quiet_since, 1), else_=table.c.failures + 1
    )
    steps = [
        (failures == limit.max_failures + i, _at(now + delay))
        for i, delay in enumerate(limit.delays[:-1])
    ]
    locked_until = case(
        (failures < limit.max_failures, literal(None, UTCDateTime())),
        *steps,
        else_=_at(now + limit.delays[-1]),
    )
    first_lock = now + limit.delays[0] if limit.max_failures <= 1 else None
    statement = (
        _insert(session)
        .values(key=key, failures=1, last_failure_at=now, locked_until=first_lock)
    )
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={"failures": failures, "last_failure_at": now, "locked_until": locked_until},
        where=or_(table.c.locked_until.is_(None), table.c.locked_until <= now),
    ).returning(table.c.failures, table.c.locked_until)
    row = session.execute(statement).first()
    if row is not None:
        return Reservation(key, row.failures, row.locked_until, allowed=True)
    current = session.execute(
        select(LoginThrottle.failures, LoginThrottle.locked_until).where(LoginThrottle.key == key)
    ).first()
    return Reservation(
        key, current.failures if current else 0, current.locked_until if current else now,
        allowed=False,
    )


def clear(session: Session, key: str) -> None:
    """The right password: the account's run of failures is over."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))


def give_back(session: Session, key: str, limit: Limit) -> None:
    """Return a reserved try that turned out not to be a failure (address keys)."""
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key, LoginThrottle.failures > 0)
        .values(
            failures=LoginThrottle.failures - 1,
            locked_until=case(
                (LoginThrottle.failures - 1 < limit.max_failures, literal(None, UTCDateTime())),
                else_=LoginThrottle.locked_until,
            ),
        )
    )
