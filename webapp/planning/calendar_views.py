"""The calendar (month and week), moving a scheduled post, and the private .ics feed."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from flask import Response, current_app, flash, jsonify, redirect, render_template, request, url_for

from drafts.errors import DomainError, PermissionDenied
from drafts.export import service
from drafts.models import Role
from drafts.planning import cadence, calendar, ical
from webapp.access import me, roles_required
from webapp.errors import error_response, wants_json
from webapp.extensions import db
from webapp.numbers import arg_int, json_int
from webapp.planning import bp
from webapp.planning.common import back, parse_day, valid_zone, viewer_zone

ANYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


def _shown_day(tz: str) -> date:
    try:
        return parse_day(request.args.get("day"), "day", "")
    except DomainError:
        return cadence.today_in(tz)


@bp.get("/calendar")
@roles_required(*ANYONE)
def calendar_page():
    tz = viewer_zone()
    view = "week" if request.args.get("view") == "week" else "month"
    day = _shown_day(tz)
    kind = request.args.get("kind", "")
    filters = calendar.Filters(author_id=request.args.get("author", type=arg_int(1)),
                               destination_id=request.args.get("destination", type=arg_int(1)),
                               kind=kind if kind in calendar.KINDS else "")
    if view == "week":
        weeks = [calendar.week_days(day)]
        earlier, later = day - timedelta(days=7), day + timedelta(days=7)
    else:
        day = day.replace(day=1)
        weeks = calendar.month_days(day)
        earlier = (day - timedelta(days=1)).replace(day=1)
        later = (day + timedelta(days=32)).replace(day=1)
    found = calendar.items(db.session, me(), weeks[0][0], weeks[-1][-1], tz, filters)
    by_day: dict[date, list] = {}
    for item in found:
        by_day.setdefault(item.day, []).append(item)
    everyone = me().has_role(Role.REVIEWER, Role.ADMIN)
    args = {k: v for k, v in {"view": view, "author": filters.author_id, "destination": filters.destination_id,
                              "kind": filters.kind, "tz": "" if valid_zone(me().timezone) else tz}.items() if v}
    return render_template(
        "planning/calendar.html", view=view, day=day, weeks=weeks, by_day=by_day, filters=filters, tz=tz,
        today=cadence.today_in(tz), earlier=earlier, later=later, args=args, kinds=calendar.KINDS,
        authors=cadence.authors(db.session) if everyone else [],
        destinations=service.destinations(db.session, active_only=False),
        paces=cadence.paces(db.session, tz_name=tz, only=None if everyone else me()),
        browser_zone=not valid_zone(me().timezone) and not valid_zone(request.args.get("tz")),
    )


@bp.post("/calendar/move")
@roles_required(Role.REVIEWER, Role.ADMIN)
def move():
    """Move a scheduled post to another day (drag and drop, or the "Move to" form)."""
    values = (request.get_json(silent=True) or {}) if request.is_json else request.form
    if not isinstance(values, dict) and request.is_json:
        return error_response(400, "Send a JSON object with record_id and to_day.")
    default = url_for("planning.calendar_page")
    try:
        record_id = json_int(values, "record_id", required=True, minimum=1,
                             message="Say which scheduled post to move (record_id).")
        to_day = parse_day(values.get("to_day"), "to_day", "Pick the day to move it to.")
        tz = valid_zone(values.get("timezone")) or viewer_zone()
        record = calendar.move(db.session, me(), record_id, to_day, tz)
    except PermissionDenied:
        db.session.rollback()
        raise
    except DomainError as error:
        db.session.rollback()
        if wants_json():
            return jsonify(error=error.message), 422
        flash(error.message, "error")
        return back(default)
    db.session.commit()
    message = f"Moved to {to_day:%A %d %b %Y}; it goes out at the same time of day on {record.destination.name}."
    if wants_json():
        return jsonify(record_id=record.id, publish_at=record.publish_at.isoformat(), message=message)
    flash(message, "success")
    return back(default)


@bp.get("/subscribe")
@roles_required(*ANYONE)
def subscribe():
    return render_template("planning/subscribe.html", feed=ical.feed_of(db.session, me()), token=None)


@bp.post("/subscribe")
@roles_required(*ANYONE)
def reset_feed():
    """A new private address (the old one stops working), or none at all."""
    if request.form.get("action") == "off":
        ical.revoke(db.session, me())
        db.session.commit()
        flash("Your calendar link is turned off. Calendars subscribed to it stop updating.", "success")
        return redirect(url_for("planning.subscribe"))
    token = ical.reset_token(db.session, me())
    db.session.commit()
    flash("Your new calendar link is below; any earlier link stopped working.", "success")
    return render_template("planning/subscribe.html", feed=ical.feed_of(db.session, me()), token=token)


@bp.get("/feed/<token>.ics")
def feed(token: str):
    """The private feed: no sign-in (calendar apps cannot), the token is the key."""
    user = ical.user_for_token(db.session, token)
    if user is None:
        return error_response(404, "This calendar link does not work (it was reset or turned off).")
    base = current_app.config.get("BYLINE_BASE_URL") or request.host_url
    host = urlsplit(base).hostname or "byline"  # part of every UID: the configured address when there is one
    body = ical.build(db.session, user, base_url=base, host=host)
    db.session.commit()  # when it was last used
    response = Response(body, content_type="text/calendar; charset=utf-8")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = 'inline; filename="byline.ics"'
    return response
