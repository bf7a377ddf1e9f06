"""The OpenAI-compatible provider: chat completions streamed over SSE.

One adapter for OpenAI and for the local servers that speak the same API
(Ollama, vLLM, llama.cpp's server, LM Studio). It sends plain chat messages,
never tools or functions, and turns every failure into a typed ProviderError
whose message says what to do. The API key never appears in a message.

Each call to `stream()` uses its own `openai.OpenAI` client and closes it when
the stream ends, fails or is closed by the caller, so no connection outlives
the request (Byline builds one provider per suggestion anyway).

Length limit: OpenAI deprecated `max_tokens` in favour of
`max_completion_tokens`, and its reasoning models (o-series, gpt-5) answer 400
to `max_tokens`. Ollama and LM Studio only know `max_tokens` and silently
ignore `max_completion_tokens` (which would leave the output uncapped); vLLM and
llama.cpp accept both. Sending both is not an option either (OpenAI's
reasoning models reject any `max_tokens`). So the provider sends
`max_completion_tokens` to OpenAI's own hosts (api.openai.com, Azure OpenAI)
and `max_tokens` to every other server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import openai

from drafts.suggestions.provider import (
    EmptyOutput,
    Event,
    ModelNotFound,
    OutputTooLong,
    ProviderAuthFailed,
    ProviderBadRequest,
    ProviderError,
    ProviderForbidden,
    ProviderRateLimited,
    ProviderServerError,
    ProviderTimeout,
    ProviderUnreachable,
    Request,
    StreamBroken,
    TextDelta,
    Usage,
)

PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key; the openai client insists on one
DEFAULT_BASE_URL = "https://api.openai.com/v1"
_SERVER_TEXT_LIMIT = 200
_CLIENTS: dict[tuple, openai.OpenAI] = {}
_CLIENTS_LOCK = threading.Lock()


def too_long_message(limit: int) -> str:
    return (
        f"The model's answer ran past {limit:,} tokens, more than this passage needs, so Byline "
        "stopped it and did not use it. Your draft is unchanged. Try again; if it keeps "
        "happening, ask an admin to try another model."
    )


def host_of(base_url: str) -> str:
    """host[:port] of a base URL, without any user:password part."""
    parts = urlsplit(base_url if "//" in base_url else f"//{base_url}")
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def uses_max_completion_tokens(host: str) -> bool:
    """OpenAI's own APIs want `max_completion_tokens`; compatible servers want `max_tokens`."""
    name = host.rsplit(":", 1)[0] if not host.startswith("[") else host
    return name == "api.openai.com" or name.endswith(".openai.azure.com")


