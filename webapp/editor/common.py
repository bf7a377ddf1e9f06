"""What the editor's pages and JSON endpoints share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, url_for

from drafts.errors import EditConflict, ValidationError
from drafts.models import Draft
from drafts.writing.diffing import diff_html, word_diff
from drafts.writing.draft_input import DraftInput
from webapp.numbers import json_int


def draft_input(values: Mapping[str, Any]) -> DraftInput:
    """Build the domain input from a form or a JSON object."""
    def text(name: str) -> str:
        value = values.get(name, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValidationError(f"'{name}' must be text.", field=name)
        return value

    tags = values.get("tags", "")
    if isinstance(tags, list):
        tags = [str(t) for t in tags]
    elif not isinstance(tags, str):
        tags = ""
    return DraftInput.from_raw(
        title=text("title"),
        body=text("body"),
        excerpt=text("excerpt"),
        tags=tags,
        audience=text("audience") or None,
    )


def base_version(values: Mapping[str, Any]) -> int:
    return json_int(  # type: ignore[return-value]
        values, "base_version", required=True,
        message="This save did not say which version it was based on. Reload the page; "
        "your text is kept in this browser.",
    )


def body_limit() -> int:
    return current_app.config["BYLINE_MAX_BODY_BYTES"]


def draft_json(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.id,
        "version": draft.version,
        "title": draft.title,
        "body": draft.body,
        "excerpt": draft.excerpt,
        "tags": draft.tag_names,
        "audience": draft.audience.value,
        "updated_at": draft.updated_at.isoformat(),
        "edit_url": url_for("editor.edit", draft_id=draft.id),
    }


def conflict_json(error: EditConflict, mine: DraftInput) -> dict[str, Any]:
    server = error.draft
    return {
        "error": error.message,
        "conflict": {
            "server": draft_json(server),
            "conflict_revision": error.conflict_copy.number,
            "diff_html": diff_html(word_diff(server.body, mine.body)),
            "title_differs": server.title != mine.title,
        },
    }
