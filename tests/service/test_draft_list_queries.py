"""My drafts reads a page in one statement, and PostgreSQL plans it once."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, text

from drafts.models import Draft, utcnow
from drafts.writing import draft_list
from tests.conftest import USING_PG
from tests.factories import make_draft, make_user
from tests.queries import statements


def test_a_page_and_its_count_come_in_one_statement(dbs):
    alice = make_user(dbs)
    ids = [make_draft(dbs, alice, title=f"A{i}").id for i in range(5)]
    dbs.commit()
    with statements(dbs.get_bind()) as seen:
        page = draft_list.list_drafts(dbs, alice, page=1, per_page=2)
    assert len(seen) == 1
    assert (page.total, page.pages, [d.id for d in page.items]) == (5, 3, ids[::-1][:2])


def test_an_empty_list_and_a_page_past_the_end_count_on_their_own(dbs):
    alice, bob = make_user(dbs), make_user(dbs)
    ids = [make_draft(dbs, alice, title=f"A{i}").id for i in range(3)]
    dbs.commit()
    with statements(dbs.get_bind()) as seen:
        empty = draft_list.list_drafts(dbs, bob)
    assert len(seen) == 2 and (empty.total, empty.page, empty.items) == (0, 1, [])
    with statements(dbs.get_bind()) as seen:
        past = draft_list.list_drafts(dbs, alice, page=7, per_page=2)
    # The empty page, the count, then the last page.
    assert len(seen) == 3
    assert (past.total, past.page, [d.id for d in past.items]) == (3, 2, [ids[0]])


DRAFTS = 2000


@pytest.mark.skipif(not USING_PG, reason="PostgreSQL's plan cache")
def test_postgresql_reuses_one_plan_for_the_list(dbs):
    """With LIMIT and OFFSET as parameters PostgreSQL planned the page afresh on every request."""
    alice = make_user(dbs)
    now = utcnow()
    dbs.execute(insert(Draft), [
        dict(author_id=alice.id, title=f"A{i}", body="Text.", excerpt="", audience="executive",
             version=1, created_at=now, updated_at=now) for i in range(DRAFTS)
    ])
    dbs.commit()
    dbs.execute(text("ANALYZE drafts"))  # the planner's view of a writer with many drafts
    # One connection. psycopg prepares a statement on its 5th use; PostgreSQL then
    # plans the first 5 runs for their own values, and picks its plan after that.
    connection = dbs.connection()
    for _ in range(15):
        draft_list.list_drafts(dbs, alice, page=1, per_page=20)
    plans = connection.execute(text(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%draft_tags%'"
    )).all()
    assert plans and all(generic >= 1 for generic, _custom in plans), plans