class OpenAIProvider:
    """A model behind an OpenAI-compatible `/chat/completions` endpoint."""

    is_builtin = False

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        model: str,
        timeout: float = 60.0,
        max_retries: int = 2,
    ) -> None:
        self.model = model
        self.base_url = (base_url or DEFAULT_BASE_URL).strip()
        self.base_url_host = host_of(self.base_url) or "the configured address"
        self.name = f"{model} at {self.base_url_host}"
        self.timeout = float(timeout)
        self.max_retries = max(0, int(max_retries))
        self._api_key = api_key or PLACEHOLDER_KEY

    def __repr__(self) -> str:  # never show the key
        return f"OpenAIProvider(model={self.model!r}, host={self.base_url_host!r})"

    def request_params(self, request: Request) -> dict[str, Any]:
        """The arguments for chat.completions.create: plain text in, plain text out."""
        limit = (
            "max_completion_tokens"
            if uses_max_completion_tokens(self.base_url_host)
            else "max_tokens"
        )
        return {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            limit: request.max_tokens,
            "temperature": request.temperature,
            "stream": True,
            "stream_options": {"include_usage": True},
        }

    def stream(self, request: Request) -> Iterator[Event]:
        """Yield TextDelta as text arrives, then at most one Usage; raise ProviderError.

        Closing this generator closes the HTTP stream, so the server sees the
        disconnect and stops generating.
        """
        client = self._client()
        chunks = None
        try:
            try:
                chunks = client.chat.completions.create(**self.request_params(request))
            except openai.OpenAIError as exc:
                raise self._before_stream_error(exc) from exc
            yield from self._events(chunks, request.max_tokens)
        finally:
            if chunks is not None:
                chunks.close()  # response.close(): drops the connection if unread

    # -- internals ---------------------------------------------------------------

    def _client(self) -> openai.OpenAI:
        """One client (and its connection pool) per server, key and limits, shared by threads.

        Building a client costs ~25 ms (TLS context, connection pool); reusing it keeps
        Byline's time to first token close to the model's own.
        """
        key = (self._api_key, self.base_url, self.timeout, self.max_retries)
        with _CLIENTS_LOCK:
            client = _CLIENTS.get(key)
            if client is not None:
                return client
        try:
            client = openai.OpenAI(
                api_key=self._api_key,
                base_url=self.base_url,
                timeout=self.timeout,
                max_retries=self.max_retries,
            )
        except (openai.OpenAIError, ValueError, TypeError) as exc:
            raise ProviderUnreachable(
                f"Byline could not use the model server address for {self.base_url_host}. "
                "Your draft is unchanged. Ask an admin to check the base URL in the model settings."
            ) from exc
        with _CLIENTS_LOCK:
            if len(_CLIENTS) >= 16:  # settings changed many times: drop the old clients
                for old in _CLIENTS.values():
                    old.close()
                _CLIENTS.clear()
            return _CLIENTS.setdefault(key, client)

    def _events(self, chunks: Any, max_tokens: int) -> Iterator[Event]:
        finish_reason: str | None = None
        usage: Usage | None = None
        got_text = False
        iterator = iter(chunks)
        while True:
            try:
                chunk = next(iterator)
            except StopIteration:
                break
            except openai.OpenAIError as exc:
                raise self._mid_stream_error(exc, started=got_text) from exc
            except ValueError as exc:  # json.JSONDecodeError, UnicodeDecodeError
                raise StreamBroken(
                    f"The model server at {self.base_url_host} sent a malformed chunk part-way "
                    "through its answer. Your draft is unchanged. Try again."
                ) from exc
            if chunk is None:
                continue
            try:
                texts, reason, chunk_usage = _read_chunk(chunk)
            except (AttributeError, TypeError, ValueError) as exc:
                raise StreamBroken(
                    f"The model server at {self.base_url_host} sent a chunk Byline could not "
                    "read. Your draft is unchanged. Try again."
                ) from exc
            finish_reason = reason or finish_reason
            usage = chunk_usage or usage
            for text in texts:
                got_text = got_text or bool(text.strip())
                yield TextDelta(text)
        if usage is not None:
            yield usage  # before any error below, so spent tokens still count
        if finish_reason == "length":
            raise OutputTooLong(too_long_message(max_tokens))
        if finish_reason == "content_filter":
            raise EmptyOutput(
                "The model's content filter stopped its answer. Your draft is unchanged. "
                "Try rephrasing the passage."
            )
        if not got_text:
            raise EmptyOutput()

    def _before_stream_error(self, exc: openai.OpenAIError) -> ProviderError:
        host, model = self.base_url_host, self.model
        if isinstance(exc, openai.APITimeoutError):
            return ProviderTimeout(
                f"The model at {host} did not answer within {self.timeout:g} seconds, so Byline "
                "stopped waiting. Your draft is unchanged. Try again, or pick a shorter passage."
            )
        if isinstance(exc, openai.APIConnectionError):
            return ProviderUnreachable(
                f"Byline could not reach the model server at {host}. Your draft is unchanged. "
                "Check that the server is running, or ask an admin to check the model settings."
            )
        if not isinstance(exc, openai.APIStatusError):
            return ProviderError()
        status = exc.status_code
        said = self._server_said(exc)
        if status == 401:
            return ProviderAuthFailed(
                f"The model server at {host} refused Byline's API key (401). Your draft is "
                "unchanged. Ask an admin to check the API key in the model settings."
            )
        if status == 403:
            return ProviderForbidden(
                f"The model server at {host} says this API key may not use the model "
                f"\u201c{model}\u201d (403). Your draft is unchanged. Ask an admin to check the "
                "key's permissions or pick another model."
            )
        if status == 404:
            return ModelNotFound(
                f"The model server at {host} does not know the model \u201c{model}\u201d (404). "
                "Your draft is unchanged. Ask an admin to check the model name in the settings "
                "(and that the base URL ends in /v1)."
            )
        if status == 429:
            if exc.code == "insufficient_quota":
                return ProviderRateLimited(
                    f"The model provider at {host} says the account is out of credit (429). "
                    "Your draft is unchanged. Ask an admin to check the account's billing."
                )
            return ProviderRateLimited(
                f"The model server at {host} is busy or over its rate limit (429), even after "
                f"{self.max_retries} {'retry' if self.max_retries == 1 else 'retries'}. "
                "Your draft is unchanged. Wait a minute and try again."
            )
        if status >= 500:
            return ProviderServerError(
                f"The model server at {host} had an internal error ({status}){said}. "
                "Your draft is unchanged. Try again in a moment."
            )
        if status == 408:
            return ProviderTimeout()
        return ProviderBadRequest(
            f"The model server at {host} rejected the request ({status}){said}. Your draft is "
            "unchanged. Try a shorter passage; if it keeps happening, ask an admin to check "
            "the model settings."
        )

    def _mid_stream_error(self, exc: openai.OpenAIError, *, started: bool = True) -> ProviderError:
        host = self.base_url_host
        if isinstance(exc, openai.APITimeoutError) and not started:
            return ProviderTimeout(
                f"The model at {host} accepted the request but sent no text within "
                f"{self.timeout:g} seconds, so Byline stopped waiting. Your draft is unchanged. "
                "The server may be loading the model or busy: try again in a minute, or ask an "
                "admin to raise the timeout in the model settings."
            )
        if isinstance(exc, openai.APITimeoutError):
            return ProviderTimeout(
                f"The model at {host} stopped sending for {self.timeout:g} seconds part-way "
                "through its answer, so Byline stopped waiting. Your draft is unchanged. "
                "Try again, or pick a shorter passage."
            )
        if isinstance(exc, openai.APIConnectionError):
            return StreamBroken(
                f"The connection to the model server at {host} broke part-way through its "
                "answer. Your draft is unchanged. Try again."
            )
        said = self._server_said(exc) if isinstance(exc, openai.APIError) else ""
        return StreamBroken(
            f"The model at {host} stopped with an error part-way through its answer{said}. "
            "Your draft is unchanged. Try again."
        )

    def _server_said(self, exc: openai.APIError) -> str:
        """`: "<server's message>"` trimmed, with the API key masked; "" if none."""
        body = exc.body
        message = None
        if isinstance(body, dict):
            inner = body.get("error", body)
            message = inner.get("message") if isinstance(inner, dict) else None
            if message is None and isinstance(body.get("message"), str):
                message = body["message"]
        elif isinstance(body, str):
            message = body
        if not isinstance(message, str) or not message.strip():
            return ""
        text = " ".join(message.split())
        if self._api_key != PLACEHOLDER_KEY and len(self._api_key) >= 4:
            text = text.replace(self._api_key, "[API key]")
        if len(text) > _SERVER_TEXT_LIMIT:
            text = text[: _SERVER_TEXT_LIMIT - 1].rstrip() + "\u2026"
        return f": \u201c{text}\u201d"


def _read_chunk(chunk: Any) -> tuple[list[str], str | None, Usage | None]:
    """Text pieces, finish reason and usage from one chat.completion.chunk."""
    texts: list[str] = []
    reason = None
    for choice in chunk.choices or ():
        if getattr(choice, "index", 0) not in (0, None):
            continue  # n=1 is all Byline asks for
        if choice.finish_reason:
            reason = str(choice.finish_reason)
        delta = choice.delta
        content = getattr(delta, "content", None) if delta is not None else None
        if content:
            texts.append(str(content))
    usage = None
    raw = getattr(chunk, "usage", None)
    if raw is not None:
        usage = Usage(
            prompt_tokens=int(raw.prompt_tokens or 0),
            completion_tokens=int(raw.completion_tokens or 0),
        )
    return texts, reason, usage
