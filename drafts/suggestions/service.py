"""Use cases for suggestions: choose the provider, check limits, stream, record, cache."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from drafts import glossary
from drafts.errors import DomainError
from drafts.models import Draft, SuggestionCacheEntry, SuggestionRequest, User
from drafts.suggestions.actions import ACTIONS, Action
from drafts.suggestions.config import LLMConfig
from drafts.suggestions.formats import clean_output, parse_choices, rewrite_segments
from drafts.suggestions.openai_provider import OpenAIProvider
from drafts.suggestions.prompts import build_messages, prompt_version
from drafts.suggestions.provider import (
    OutputTooLong,
    Provider,
    ProviderError,
    Request,
    TextDelta,
    Usage,
)
from drafts.suggestions.usage import budget_for, tokens_used_today

CHARS_PER_TOKEN = 4


class SuggestionRefused(DomainError):
    """Refused before anything was sent: a clear sentence, and an HTTP status."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def make_provider(config: LLMConfig) -> Provider:
    if not config.uses_model:
        from drafts.suggestions.builtin import BuiltinEngine

        return BuiltinEngine()
    return OpenAIProvider(
        api_key=config.api_key or None, base_url=config.base_url or None, model=config.model,
        timeout=config.timeout, max_retries=config.max_retries,
    )


@dataclass
class Prepared:
    action: Action
    text: str
    request: Request
    provider: Provider
    prompt_version: str
    cache_key: str | None
    draft_id: int | None
    user_id: int
    meta: dict[str, Any] = field(default_factory=dict)


def prepare(
    session: Session,
    user: User,
    draft: Draft | None,
    *,
    action_name: str,
    text: str,
    audience: str,
    title: str,
    config: LLMConfig,
    provider: Provider | None = None,
    now: datetime | None = None,
) -> Prepared:
    action = ACTIONS.get(action_name)
    if action is None:
        raise SuggestionRefused("That suggestion does not exist. Pick one from the list.")
    text = text.strip("\n")
    if not text.strip():
        what = "a one-line idea" if action.kind == "outline" else "a passage or a draft with some text"
        raise SuggestionRefused(f"Write or select {what} first, then ask again.")
    if len(text) > action.max_input_chars:
        raise SuggestionRefused(
            f"“{action.label}” works on up to {action.max_input_chars:,} characters; this is "
            f"{len(text):,}. Select a shorter passage and try again.", status=413,
        )
    provider = provider or make_provider(config)
    if not provider.is_builtin:
        budget = budget_for(session, user, config)
        used = tokens_used_today(session, user, now)
        estimate = len(text) // CHARS_PER_TOKEN + action.max_output_tokens // 4
        if used >= budget or used + estimate > budget:
            raise SuggestionRefused(
                f"You have used {used:,} of your {budget:,} model tokens for today. The budget "
                "resets at midnight UTC; ask an admin to raise it. The built-in engine still works "
                "when an admin switches to it.", status=429,
            )
    terms = glossary.terms(session)
    messages = build_messages(
        action.name, text, audience=audience, title=title, style_guide=config.style_guide,
        glossary=terms,
    )
    request = Request(
        messages=messages, model=provider.model, max_tokens=action.max_output_tokens,
        temperature=0.0, action=action.name, text=text,
        context={"glossary": terms, "audience": audience, "title": title,
                 "draft": draft.body if draft else text},
    )
    version = prompt_version(action.name)
    cache_key = None
    if not provider.is_builtin and request.temperature == 0:
        cache_key = hashlib.sha256(json.dumps(
            [config.host, provider.model, version, request.max_tokens,
             [(m.role, m.content) for m in messages]], ensure_ascii=False,
        ).encode("utf-8")).hexdigest()
    return Prepared(action=action, text=text, request=request, provider=provider,
                    prompt_version=version, cache_key=cache_key,
                    draft_id=draft.id if draft else None, user_id=user.id,
                    meta={"host": "" if provider.is_builtin else config.host})


def result_payload(action: Action, original: str, output: str) -> dict[str, Any]:
    """What the panel shows: a rewrite as changes to accept, or choices to insert."""
    text = clean_output(output)
    if action.kind == "rewrite":
        segments = rewrite_segments(original, text)
        return {"kind": "rewrite", "text": text,
                "segments": [{"kind": s.kind, "old": s.old, "new": s.new} for s in segments]}
    if action.kind == "outline":
        return {"kind": "outline", "text": text}
    if action.kind == "excerpt":
        found = {c.text.lower(): c.rationale for c in parse_choices(text, 4)}
        excerpt = found.get("excerpt", "")[:160]
        meta = found.get("meta description", "")[:160]
        if not excerpt:
            raise ProviderError(
                "The answer did not contain an excerpt in the expected form. Your draft is unchanged; try again."
            )
        return {"kind": "excerpt", "excerpt": excerpt, "meta_description": meta}
    limit = 5 if action.name == "headlines" else 3
    choices = parse_choices(text, limit)
    if not choices:
        raise ProviderError(
            "The answer did not contain any options in the expected form. Your draft is unchanged; try again."
        )
    return {"kind": "choices", "choices": [{"text": c.text, "rationale": c.rationale} for c in choices]}


