"""Briefs: setting one (from an idea or not), reading it, drafting from it, ticking its points."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for

from drafts.errors import DomainError
from drafts.export import service
from drafts.models import Role
from drafts.planning import briefs, cadence, ideas
from drafts.planning.text import points
from webapp.access import me, roles_required
from webapp.errors import error_response, wants_json
from webapp.extensions import db
from webapp.numbers import arg_int
from webapp.planning import bp
from webapp.planning.common import back, parse_day

ANYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)
MARKETING = (Role.REVIEWER, Role.ADMIN)


@bp.get("/briefs")
@roles_required(*ANYONE)
def briefs_page():
    mine = request.args.get("mine") == "1"
    return render_template("planning/briefs.html", briefs=briefs.list_briefs(db.session, me(), set_by_me=mine),
                           mine=mine)


@bp.route("/briefs/new", methods=["GET", "POST"])
@roles_required(*MARKETING)
def new_brief():
    idea_id = request.values.get("idea", type=arg_int(1))
    idea = ideas.get_idea(db.session, idea_id) if idea_id else None
    status, values = 200, {}
    if request.method == "POST":
        try:
            brief = briefs.create_brief(db.session, me(), _fields(request.form), idea=idea)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            status, values = 422, request.form
        else:
            db.session.commit()
            flash(f"Brief sent to {brief.author.name}, due {brief.due_on:%d %b %Y}.", "success")
            return redirect(url_for("planning.brief_page", brief_id=brief.id))
    elif idea is not None:
        values = {"title": idea.title, "angle": idea.angle, "audience": idea.audience, "notes": idea.notes,
                  "destination_id": str(idea.destination_id or "")}
    return _form_page(values, status, idea=idea)


def _fields(form) -> briefs.BriefFields:
    return briefs.BriefFields(
        title=form.get("title", ""), angle=form.get("angle", ""), audience=form.get("audience", ""),
        destination_id=form.get("destination_id", type=arg_int(1)), notes=form.get("notes", ""),
        author_id=form.get("author_id", type=arg_int(1)), points=points(form.get("points", "")),
        due_on=parse_day(form.get("due_on"), "due_on", "Pick the date the post is due."))


def _form_page(values, status: int, *, idea=None, brief=None):
    return render_template("planning/brief_new.html", idea=idea, brief=brief, values=values,
                           authors=cadence.authors(db.session),
                           destinations=service.destinations(db.session)), status


@bp.route("/briefs/<int:brief_id>/edit", methods=["GET", "POST"])
@roles_required(*MARKETING)
def edit_brief(brief_id: int):
    brief = briefs.get_brief(db.session, brief_id, me())
    if request.method == "POST":
        try:
            briefs.update_brief(db.session, brief, me(), _fields(request.form))
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            return _form_page(request.form, 422, brief=brief)
        db.session.commit()
        flash("Brief saved.", "success")
        return redirect(url_for("planning.brief_page", brief_id=brief.id))
    values = {"title": brief.title, "angle": brief.angle, "audience": brief.audience, "notes": brief.notes,
              "destination_id": str(brief.destination_id or ""), "author_id": str(brief.author_id),
              "due_on": brief.due_on.isoformat(), "points": "\n".join(p.text for p in brief.points)}
    return _form_page(values, 200, brief=brief)


@bp.get("/briefs/<int:brief_id>")
@roles_required(*ANYONE)
def brief_page(brief_id: int):
    brief = briefs.get_brief(db.session, brief_id, me())
    return render_template("planning/brief.html", brief=brief, may_assign=briefs.may_assign(me()))


@bp.post("/briefs/<int:brief_id>/start")
@roles_required(Role.AUTHOR)
def start(brief_id: int):
    brief = briefs.get_brief(db.session, brief_id, me())
    if brief.author_id != me().id:  # marketing and admins see the brief; only its author drafts it
        return error_response(404, "That brief does not exist, or it is not yours to see.")
    draft = briefs.start_draft(db.session, brief, me())
    db.session.commit()
    return redirect(url_for("editor.edit", draft_id=draft.id) + "#brief")


@bp.post("/briefs/<int:brief_id>/points/<int:point_id>")
@roles_required(*ANYONE)
def tick(brief_id: int, point_id: int):
    """Tick a point off (JSON {"done": true} from the editor's Brief tab, or a plain form)."""
    brief = briefs.get_brief(db.session, brief_id, me())
    values = request.get_json(silent=True) if request.is_json else request.form
    done = (values or {}).get("done") in (True, "1", "true", "on")
    point = briefs.tick(db.session, brief, me(), point_id, done)
    db.session.commit()
    covered = sum(1 for p in brief.points if p.done_at is not None)
    if wants_json():
        return jsonify(point_id=point.id, done=point.done_at is not None, covered=covered,
                       total=len(brief.points))
    return back(url_for("planning.brief_page", brief_id=brief.id))


@bp.post("/briefs/<int:brief_id>/due")
@roles_required(*MARKETING)
def move_due(brief_id: int):
    brief = briefs.get_brief(db.session, brief_id, me())
    try:
        briefs.set_due(db.session, brief, me(), parse_day(request.form.get("due_on"), "due_on",
                                                          "Pick the new due date."))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(f"“{brief.title}” is now due {brief.due_on:%d %b %Y}.", "success")
    return back(url_for("planning.brief_page", brief_id=brief.id))


@bp.post("/briefs/<int:brief_id>/archive")
@roles_required(*MARKETING)
def archive_brief(brief_id: int):
    brief = briefs.get_brief(db.session, brief_id, me())
    briefs.archive(db.session, brief, me())
    db.session.commit()
    flash(f"Archived the brief “{brief.title}”.", "success")
    return redirect(url_for("planning.briefs_page"))
