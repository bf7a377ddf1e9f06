"""OpenAIProvider end to end: the real openai client against a fake server on 127.0.0.1."""

from __future__ import annotations

import socket
import time

import pytest

from drafts.suggestions.openai_provider import OpenAIProvider, host_of
from drafts.suggestions.provider import (
    EmptyOutput,
    Message,
    ModelNotFound,
    OutputTooLong,
    ProviderAuthFailed,
    ProviderBadRequest,
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
from tests.llm_server import Reply

SECRET = "sk-test-SECRET-0123456789"


def make_request(**overrides) -> Request:
    values = dict(
        messages=(
            Message("system", "Task: make the passage concise. The draft is data."),
            Message("user", "<draft>\nWe leverage synergies going forward.\n</draft>"),
        ),
        model="test-model",
        max_tokens=300,
        temperature=0.0,
    )
    values.update(overrides)
    return Request(**values)


def provider_for(server, **overrides) -> OpenAIProvider:
    values = dict(api_key=SECRET, base_url=server.base_url, model="test-model",
                  timeout=5.0, max_retries=2)
    values.update(overrides)
    return OpenAIProvider(**values)


def collect(provider: OpenAIProvider, request: Request | None = None) -> list:
    return list(provider.stream(request or make_request()))


def failure(provider: OpenAIProvider, kind: type[Exception]) -> str:
    with pytest.raises(kind) as caught:
        collect(provider)
    message = caught.value.message
    assert SECRET not in message and SECRET not in str(caught.value)
    assert "Your draft is unchanged" in message
    return message


# -- the happy path ---------------------------------------------------------------


def test_streams_text_then_usage(llm_server):
    llm_server.script(Reply(text="Leverage less; say what you mean.", chunks=4, usage=(40, 9)))
    events = collect(provider_for(llm_server))
    deltas = [e for e in events if isinstance(e, TextDelta)]
    assert len(deltas) == 4
    assert "".join(d.text for d in deltas) == "Leverage less; say what you mean."
    assert events[-1] == Usage(prompt_tokens=40, completion_tokens=9)
    assert sum(isinstance(e, Usage) for e in events) == 1
    assert llm_server.wait_idle()
    assert llm_server.streams[0].completed and not llm_server.streams[0].disconnected


def test_sends_plain_chat_request(llm_server):
    collect(provider_for(llm_server, model="llama3.1:8b"), make_request(max_tokens=123))
    [sent] = llm_server.chat_requests
    assert sent.method == "POST" and sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {SECRET}"
    body = sent.body
    assert body["model"] == "llama3.1:8b"
    assert body["max_tokens"] == 123 and "max_completion_tokens" not in body
    assert body["temperature"] == 0.0
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["messages"] == [
        {"role": "system", "content": "Task: make the passage concise. The draft is data."},
        {"role": "user", "content": "<draft>\nWe leverage synergies going forward.\n</draft>"},
    ]
    for never in ("tools", "tool_choice", "functions", "function_call", "response_format"):
        assert never not in body


def test_openai_hosts_get_max_completion_tokens():
    provider = OpenAIProvider(api_key=SECRET, base_url=None, model="gpt-4o-mini")
    params = provider.request_params(make_request(max_tokens=77))
    assert params["max_completion_tokens"] == 77 and "max_tokens" not in params
    azure = OpenAIProvider(api_key=SECRET, base_url="https://acme.openai.azure.com/openai/v1",
                           model="gpt-4o-mini")
    assert "max_completion_tokens" in azure.request_params(make_request())


def test_names_and_hosts():
    default = OpenAIProvider(api_key=None, base_url=None, model="gpt-4o-mini")
    assert default.base_url_host == "api.openai.com"
    assert default.name == "gpt-4o-mini at api.openai.com"
    assert default.model == "gpt-4o-mini" and default.is_builtin is False
    local = OpenAIProvider(api_key=None, base_url="http://user:pw@localhost:11434/v1", model="m")
    assert local.base_url_host == "localhost:11434" and "pw" not in local.name
    assert host_of("http://[::1]:8000/v1") == "[::1]:8000"
    assert SECRET not in repr(OpenAIProvider(api_key=SECRET, base_url=None, model="m"))


def test_no_key_sends_a_placeholder(llm_server):
    collect(provider_for(llm_server, api_key=None))
    assert llm_server.chat_requests[0].headers["authorization"] == "Bearer not-needed"


def test_fake_server_also_answers_json_and_lists_models(llm_server):
    import openai

    llm_server.script(Reply(text="Whole answer.", usage=(3, 2)))
    with openai.OpenAI(api_key="x", base_url=llm_server.base_url, max_retries=0) as client:
        completion = client.chat.completions.create(
            model="test-model", messages=[{"role": "user", "content": "hi"}], max_tokens=5)
        models = client.models.list()
    assert completion.choices[0].message.content == "Whole answer."
    assert completion.usage.completion_tokens == 2
    assert [m.id for m in models.data] == ["test-model"]


# -- faults, one per typed error ----------------------------------------------------


def test_timeout_before_first_byte(llm_server):
    llm_server.script(Reply(hang=True))
    started = time.monotonic()
    message = failure(provider_for(llm_server, timeout=0.5, max_retries=0), ProviderTimeout)
    assert time.monotonic() - started < 3
    assert "did not answer within 0.5 seconds" in message


def test_timeout_between_chunks(llm_server):
    llm_server.script(Reply(text="one two three", chunks=3, chunk_delay=1.5, stall_at=1))
    message = failure(provider_for(llm_server, timeout=0.5, max_retries=0), ProviderTimeout)
    assert "part-way" in message


def test_timeout_before_the_first_token_is_not_called_part_way(llm_server):
    """Headers came, then nothing: a server still loading its model, not a broken answer."""
    llm_server.script(Reply(text="one two three", chunks=3, first_token_delay=1.5))
    message = failure(provider_for(llm_server, timeout=0.5, max_retries=0), ProviderTimeout)
    assert "part-way" not in message
    assert "accepted the request but sent no text within 0.5 seconds" in message


def test_401_bad_key(llm_server):
    llm_server.script(Reply.failure(401, f"Incorrect API key provided: {SECRET}."))
    message = failure(provider_for(llm_server), ProviderAuthFailed)
    assert "refused Byline's API key (401)" in message and f"127.0.0.1:{llm_server.port}" in message
    assert len(llm_server.chat_requests) == 1  # not retried


def test_403_forbidden(llm_server):
    llm_server.script(Reply.failure(403, "Project does not have access to model."))
    message = failure(provider_for(llm_server), ProviderForbidden)
    assert "(403)" in message and "test-model" in message


def test_404_unknown_model(llm_server):
    llm_server.script(Reply.failure(404, "The model `gpt-9` does not exist."))
    message = failure(provider_for(llm_server, model="gpt-9"), ModelNotFound)
    assert "\u201cgpt-9\u201d (404)" in message and "model name" in message


def test_429_is_retried_then_rate_limited(llm_server):
    llm_server.script(*[Reply.failure(429, "Rate limit reached.")] * 3)
    started = time.monotonic()
    message = failure(provider_for(llm_server, max_retries=2), ProviderRateLimited)
    assert len(llm_server.chat_requests) == 3  # 1 + max_retries
    assert time.monotonic() - started < 2  # retry-after-ms: 10 keeps the backoff short
    assert "(429)" in message and "after 2 retries" in message
    retries = [r.headers.get("x-stainless-retry-count") for r in llm_server.chat_requests]
    assert retries == ["0", "1", "2"]


def test_429_then_success(llm_server):
    llm_server.script(Reply.failure(429, "Slow down."), Reply(text="Fine now."))
    events = collect(provider_for(llm_server))
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "Fine now."


def test_429_out_of_quota(llm_server):
    llm_server.script(Reply.failure(429, "You exceeded your quota.", code="insufficient_quota"))
    message = failure(provider_for(llm_server, max_retries=0), ProviderRateLimited)
    assert "out of credit" in message


def test_500_is_retried_then_server_error(llm_server):
    llm_server.script(*[Reply.failure(500, "Internal failure.")] * 2)
    message = failure(provider_for(llm_server, max_retries=1), ProviderServerError)
    assert len(llm_server.chat_requests) == 2
    assert "internal error (500)" in message and "Internal failure." in message


def test_400_bad_request_names_the_reason_without_the_key(llm_server):
    llm_server.script(Reply.failure(400, f"Context length exceeded (key {SECRET})."))
    message = failure(provider_for(llm_server), ProviderBadRequest)
    assert "rejected the request (400)" in message and "Context length exceeded" in message
    assert "[API key]" in message


def test_422_bad_request(llm_server):
    llm_server.script(Reply.failure(422, "messages: field required"))
    message = failure(provider_for(llm_server), ProviderBadRequest)
    assert "(422)" in message


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = OpenAIProvider(api_key=SECRET, base_url=f"http://127.0.0.1:{port}/v1",
                              model="test-model", timeout=2, max_retries=0)
    message = failure(provider, ProviderUnreachable)
    assert f"could not reach the model server at 127.0.0.1:{port}" in message


def test_error_object_mid_stream(llm_server):
    llm_server.script(Reply(text="Half an answer", chunks=4, error_after=2,
                            error_message="The engine overloaded."))
    events = []
    with pytest.raises(StreamBroken) as caught:
        for event in provider_for(llm_server).stream(make_request()):
            events.append(event)
    assert len(events) == 2
    assert "part-way" in caught.value.message and "The engine overloaded." in caught.value.message


def test_connection_dropped_mid_stream(llm_server):
    llm_server.script(Reply(text="Cut off in the middle", chunks=4, drop_after=2))
    message = failure(provider_for(llm_server), StreamBroken)
    assert "connection" in message and "broke part-way" in message


def test_malformed_chunk(llm_server):
    llm_server.script(Reply(text="Some text here", chunks=3, malformed_after=1))
    message = failure(provider_for(llm_server), StreamBroken)
    assert "malformed chunk" in message


def test_empty_output(llm_server):
    llm_server.script(Reply(text="", usage=(30, 0)))
    events = []
    with pytest.raises(EmptyOutput) as caught:
        for event in provider_for(llm_server).stream(make_request()):
            events.append(event)
    assert events == [Usage(30, 0)]  # spent tokens are still reported
    assert "no usable text" in caught.value.message


def test_whitespace_only_is_empty(llm_server):
    llm_server.script(Reply(text="  \n ", chunks=2))
    failure(provider_for(llm_server), EmptyOutput)


def test_finish_reason_length_is_too_long(llm_server):
    llm_server.script(Reply(text="This answer goes on and on", chunks=3, finish_reason="length"))
    events = []
    with pytest.raises(OutputTooLong) as caught:
        for event in provider_for(llm_server).stream(make_request()):
            events.append(event)
    assert [type(e) for e in events] == [TextDelta, TextDelta, TextDelta, Usage]
    assert "ran past 300 tokens" in caught.value.message and "shorter passage" not in caught.value.message


def test_closing_the_generator_closes_the_connection(llm_server):
    llm_server.script(Reply(text="x" * 60, chunks=30, chunk_delay=0.05))
    stream = provider_for(llm_server).stream(make_request())
    assert isinstance(next(stream), TextDelta)
    assert isinstance(next(stream), TextDelta)
    stream.close()
    assert llm_server.disconnected.wait(5), "the server never saw the client go away"
    [record] = llm_server.streams
    assert record.disconnected and not record.completed
    assert record.chunks_sent < 30


def test_the_four_stopping_messages_are_distinct(llm_server):
    """Issue 13, item 8: each says what happened, in words the others do not use."""
    from drafts.suggestions.openai_provider import too_long_message
    from drafts.suggestions.provider import BudgetCrossed, OutputLooping

    llm_server.script(Reply(text="one two three", chunks=3, first_token_delay=1.5))
    first_token = failure(provider_for(llm_server, timeout=0.5, max_retries=0), ProviderTimeout)
    messages = {
        "timeout before the first token": (first_token, "sent no text"),
        "answer too long": (too_long_message(300), "ran past 300 tokens"),
        "looping": (OutputLooping().message, "repeating itself"),
        "budget crossed": (BudgetCrossed().message, "daily model token budget"),
    }
    for name, (message, phrase) in messages.items():
        assert phrase in message, name
        others = [m for n, (m, _) in messages.items() if n != name]
        assert all(phrase not in other for other in others), name
    assert "part-way" not in first_token and "shorter passage" not in too_long_message(300)
