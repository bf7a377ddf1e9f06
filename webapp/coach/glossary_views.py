"""The team glossary: everyone reads it; reviewers and admins edit it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from drafts import glossary
from drafts.errors import PermissionDenied
from drafts.models import Role
from webapp.access import me, roles_required
from webapp.coach import bp
from webapp.extensions import db
from webapp.forms import submit

EDITORS = (Role.REVIEWER, Role.ADMIN)


class GlossaryForm(FlaskForm):
    term = StringField("Term", validators=[DataRequired(), Length(max=80)])
    alternative = StringField("Say instead", validators=[DataRequired(), Length(max=200)])
    note = StringField("Note", validators=[Length(max=500)])


@bp.route("/glossary", methods=["GET", "POST"])
@roles_required(Role.AUTHOR, Role.REVIEWER, Role.ADMIN)
def glossary_index():
    form = GlossaryForm()
    can_edit = me().has_role(*EDITORS)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("Only reviewers and admins edit the glossary.")

    def add() -> str:
        entry = glossary.add_entry(db.session, me(), term=form.term.data,
                                   alternative=form.alternative.data, note=form.note.data or "")
        return f"Added “{entry.term}” to the glossary."

    done, status = submit(form, add, url_for("coach.glossary_index"))
    if done:
        return done
    query = (request.args.get("q") or "").strip().lower()
    entries = [e for e in glossary.list_entries(db.session)
               if not query or query in e.term.lower() or query in e.alternative.lower()]
    return render_template("coach/glossary.html", entries=entries, form=form, can_edit=can_edit,
                           query=query), status


@bp.route("/glossary/<int:entry_id>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def glossary_edit(entry_id: int):
    entry = glossary.get_entry(db.session, entry_id)
    form = GlossaryForm(obj=entry)

    def save() -> str:
        glossary.update_entry(db.session, entry, me(), term=form.term.data,
                              alternative=form.alternative.data, note=form.note.data or "")
        return f"Saved “{entry.term}”."

    done, status = submit(form, save, url_for("coach.glossary_index"))
    if done:
        return done
    return render_template("coach/glossary_edit.html", entry=entry, form=form), status


@bp.post("/glossary/<int:entry_id>/delete")
@roles_required(*EDITORS)
def glossary_delete(entry_id: int):
    entry = glossary.get_entry(db.session, entry_id)
    term = entry.term
    glossary.delete_entry(db.session, entry)
    db.session.commit()
    flash(f"Removed “{term}” from the glossary.", "success")
    return redirect(url_for("coach.glossary_index"))
