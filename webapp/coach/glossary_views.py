"""The team glossary: everyone reads it; reviewers and admins edit it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from drafts import glossary
from drafts.errors import ValidationError
from drafts.models import Role
from webapp.access import me, roles_required
from webapp.coach import bp
from webapp.extensions import db
from webapp.forms import add_error

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
    status = 200
    if request.method == "POST":
        if not can_edit:
            return render_template("errors/error.html", status=403, title="Not allowed",
                                   message="Only reviewers and admins edit the glossary."), 403
        if form.validate_on_submit():
            try:
                entry = glossary.add_entry(db.session, me(), term=form.term.data,
                                           alternative=form.alternative.data, note=form.note.data or "")
            except ValidationError as error:
                db.session.rollback()
                add_error(form, error)
                status = 422
            else:
                db.session.commit()
                flash(f"Added “{entry.term}” to the glossary.", "success")
                return redirect(url_for("coach.glossary_index"))
        else:
            status = 422
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
    status = 200
    if form.validate_on_submit():
        try:
            glossary.update_entry(db.session, entry, me(), term=form.term.data,
                                  alternative=form.alternative.data, note=form.note.data or "")
        except ValidationError as error:
            db.session.rollback()
            add_error(form, error)
            status = 422
        else:
            db.session.commit()
            flash(f"Saved “{entry.term}”.", "success")
            return redirect(url_for("coach.glossary_index"))
    elif request.method == "POST":
        status = 422
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
