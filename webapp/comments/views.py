"""Comment endpoints (JSON): list threads, comment, reply, edit, delete, resolve, reopen.

Offsets (`anchor_start`, `anchor_end`, `anchor`) count Unicode code points of
the saved draft text, as Python does; the editor's script converts them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import jsonify, request, url_for

from drafts.errors import DomainError, NotFound, PermissionDenied, ValidationError
from drafts.models import Comment, Role, User
from drafts.review import comments
from drafts.review.comments import CommentView, Thread
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.comments import bp
from webapp.extensions import db
from webapp.numbers import json_int

EVERYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    status = 400
    if isinstance(error, NotFound):
        status = 404
    elif isinstance(error, PermissionDenied):
        status = 403
    elif isinstance(error, ValidationError):
        status = 422
    return jsonify(error=error.message, status=status), status


@bp.get("/drafts/<int:draft_id>/comments")
@roles_required(*EVERYONE)
def list_comments(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    threads = comments.list_comments(db.session, draft)
    ids = [v.comment.id for t in threads for v in (t.root, *t.replies)]
    notified = comments.notified_names(db.session, ids)
    return jsonify(
        threads=[_thread_json(t, notified) for t in threads],
        open=sum(1 for t in threads if not t.resolved),
        resolved=sum(1 for t in threads if t.resolved),
    )


@bp.post("/drafts/<int:draft_id>/comments")
@roles_required(*EVERYONE)
def create(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    payload = _payload()
    parent = None
    if payload.get("parent_id") is not None:
        try:
            parent = comments.get_comment(db.session, _int(payload, "parent_id"), me())
        except NotFound:
            raise ValidationError(
                "The comment you are replying to no longer exists. Reload the comments.",
                field="parent_id",
            ) from None
    comment = comments.add_comment(
        db.session, draft, me(), _text(payload, "body"), parent=parent,
        quote=_text(payload, "quote"),
        anchor_start=_int(payload, "anchor_start"), anchor_end=_int(payload, "anchor_end"),
    )
    db.session.commit()
    return jsonify(comment=_comment_json(_view(comment, draft.body))), 201


@bp.post("/comments/<int:comment_id>")
@roles_required(*EVERYONE)
def edit(comment_id: int):
    comment = comments.get_comment(db.session, comment_id, me())
    comments.edit_comment(db.session, comment, me(), _text(_payload(), "body"))
    db.session.commit()
    draft = editing.get_draft(db.session, comment.draft_id, me())
    return jsonify(comment=_comment_json(_view(comment, draft.body)))


@bp.post("/comments/<int:comment_id>/delete")
@roles_required(*EVERYONE)
def delete(comment_id: int):
    comment = comments.get_comment(db.session, comment_id, me())
    comments.delete_comment(db.session, comment, me())
    db.session.commit()
    return jsonify(id=comment.id, deleted=True)


@bp.post("/comments/<int:comment_id>/resolve")
@roles_required(*EVERYONE)
def resolve(comment_id: int):
    comment = comments.get_comment(db.session, comment_id, me())
    root = comments.resolve_thread(db.session, comment, me())
    db.session.commit()
    return jsonify(_resolution_json(root))


@bp.post("/comments/<int:comment_id>/reopen")
@roles_required(*EVERYONE)
def reopen(comment_id: int):
    comment = comments.get_comment(db.session, comment_id, me())
    root = comments.reopen_thread(db.session, comment, me())
    db.session.commit()
    return jsonify(_resolution_json(root))


# --- Input -----------------------------------------------------------------------------------


def _payload() -> dict[str, Any]:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise ValidationError("Send the comment as a UTF-8 JSON object, like {\"body\": \"…\"}.")
    return payload


def _text(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"'{name}' must be text.", field=name)
    return value


def _int(payload: dict[str, Any], name: str) -> int | None:
    return json_int(payload, name, message=f"'{name}' must be a whole number.", strings=False)


# --- Output ----------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _view(comment: Comment, body: str) -> CommentView:
    spot = comments.anchor(comment, body)
    return CommentView(comment, spot, bool(comment.quote) and spot is None)


def _comment_json(view: CommentView, notified: dict[int, list[str]] | None = None) -> dict:
    c = view.comment
    mine = c.author_id == me().id and not view.deleted
    if notified is None:
        notified = comments.notified_names(db.session, [c.id])
    return {
        "id": c.id,
        "parent_id": c.parent_id,
        "author": None if view.deleted else _person(c.author),
        "body": comments.DELETED_TEXT if view.deleted else c.body,
        "deleted": view.deleted,
        "quote": c.quote,
        "anchor": {"start": view.anchor[0], "end": view.anchor[1]} if view.anchor else None,
        "outdated": view.outdated,
        "created_at": _iso(c.created_at),
        "edited_at": _iso(c.edited_at),
        "can_edit": mine,
        "can_delete": mine,
        "notified": notified.get(c.id, []),
        "url": url_for("comments.edit", comment_id=c.id),
    }


def _thread_json(thread: Thread, notified: dict[int, list[str]]) -> dict:
    return {
        **_comment_json(thread.root, notified),
        "resolved": thread.resolved,
        "resolved_at": _iso(thread.root.comment.resolved_at),
        "resolved_by": _person(thread.resolved_by) if thread.resolved_by else None,
        "replies": [_comment_json(reply, notified) for reply in thread.replies],
    }


def _resolution_json(root: Comment) -> dict:
    resolver = db.session.get(User, root.resolved_by_id) if root.resolved_by_id else None
    return {
        "id": root.id,
        "resolved": root.resolved_at is not None,
        "resolved_at": _iso(root.resolved_at),
        "resolved_by": _person(resolver) if resolver else None,
    }


def _person(user: User) -> dict:
    return {"id": user.id, "name": user.name}
