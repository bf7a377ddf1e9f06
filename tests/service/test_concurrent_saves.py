"""Saves that arrive at the same instant, each on its own connection.

Two tabs holding the same old version autosave together: every stale save must
be refused with its conflict copy kept, and a save based on the current
version must win, whatever the interleaving. Revision numbers must never
collide (they used to be max + 1, read without a lock).
"""

from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import EditConflict
from drafts.models import Draft, Revision, RevisionSource
from drafts.writing import editing
from drafts.writing.editing import DraftInput
from tests.factories import make_draft, make_user


def _save(engine, draft_id: int, user_id: int, body: str, base_version: int, barrier, out, i):
    from drafts.models import User

    with Session(engine, expire_on_commit=False) as session:
        user = session.get(User, user_id)
        draft = session.get(Draft, draft_id)
        barrier.wait()
        try:
            editing.save_draft(
                session, draft, user, DraftInput(title="T", body=body),
                base_version=base_version, source=RevisionSource.AUTOSAVE,
            )
            session.commit()
            out[i] = ("ok", body)
        except EditConflict as conflict:
            session.commit()  # the conflict copy is kept
            out[i] = ("conflict", conflict.conflict_copy.number)
        except Exception as error:  # noqa: BLE001 - the test reports what escaped
            session.rollback()
            out[i] = ("error", repr(error))


def _race(engine, draft_id: int, user_id: int, bodies: list[str], bases: list[int]) -> list:
    barrier = threading.Barrier(len(bodies))
    out: list = [None] * len(bodies)
    threads = [
        threading.Thread(target=_save, args=(engine, draft_id, user_id, b, v, barrier, out, i))
        for i, (b, v) in enumerate(zip(bodies, bases))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_two_saves_on_the_current_version_one_wins_one_is_kept(app, dbs):
    engine = app.extensions["byline.db"][0]
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="T", body="v1")
    for round_no in range(10):
        dbs.expire_all()
        current = dbs.get(Draft, draft.id).version
        bodies = [f"round {round_no} tab A", f"round {round_no} tab B"]
        out = _race(engine, draft.id, author.id, bodies, [current, current])
        assert sorted(kind for kind, _ in out) == ["conflict", "ok"], out
        dbs.expire_all()
        winner = next(value for kind, value in out if kind == "ok")
        assert dbs.get(Draft, draft.id).body == winner
        loser_number = next(value for kind, value in out if kind == "conflict")
        copy = dbs.scalar(
            select(Revision).where(Revision.draft_id == draft.id, Revision.number == loser_number)
        )
        assert copy.body == next(b for b in bodies if b != winner)


def test_simultaneous_stale_and_current_saves_never_collide(app, dbs):
    engine = app.extensions["byline.db"][0]
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="T", body="v1")
    for round_no in range(12):
        dbs.expire_all()
        current = dbs.get(Draft, draft.id).version
        bodies = [f"round {round_no} current"] + [
            f"round {round_no} stale tab {i}" for i in range(3)
        ]
        bases = [current] + [current - 1] * 3
        out = _race(engine, draft.id, author.id, bodies, bases)
        assert [o for o in out if o[0] == "error"] == [], out
        assert out[0] == ("ok", bodies[0]), out  # the save based on the current version wins
        dbs.expire_all()
        for (kind, value), body in zip(out[1:], bodies[1:]):
            assert kind == "conflict"
            copy = dbs.scalar(
                select(Revision).where(Revision.draft_id == draft.id, Revision.number == value)
            )
            assert copy.source is RevisionSource.CONFLICT and copy.body == body
    numbers = list(dbs.scalars(select(Revision.number).where(Revision.draft_id == draft.id)))
    assert len(numbers) == len(set(numbers))
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