def _record(session: Session, prepared: Prepared, **values: Any) -> SuggestionRequest:
    row = SuggestionRequest(
        user_id=prepared.user_id, draft_id=prepared.draft_id, action=prepared.action.name,
        provider="builtin" if prepared.provider.is_builtin else "openai",
        model=prepared.provider.model, base_url_host=prepared.meta.get("host", ""),
        prompt_version=prepared.prompt_version, **values,
    )
    session.add(row)
    session.flush()
    return row


def stream(session: Session, prepared: Prepared) -> Iterator[dict[str, Any]]:
    """Events for the browser: start, delta*, then done or error. Records the request.

    If the consumer stops iterating (the browser went away, or pressed Stop),
    the provider's stream is closed, which closes the connection to the model.
    """
    started = time.perf_counter()
    first_token_ms: int | None = None
    parts: list[str] = []
    usage = Usage(0, 0)
    outcome, error = "cancelled", ""
    cap_chars = prepared.action.max_output_tokens * CHARS_PER_TOKEN * 2
    yield {"event": "start", "provider": prepared.provider.name, "model": prepared.provider.model,
           "builtin": prepared.provider.is_builtin, "action": prepared.action.name}
    cached = session.get(SuggestionCacheEntry, prepared.cache_key) if prepared.cache_key else None
    events = None
    try:
        if cached is not None:
            outcome = "cached"
            parts.append(cached.output)
            first_token_ms = 0
            yield {"event": "delta", "text": cached.output}
        else:
            events = prepared.provider.stream(prepared.request)
            for event in events:
                if isinstance(event, TextDelta) and event.text:
                    if first_token_ms is None:
                        first_token_ms = int((time.perf_counter() - started) * 1000)
                    parts.append(event.text)
                    if sum(len(p) for p in parts) > cap_chars:
                        raise OutputTooLong()
                    yield {"event": "delta", "text": event.text}
                elif isinstance(event, Usage):
                    usage = event
        output = "".join(parts)
        payload = result_payload(prepared.action, prepared.text, output)
        if cached is None:
            outcome = "ok"
            if prepared.cache_key:
                session.merge(SuggestionCacheEntry(key=prepared.cache_key, output=output,
                                                   model=prepared.provider.model))
        if usage.prompt_tokens == 0 and usage.completion_tokens == 0 and cached is None:
            usage = Usage(len(prepared.text) // CHARS_PER_TOKEN, len(output) // CHARS_PER_TOKEN)
        row = _finish(session, prepared, started, first_token_ms, usage, outcome, "", output)
        outcome = "recorded"
        yield {"event": "done", "request_id": row.id, "result": payload,
               "usage": {"in": row.tokens_in, "out": row.tokens_out}, "cached": cached is not None}
    except ProviderError as failure:
        outcome, error = f"error:{type(failure).__name__}", failure.message
        _finish(session, prepared, started, first_token_ms, usage, outcome, error, "".join(parts))
        outcome = "recorded"
        yield {"event": "error", "message": failure.message}
    finally:
        if events is not None:
            events.close()  # closes the HTTP stream to the model
        if outcome != "recorded":
            _finish(session, prepared, started, first_token_ms, usage, outcome, error, "".join(parts))


def _finish(session, prepared, started, first_token_ms, usage, outcome, error, output):
    row = _record(
        session, prepared,
        tokens_in=0 if outcome == "cached" else usage.prompt_tokens,
        tokens_out=0 if outcome == "cached" else usage.completion_tokens,
        latency_ms=int((time.perf_counter() - started) * 1000), first_token_ms=first_token_ms,
        outcome=outcome, error=error[:500], output=output[:100_000],
    )
    session.commit()
    return row


def accepted_note(session: Session, user: User, request_id: int, draft: Draft) -> str:
    """The revision note for text taken from a suggestion: the action and the model."""
    row = session.get(SuggestionRequest, request_id)
    if row is None or row.user_id != user.id or row.draft_id not in (None, draft.id) \
            or row.outcome not in ("ok", "cached"):
        raise SuggestionRefused("That suggestion cannot be applied here. Ask for it again.")
    label = ACTIONS[row.action].label if row.action in ACTIONS else row.action
    source = "built-in engine" if row.provider == "builtin" else row.model
    return f"Suggestion: {label} · {source}"
