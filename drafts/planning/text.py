"""Checking the short texts ideas and briefs are made of."""

from __future__ import annotations

from drafts.errors import ValidationError

MAX_POINTS = 30


def clean(value: str | None, field: str, limit: int, *, required: str = "") -> str:
    """Trimmed text within `limit` characters; `required` is the message when it is empty."""
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ValidationError(required, field=field)
    if len(text) > limit:
        raise ValidationError(f"Keep the {field.replace('_', ' ')} under {limit} characters "
                              f"(it has {len(text)}).", field=field)
    return text


def points(raw: str | list[str] | None) -> list[str]:
    """The points to cover: one a line (or a list), blank lines dropped."""
    lines = raw if isinstance(raw, list) else (raw or "").splitlines()
    found = [clean(line, "point", 500).lstrip("-*• ").strip() for line in lines]
    found = [p for p in found if p]
    if len(found) > MAX_POINTS:
        raise ValidationError(f"A brief holds at most {MAX_POINTS} points; this one has {len(found)}. "
                              "Merge some, or split the brief in two.", field="points")
    return found
