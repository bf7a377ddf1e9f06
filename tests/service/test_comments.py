import pytest
from sqlalchemy import select

from drafts.errors import NotFound, PermissionDenied, ValidationError
from drafts.models import Comment, Notification, Role
from drafts.review import comments
from drafts.writing import revisions
from tests.factories import make_draft, make_user

BODY = "Margins fell. We changed how we buy compute. Then margins rose again."


@pytest.fixture
def people(dbs):
    author = make_user(dbs, name="Casey Author", email="casey@example.com")
    admin = make_user(dbs, Role.ADMIN, name="Alex Admin", email="alex.admin@example.com")
    outsider = make_user(dbs, name="Olly Outsider", email="olly@example.com")
    return author, admin, outsider


@pytest.fixture
def draft(dbs, people):
    return make_draft(dbs, people[0], body=BODY)


def _on(dbs, draft, user, passage, body="Why?", **kw):
    start = draft.body.index(passage)
    c = comments.add_comment(dbs, draft, user, body, quote=passage, anchor_start=start,
                             anchor_end=start + len(passage), **kw)
    dbs.commit()
    return c


def _notes(dbs, event=None):
    query = select(Notification).order_by(Notification.id)
    if event:
        query = query.where(Notification.event == event)
    return [(n.user_id, n.event) for n in dbs.scalars(query)]


# --- Adding ------------------------------------------------------------------------------


def test_comment_on_whole_draft_records_latest_revision(dbs, draft, people):
    author, admin, _ = people
    c = comments.add_comment(dbs, draft, admin, "  Strong opening.\x00 ")
    assert c.body == "Strong opening." and c.quote == "" and c.anchor_start is None
    assert c.revision_id == revisions.latest_revision(dbs, draft.id).id
    assert comments.anchor(c, draft.body) is None


def test_comment_on_passage_stores_quote_and_position(dbs, draft, people):
    c = _on(dbs, draft, people[1], "how we buy compute")
    assert (c.quote, c.anchor_start, c.anchor_end) == ("how we buy compute", 25, 43)
    assert BODY[25:43] == "how we buy compute"


