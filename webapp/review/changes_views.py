"""Tracked changes: accept or reject each change marketing (or the author) made."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from drafts.errors import DomainError, EditConflict, NotFound
from drafts.models import Role
from drafts.permissions import is_reviewer_of, owns_or_admin
from drafts.review import review_changes
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.extensions import db
from webapp.numbers import MAX_INT, arg_int, as_int
from webapp.review import bp


@bp.get("/drafts/<int:draft_id>/changes")
@roles_required(Role.AUTHOR, Role.REVIEWER, Role.ADMIN)
def changes(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    as_reviewer = is_reviewer_of(me(), draft) and request.args.get("view") != "author"
    changeset = (review_changes.since_last_review(db.session, draft, me()) if as_reviewer
                 else review_changes.since_submission(db.session, draft))
    return render_template("review/changes.html", draft=draft, changeset=changeset,
                           as_reviewer=as_reviewer,
                           can_decide=not as_reviewer and draft.author_id == me().id)


@bp.post("/drafts/<int:draft_id>/changes")
@roles_required(Role.AUTHOR, Role.ADMIN)
def decide(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    if not owns_or_admin(me(), draft):
        raise NotFound("That draft does not exist, or you do not have access to it.")
    if draft.author_id != me().id:
        flash("Only the author decides on tracked changes.", "error")
        return redirect(url_for("review.changes", draft_id=draft_id))
    accepted = {n for v in request.form.getlist("accept") if (n := as_int(v, 0, MAX_INT)) is not None}
    try:
        result = review_changes.decide(
            db.session, draft, me(), base_revision_id=request.form.get("base_revision", type=arg_int(1)) or 0,
            accepted=accepted, base_version=request.form.get("base_version", type=arg_int(1)) or 0,
        )
    except EditConflict as conflict:
        db.session.commit()
        flash(conflict.message, "error")
        return redirect(url_for("review.changes", draft_id=draft_id))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("review.changes", draft_id=draft_id))
    db.session.commit()
    flash("Saved your decisions as a new revision." if result.changed else "Nothing changed.", "success")
    return redirect(url_for("editor.edit", draft_id=draft_id))
