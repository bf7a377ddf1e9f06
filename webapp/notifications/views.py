"""The notification center and email preferences: every signed-in person has their own."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from drafts.review import notifications
from webapp.access import me, safe_next
from webapp.extensions import db
from webapp.notifications import bp, mailer_from_config
from webapp.numbers import arg_int

# What each event means to the person receiving it, for the preferences page.
EVENT_LABELS = {
    "submitted": "A draft is submitted for review",
    "assigned": "A draft is assigned to you",
    "commented": "Someone comments on a draft you follow",
    "mentioned": "Someone @mentions you",
    "changes_requested": "A reviewer requests changes to your draft",
    "approved": "Your draft is approved",
    "published": "Your draft is published",
    "unpublished": "Your post is taken offline on a blog",
    "publish_failed": "A scheduled publish of your post (or one you scheduled) failed",
    "brief_due": "A brief assigned to you is due soon",
}


@bp.get("/notifications")
@login_required
def index():
    page = request.args.get("page", 1, type=arg_int(1, 1_000_000)) or 1
    result = notifications.list_for(
        db.session, me(), page=page, per_page=current_app.config.get("BYLINE_PAGE_SIZE", 20),
    )
    return render_template("notifications/index.html", page=result)


@bp.get("/notifications/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Opening a notification reads it and goes to what it is about."""
    row = notifications.own_notification(db.session, me(), notification_id)
    if row is None:
        abort(404)
    notifications.mark_read(db.session, row)
    db.session.commit()
    if row.draft_id is None:  # a brief not started yet: the person's briefs, where it is
        where = "planning.briefs_page" if row.event == "brief_due" else "notifications.index"
        return redirect(url_for(where))
    return redirect(url_for("editor.edit", draft_id=row.draft_id))


@bp.get("/notifications/unread")
@login_required
def unread():
    """The unread count for the nav badge; polled by static/js/notifications.js."""
    response = jsonify(unread=notifications.unread_count(db.session, me().id))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    row = notifications.own_notification(db.session, me(), notification_id)
    if row is None:
        abort(404)
    notifications.mark_read(db.session, row)
    db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("notifications.index")))


@bp.post("/notifications/read-all")
@login_required
def read_all():
    count = notifications.mark_all_read(db.session, me())
    db.session.commit()
    if count:
        flash(f"Marked {count} notification{'' if count == 1 else 's'} read.", "success")
    return redirect(url_for("notifications.index"))


@bp.route("/notifications/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    user = me()
    if request.method == "POST":
        wanted = {event: request.form.get(f"email_{event}") == "1" for event in notifications.EVENTS}
        notifications.set_email_preferences(db.session, user, wanted)
        notifications.set_email_digest(db.session, user, request.form.get("delivery") == "digest")
        db.session.commit()
        flash("Email preferences saved.", "success")
        return redirect(safe_next(request.form.get("next"), url_for("notifications.preferences")))
    return render_template("notifications/preferences.html", **email_form_context(user))


def email_form_context(user) -> dict:
    """What the email preferences form needs (this page and the profile page)."""
    return {
        "wanted": notifications.email_preferences(db.session, user), "digest": user.email_digest,
        "labels": EVENT_LABELS, "email_on": mailer_from_config(current_app.config) is not None,
    }
