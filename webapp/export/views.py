"""Destinations (admin), publishing and scheduling, downloads, export history."""

from __future__ import annotations

from datetime import datetime

from flask import Response, flash, redirect, render_template, request, url_for

from drafts import editing
from drafts.errors import DomainError, PermissionDenied
from drafts.export import registry, service
from drafts.export.base import ExportError, RemoteGone
from drafts.models import Destination, Role
from drafts.rendering import markdown_to_html
from webapp.access import me, roles_required
from webapp.errors import error_response
from webapp.export import bp
from webapp.extensions import db, secret_box
from webapp.numbers import arg_int

ANYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


@bp.route("/admin/destinations", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def destinations():
    status = 200
    if request.method == "POST":
        form = request.form
        kind = form.get("kind", "")
        try:
            spec = registry.spec(kind)
            destination = service.add_destination(
                db.session, me(), kind=kind, name=form.get("name", ""),
                settings={f.name: form.get(f"{kind}-{f.name}", "") for f in spec.fields},
                secret=form.get(f"{kind}-secret", ""), box=secret_box(),
            )
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            status = 422
        else:
            db.session.commit()
            flash(f"Added {destination.name}. Use Test connection to check it.", "success")
            return redirect(url_for("export.destinations"))
    return render_template("export/destinations.html", items=service.destinations(db.session, active_only=False),
                           specs=registry.SPECS), status


@bp.post("/admin/destinations/<int:destination_id>/check")
@roles_required(Role.ADMIN)
def check(destination_id: int):
    destination = db.get_or_404(Destination, destination_id)
    message = service.check(db.session, destination, me(), secret_box())
    flash(f"{destination.name}: {message}", "error" if message.startswith("Connection failed") else "success")
    return redirect(url_for("export.destinations"))


@bp.post("/admin/destinations/<int:destination_id>/active")
@roles_required(Role.ADMIN)
def set_active(destination_id: int):
    destination = db.get_or_404(Destination, destination_id)
    destination.active = request.form.get("active") == "1"
    db.session.commit()
    flash(f"{destination.name} is {'active' if destination.active else 'switched off'}.", "success")
    return redirect(url_for("export.destinations"))


def _draft_and_destination(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    destination = db.session.get(Destination, request.form.get("destination_id", type=arg_int(1)) or 0)
    if destination is None or not destination.active:
        return draft, None
    return draft, destination


@bp.post("/drafts/<int:draft_id>/publish")
@roles_required(*ANYONE)
def publish(draft_id: int):
    draft, destination = _draft_and_destination(draft_id)
    back = redirect(url_for("editor.edit", draft_id=draft_id))
    if destination is None:
        flash("Choose an active destination.", "error")
        return back
    try:
        record = service.publish(
            db.session, draft, me(), destination, box=secret_box(),
            mode=request.form.get("mode", "publish"), timezone=request.form.get("timezone", "UTC"),
            recreate=request.form.get("recreate") == "1",
        )
    except PermissionDenied as error:
        db.session.rollback()
        return error_response(403, error.message)
    except RemoteGone as error:
        flash(f"{destination.name}: {error.message}", "error")
        return back
    except (ExportError, DomainError) as error:
        db.session.rollback()
        flash(f"{destination.name}: {error.message}", "error")
        return back
    flash(f"{'Published' if record.status == 'published' else 'Pushed as a draft'} on {destination.name}: "
          f"{record.remote_url}", "success")
    return back


@bp.post("/drafts/<int:draft_id>/schedule")
@roles_required(*ANYONE)
def schedule(draft_id: int):
    draft, destination = _draft_and_destination(draft_id)
    back = redirect(url_for("editor.edit", draft_id=draft_id))
    if destination is None:
        flash("Choose an active destination.", "error")
        return back
    try:
        when = datetime.fromisoformat(request.form.get("publish_at", ""))
    except ValueError:
        flash("Pick a date and time to publish.", "error")
        return back
    if not 2000 <= when.year <= 2999:  # far dates overflow on conversion to UTC
        flash("Pick a date and time to publish between the years 2000 and 2999.", "error")
        return back
    try:
        service.schedule(db.session, draft, me(), destination, when_local=when,
                         timezone=request.form.get("timezone", "UTC"))
    except PermissionDenied as error:
        db.session.rollback()
        return error_response(403, error.message)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return back
    db.session.commit()
    flash(f"Scheduled on {destination.name}. It goes out at the chosen time.", "success")
    return back


@bp.get("/drafts/<int:draft_id>/download.<any(md, html):fmt>")
@roles_required(*ANYONE)
def download(draft_id: int, fmt: str):
    """Anyone who can see a draft can download it."""
    from drafts.export.static_site import markdown_with_front_matter, standalone_html
    from drafts.models import utcnow

    draft = editing.get_draft(db.session, draft_id, me())
    post = service.post_from_draft(draft, status="draft")
    name = post.slug
    if fmt == "md":
        body, mimetype = markdown_with_front_matter(post, utcnow()), "text/markdown; charset=utf-8"
    else:
        body, mimetype = standalone_html(post), "text/html; charset=utf-8"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@bp.get("/drafts/<int:draft_id>/export/<int:destination_id>")
@roles_required(*ANYONE)
def static_export(draft_id: int, destination_id: int):
    from drafts.models import utcnow

    draft = editing.get_draft(db.session, draft_id, me())
    destination = db.get_or_404(Destination, destination_id)
    if destination.kind != "static":
        return error_response(404)
    exporter = service.adapter_for(destination, secret_box())
    export = exporter.export(service.post_from_draft(draft, status="publish"), now=utcnow())
    response = Response(export.content, mimetype=export.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{export.filename.rsplit("/", 1)[-1]}"'
    return response


@bp.get("/export/<int:destination_id>/all")
@roles_required(Role.REVIEWER, Role.ADMIN)
def static_export_all(destination_id: int):
    """A zip of every approved, scheduled or published post, for a static site."""
    from sqlalchemy import select

    from drafts.models import Draft, utcnow

    destination = db.get_or_404(Destination, destination_id)
    if destination.kind != "static":
        return error_response(404)
    drafts = db.session.scalars(select(Draft).where(
        Draft.status.in_(list(service.PUBLISHABLE)), Draft.trashed_at.is_(None)).order_by(Draft.id)).all()
    if not drafts:
        flash("There are no approved posts to export yet.", "info")
        return redirect(url_for("export.destinations"))
    exporter = service.adapter_for(destination, secret_box())
    export = exporter.export_many([service.post_from_draft(d, status="publish") for d in drafts], now=utcnow())
    response = Response(export.content, mimetype=export.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{export.filename.rsplit("/", 1)[-1]}"'
    return response


def export_context(draft) -> dict:
    if draft is None:
        return {"draft": None}
    return {
        "draft": draft,
        "destinations": service.destinations(db.session),
        "records": {r.destination_id: r for r in service.records(db.session, draft)},
        "history": service.history(db.session, draft),
        "html_preview": markdown_to_html,
    }