def test_positions_alone_take_the_saved_text_and_a_stale_position_is_corrected(dbs, draft, people):
    admin = people[1]
    c = comments.add_comment(dbs, draft, admin, "Hm", anchor_start=0, anchor_end=7)
    assert c.quote == "Margins"
    # The browser's text ran ahead of the save: the quote is found where it is now.
    c = comments.add_comment(dbs, draft, admin, "Hm", quote="margins rose", anchor_start=3)
    assert (c.anchor_start, c.anchor_end) == (BODY.index("margins rose"), BODY.index("margins rose") + 12)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"body": "   "}, "Write something"),
        ({"body": "x" * 5001}, "under 5,000 characters"),
        ({"body": "ok", "quote": "not in the draft"}, "not in the saved draft"),
        ({"body": "ok", "anchor_start": 5, "anchor_end": 500}, "outside the saved draft"),
        ({"body": "ok", "anchor_start": 5}, "outside the saved draft"),
        ({"body": "ok", "anchor_start": 13, "anchor_end": 14}, "Select some words"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(dbs, draft, people, kwargs, message):
    body = kwargs.pop("body")
    with pytest.raises(ValidationError, match=message):
        comments.add_comment(dbs, draft, people[1], body, **kwargs)


def test_someone_who_cannot_see_the_draft_cannot_comment(dbs, draft, people):
    with pytest.raises(NotFound):
        comments.add_comment(dbs, draft, people[2], "Hello")


# --- Anchoring ---------------------------------------------------------------------------


def test_anchor_follows_the_passage_through_edits(dbs, draft, people):
    c = _on(dbs, draft, people[1], "how we buy compute")
    q = "how we buy compute"
    before = "A new opening line.\n\n" + BODY
    assert comments.anchor(c, before) == (before.index(q), before.index(q) + len(q))
    after = BODY + " And we hired a FinOps lead."
    assert comments.anchor(c, after) == (25, 43)
    spaced = BODY.replace("how we buy", "how  we\nbuy")
    start = spaced.index("how  we")
    assert comments.anchor(c, spaced) == (start, start + len("how  we\nbuy compute"))
    assert comments.anchor(c, BODY.replace("buy", "rent")) is None


def test_anchor_prefers_the_copy_nearest_the_stored_position(dbs, draft, people):
    c = _on(dbs, draft, people[1], "margins rose")
    text = "margins rose early. " + BODY
    assert comments.anchor(c, text)[0] == text.rindex("margins rose")


def test_list_marks_outdated_threads(dbs, draft, people):
    _on(dbs, draft, people[1], "how we buy compute")
    _on(dbs, draft, people[1], "Margins fell.")
    draft.body = BODY.replace("Margins fell.", "Costs rose.")
    dbs.flush()
    threads = comments.list_comments(dbs, draft)
    assert [(t.root.comment.quote, t.root.outdated) for t in threads] == [
        ("how we buy compute", False), ("Margins fell.", True),
    ]
    start = draft.body.index("how we buy compute")
    assert start == 23 and threads[0].root.anchor == (23, 41) and threads[1].root.anchor is None


# --- Threads -----------------------------------------------------------------------------


def test_replies_are_one_level_deep_on_the_same_draft(dbs, draft, people):
    author, admin, _ = people
    root = comments.add_comment(dbs, draft, admin, "Cut this?")
    reply = comments.add_comment(dbs, draft, author, "Agreed.", parent=root)
    comments.add_comment(dbs, draft, admin, "Done.", parent=root)
    with pytest.raises(ValidationError, match="one level deep"):
        comments.add_comment(dbs, draft, admin, "Nested", parent=reply)
    other = make_draft(dbs, author, body="Another post.")
    with pytest.raises(ValidationError, match="this draft"):
        comments.add_comment(dbs, other, admin, "Wrong draft", parent=root)
    with pytest.raises(ValidationError, match="without a selection"):
        comments.add_comment(dbs, draft, admin, "x", parent=root, quote="Margins")
    [thread] = comments.list_comments(dbs, draft)
    assert thread.root.comment.id == root.id
    assert [r.comment.body for r in thread.replies] == ["Agreed.", "Done."]


def test_deleted_comments_leave_a_marker_only_when_replies_remain(dbs, draft, people):
    author, admin, _ = people
    lonely = comments.add_comment(dbs, draft, admin, "Typo here")
    root = comments.add_comment(dbs, draft, admin, "Source?")
    reply = comments.add_comment(dbs, draft, author, "Gartner, 2024.", parent=root)
    comments.delete_comment(dbs, lonely, admin)
    comments.delete_comment(dbs, root, admin)
    [thread] = comments.list_comments(dbs, draft)
    assert thread.root.deleted and thread.root.comment.body == ""
    assert [r.comment.id for r in thread.replies] == [reply.id]
    comments.delete_comment(dbs, reply, author)
    assert comments.list_comments(dbs, draft) == []
    with pytest.raises(ValidationError, match="deleted"):
        comments.add_comment(dbs, draft, author, "Still there?", parent=root)
    with pytest.raises(NotFound):
        comments.get_comment(dbs, lonely.id, admin)


def test_resolve_and_reopen_by_anyone_who_can_view(dbs, draft, people):
    author, admin, outsider = people
    root = comments.add_comment(dbs, draft, admin, "Shorten the intro.")
    reply = comments.add_comment(dbs, draft, author, "Done.", parent=root)
    assert comments.resolve_thread(dbs, reply, author) is root
    assert root.resolved_at is not None and root.resolved_by_id == author.id
    [thread] = comments.list_comments(dbs, draft)
    assert thread.resolved and thread.resolved_by.id == author.id
    comments.reopen_thread(dbs, root, admin)
    assert root.resolved_at is None and root.resolved_by_id is None
    with pytest.raises(NotFound):
        comments.resolve_thread(dbs, root, outsider)


def test_a_reply_reopens_a_resolved_thread(dbs, draft, people):
    author, admin, _ = people
    root = comments.add_comment(dbs, draft, admin, "Shorten the intro.")
    comments.resolve_thread(dbs, root, author)
    comments.add_comment(dbs, draft, admin, "Actually, one more thing.", parent=root)
    assert root.resolved_at is None


def test_only_the_author_of_a_comment_edits_or_deletes_it(dbs, draft, people):
    author, admin, outsider = people
    c = comments.add_comment(dbs, draft, admin, "Nice.")
    with pytest.raises(PermissionDenied, match="your own"):
        comments.edit_comment(dbs, c, author, "Mine now")
    with pytest.raises(PermissionDenied, match="your own"):
        comments.delete_comment(dbs, c, author)
    with pytest.raises(NotFound):
        comments.get_comment(dbs, c.id, outsider)
    comments.edit_comment(dbs, c, admin, "Nice, but cut the last line.")
    assert c.body == "Nice, but cut the last line." and c.edited_at is not None
    with pytest.raises(ValidationError):
        comments.edit_comment(dbs, c, admin, "")


# --- Mentions and notifications ---------------------------------------------------------------


def test_new_comment_notifies_the_draft_author(dbs, draft, people):
    author, admin, _ = people
    c = comments.add_comment(dbs, draft, admin, "Looks good.")
    assert _notes(dbs) == [(author.id, "commented")]
    assert comments.notified_names(dbs, [c.id]) == {c.id: ["Casey Author"]}
    comments.add_comment(dbs, draft, author, "My own note.")
    assert _notes(dbs) == [(author.id, "commented")]  # never the commenter


def test_mentions_by_name_or_email_local_part_for_people_who_can_view(dbs, draft, people):
    author, admin, outsider = people
    other_admin = make_user(dbs, Role.ADMIN, name="Sam Lee", email="sam.lee@example.com")
    gone = make_user(dbs, Role.ADMIN, name="Gone Admin", email="gone@example.com")
    gone.active = False
    dbs.commit()
    c = comments.add_comment(
        dbs, draft, author,
        "@sam.lee and @Alex Admin: thoughts? cc @Olly Outsider @gone, mail casey@example.com",
    )
    assert sorted(_notes(dbs, "mentioned")) == sorted([(other_admin.id, "mentioned"), (admin.id, "mentioned")])
    assert _notes(dbs, "commented") == []  # the author is the commenter
    assert comments.notified_names(dbs, [c.id])[c.id] == ["Alex Admin", "Sam Lee"]


def test_longest_name_wins_at_a_mention():
    from drafts.models import User

    ann = User(id=1, name="Ann", email="ann@example.com")
    ann_lee = User(id=2, name="Ann Lee", email="al@example.com")
    assert comments.find_mentions("Hi @ann lee!", [ann, ann_lee]) == [ann_lee]
    assert comments.find_mentions("Hi @Ann, and @AL.", [ann, ann_lee]) == [ann, ann_lee]
    assert comments.find_mentions("mail ann@example.com or @annie", [ann, ann_lee]) == []


def test_reply_notifies_author_and_thread_participants_except_those_mentioned(dbs, draft, people):
    author, admin, _ = people
    third = make_user(dbs, Role.ADMIN, name="Tess Third", email="tess@example.com")
    root = comments.add_comment(dbs, draft, admin, "Needs a number.")
    comments.add_comment(dbs, draft, third, "+1", parent=root)
    start = len(_notes(dbs))
    reply = comments.add_comment(dbs, draft, author, "Added one. @Tess Third does this work?", parent=root)
    new = dbs.scalars(select(Notification).where(Notification.comment_id == reply.id)).all()
    assert sorted((n.user_id, n.event) for n in new) == sorted([(admin.id, "commented"), (third.id, "mentioned")])
    assert len(_notes(dbs)) == start + 2


def test_editing_notifies_only_newly_mentioned_people(dbs, draft, people):
    author, admin, _ = people
    third = make_user(dbs, Role.ADMIN, name="Tess Third", email="tess@example.com")
    c = comments.add_comment(dbs, draft, author, "Over to @Alex Admin")
    comments.edit_comment(dbs, c, author, "Over to @Alex Admin and @tess")
    mentions = dbs.scalars(select(Notification).where(Notification.event == "mentioned")).all()
    assert sorted(n.user_id for n in mentions) == sorted([admin.id, third.id])
    assert dbs.get(Comment, c.id).edited_at is not None
