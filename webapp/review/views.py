"""The review queue, workflow steps, and the admin checklist."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for

from drafts import coach
from drafts.errors import DomainError, PermissionDenied, ValidationError
from drafts.models import Audience, DraftStatus, Revision, Role, User
from drafts.permissions import can_view
from drafts.review import quality_gate, queue, workflow
from drafts.review.workflow import Action
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.errors import error_response
from webapp.extensions import db
from webapp.numbers import arg_int, json_int
from webapp.review import bp
from webapp.review.context import review_context

REVIEWERS = (Role.REVIEWER, Role.ADMIN)
ANYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


@bp.get("/review")
@roles_required(*REVIEWERS)
def queue_page():
    args = request.args
    mine = args.get("mine") == "1"
    filters = queue.QueueFilters(
        status=args.get("status", "open") if args.get("status", "open") in
        {"open", "all", *[s.value for s in DraftStatus]} else "open",
        author_id=args.get("author", type=arg_int(1)),
        assignee_id=me().id if mine else args.get("assignee", type=arg_int(1)),
        audience=args.get("audience") if args.get("audience") in {a.value for a in Audience} else None,
        search=(args.get("q") or "")[:200],
        sort=args.get("sort", "oldest") if args.get("sort") in queue.SORTS else "oldest",
        page=args.get("page", 1, type=arg_int(1, 1_000_000)) or 1,
    )
    result = queue.list_queue(db.session, filters)
    return render_template(
        "review/queue.html", page=result, filters=filters, mine=mine,
        reviewers=workflow.reviewers(db.session), authors=_authors(),
        statuses=[s for s in DraftStatus if s.value in result.counts], audiences=list(Audience),
    )


def _authors() -> list[User]:
    from sqlalchemy import select

    from drafts.models import Draft

    return list(db.session.scalars(
        select(User).where(User.id.in_(select(Draft.author_id).where(Draft.submitted_at.is_not(None))))
        .order_by(User.name)
    ))


def _back(draft_id: int):
    return redirect(url_for("editor.edit", draft_id=draft_id))


@bp.post("/drafts/<int:draft_id>/workflow")
@roles_required(*ANYONE)
def act(draft_id: int):
    """One workflow step. Forms post here; so does JSON (Accept: application/json)."""
    wants_json = request.is_json
    values = request.get_json(silent=True) if wants_json else request.form
    values = values if isinstance(values, dict) or hasattr(values, "get") else {}
    draft = editing.get_draft(db.session, draft_id, me())
    try:
        action = Action(values.get("action", ""))
    except ValueError:
        return _fail(draft_id, "Unknown workflow step.", 422, wants_json)
    if action is Action.EDIT:
        return _fail(draft_id, "That step happens by itself when an approved post is edited.", 422,
                     wants_json)
    if action in workflow.SYSTEM_ONLY:
        return _fail(draft_id, "Take the post offline with Unpublish in the Publish panel: it names the "
                     "blog and asks you to confirm.", 422, wants_json)
    try:
        assignee_id = json_int(values, "assignee_id", minimum=0)
        expected = json_int(values, "expected_version", minimum=0)
    except ValidationError as error:
        return _fail(draft_id, error.message, 422, wants_json)
    assignee = db.session.get(User, assignee_id) if assignee_id else None
    try:
        outcome = workflow.act(
            db.session, draft, me(), action, note=str(values.get("note", "")),
            assignee=assignee, override_reason=str(values.get("override_reason", "")),
            expected_version=expected,
            gate=quality_gate.gate_for(db.session),
        )
        if action is Action.SUBMIT:
            latest = db.session.get(Revision, outcome.transition.revision_id)
            if latest is not None:
                coach.score_history(db.session, [latest])
    except PermissionDenied as error:
        db.session.rollback()
        return _fail(draft_id, error.message, 403, wants_json)
    except workflow.WorkflowConflict as error:
        db.session.rollback()
        return _fail(draft_id, error.message, 409, wants_json)
    except DomainError as error:
        db.session.rollback()
        return _fail(draft_id, error.message, 422, wants_json)
    db.session.commit()
    message = f"{action.label}."
    if outcome.notified:
        message += " Notified: " + ", ".join(n.user.name for n in outcome.notified) + "."
    if wants_json:
        return jsonify(status=draft.status.value, version=draft.version, message=message)
    flash(message, "success")
    if values.get("back") == "queue" or (
            action in (Action.APPROVE, Action.REQUEST_CHANGES, Action.CLAIM, Action.ASSIGN)
            and not can_view(me(), draft)):
        return redirect(url_for("review.queue_page"))  # e.g. Claim in the queue's row
    return _back(draft_id)


@bp.get("/drafts/<int:draft_id>/workflow-panel")
@roles_required(*ANYONE)
def workflow_panel(draft_id: int):
    """The editor's Review tab, re-drawn when the status changes while the page is open."""
    draft = editing.get_draft(db.session, draft_id, me())
    return render_template("review/_workflow.html", review=review_context(draft))


def _fail(draft_id: int, message: str, status: int, wants_json: bool):
    if wants_json:
        return jsonify(error=message, status=status), status
    if status == 403:
        return error_response(403, message)
    flash(message, "error")
    return _back(draft_id)


@bp.route("/admin/checklist", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def checklist_settings():
    if request.method == "POST":
        try:
            for spec in quality_gate.DEFAULTS:
                level = request.form.get(f"{spec.key}-level", spec.level)
                low = json_int(request.form, f"{spec.key}-min")
                high = json_int(request.form, f"{spec.key}-max")
                quality_gate.save_rule(db.session, spec.key, level, low, high)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Checklist saved. It applies to every submission from now on.", "success")
            return redirect(url_for("review.checklist_settings"))
    return render_template("review/checklist.html", rules=quality_gate.rules(db.session),
                           levels=quality_gate.LEVELS)
