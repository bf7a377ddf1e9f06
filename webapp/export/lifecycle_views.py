"""A remote post's later life: Unpublish, Ghost edit collisions, editing a destination."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from drafts.errors import DomainError, PermissionDenied
from drafts.export import destinations as destination_admin
from drafts.export import lifecycle, registry
from drafts.export.base import ExportError
from drafts.export.service import may_publish
from drafts.models import Destination, Role
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.errors import error_response
from webapp.export import bp
from webapp.extensions import db, secret_box

# Taking a post offline or settling a collision is for the people who publish.
PUBLISHERS = (Role.REVIEWER, Role.ADMIN)


@bp.post("/drafts/<int:draft_id>/unpublish/<int:destination_id>")
@roles_required(*PUBLISHERS)
def unpublish(draft_id: int, destination_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    destination = db.get_or_404(Destination, destination_id)
    try:
        lifecycle.unpublish(db.session, draft, me(), destination, box=secret_box(),
                            confirm=request.form.get("confirm") == "1")
    except PermissionDenied as error:
        db.session.rollback()
        return error_response(403, error.message)
    except (ExportError, DomainError) as error:
        db.session.rollback()
        flash(f"{destination.name}: {error.message}", "error")
    else:
        flash(f"Taken offline on {destination.name}: the post is a draft there now.", "success")
    return redirect(url_for("editor.edit", draft_id=draft_id))


@bp.route("/drafts/<int:draft_id>/collision/<int:destination_id>", methods=["GET", "POST"])
@roles_required(*PUBLISHERS)
def collision(draft_id: int, destination_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    destination = db.get_or_404(Destination, destination_id)
    back = redirect(url_for("editor.edit", draft_id=draft_id))
    try:
        if request.method == "POST":
            lifecycle.resolve_collision(db.session, draft, me(), destination, box=secret_box(),
                                        choice=request.form.get("choice", ""))
            flash(f"{destination.name}: done. {lifecycle.CHOICE_DONE[request.form['choice']]}", "success")
            return back
        if not may_publish(me(), draft):
            return error_response(403, "Resolving a collision is for reviewers and admins.")
        found = lifecycle.collision(db.session, draft, destination, box=secret_box())
    except PermissionDenied as error:
        db.session.rollback()
        return error_response(403, error.message)
    except (ExportError, DomainError) as error:
        db.session.rollback()
        flash(f"{destination.name}: {error.message}", "error")
        return back
    return render_template("export/collision.html", draft=draft, destination=destination, found=found)


@bp.route("/admin/destinations/<int:destination_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_destination(destination_id: int):
    destination = db.get_or_404(Destination, destination_id)
    spec = registry.spec(destination.kind)
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            destination_admin.edit_destination(
                db.session, me(), destination, name=form.get("name", ""),
                settings={f.name: form.get(f.name, "") for f in spec.fields},
                secret=form.get("secret", ""), box=secret_box())
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            status = 422
            destination = db.get_or_404(Destination, destination_id)
        else:
            db.session.commit()
            flash(f"Saved {destination.name}. Its published posts stay linked; use Test connection "
                  "to check the new settings.", "success")
            return redirect(url_for("export.destinations"))
    return render_template("export/destination_edit.html", destination=destination, spec=spec,
                           settings=destination_admin.settings_of(destination)), status
