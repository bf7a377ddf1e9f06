"""Ideas: the list, adding one, voting and archiving."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from drafts.errors import DomainError
from drafts.export import service
from drafts.models import Role
from drafts.planning import ideas
from webapp.access import me, roles_required
from webapp.extensions import db
from webapp.numbers import arg_int
from webapp.planning import bp

ANYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


def idea_fields(form) -> ideas.IdeaFields:
    return ideas.IdeaFields(
        title=form.get("title", ""), angle=form.get("angle", ""), audience=form.get("audience", ""),
        destination_id=form.get("destination_id", type=arg_int(1)), notes=form.get("notes", ""))


@bp.route("/ideas", methods=["GET", "POST"])
@roles_required(*ANYONE)
def ideas_page():
    status, values = 200, {}
    if request.method == "POST":
        try:
            idea = ideas.add_idea(db.session, me(), idea_fields(request.form))
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            status, values = 422, request.form
        else:
            db.session.commit()
            flash(f"Added the idea “{idea.title}”.", "success")
            return redirect(url_for("planning.ideas_page"))
    archived = request.args.get("view") == "archived"
    return render_template("planning/ideas.html", rows=ideas.list_ideas(db.session, me(), archived=archived),
                           archived=archived, values=values,
                           destinations=service.destinations(db.session)), status


@bp.post("/ideas/<int:idea_id>/vote")
@roles_required(*ANYONE)
def vote(idea_id: int):
    idea = ideas.get_idea(db.session, idea_id)
    voted = ideas.toggle_vote(db.session, idea, me())
    db.session.commit()
    flash(f"You vote for “{idea.title}”." if voted else f"You took back your vote for “{idea.title}”.",
          "success")
    return redirect(url_for("planning.ideas_page") + f"#idea-{idea.id}")


@bp.post("/ideas/<int:idea_id>/archive")
@roles_required(*ANYONE)
def archive_idea(idea_id: int):
    idea = ideas.get_idea(db.session, idea_id)
    archived = request.form.get("archived", "1") != "0"
    ideas.set_archived(db.session, idea, me(), archived)
    db.session.commit()
    flash(f"Archived “{idea.title}”." if archived else f"Restored “{idea.title}” to the ideas.", "success")
    return redirect(url_for("planning.ideas_page"))
