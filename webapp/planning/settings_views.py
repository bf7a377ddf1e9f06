"""Admin settings for planning: the team's and each author's cadence, and reminder timing."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for

from drafts.errors import DomainError, ValidationError
from drafts.models import Role, User
from drafts.planning import cadence, reminders
from webapp.access import me, roles_required
from webapp.extensions import db
from webapp.numbers import arg_int, json_int
from webapp.planning import bp


@bp.route("/cadence", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def cadence_settings():
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            if form.get("what") == "reminders":
                raw = form.get("reminder_days", "").strip()
                days = None if raw == "" else json_int(form, "reminder_days", minimum=0,
                                                       maximum=reminders.MAX_DAYS,
                                                       message=f"Choose between 0 and {reminders.MAX_DAYS} days.")
                reminders.set_reminder_days(db.session, me(), days)
                done = "Reminder timing saved."
            else:
                author_id = form.get("author_id", type=arg_int(1))
                author = db.session.get(User, author_id) if author_id else None
                if author_id and author is None:
                    raise ValidationError("Choose an author from the list.", field="author_id")
                posts = json_int(form, "posts", required=True, minimum=0, maximum=100,
                                 message="Choose between 0 and 100 posts (0 removes the cadence).")
                cadence.set_cadence(db.session, me(), posts=posts, period=form.get("period", ""),
                                    author=author)
                done = "Cadence saved."
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
            status = 422
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for("planning.cadence_settings"))
    team, own = cadence.cadences(db.session)
    default_days = current_app.config["BYLINE_REMINDER_DAYS"]
    return render_template(
        "planning/cadence.html", team=team, own=own, authors=cadence.authors(db.session),
        periods=cadence.PERIODS, paces=cadence.paces(db.session, tz_name=me().timezone or "UTC"),
        reminder_days=reminders.reminder_days(db.session, default_days), default_days=default_days,
        custom_days=reminders.reminder_days(db.session, -1) != -1), status
