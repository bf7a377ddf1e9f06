"""Threaded comments on drafts: on the whole draft or on a quoted passage.

One level of threading, like Google Docs: a top-level comment opens a thread,
replies hang off it, and the thread is resolved or reopened as a whole.

Positions (`anchor_start`, `anchor_end`) are offsets into `draft.body` counted
in Unicode code points (Python string indices). A passage's anchor is found
again in the current text by `anchor`, so edits elsewhere never lose it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from drafts.errors import NotFound, PermissionDenied, ValidationError
from drafts.models import Comment, Draft, Notification, User, utcnow
from drafts.permissions import can_view
from drafts.review.comment_text import anchor, find_mentions, find_passage  # noqa: F401 (public API)
from drafts.review.notifications import notify
from drafts.text import clean_text
from drafts.writing import revisions

MAX_BODY = 5_000
MAX_QUOTE = 10_000
DELETED_TEXT = "Comment deleted"


@dataclass(frozen=True)
class CommentView:
    """A comment as people see it now: where its passage is, and whether it moved away."""

    comment: Comment
    anchor: tuple[int, int] | None
    outdated: bool

    @property
    def deleted(self) -> bool:
        return self.comment.deleted_at is not None


@dataclass(frozen=True)
class Thread:
    root: CommentView
    replies: tuple[CommentView, ...]
    resolved_by: User | None = None

    @property
    def resolved(self) -> bool:
        return self.root.comment.resolved_at is not None


# --- Reading ---------------------------------------------------------------------------------


def get_comment(session: Session, comment_id: int, user: User) -> Comment:
    """A comment this user may see (its draft is visible and it is not deleted)."""
    comment = session.get(Comment, comment_id)
    if comment is None or comment.deleted_at is not None:
        raise NotFound("That comment does not exist, or you do not have access to it.")
    draft = session.get(Draft, comment.draft_id)
    if draft is None or not can_view(user, draft):
        raise NotFound("That comment does not exist, or you do not have access to it.")
    return comment


def list_comments(session: Session, draft: Draft) -> list[Thread]:
    """Threads, oldest first, each with its replies oldest first.

    Deleted comments are left out, except a deleted top-level comment that
    still has replies: it stays so the thread reads in order ("Comment deleted").
    """
    rows = session.scalars(
        select(Comment)
        .where(Comment.draft_id == draft.id)
        .order_by(Comment.created_at, Comment.id)
        .options(selectinload(Comment.author))
    ).all()
    replies: dict[int, list[CommentView]] = {}
    for row in rows:
        if row.parent_id is not None and row.deleted_at is None:
            replies.setdefault(row.parent_id, []).append(CommentView(row, None, False))
    threads = []
    for row in rows:
        if row.parent_id is not None:
            continue
        kids = tuple(replies.get(row.id, ()))
        if row.deleted_at is not None and not kids:
            continue
        spot = anchor(row, draft.body)
        resolver = session.get(User, row.resolved_by_id) if row.resolved_by_id else None
        view = CommentView(row, spot, bool(row.quote) and spot is None)
        threads.append(Thread(view, kids, resolver))
    return threads


def notified_names(session: Session, comment_ids: Iterable[int]) -> dict[int, list[str]]:
    """Who was notified about each comment (mentions and replies), by name."""
    ids = list(comment_ids)
    result: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return result
    rows = session.execute(
        select(Notification.comment_id, User.name)
        .join(User, User.id == Notification.user_id)
        .where(Notification.comment_id.in_(ids))
        .order_by(User.name)
    ).all()
    for comment_id, name in rows:
        if name not in result[comment_id]:
            result[comment_id].append(name)
    return result


# --- Writing ---------------------------------------------------------------------------------


def add_comment(
    session: Session,
    draft: Draft,
    user: User,
    body: str,
    *,
    parent: Comment | None = None,
    quote: str = "",
    anchor_start: int | None = None,
    anchor_end: int | None = None,
) -> Comment:
    """Comment on the draft, on a passage of its saved text, or reply to a thread."""
    _require_view(user, draft)
    text = _clean_body(body)
    if parent is not None:
        _check_parent(session, draft, parent)
        if quote or anchor_start is not None or anchor_end is not None:
            raise ValidationError(
                "A reply belongs to its thread's passage; send it without a selection.",
                field="quote",
            )
        quote, start, end = "", None, None
    else:
        quote, start, end = _place(draft.body, clean_text(quote), anchor_start, anchor_end)
    latest = revisions.latest_revision(session, draft.id)
    comment = Comment(
        draft_id=draft.id, author_id=user.id, parent_id=parent.id if parent else None,
        body=text, quote=quote, anchor_start=start, anchor_end=end,
        revision_id=latest.id if latest else None,
    )
    session.add(comment)
    if parent is not None and parent.resolved_at is not None:
        _set_resolved(parent, None)  # a new reply reopens the thread, as in Google Docs
    session.flush()
    _notify_new(session, draft, user, comment, parent)
    return comment


def edit_comment(session: Session, comment: Comment, user: User, body: str) -> Comment:
    """Change one's own comment. People newly @mentioned are notified."""
    draft = _own(session, comment, user, "edit")
    text = _clean_body(body)
    if text == comment.body:
        return comment
    before = {u.id for u in _mentions(session, draft, comment.body)}
    comment.body = text
    comment.edited_at = utcnow()
    session.flush()
    added = [u for u in _mentions(session, draft, text) if u.id not in before]
    _notify_mentions(session, draft, user, comment, added)
    return comment


def delete_comment(session: Session, comment: Comment, user: User) -> None:
    """Remove one's own comment. Its words are erased; a thread with replies stays."""
    _own(session, comment, user, "delete")
    comment.body = ""
    comment.deleted_at = utcnow()
    session.flush()


