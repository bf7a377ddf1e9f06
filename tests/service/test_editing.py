from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import BodyTooLarge, EditConflict, NotFound, PermissionDenied, ValidationError
from drafts.models import Draft, Revision, RevisionSource, Role, utcnow
from drafts.writing import draft_list, editing, revisions
from drafts.writing.editing import DraftInput
from tests.factories import make_draft, make_user


def _input(body: str, title: str = "Title", **kw) -> DraftInput:
    return DraftInput.from_raw(title=title, body=body, **kw)


def _revs(session, draft) -> list[Revision]:
    session.expire_all()
    return list(reversed(revisions.list_revisions(session, draft)))


def test_create_records_first_revision(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="Cloud costs", tags="cloud, FinOps, cloud")
    assert draft.version == 1
    assert draft.tag_names == ["cloud", "FinOps"]
    [rev] = _revs(dbs, draft)
    assert (rev.number, rev.source, rev.title, rev.author_id) == (1, RevisionSource.AUTHOR, "Cloud costs", author.id)


def test_reviewer_only_cannot_create(dbs):
    reviewer = make_user(dbs, Role.REVIEWER)
    with pytest.raises(PermissionDenied):
        editing.create_draft(dbs, reviewer, _input("x"))


def test_save_bumps_version_and_records_revision(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author)
    result = editing.save_draft(dbs, draft, author, _input("New text"), base_version=1)
    dbs.commit()
    assert result.changed and draft.version == 2
    assert [r.body for r in _revs(dbs, draft)][-1] == "New text"


def test_unchanged_save_records_nothing(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="T", body="Same")
    result = editing.save_draft(dbs, draft, author, _input("Same", title="T"), base_version=1)
    assert not result.changed and draft.version == 1
    assert len(_revs(dbs, draft)) == 1


def test_stale_save_is_refused_and_kept_as_conflict_copy(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, body="Original")
    editing.save_draft(dbs, draft, author, _input("Tab one"), base_version=1)
    dbs.commit()
    with pytest.raises(EditConflict) as caught:
        editing.save_draft(dbs, draft, author, _input("Tab two, written on v1"), base_version=1)
    dbs.commit()
    assert caught.value.draft.version == 2
    assert "version 1" in caught.value.message
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "Tab one"
    copy = _revs(dbs, draft)[-1]
    assert copy.source is RevisionSource.CONFLICT and copy.body == "Tab two, written on v1"
    assert copy.base_version == 1


def test_two_sessions_racing_cannot_both_win(app, dbs):
    """Both read version 1; the second writer's UPDATE matches no row and becomes a conflict."""
    author = make_user(dbs)
    draft = make_draft(dbs, author, body="Start")
    engine = dbs.get_bind()
    with Session(engine, expire_on_commit=False) as s1, Session(engine, expire_on_commit=False) as s2:
        d1, d2 = s1.get(Draft, draft.id), s2.get(Draft, draft.id)
        u1, u2 = s1.get(type(author), author.id), s2.get(type(author), author.id)
        editing.save_draft(s1, d1, u1, _input("First writer"), base_version=1)
        s1.commit()
        with pytest.raises(EditConflict):
            editing.save_draft(s2, d2, u2, _input("Second writer"), base_version=1)
        s2.commit()
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "First writer"
    kinds = [(r.source, r.body) for r in _revs(dbs, draft)]
    assert (RevisionSource.CONFLICT, "Second writer") in kinds


def test_autosaves_fold_within_window(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, body="v")
    start = utcnow()
    version = draft.version
    for i, body in enumerate(["a", "ab", "abc"]):
        editing.save_draft(dbs, draft, author, _input(body), base_version=version,
                           source=RevisionSource.AUTOSAVE, now=start + timedelta(seconds=10 * i))
        version = draft.version
    dbs.commit()
    revs = _revs(dbs, draft)
    assert [r.source for r in revs] == [RevisionSource.AUTHOR, RevisionSource.AUTOSAVE]
    assert revs[-1].body == "abc"
    # After the window, a new revision starts; the old one is sealed.
    editing.save_draft(dbs, draft, author, _input("abcd"), base_version=version,
                       source=RevisionSource.AUTOSAVE, now=start + timedelta(minutes=11))
    dbs.commit()
    revs = _revs(dbs, draft)
    assert [r.body for r in revs] == ["v", "abc", "abcd"]
    assert revs[1].sealed


def test_explicit_save_seals_open_autosave(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, body="v")
    editing.save_draft(dbs, draft, author, _input("auto"), base_version=1, source=RevisionSource.AUTOSAVE)
    editing.save_draft(dbs, draft, author, _input("explicit"), base_version=2)
    editing.save_draft(dbs, draft, author, _input("auto again"), base_version=3, source=RevisionSource.AUTOSAVE)
    dbs.commit()
    assert [r.body for r in _revs(dbs, draft)] == ["v", "auto", "explicit", "auto again"]


