"""The editor's HTML pages: list, new, edit, plain-form save, trash."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for

from drafts import home as home_summary
from drafts.errors import EditConflict, ValidationError
from drafts.models import Audience, Draft, DraftStatus, RevisionSource, Role
from drafts.permissions import is_reviewer_of
from drafts.planning import briefs
from drafts.rendering import render
from drafts.review import notifications
from drafts.writing import draft_list, editing, presence, revisions
from drafts.writing.diffing import diff_html, word_diff
from webapp.access import me, roles_required
from webapp.editor import bp
from webapp.editor.common import base_version, body_limit, draft_input
from webapp.export.views import export_context
from webapp.extensions import db
from webapp.forms import PostForm
from webapp.numbers import arg_int
from webapp.review.context import review_context, workflow_state

WRITERS = (Role.AUTHOR, Role.ADMIN)
# Reviewers open and edit drafts that were submitted; the domain decides which.
EDITORS = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)
# The filters on My drafts, in the order a post moves through them.
LIST_STATUSES = {s.value: s for s in (
    DraftStatus.DRAFT, DraftStatus.IN_REVIEW, DraftStatus.CHANGES_REQUESTED,
    DraftStatus.APPROVED, DraftStatus.SCHEDULED, DraftStatus.PUBLISHED,
)}


@bp.get("/")
@roles_required(*WRITERS, Role.REVIEWER)
def home():
    """Where each person's work is: the queue, their drafts, or one section per role."""
    where = home_summary.landing(me())
    if where == "queue":
        return redirect(url_for("review.queue_page"))
    if where == "drafts":
        return redirect(url_for("editor.index"))
    return render_template("editor/home.html", sections=home_summary.summary(db.session, me()),
                           paces=home_summary.paces(db.session, me(), me().timezone or "UTC"))


@bp.get("/drafts")
@roles_required(*WRITERS)
def index():
    trashed = request.args.get("view") == "trash"
    page = request.args.get("page", 1, type=arg_int(1, 1_000_000)) or 1
    status = LIST_STATUSES.get(request.args.get("status", ""))
    result = draft_list.list_drafts(
        db.session, me(), page=page, per_page=current_app.config["BYLINE_PAGE_SIZE"],
        trashed=trashed, status=status,
    )
    return render_template(
        "editor/list.html", page=result, trashed=trashed, status=status,
        statuses=list(LIST_STATUSES.values()),
        paces=home_summary.paces(db.session, me(), me().timezone or "UTC", own_only=True) if not trashed else [],
    )


@bp.get("/drafts/new")
@roles_required(*WRITERS)
def new():
    return render_template(
        "editor/edit.html", draft=None, values=editing.DraftInput(), version=0,
        preview=render(""), audiences=list(Audience), others=[], conflict=None, form=PostForm(),
        review={"draft": None}, export={"draft": None}, state=None, recent=[], bundle=_bundle(), brief=None,
    )


@bp.post("/drafts")
@roles_required(*WRITERS)
def create():
    data = draft_input(request.form)
    draft = editing.create_draft(db.session, me(), data, body_limit=body_limit())
    db.session.commit()
    flash("Draft created.", "success")
    return redirect(url_for("editor.edit", draft_id=draft.id))


@bp.get("/drafts/<int:draft_id>")
@roles_required(*EDITORS)
def edit(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    others = presence.others_editing(db.session, draft, me())
    # Opening the draft reads what its recipient was told about it.
    if notifications.mark_draft_read(db.session, me(), draft.id):
        db.session.commit()
    return _editor_page(draft, editing.DraftInput(
        title=draft.title, body=draft.body, excerpt=draft.excerpt,
        tags=tuple(draft.tag_names), audience=draft.audience,
    ), draft.version, others=others)


@bp.post("/drafts/<int:draft_id>")
@roles_required(*EDITORS)
def save(draft_id: int):
    """The plain form: works with JavaScript off, same rules as autosave."""
    draft = editing.get_draft(db.session, draft_id, me())
    try:
        data = draft_input(request.form)
    except ValidationError as error:
        flash(error.message, "error")
        return _editor_page(draft, _raw_input(), draft.version, status=422)
    try:
        result = editing.save_draft(
            db.session, draft, me(), data,
            base_version=base_version(request.form), body_limit=body_limit(),
            source=RevisionSource.REVIEWER if is_reviewer_of(me(), draft) else RevisionSource.AUTHOR,
        )
    except EditConflict as conflict:
        db.session.commit()  # keep the conflict copy
        return _editor_page(conflict.draft, data, conflict.draft.version, conflict=conflict, status=409)
    db.session.commit()
    flash("Saved." if result.changed else "No changes to save.", "success")
    return redirect(url_for("editor.edit", draft_id=draft.id))


@bp.post("/drafts/<int:draft_id>/copy-aside")
@roles_required(*WRITERS)
def copy_aside(draft_id: int):
    editing.get_draft(db.session, draft_id, me())
    copy = editing.copy_to_new_draft(db.session, me(), draft_input(request.form), body_limit=body_limit())
    db.session.commit()
    flash("Your text is now a separate draft. The original keeps the server's version.", "success")
    return redirect(url_for("editor.edit", draft_id=copy.id))


@bp.post("/drafts/<int:draft_id>/trash")
@roles_required(*WRITERS)
def trash(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    editing.trash_draft(db.session, draft, me())
    db.session.commit()
    flash(f"Moved “{draft.display_title}” to the trash. You can restore it from Trash.", "success")
    return redirect(url_for("editor.index"))


@bp.post("/drafts/<int:draft_id>/untrash")
@roles_required(*WRITERS)
def untrash(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    editing.restore_draft(db.session, draft, me())
    db.session.commit()
    flash(f"Restored “{draft.display_title}”.", "success")
    return redirect(url_for("editor.edit", draft_id=draft.id))


def _bundle() -> bool:
    """Is the rich-text editor's bundle built? Without it the page keeps the Markdown box."""
    return (Path(current_app.static_folder) / "vendor" / "byline-editor.js").is_file()


def _raw_input() -> editing.DraftInput:
    """What the writer sent, unvalidated, so a rejected form keeps their words."""
    form = request.form
    try:
        audience = Audience(form.get("audience", "executive"))
    except ValueError:
        audience = Audience.EXECUTIVE
    return editing.DraftInput(
        title=form.get("title", "")[:1000], body=form.get("body", ""),
        excerpt=form.get("excerpt", ""), tags=tuple(t.strip() for t in form.get("tags", "").split(",") if t.strip())[:50],
        audience=audience,
    )


def _editor_page(
    draft: Draft,
    values: editing.DraftInput,
    version: int,
    *,
    others=(),
    conflict: EditConflict | None = None,
    status: int = 200,
):
    conflict_view = None
    if conflict is not None:
        conflict_view = {
            "message": conflict.message,
            "diff_html": diff_html(word_diff(conflict.draft.body, values.body)),
            "revision": conflict.conflict_copy.number,
        }
    return (
        render_template(
            "editor/edit.html",
            draft=draft,
            values=values,
            version=version,
            preview=render(values.body),
            audiences=list(Audience),
            others=others,
            conflict=conflict_view,
            form=PostForm(),
            review=review_context(draft),
            export=export_context(draft),
            state=workflow_state(draft),
            recent=revisions.recent_revisions(db.session, draft),
            bundle=_bundle(),
            brief=briefs.for_draft(db.session, draft),
        ),
        status,
    )
