"""The editor's JSON endpoints: autosave, create, preview, presence, the highlights switch."""

from __future__ import annotations

from datetime import timezone

from flask import jsonify, request, url_for

from drafts import accounts
from drafts.errors import BodyTooLarge, EditConflict, ValidationError
from drafts.models import RevisionSource
from drafts.permissions import is_reviewer_of
from drafts.rendering import render
from drafts.suggestions.service import SuggestionRefused, accepted_note
from drafts.writing import editing, presence
from webapp.access import me, roles_required
from webapp.editor import bp
from webapp.editor.common import base_version, body_limit, conflict_json, draft_input, draft_json
from webapp.editor.pages import EDITORS, WRITERS
from webapp.extensions import db
from webapp.numbers import json_int
from webapp.review.context import workflow_state


def _json_body() -> dict:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise ValidationError(
            "The editor sent something the server could not read (it must be UTF-8 JSON). "
            "Your text is kept in this browser; reload the page to try again."
        )
    return payload


def _int(value) -> int:
    return json_int({"suggestion_id": value}, "suggestion_id", required=True)  # type: ignore[return-value]


def _error(message: str, status: int):
    return jsonify(error=message, status=status), status


@bp.post("/drafts/new.json")
@roles_required(*WRITERS)
def create_json():
    try:
        data = draft_input(_json_body())
        draft = editing.create_draft(db.session, me(), data, body_limit=body_limit())
    except BodyTooLarge as error:
        return _error(error.message, 413)
    except ValidationError as error:
        return _error(error.message, 422)
    db.session.commit()
    return jsonify(draft=draft_json(draft), saved_at=draft.updated_at.isoformat(),
                   workflow=workflow_state(draft)), 201


@bp.post("/drafts/<int:draft_id>/autosave")
@roles_required(*EDITORS)
def autosave(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    try:
        payload = _json_body()
        data = draft_input(payload)
        source = RevisionSource.AUTHOR if payload.get("explicit") else RevisionSource.AUTOSAVE
        if payload.get("explicit") and is_reviewer_of(me(), draft):
            source = RevisionSource.REVIEWER
        note = ""
        if payload.get("suggestion_id"):
            note = accepted_note(db.session, me(), _int(payload["suggestion_id"]), draft)
            source = RevisionSource.SUGGESTION
        result = editing.save_draft(
            db.session, draft, me(), data,
            base_version=base_version(payload), source=source, body_limit=body_limit(), note=note,
        )
    except EditConflict as conflict:
        db.session.commit()  # the refused text is kept as a conflict copy
        return jsonify(conflict_json(conflict, data)), 409
    except BodyTooLarge as error:
        return _error(error.message, 413)
    except (ValidationError, SuggestionRefused) as error:
        return _error(error.message, 422)
    db.session.commit()
    return jsonify(
        version=result.draft.version,
        changed=result.changed,
        revision=result.revision_number,
        saved_at=result.draft.updated_at.astimezone(timezone.utc).isoformat(),
        workflow=workflow_state(result.draft),
    )


@bp.post("/drafts/preview")
@roles_required(*WRITERS)
def preview():
    try:
        payload = _json_body()
    except ValidationError as error:
        return _error(error.message, 400)
    text = payload.get("body", "")
    if not isinstance(text, str):
        return _error("The preview needs the draft text as a string.", 400)
    if len(text.encode("utf-8", "replace")) > body_limit():
        return _error("This draft is over the size limit, so the preview is paused.", 413)
    rendered = render(text)
    return jsonify(html=rendered.html, words=rendered.words, reading_minutes=rendered.reading_minutes)


@bp.post("/drafts/<int:draft_id>/presence")
@roles_required(*EDITORS)
def heartbeat(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    presence.heartbeat(db.session, draft, me())
    others = presence.others_editing(db.session, draft, me())
    db.session.commit()
    return jsonify(
        others=[{"name": user.name} for user in others],
        version=draft.version,
        history_url=url_for("editor.history", draft_id=draft.id),
        workflow=workflow_state(draft),
    )


@bp.post("/drafts/<int:draft_id>/presence/leave")
@roles_required(*EDITORS)
def leave(draft_id: int):
    draft = editing.get_draft(db.session, draft_id, me())
    presence.leave(db.session, draft, me())
    db.session.commit()
    return "", 204


@bp.post("/editor/preferences/highlights")
@roles_required(*EDITORS)
def highlights_preference():
    """The coach's one show/hide switch, remembered on the person (not the browser)."""
    try:
        payload = _json_body()
    except ValidationError as error:
        return _error(error.message, 400)
    visible = payload.get("visible")
    if not isinstance(visible, bool):
        return _error("Send {\"visible\": true} or {\"visible\": false}.", 422)
    accounts.set_show_highlights(db.session, me(), visible)
    db.session.commit()
    return jsonify(visible=me().show_highlights)
