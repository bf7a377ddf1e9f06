"""Thin views over drafts.metrics: read the filters, ask the domain, render or download."""

from __future__ import annotations

from flask import Response, render_template, request
from sqlalchemy import select

from drafts import timefmt
from drafts.errors import ValidationError
from drafts.metrics import blog, charts, dashboard, listing
from drafts.metrics.period import PERIODS, Filters, months
from drafts.metrics.tables import Table, to_csv
from drafts.models import Destination, Role, User, utcnow
from drafts.suggestions.actions import ACTIONS
from webapp.access import me, roles_required
from webapp.dashboard import bp
from webapp.dashboard.export import list_table, suggested_table
from webapp.extensions import db
from webapp.numbers import MAX_INT, as_int

EVERYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


def sees_team(user: User) -> bool:
    return user.has_role(Role.REVIEWER, Role.ADMIN)


def _id(name: str) -> int | None:
    raw = request.args.get(name, "")
    if raw == "":
        return None
    value = as_int(raw, 1, MAX_INT)
    if value is None:
        raise ValidationError(f"'{name}' must be the number of one of the choices in the list.")
    return value


def _filters() -> tuple[Filters, list]:
    raw = request.args.get("period", "6")
    if raw not in {str(p) for p in PERIODS}:
        raise ValidationError("Choose a period of 3, 6 or 12 months.")
    user = me()
    author = _id("author") if sees_team(user) else user.id
    f = Filters(int(raw), author, _id("destination"))
    return f, months(f.months, utcnow(), timefmt.zone(user.timezone))


def _choices(f: Filters) -> dict:
    team = sees_team(me())
    authors = list(db.session.scalars(select(User).order_by(User.name))) if team else []
    destinations = list(db.session.scalars(select(Destination).order_by(Destination.name)))
    return {"team": team, "authors": authors, "destinations": destinations, "periods": PERIODS,
            "zone_set": bool(me().timezone)}


def _csv(table: Table, name: str) -> Response:
    return Response(to_csv(table), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="byline-{name}.csv"'})


def _wants_csv() -> bool:
    fmt = request.args.get("format", "")
    if fmt not in ("", "csv", "html"):
        raise ValidationError("The format is csv (a download) or html (the page).")
    return fmt == "csv"


@bp.get("/numbers")
@roles_required(*EVERYONE)
def index():
    f, ms = _filters()
    board = dashboard.build(db.session, f, ms)
    if _wants_csv():
        table = board.tables.get(request.args.get("table", ""))
        if table is None:
            raise ValidationError("Name the table to download: " + ", ".join(board.tables) + ".")
        return _csv(table, table.key)
    drawn = {key: charts.bars(t) for key, t in board.tables.items()}
    return render_template("dashboard/index.html", board=board, charts=drawn, f=f,
                           last_sync=blog.last_sync(db.session), **_choices(f))


@bp.get("/numbers/posts")
@roles_required(*EVERYONE)
def posts():
    f, ms = _filters()
    month = request.args.get("month") or None
    if month is not None and month not in {m.key for m in ms}:
        raise ValidationError("That month is not in the chosen period.")
    tag = (request.args.get("tag") or "").strip()[:50] or None
    sort = request.args.get("sort", "published")
    if sort not in listing.SORTS:
        raise ValidationError("Sort by one of: " + ", ".join(listing.SORTS) + ".")
    live = _id("live")
    page_no = as_int(request.args.get("page", "1"), 1, 100_000) or 1
    if _wants_csv():
        everything = listing.published(db.session, f, ms, month=month, tag=tag, live=live,
                                       sort=sort, per_page=None)
        return _csv(list_table(everything), "posts")
    found = listing.published(db.session, f, ms, month=month, tag=tag, live=live, sort=sort,
                              page=page_no)
    live_on = db.session.get(Destination, live) if live else None
    return render_template("dashboard/posts.html", page=found, f=f, months=ms, month=month,
                           tag=tag, live=live_on, sort=sort, sorts=listing.SORTS, **_choices(f))


@bp.get("/numbers/suggestions")
@roles_required(*EVERYONE)
def suggestion_posts():
    f, ms = _filters()
    action = request.args.get("action", "")
    if action not in ACTIONS:
        raise ValidationError("Choose one of the suggestion actions listed on the dashboard.")
    page_no = as_int(request.args.get("page", "1"), 1, 100_000) or 1
    if _wants_csv():
        everything = listing.suggested(db.session, f, ms, action, per_page=None)
        return _csv(suggested_table(everything, ACTIONS[action].label), f"suggestions-{action}")
    found = listing.suggested(db.session, f, ms, action, page=page_no)
    return render_template("dashboard/suggestions.html", page=found, f=f, months=ms,
                           action=ACTIONS[action], **_choices(f))
