"""Admins choose under whose name each Byline author's posts appear on a WordPress blog."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from drafts.export import authors, service
from drafts.export.base import ExportError
from drafts.models import Destination, Role
from drafts.secrets import SecretUnreadable
from webapp.access import roles_required
from webapp.export import bp
from webapp.extensions import db, secret_box


@bp.route("/admin/destinations/<int:destination_id>/authors", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def destination_authors(destination_id: int):
    destination = db.get_or_404(Destination, destination_id)
    if destination.kind != "wordpress":
        flash(f"{destination.name}: {authors.describe_kind(destination.kind)}", "info")
        return redirect(url_for("export.destinations"))
    people = authors.byline_authors(db.session)
    try:
        choices = service.adapter_for(destination, secret_box()).authors()
    except (ExportError, SecretUnreadable) as error:
        flash(f"{destination.name}: {error.message}", "error")
        return redirect(url_for("export.destinations"))
    if request.method == "POST":
        known = {choice.remote_id: choice for choice in choices}
        for person in people:
            picked = request.form.get(f"author-{person.id}", "")
            if picked and picked not in known:
                db.session.rollback()
                flash("Choose one of the blog's authors from the list.", "error")
                return redirect(url_for("export.destination_authors", destination_id=destination.id))
            if picked:
                authors.remember(db.session, destination, person, known[picked], source="chosen")
            else:
                authors.forget(db.session, destination, person)
        db.session.commit()
        flash(f"Saved the authors for {destination.name}.", "success")
        return redirect(url_for("export.destination_authors", destination_id=destination.id))
    current = {person.id: authors.stored(db.session, destination, person) for person in people}
    return render_template("export/authors.html", destination=destination, people=people,
                           choices=choices, current=current,
                           describe=lambda person: authors.describe(db.session, destination, person))


