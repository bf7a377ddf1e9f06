"""What one suggestion request spends, counted as it streams, and the limits it must stay within.

The server's own `usage` (asked for with stream_options.include_usage) wins
when it arrives. Without it, or when the stream ends early (Stop, an error, a
cut-off), Byline counts the whole request it sent (system prompt, style
guide, glossary, passage) and the text that streamed back, with the offline
estimate in `limits`, and marks the figures as estimates.

While text arrives the meter stops the answer when it repeats itself, when it
runs well past the output limit (some servers ignore max_tokens), or when the
request would cross the person's daily budget.
"""

from __future__ import annotations

import time
from typing import Any

from drafts.suggestions.limits import LoopDetector, estimate_tokens
from drafts.suggestions.openai_provider import too_long_message
from drafts.suggestions.provider import (
    BudgetCrossed,
    ModelNotFound,
    OutputLooping,
    OutputTooLong,
    ProviderAuthFailed,
    ProviderBadRequest,
    ProviderForbidden,
    ProviderRateLimited,
    ProviderUnreachable,
    Usage,
)

# Refusals that come before the server reads the prompt: nothing was spent.
REFUSED_UNREAD = (
    ProviderUnreachable, ProviderAuthFailed, ProviderForbidden, ModelNotFound,
    ProviderRateLimited, ProviderBadRequest,
)
OVERRUN = 1.25  # tolerance on the estimate before Byline cuts an answer the server did not


class Meter:
    def __init__(self, prepared: Any) -> None:
        self.builtin = bool(prepared.provider.is_builtin)
        self.max_tokens = int(prepared.request.max_tokens)
        self.prompt_tokens = int(prepared.meta.get("prompt_tokens") or 0)
        self.budget_left = prepared.meta.get("budget_left")
        self.detector = LoopDetector(prepared.text)
        self.started = time.perf_counter()
        self.first_token_ms: int | None = None
        self.output = ""
        self.output_tokens = 0
        self.usage: Usage | None = None
        self.sent = False  # the request reached a model (not the cache, not refused unread)
        self.from_cache = False

    def elapsed_ms(self) -> int:
        return int((time.perf_counter() - self.started) * 1000)

    def cached(self, output: str) -> None:
        self.from_cache = True
        self.first_token_ms = 0
        self.output = output

    def add(self, text: str) -> None:
        """Take one piece of the answer; raise when the answer must stop."""
        if self.first_token_ms is None:
            self.first_token_ms = self.elapsed_ms()
        self.output += text
        self.output_tokens += estimate_tokens(text)
        if self.builtin:
            return
        if self.output_tokens > self.max_tokens * OVERRUN + 16:
            raise OutputTooLong(too_long_message(self.max_tokens))
        if self.detector.looping(self.output):
            raise OutputLooping()
        if self.budget_left is not None and self.prompt_tokens + self.output_tokens > self.budget_left:
            raise BudgetCrossed()

    def spent(self) -> tuple[int, int, bool]:
        """(tokens in, tokens out, estimated?) for the record."""
        if self.from_cache:
            return 0, 0, False
        if self.usage is not None and (self.usage.prompt_tokens or self.usage.completion_tokens):
            return self.usage.prompt_tokens, self.usage.completion_tokens, False
        if not self.sent or self.builtin:  # the built-in engine costs nothing
            return 0, 0, False
        return self.prompt_tokens, estimate_tokens(self.output), True
