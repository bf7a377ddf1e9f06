"""Readability coach endpoints: the editor's sidebar, dismissals and the public API."""

from __future__ import annotations

from flask import flash, jsonify, redirect, request, url_for

from drafts import coach
from drafts.errors import BodyTooLarge, ValidationError
from drafts.models import Audience, Role
from drafts.review import quality_gate
from drafts.writing import editing
from drafts.writing.draft_input import parse_tags
from webapp.access import me, roles_required
from webapp.coach import bp
from webapp.editor.common import body_limit
from webapp.extensions import db
from webapp.numbers import json_int

WRITERS = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)  # the domain checks the draft
EVERYONE = (Role.AUTHOR, Role.REVIEWER, Role.ADMIN)


def _payload() -> dict:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise ValidationError("Send the draft as a UTF-8 JSON object.")
    return payload


def _text(payload: dict, name: str, default: str = "") -> str:
    value = payload.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValidationError(f"'{name}' must be text.", field=name)
    return value


def _audience(payload: dict) -> str:
    value = _text(payload, "audience", Audience.EXECUTIVE.value) or Audience.EXECUTIVE.value
    try:
        return Audience(value).value
    except ValueError:
        raise ValidationError(
            "audience must be one of: executive, general, technical.", field="audience"
        ) from None


def _analysis_request(text_field: str) -> tuple[dict, str, str, str]:
    """Read {text_field, audience, title}; raise ValidationError or BodyTooLarge."""
    payload = _payload()
    markdown = _text(payload, text_field)
    audience = _audience(payload)
    title = _text(payload, "title")
    if len(markdown.encode("utf-8", "replace")) > body_limit():
        raise BodyTooLarge(len(markdown.encode("utf-8", "replace")), body_limit())
    return payload, markdown, audience, title


def _refused(error: ValidationError | BodyTooLarge):
    if isinstance(error, BodyTooLarge):
        return jsonify(error="This text is over the size limit, so it was not analyzed.", status=413), 413
    return jsonify(error=error.message, status=422), 422


@bp.post("/drafts/analysis")
@roles_required(*WRITERS)
def draft_analysis():
    """The editor's sidebar and highlighted preview, refreshed as the writer types."""
    try:
        payload, markdown, audience, title = _analysis_request("body")
    except (ValidationError, BodyTooLarge) as error:
        return _refused(error)
    draft = None
    if payload.get("draft_id"):
        try:
            draft_id = json_int(payload, "draft_id", minimum=1, message="draft_id must be a number.")
        except ValidationError as error:
            return _refused(error)
        draft = editing.get_draft(db.session, draft_id, me())
    view = coach.coach_view(db.session, draft, markdown, audience, title)
    data = view.to_dict()
    tags = payload.get("tags", "")
    try:
        tag_list = list(parse_tags(tags if isinstance(tags, (str, list)) else ""))
    except ValidationError:
        tag_list = []
    excerpt = payload.get("excerpt") if isinstance(payload.get("excerpt"), str) else ""
    data["checklist"] = [
        {"key": r.key, "label": r.label, "level": r.level, "passed": r.passed, "detail": r.detail}
        for r in quality_gate.evaluate(quality_gate.rules(db.session), title=title,
                                       excerpt=excerpt, tags=tag_list, report=view.report)
    ]
    return jsonify(data)


@bp.post("/drafts/<int:draft_id>/dismissals")
@roles_required(*WRITERS)
def dismiss(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    try:
        payload = _payload()
        kind, key = _text(payload, "kind"), _text(payload, "fingerprint")
        if kind not in coach.LEGEND or len(key) != 64:
            raise ValidationError("That finding cannot be dismissed.")
        coach.dismiss(db.session, draft, me(), kind=kind, fingerprint=key,
                      excerpt=_text(payload, "text"))
    except ValidationError as error:
        return jsonify(error=error.message, status=422), 422
    db.session.commit()
    return jsonify(dismissed=True)


@bp.post("/drafts/<int:draft_id>/dismissals/clear")
@roles_required(*WRITERS)
def clear_dismissals(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    count = coach.undismiss_all(db.session, draft)
    db.session.commit()
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify(restored=count)
    flash(f"Showing {count} ignored finding{'s' if count != 1 else ''} again.", "success")
    return redirect(url_for("editor.edit", draft_id=draft.id))


@bp.post("/api/analyze")
@roles_required(*EVERYONE)
def api_analyze():
    """The full report for any Markdown (documented in docs/readability.md)."""
    try:
        _, markdown, audience, title = _analysis_request("markdown")
    except (ValidationError, BodyTooLarge) as error:
        return _refused(error)
    return jsonify(coach.analyze_text(db.session, markdown, audience, title).to_dict())
