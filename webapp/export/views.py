"""Destinations (admin), publishing and scheduling, downloads, export history."""

from __future__ import annotations

from datetime import datetime

from flask import Response, flash, redirect, render_template, request, url_for

from drafts.errors import DomainError, PermissionDenied
from drafts.export import authors, downloads, registry, scheduling, service, static_media
from drafts.export.base import ExportError, RemoteGone
from drafts.metrics import blog as blog_numbers
from drafts.models import Destination, Role
from drafts.rendering import markdown_to_html
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.errors import error_response
from webapp.export import bp
from webapp.extensions import db, image_store, secret_box
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
    db.session.commit()  # keeps the blog authors it found, for the publishing panel
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
            recreate=request.form.get("recreate") == "1", images=image_store(),
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
    flash(service.outcome_sentence(record, destination), "success")
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
        scheduling.schedule(db.session, draft, me(), destination, when_local=when,
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
    from drafts.export.static_site import (
        HTML_TYPE,
        MARKDOWN_TYPE,
        markdown_with_front_matter,
        safe_slug,
        standalone_html,
    )
    from drafts.models import utcnow

    draft = editing.get_draft(db.session, draft_id, me())
    now = utcnow()
    post = downloads.export_post(db.session, draft, now=now)
    if fmt == "md":
        body, content_type = markdown_with_front_matter(post, now), MARKDOWN_TYPE
    else:
        body, content_type = standalone_html(post), HTML_TYPE
    return _attachment(body, content_type, f"{safe_slug(post.slug)}.{fmt}")


def _attachment(body, content_type: str, filename: str) -> Response:
    """A download; `content_type` already names its charset (mimetype= would add another)."""
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/drafts/<int:draft_id>/export/<int:destination_id>")
@roles_required(*ANYONE)
def static_export(draft_id: int, destination_id: int):
    from drafts.models import utcnow

    draft = editing.get_draft(db.session, draft_id, me())
    destination = db.get_or_404(Destination, destination_id)
    if destination.kind != "static":
        return error_response(404)
    try:
        exporter = service.adapter_for(destination, secret_box())
    except ValueError:
        return error_response(422, "This destination's static-site generator is not valid. Ask an admin "
                                   "to edit the destination and choose Hugo, Jekyll or Astro.")
    now = utcnow()
    posts, images = static_media.with_images(db.session, image_store(), exporter.generator,
                                             [(draft, downloads.export_post(db.session, draft, now=now))])
    if images:  # the post and its images, as a zip
        export = exporter.export_many(posts, now=now, extra=images)
    else:
        export = exporter.export(posts[0], now=now)
    return _attachment(export.content, export.mimetype, export.filename.rsplit("/", 1)[-1])


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
    try:
        exporter = service.adapter_for(destination, secret_box())
    except ValueError:
        return error_response(422, "This destination's static-site generator is not valid. Edit the "
                                   "destination and choose Hugo, Jekyll or Astro.")
    now = utcnow()
    posts, images = static_media.with_images(
        db.session, image_store(), exporter.generator,
        [(d, downloads.export_post(db.session, d, now=now)) for d in drafts])
    export = exporter.export_many(posts, now=now, extra=images)
    return _attachment(export.content, export.mimetype, export.filename.rsplit("/", 1)[-1])


def export_context(draft) -> dict:
    if draft is None:
        return {"draft": None}
    records = {r.destination_id: r for r in service.records(db.session, draft)}
    shown = service.destinations(db.session, active_only=False)
    # Active destinations, and switched-off ones where this draft has a post.
    destinations = [d for d in shown if d.active or d.id in records]
    return {
        "draft": draft,
        "destinations": destinations,
        "bylines": {d.id: authors.describe(db.session, d, draft.author) for d in destinations},
        "records": records,
        "history": service.history(db.session, draft),
        "html_preview": markdown_to_html,
        "may_publish": service.may_publish(me(), draft),
        "blog_numbers": blog_numbers.for_draft(db.session, draft.id),
        "counts_possible": any(r.status == "published" and d.kind in blog_numbers.COUNTED
                               for d in destinations if (r := records.get(d.id))),
    }
