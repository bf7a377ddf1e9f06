"""What a browser or a shell sends as a draft, cleaned and checked: title,
body, excerpt, tags and audience (drafts.writing.editing saves it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drafts.errors import ValidationError
from drafts.models import Audience
from drafts.text import clean_text

MAX_TITLE = 300
MAX_EXCERPT = 1_000
MAX_TAGS = 10
MAX_TAG_LENGTH = 50


@dataclass(frozen=True)
class DraftInput:
    title: str = ""
    body: str = ""
    excerpt: str = ""
    tags: tuple[str, ...] = ()
    audience: Audience = Audience.EXECUTIVE

    @classmethod
    def from_raw(
        cls,
        *,
        title: str | None = "",
        body: str | None = "",
        excerpt: str | None = "",
        tags: str | Iterable[str] | None = "",
        audience: str | Audience | None = None,
    ) -> DraftInput:
        """Clean what a browser or a shell sent. Raises ValidationError."""
        title = clean_text(title, single_line=True).strip()
        if len(title) > MAX_TITLE:
            raise ValidationError(f"Keep the title under {MAX_TITLE} characters.", field="title")
        excerpt = clean_text(excerpt).strip()
        if len(excerpt) > MAX_EXCERPT:
            raise ValidationError(
                f"Keep the excerpt under {MAX_EXCERPT} characters.", field="excerpt"
            )
        try:
            aud = Audience(audience) if audience else Audience.EXECUTIVE
        except ValueError:
            raise ValidationError(
                "Choose an audience: executive, general business or technical.", field="audience"
            ) from None
        return cls(
            title=title,
            body=clean_text(body),
            excerpt=excerpt,
            tags=parse_tags(tags),
            audience=aud,
        )


def parse_tags(raw: str | Iterable[str] | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    seen: dict[str, str] = {}
    for item in items:
        tag = clean_text(str(item), single_line=True).strip().strip("#").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                f"Keep each tag under {MAX_TAG_LENGTH} characters.", field="tags"
            )
        seen.setdefault(tag.lower(), tag)
    if len(seen) > MAX_TAGS:
        raise ValidationError(f"Use at most {MAX_TAGS} tags.", field="tags")
    return tuple(seen.values())
