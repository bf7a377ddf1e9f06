"""The small interface every suggestion provider implements, and its typed errors.

A provider turns chat messages into a stream of events. The OpenAI-compatible
provider talks to a model over HTTP; the built-in engine works offline. Errors
are raised as ProviderError subclasses whose `message` is a sentence the
author can act on; providers never return error strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Message:
    role: str  # "system" | "user"
    content: str


@dataclass(frozen=True)
class Request:
    messages: tuple[Message, ...]
    model: str
    max_tokens: int
    temperature: float = 0.0
    # Hints for the built-in engine; ignored by model providers.
    action: str = ""
    text: str = ""
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class Note:
    """Something the panel should say next to the answer ("1 sentence is still over 25 words")."""

    text: str


Event = TextDelta | Usage | Note


class Provider(Protocol):
    name: str  # shown in the UI, e.g. "gpt-4o-mini at api.openai.com" or "Built-in engine"
    model: str
    is_builtin: bool

    def stream(self, request: Request) -> Iterator[Event]:
        """Yield TextDelta events as text arrives (and any Note), then at most one Usage.

        Closing the iterator (generator.close()) must close the connection to
        the model. Raises ProviderError subclasses.
        """
        ...


class ProviderError(Exception):
    """Base class; `message` says what happened and what to do."""

    default_message = "The suggestion service failed. Your draft is unchanged; try again."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class ProviderTimeout(ProviderError):
    default_message = (
        "The model took too long to answer, so Byline stopped waiting. Your draft is unchanged. "
        "Try again, or pick a shorter passage."
    )


class ProviderUnreachable(ProviderError):
    default_message = (
        "Byline could not reach the model server. Your draft is unchanged. "
        "Check that the server is running, or ask an admin to check the model settings."
    )


class ProviderAuthFailed(ProviderError):
    default_message = (
        "The model server refused Byline's API key (401). Your draft is unchanged. "
        "Ask an admin to check the API key in the model settings."
    )


class ProviderForbidden(ProviderError):
    default_message = (
        "The model server says this key may not use that model (403). Your draft is unchanged. "
        "Ask an admin to check the key's permissions or pick another model."
    )


class ModelNotFound(ProviderError):
    default_message = (
        "The model server does not know the configured model (404). Your draft is unchanged. "
        "Ask an admin to check the model name in the settings."
    )


class ProviderRateLimited(ProviderError):
    default_message = (
        "The model server is busy or over its rate limit (429), even after retrying. "
        "Your draft is unchanged. Wait a minute and try again."
    )


class ProviderServerError(ProviderError):
    default_message = (
        "The model server had an internal error. Your draft is unchanged. Try again in a moment."
    )


class ProviderBadRequest(ProviderError):
    default_message = (
        "The model server rejected the request. Your draft is unchanged. "
        "Try a shorter passage; if it keeps happening, ask an admin to check the model settings."
    )


class StreamBroken(ProviderError):
    default_message = (
        "The model stopped with an error part-way through its answer. Your draft is unchanged. "
        "Try again."
    )


class EmptyOutput(ProviderError):
    default_message = (
        "The model returned no usable text. Your draft is unchanged. Try again or rephrase the passage."
    )


class OutputTooLong(ProviderError):
    default_message = (
        "The model's answer ran past the length this passage needs, so Byline stopped it and did "
        "not use it. Your draft is unchanged. Try again; if it keeps happening, ask an admin to "
        "try another model."
    )


class OutputLooping(ProviderError):
    default_message = (
        "The model started repeating itself, so Byline stopped it and did not use the answer. "
        "Your draft is unchanged. Try again; if it keeps happening, ask an admin to try another "
        "model."
    )


class BudgetCrossed(ProviderError):
    default_message = (
        "This answer reached your daily model token budget, so Byline stopped it and did not use "
        "it. Your draft is unchanged. The budget resets at midnight UTC; ask an admin to raise it."
    )
