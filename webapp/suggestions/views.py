"""Suggestions streamed to the editor's side panel as server-sent events."""

from __future__ import annotations

import json
import os

from flask import Response, jsonify, request, stream_with_context

from drafts.errors import NotFound
from drafts.models import Audience, Role
from drafts.suggestions import config as llm_config
from drafts.suggestions import service
from drafts.suggestions.actions import ACTIONS
from drafts.writing import editing
from webapp.access import me, roles_required
from webapp.extensions import db, secret_box
from webapp.numbers import MAX_INT, as_int
from webapp.suggestions import bp

WRITERS = (Role.AUTHOR, Role.ADMIN)


def current_config() -> llm_config.LLMConfig:
    return llm_config.effective_config(db.session, os.environ, secret_box())


def _sse(event: dict) -> str:
    name = event.pop("event")
    return f"event: {name}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"


@bp.get("/suggestions/actions")
@roles_required(*WRITERS)
def actions():
    config = current_config()
    provider = service.make_provider(config)
    note, label, detail = "", provider.name, ""
    if provider.is_builtin and config.builtin_only and (config.api_key or config.base_url):
        note = label = "Model switched off (using the built-in engine)"
        detail = (f"An admin switched off the model “{config.model or config.host}”; suggestions "
                  "come from the built-in engine until it is switched back on.")
    elif provider.is_builtin:
        note = "no model configured"
        label = f"{provider.name} · {note}"
    return jsonify(
        provider=provider.name, builtin=provider.is_builtin, note=note, label=label, detail=detail,
        actions=[{"name": a.name, "label": a.label, "kind": a.kind} for a in ACTIONS.values()],
    )


@bp.post("/suggestions")
@roles_required(*WRITERS)
def suggest():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error="Send the request as a UTF-8 JSON object.", status=400), 400
    text, title = payload.get("text", ""), payload.get("title", "")
    if not isinstance(text, str) or not isinstance(title, str):
        return jsonify(error="'text' and 'title' must be text.", status=422), 422
    audience = payload.get("audience") or Audience.EXECUTIVE.value
    if audience not in {a.value for a in Audience}:
        audience = Audience.EXECUTIVE.value
    draft = None
    if payload.get("draft_id"):
        draft_id = as_int(payload["draft_id"], 1, MAX_INT)
        if draft_id is None:
            raise NotFound("That draft does not exist.")
        draft = editing.get_draft(db.session, draft_id, me())
    try:
        prepared = service.prepare(
            db.session, me(), draft, action_name=str(payload.get("action", "")), text=text,
            audience=audience, title=title, config=current_config(),
        )
    except service.SuggestionRefused as refused:
        return jsonify(error=refused.message, status=refused.status), refused.status
    except ValueError as error:  # a stored key that cannot be decrypted
        return jsonify(error=str(error), status=503), 503
    session = db.session

    def events():
        for event in service.stream(session, prepared):
            yield _sse(event)

    response = Response(stream_with_context(events()), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass events through at once
    return response
