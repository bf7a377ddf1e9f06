"""Use cases for suggestions: choose the provider, check limits, stream, record, cache."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from drafts import glossary
from drafts.errors import DomainError
from drafts.models import Draft, SuggestionCacheEntry, SuggestionRequest, User, utcnow
from drafts.suggestions.actions import ACTIONS, Action
from drafts.suggestions.answers import result_payload
from drafts.suggestions.config import LLMConfig
from drafts.suggestions.limits import output_limit, request_tokens
from drafts.suggestions.metering import REFUSED_UNREAD, Meter
from drafts.suggestions.openai_provider import OpenAIProvider
from drafts.suggestions.prompts import build_messages, prompt_version
from drafts.suggestions.provider import (
    Note,
    Provider,
    ProviderError,
    Request,
    TextDelta,
    Usage,
)
from drafts.suggestions.usage import budget_for, tokens_used_today


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
    terms = glossary.terms(session)
    messages = build_messages(
        action.name, text, audience=audience, title=title, style_guide=config.style_guide,
        glossary=terms,
    )
    max_tokens = output_limit(action, text)
    prompt_tokens = request_tokens(messages)
    budget_left = None
    if not provider.is_builtin:
        budget = budget_for(session, user, config)
        used = tokens_used_today(session, user, now)
        budget_left = budget - used
        if used >= budget or used + prompt_tokens + max_tokens > budget:
            raise SuggestionRefused(
                f"You have used {used:,} of your {budget:,} model tokens for today, and this "
                f"request may need up to {prompt_tokens + max_tokens:,} (about {prompt_tokens:,} "
                f"to read the prompt and passage, up to {max_tokens:,} to answer). The budget "
                "resets at midnight UTC; select a shorter passage or ask an admin to raise it.",
                status=429,
            )
    request = Request(
        messages=messages, model=provider.model, max_tokens=max_tokens,
        temperature=0.0, action=action.name, text=text,
        context={"glossary": terms, "audience": audience, "title": title,
                 "draft": draft.body if draft else text},
    )
    version = prompt_version(action.name)
    cache_key = None
    if not provider.is_builtin and request.temperature == 0:
        cache_key = cache_key_for(config, provider, version, request)
    return Prepared(action=action, text=text, request=request, provider=provider,
                    prompt_version=version, cache_key=cache_key,
                    draft_id=draft.id if draft else None, user_id=user.id,
                    meta={"host": "" if provider.is_builtin else config.host,
                          "prompt_tokens": prompt_tokens, "budget_left": budget_left})


def cache_key_for(config: LLMConfig, provider: Provider, version: str, request: Request) -> str:
    """Same answer only for the same server (full base URL), model, prompt version and settings."""
    base_url = getattr(provider, "base_url", config.base_url) or config.base_url
    return hashlib.sha256(json.dumps(
        [base_url.strip().rstrip("/"), provider.model, version, request.max_tokens,
         request.temperature, [(m.role, m.content) for m in request.messages]],
        ensure_ascii=False,
    ).encode("utf-8")).hexdigest()


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
    the provider's stream is closed, which closes the connection to the model,
    and what was spent so far is recorded.
    """
    meter = Meter(prepared)
    notes: list[str] = []
    outcome, error = "cancelled", ""
    yield {"event": "start", "provider": prepared.provider.name, "model": prepared.provider.model,
           "builtin": prepared.provider.is_builtin, "action": prepared.action.name}
    cached = session.get(SuggestionCacheEntry, prepared.cache_key) if prepared.cache_key else None
    events = None
    try:
        if cached is not None:
            outcome = "cached"
            meter.cached(cached.output)
            yield {"event": "delta", "text": cached.output}
        else:
            events = prepared.provider.stream(prepared.request)
            meter.sent = True
            for event in events:
                if isinstance(event, TextDelta) and event.text:
                    meter.add(event.text)  # raises when the answer loops, runs long or over budget
                    yield {"event": "delta", "text": event.text}
                elif isinstance(event, Usage):
                    meter.usage = event
                elif isinstance(event, Note):
                    notes.append(event.text)
        output = meter.output
        payload = result_payload(prepared.action, prepared.text, output)
        payload["notes"] = list(payload.get("notes") or []) + notes
        if cached is None:
            outcome = "ok"
            if prepared.cache_key:
                session.merge(SuggestionCacheEntry(key=prepared.cache_key, output=output,
                                                   model=prepared.provider.model))
        row = _finish(session, prepared, meter, outcome, "")
        outcome = "recorded"
        yield {"event": "done", "request_id": row.id, "result": payload,
               "usage": {"in": row.tokens_in, "out": row.tokens_out,
                         "estimated": row.tokens_estimated},
               "cached": cached is not None}
    except ProviderError as failure:
        if isinstance(failure, REFUSED_UNREAD):
            meter.sent = False  # the server refused the request before reading it
        outcome, error = f"error:{type(failure).__name__}", failure.message
        _finish(session, prepared, meter, outcome, error)
        outcome = "recorded"
        yield {"event": "error", "message": failure.message}
    finally:
        if events is not None:
            events.close()  # closes the HTTP stream to the model
        if outcome != "recorded":
            _finish(session, prepared, meter, outcome, error)


def _finish(session: Session, prepared: Prepared, meter: Meter, outcome: str, error: str):
    tokens_in, tokens_out, estimated = meter.spent()
    row = _record(
        session, prepared, tokens_in=tokens_in, tokens_out=tokens_out, tokens_estimated=estimated,
        latency_ms=meter.elapsed_ms(), first_token_ms=meter.first_token_ms,
        outcome=outcome, error=error[:500], output=meter.output[:100_000],
    )
    session.commit()
    return row


def accepted_note(session: Session, user: User, request_id: int, draft: Draft) -> str:
    """The revision note for text taken from a suggestion: the action and the model.
    The request is marked accepted (the numbers dashboard's acceptance rate per action)."""
    row = session.get(SuggestionRequest, request_id)
    if row is None or row.user_id != user.id or row.draft_id not in (None, draft.id) \
            or row.outcome not in ("ok", "cached"):
        raise SuggestionRefused("That suggestion cannot be applied here. Ask for it again.")
    if row.accepted_at is None:
        row.accepted_at = utcnow()
    label = ACTIONS[row.action].label if row.action in ACTIONS else row.action
    source = "built-in engine" if row.provider == "builtin" else row.model
    return f"Suggestion: {label} · {source}"