def resolve_thread(session: Session, comment: Comment, user: User) -> Comment:
    """Mark the comment's thread resolved (a reply resolves its thread). Returns the top comment."""
    root = _thread_root(session, comment, user)
    if root.resolved_at is None:
        _set_resolved(root, user)
        session.flush()
    return root


def reopen_thread(session: Session, comment: Comment, user: User) -> Comment:
    root = _thread_root(session, comment, user)
    _set_resolved(root, None)
    session.flush()
    return root


# --- Mentions and notifications ----------------------------------------------------------------

def _mentions(session: Session, draft: Draft, body: str) -> list[User]:
    if "@" not in body:
        return []
    people = session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)).all()
    return find_mentions(body, [u for u in people if can_view(u, draft)])


def _notify_mentions(
    session: Session, draft: Draft, actor: User, comment: Comment, people: Sequence[User]
) -> None:
    if people:
        notify(
            session, event="mentioned", draft=draft, actor=actor, recipients=people,
            message=f"{actor.name} mentioned you in a comment on “{draft.display_title}”.",
            comment_id=comment.id,
        )


def _notify_new(
    session: Session, draft: Draft, actor: User, comment: Comment, parent: Comment | None
) -> None:
    mentioned = [u for u in _mentions(session, draft, comment.body) if u.id != actor.id]
    _notify_mentions(session, draft, actor, comment, mentioned)
    skip = {actor.id} | {u.id for u in mentioned}
    people: list[User] = [draft.author]
    if parent is not None:
        thread = session.scalars(
            select(Comment).where(
                (Comment.id == parent.id) | (Comment.parent_id == parent.id),
                Comment.deleted_at.is_(None),
            ).order_by(Comment.id)
        ).all()
        people += [c.author for c in thread]
    recipients = [u for u in people if u.id not in skip and can_view(u, draft)]
    if recipients:
        verb = "replied to a comment on" if parent is not None else "commented on"
        notify(
            session, event="commented", draft=draft, actor=actor, recipients=recipients,
            message=f"{actor.name} {verb} “{draft.display_title}”.", comment_id=comment.id,
        )


# --- Rules -----------------------------------------------------------------------------------


def _require_view(user: User, draft: Draft) -> None:
    if not can_view(user, draft):
        raise NotFound("That draft does not exist, or you do not have access to it.")


def _clean_body(body: str | None) -> str:
    text = clean_text(body).strip()
    if not text:
        raise ValidationError("Write something before sending the comment.", field="body")
    if len(text) > MAX_BODY:
        raise ValidationError(
            f"Keep comments under {MAX_BODY:,} characters (this one has {len(text):,}). "
            "Split it into two, or shorten it.",
            field="body",
        )
    return text


def _place(
    body: str, quote: str, start: int | None, end: int | None
) -> tuple[str, int | None, int | None]:
    """The passage to store: its text as saved in the draft, and its position."""
    if not quote and start is None and end is None:
        return "", None, None  # on the whole draft
    if quote:
        if len(quote) > MAX_QUOTE:
            raise ValidationError(
                f"Select a shorter passage (up to {MAX_QUOTE:,} characters) to comment on.",
                field="quote",
            )
        if start is not None and start >= 0 and body[start:start + len(quote)] == quote:
            return quote, start, start + len(quote)
        found = find_passage(body, quote, start or 0)
        if found is None:
            raise ValidationError(
                "The selected passage is not in the saved draft yet. "
                "Wait for the draft to save, then comment again.",
                field="quote",
            )
        return body[found[0]:found[1]], found[0], found[1]
    if start is None or end is None or not 0 <= start < end <= len(body):
        raise ValidationError(
            "The selected passage is outside the saved draft. "
            "Wait for the draft to save, select the passage again, then comment.",
            field="anchor_start",
        )
    if not body[start:end].strip():
        raise ValidationError(
            "Select some words to comment on, or clear the selection to comment on the whole draft.",
            field="quote",
        )
    return body[start:end], start, end


def _check_parent(session: Session, draft: Draft, parent: Comment) -> None:
    if parent.draft_id != draft.id:
        raise ValidationError("You can only reply to comments on this draft.", field="parent_id")
    if parent.parent_id is not None:
        raise ValidationError(
            "Replies are one level deep: reply to the thread's first comment instead.",
            field="parent_id",
        )
    if parent.deleted_at is not None and not _has_live_replies(session, parent):
        raise ValidationError(
            "That comment was deleted, so it cannot take replies. Start a new comment instead.",
            field="parent_id",
        )


def _has_live_replies(session: Session, comment: Comment) -> bool:
    return session.scalar(
        select(Comment.id)
        .where(Comment.parent_id == comment.id, Comment.deleted_at.is_(None))
        .limit(1)
    ) is not None


def _own(session: Session, comment: Comment, user: User, verb: str) -> Draft:
    draft = session.get(Draft, comment.draft_id)
    if draft is None or comment.deleted_at is not None or not can_view(user, draft):
        raise NotFound("That comment does not exist, or you do not have access to it.")
    if comment.author_id != user.id:
        raise PermissionDenied(f"You can only {verb} your own comments.")
    return draft


def _thread_root(session: Session, comment: Comment, user: User) -> Comment:
    draft = session.get(Draft, comment.draft_id)
    if draft is None or not can_view(user, draft):
        raise NotFound("That comment does not exist, or you do not have access to it.")
    root = session.get(Comment, comment.parent_id) if comment.parent_id else comment
    if root is None or (root.deleted_at is not None and not _has_live_replies(session, root)):
        raise NotFound("That comment does not exist, or you do not have access to it.")
    return root


def _set_resolved(root: Comment, user: User | None) -> None:
    root.resolved_at = utcnow() if user else None
    root.resolved_by_id = user.id if user else None
