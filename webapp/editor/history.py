"""Revision history: list, view one, compare any two, restore."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from drafts import coach
from drafts.rendering import render
from drafts.writing import editing, revisions
from drafts.writing.diffing import diff_html, diff_stats, word_diff
from webapp.access import me, roles_required
from webapp.editor import bp
from webapp.editor.pages import EDITORS
from webapp.extensions import db
from webapp.forms import PostForm
from webapp.numbers import arg_int

HISTORY_PAGE = 20


@bp.get("/drafts/<int:draft_id>/history")
@roles_required(*EDITORS)
def history(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    page = revisions.page_of_revisions(
        db.session, draft, page=request.args.get("page", 1, type=int) or 1, per_page=HISTORY_PAGE,
    )
    scores = coach.score_history(db.session, page.items)
    db.session.commit()  # scores are stored per revision text and analyzer version
    return render_template(
        "editor/history.html", draft=draft, revisions=page.items, page=page, form=PostForm(),
        chart=_chart([(rev, score) for rev, score in scores if score is not None]),
        scores={rev.id: score for rev, score in scores if score is not None},
        pending=sum(1 for _, score in scores if score is None),
    )


def _chart(scores, width: int = 720, height: int = 200, pad: int = 32) -> dict:
    """Points for the readability-over-revisions chart (drawn as inline SVG)."""
    n = len(scores)
    step = (width - 2 * pad) / max(1, n - 1)
    points = []
    for i, (rev, score) in enumerate(scores):
        x = pad + (i * step if n > 1 else (width - 2 * pad) / 2)
        y = pad + (100 - score.score) * (height - 2 * pad) / 100
        points.append({"x": round(x, 1), "y": round(y, 1), "score": score.score,
                       "number": rev.number, "light": score.light})
    return {"width": width, "height": height, "pad": pad, "points": points,
            "line": " ".join(f"{p['x']},{p['y']}" for p in points)}


@bp.get("/drafts/<int:draft_id>/history-panel")
@roles_required(*EDITORS)
def history_panel(draft_id: int):
    """The editor's History tab (newest revisions), re-drawn when the writer opens it."""
    draft = editing.get_draft(db.session, draft_id, me())
    return render_template("editor/_history_tab.html", draft=draft,
                           recent=revisions.recent_revisions(db.session, draft))


@bp.get("/drafts/<int:draft_id>/revisions/<int:number>")
@roles_required(*EDITORS)
def revision(draft_id: int, number: int):
    draft = editing.get_draft(db.session, draft_id, me())
    rev = revisions.get_revision(db.session, draft, number)
    return render_template(
        "editor/revision.html", draft=draft, revision=rev, preview=render(rev.body), form=PostForm()
    )


@bp.get("/drafts/<int:draft_id>/compare")
@roles_required(*EDITORS)
def compare(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    latest = revisions.latest_revision(db.session, draft.id)
    newest = latest.number if latest else 1
    a = request.args.get("from", type=arg_int(1)) or max(1, newest - 1)
    b = request.args.get("to", type=arg_int(1)) or newest
    if a > b:
        a, b = b, a
    old = revisions.get_revision(db.session, draft, a)
    new = revisions.get_revision(db.session, draft, b)
    body_ops = word_diff(old.body, new.body)
    return render_template(
        "editor/compare.html",
        draft=draft,
        old=old,
        new=new,
        title_html=diff_html(word_diff(old.title, new.title)),
        excerpt_html=diff_html(word_diff(old.excerpt, new.excerpt)),
        body_html=diff_html(body_ops),
        stats=diff_stats(body_ops),
    )


@bp.post("/drafts/<int:draft_id>/revisions/<int:number>/restore")
@roles_required(*EDITORS)
def restore(draft_id: int, number: int):
    draft = editing.get_draft(db.session, draft_id, me())
    rev = revisions.get_revision(db.session, draft, number)
    result = editing.restore_revision(db.session, draft, rev, me())
    db.session.commit()
    if result.changed:
        flash(f"Restored revision {number} as revision {result.revision.number}.", "success")
    else:
        flash(f"Revision {number} is the same as the current text; nothing changed.", "info")
    return redirect(url_for("editor.edit", draft_id=draft.id))