def test_restore_creates_a_new_revision(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, body="first")
    editing.save_draft(dbs, draft, author, _input("second"), base_version=1)
    old = revisions.get_revision(dbs, draft, 1)
    result = editing.restore_revision(dbs, draft, old, author)
    dbs.commit()
    assert result.revision.number == 3 and result.revision.source is RevisionSource.RESTORE
    assert draft.body == "first"
    assert [r.body for r in _revs(dbs, draft)] == ["first", "second", "first"]


def test_body_over_limit_leaves_draft_unchanged(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author, body="keep me")
    with pytest.raises(BodyTooLarge, match="over the 0.001 MB limit"):
        editing.save_draft(dbs, draft, author, _input("x" * 1001), base_version=1, body_limit=1000)
    dbs.rollback()
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == "keep me"


def test_input_is_cleaned_and_validated():
    data = DraftInput.from_raw(title=" A\x00 title\n", body="a\r\nb\x07", tags="#cloud, , Cloud, risk")
    assert (data.title, data.body, data.tags) == ("A title", "a\nb", ("cloud", "risk"))
    with pytest.raises(ValidationError, match="audience"):
        DraftInput.from_raw(audience="martians")
    with pytest.raises(ValidationError, match="at most 10 tags"):
        DraftInput.from_raw(tags=",".join(f"t{i}" for i in range(11)))


def test_other_authors_drafts_are_not_found(dbs):
    alice, bob = make_user(dbs), make_user(dbs)
    admin = make_user(dbs, Role.ADMIN)
    draft = make_draft(dbs, alice)
    with pytest.raises(NotFound):
        editing.get_draft(dbs, draft.id, bob)
    with pytest.raises(NotFound):
        editing.save_draft(dbs, draft, bob, _input("hijack"), base_version=1)
    assert editing.get_draft(dbs, draft.id, admin).id == draft.id


def test_trash_and_restore(dbs):
    author = make_user(dbs)
    draft = make_draft(dbs, author)
    editing.trash_draft(dbs, draft, author)
    dbs.commit()
    assert draft_list.list_drafts(dbs, author).total == 0
    assert draft_list.list_drafts(dbs, author, trashed=True).items[0].id == draft.id
    with pytest.raises(ValidationError, match="trash"):
        editing.save_draft(dbs, draft, author, _input("x"), base_version=draft.version)
    editing.restore_draft(dbs, draft, author)
    dbs.commit()
    assert draft_list.list_drafts(dbs, author).items[0].id == draft.id


def test_list_is_own_newest_first_and_paginated(dbs):
    alice, bob = make_user(dbs), make_user(dbs)
    ids = [make_draft(dbs, alice, title=f"A{i}").id for i in range(25)]
    make_draft(dbs, bob, title="Bob's")
    first = draft_list.list_drafts(dbs, alice, page=1, per_page=10)
    assert first.total == 25 and first.pages == 3 and first.has_next and not first.has_prev
    assert [d.id for d in first.items] == list(reversed(ids))[:10]
    last = draft_list.list_drafts(dbs, alice, page=99, per_page=10)
    assert last.page == 3 and len(last.items) == 5
    assert all(d.author_id == alice.id for d in last.items)


def test_copy_aside_creates_new_draft(dbs):
    author = make_user(dbs)
    copy = editing.copy_to_new_draft(dbs, author, _input("mine", title="Plan"))
    dbs.commit()
    assert copy.title == "Plan (my copy)" and copy.body == "mine"
    assert dbs.scalar(select(Draft).where(Draft.id == copy.id)).author_id == author.id


def test_retry_of_a_save_that_already_landed_is_not_a_conflict(dbs):
    """The editor retries a save whose answer timed out; if the first one landed,
    the retry carries the old base version but exactly the server's text."""
    author = make_user(dbs)
    draft = make_draft(dbs, author, title="T", body="Original")
    editing.save_draft(dbs, draft, author, _input("Landed", title="T"), base_version=1)
    dbs.commit()
    result = editing.save_draft(dbs, draft, author, _input("Landed", title="T"), base_version=1)
    assert not result.changed and draft.version == 2
    assert [r.source for r in _revs(dbs, draft)] == [RevisionSource.AUTHOR, RevisionSource.AUTHOR]


def test_list_count_stops_early_and_says_so(dbs, monkeypatch):
    alice = make_user(dbs)
    ids = [make_draft(dbs, alice, title=f"A{i}").id for i in range(7)]
    monkeypatch.setattr(draft_list, "COUNT_LIMIT", 4)
    first = draft_list.list_drafts(dbs, alice, page=1, per_page=2)
    assert (first.total, first.more, first.pages, first.has_next) == (4, True, 2, True)
    assert [d.id for d in first.items] == list(reversed(ids))[:2]
    # Further on, the count reaches the page asked for; at the end it is exact.
    third = draft_list.list_drafts(dbs, alice, page=3, per_page=2)
    assert (third.total, third.more, third.has_next) == (6, True, True)
    last = draft_list.list_drafts(dbs, alice, page=9, per_page=2)
    assert (last.total, last.more, last.page, last.has_next) == (7, False, 4, False)
    assert [d.id for d in last.items] == [ids[0]]
