"""Suggestions through the app against a real OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import re
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from drafts.models import Draft, LLMSettings, Role, SuggestionRequest
from tests.factories import PASSWORD, login, make_draft, make_user
from tests.live import LiveServer
from tests.llm_server import Reply
from tests.sse import suggest

KEY = "sk-test-secret-key-1234567890"
WORDY = "In order to reduce cost, we really need to utilize the cloud in a more efficient manner."


def configure(client, dbs, server, **overrides):
    admin = make_user(dbs, Role.ADMIN, Role.AUTHOR, name="Ada Admin")
    login(client, admin)
    form = {"base_url": server.base_url, "model": "test-model", "api_key": KEY,
            "timeout_seconds": "5", "max_retries": "2", "daily_token_budget": "100000",
            "style_guide": "Prefer verbs to nouns."}
    form.update(overrides)
    response = client.post("/admin/llm", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    return admin


def test_settings_store_the_key_encrypted_and_never_show_it(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    row = dbs.get(LLMSettings, 1)
    assert row.api_key_encrypted and KEY not in row.api_key_encrypted
    page = client.get("/admin/llm").get_data(as_text=True)
    assert KEY not in page and "ending in …7890" in page
    assert "test-model at 127.0.0.1" in page
    assert KEY not in client.get("/suggestions/actions").get_data(as_text=True)


def test_stream_from_the_model_and_what_was_sent(client, dbs, llm_server):
    admin = configure(client, dbs, llm_server)
    draft = make_draft(dbs, admin, body=WORDY, title="Cloud costs")
    llm_server.script(Reply(text="To cut cost, we need to use the cloud better.", chunks=4, usage=(120, 14)))
    response, events = suggest(client, "concise", WORDY, draft.id, title="Cloud costs")
    assert [n for n, _ in events][0] == "start" and events[0][1]["model"] == "test-model"
    assert events[0][1]["builtin"] is False
    assert [n for n, _ in events].count("delta") == 4
    done = events[-1][1]
    assert done["result"]["text"] == "To cut cost, we need to use the cloud better."
    assert done["usage"] == {"in": 120, "out": 14, "estimated": False}

    [sent] = llm_server.chat_requests
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    body = sent.body
    assert body["model"] == "test-model" and body["stream"] is True
    assert "tools" not in body and "functions" not in body and "tool_choice" not in body
    system, user = body["messages"]
    assert system["role"] == "system" and "Task: make the passage concise" in system["content"]
    assert "Prefer verbs to nouns." in system["content"]
    assert user["role"] == "user" and user["content"] == f"Post title: Cloud costs\n<draft>\n{WORDY}\n</draft>"
    # The limit follows the passage (17 words), not the action's 3,000-token ceiling.
    assert 40 < (body.get("max_tokens") or body.get("max_completion_tokens")) < 100

    row = dbs.scalar(select(SuggestionRequest))
    assert (row.provider, row.model, row.base_url_host, row.tokens_in, row.tokens_out, row.outcome) == (
        "openai", "test-model", f"127.0.0.1:{llm_server.port}", 120, 14, "ok")
    assert row.latency_ms >= 0 and row.first_token_ms is not None


def test_identical_requests_are_served_from_cache(client, dbs, llm_server):
    admin = configure(client, dbs, llm_server)
    draft = make_draft(dbs, admin, body=WORDY)
    llm_server.script(Reply(text="Shorter.", usage=(50, 3)))
    first = suggest(client, "concise", WORDY, draft.id)[1][-1][1]
    second = suggest(client, "concise", WORDY, draft.id)[1][-1][1]
    assert len(llm_server.chat_requests) == 1
    assert second["cached"] is True and second["result"] == first["result"]
    outcomes = [r.outcome for r in dbs.scalars(select(SuggestionRequest).order_by(SuggestionRequest.id))]
    assert outcomes == ["ok", "cached"]
    suggest(client, "concise", WORDY + " Also this.", draft.id)
    assert len(llm_server.chat_requests) == 2


def test_daily_budget_refuses_with_a_clear_message(client, dbs, llm_server):
    admin = configure(client, dbs, llm_server, daily_token_budget="1000")
    llm_server.script(Reply(text="Shorter.", usage=(900, 50)))
    suggest(client, "headlines", WORDY)
    response, events = suggest(client, "headlines", WORDY + " More.")
    assert response.status_code == 429 and events == []
    assert "You have used 950 of your 1,000 model tokens for today" in response.json["error"]
    assert len(llm_server.chat_requests) == 1
    # A per-user budget set by an admin overrides the default.
    client.post(f"/admin/users/{admin.id}", data={"roles": ["admin", "author"], "daily_tokens": "5000"})
    response, events = suggest(client, "headlines", WORDY + " More.")
    assert response.status_code == 200 and events[-1][0] in {"done", "error"}


FAULTS = [
    ("timeout", Reply(first_byte_delay=3.0), {"timeout_seconds": "1", "max_retries": "0"}, "did not answer within 1 seconds"),
    ("401", Reply.failure(401, "Incorrect API key provided"), {}, "refused Byline's API key"),
    ("403", Reply.failure(403, "Not allowed"), {}, "may not use the model “test-model”"),
    ("404", Reply.failure(404, "The model does not exist"), {}, "does not know the model “test-model”"),
    ("429", Reply.failure(429, "Rate limit", headers={"retry-after-ms": "10"}), {}, "rate limit"),
    ("500", Reply.failure(500, "boom", headers={"retry-after-ms": "10"}), {}, "internal error"),
    ("mid-stream", Reply(text="one two three four", chunks=4, error_after=2), {}, "part-way"),
    ("empty", Reply(text="", chunks=1), {}, "no usable text"),
    ("malformed", Reply(text="one two three", chunks=3, malformed_after=1), {}, "Your draft is unchanged"),
    ("too long", Reply(text=" ".join(f"point{i}" for i in range(50)), finish_reason="length"), {}, "more than this passage needs"),
]


@pytest.mark.parametrize("name, reply, settings, expected", FAULTS, ids=[f[0] for f in FAULTS])
def test_each_fault_is_a_plain_sentence_and_the_draft_is_untouched(
    client, dbs, llm_server, name, reply, settings, expected
):
    admin = configure(client, dbs, llm_server, **settings)
    draft = make_draft(dbs, admin, body=WORDY)
    llm_server.script(*([reply] * 3))
    response, events = suggest(client, "concise", WORDY, draft.id)
    assert response.status_code == 200
    kinds = [n for n, _ in events]
    assert kinds[0] == "start" and kinds[-1] == "error" and "done" not in kinds
    message = events[-1][1]["message"]
    assert expected in message and "unchanged" in message
    assert KEY not in message
    dbs.expire_all()
    assert dbs.get(Draft, draft.id).body == WORDY and dbs.get(Draft, draft.id).version == 1
    row = dbs.scalar(select(SuggestionRequest))
    assert row.outcome.startswith("error:") and row.error == message
    if name == "429":
        assert len(llm_server.chat_requests) == 3  # the first try and two retries


def test_connection_refused(client, dbs, llm_server):
    configure(client, dbs, llm_server, base_url="http://127.0.0.1:9/v1", max_retries="0")
    response, events = suggest(client, "concise", WORDY)
    assert events[-1][0] == "error" and "could not reach the model server" in events[-1][1]["message"]


def test_browser_going_away_closes_the_stream_to_the_model(app, client, dbs, llm_server):
    admin = configure(client, dbs, llm_server)
    llm_server.script(Reply(text=" ".join(f"w{i}" for i in range(60)), chunks=60, chunk_delay=0.05))
    server = LiveServer(app)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/login")
        page = conn.getresponse()
        cookie = page.getheader("Set-Cookie").split(";", 1)[0]
        token = re.search(r'name="csrf-token" content="([^"]+)"', page.read().decode()).group(1)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("POST", "/login", urlencode({"csrf_token": token, "email": admin.email, "password": PASSWORD}),
                     {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        answer = conn.getresponse()
        answer.read()
        cookie = answer.getheader("Set-Cookie").split(";", 1)[0]
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", "/drafts", headers={"Cookie": cookie})
        drafts_page = conn.getresponse()
        cookie = (drafts_page.getheader("Set-Cookie") or cookie).split(";", 1)[0]
        token = re.search(r'name="csrf-token" content="([^"]+)"', drafts_page.read().decode()).group(1)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("POST", "/suggestions", json.dumps({"action": "concise", "text": WORDY}),
                     {"Content-Type": "application/json", "Cookie": cookie, "X-CSRFToken": token})
        stream = conn.getresponse()
        assert stream.status == 200
        assert stream.fp.readline() == b"event: start\n"
        while b"event: delta" not in stream.fp.readline():
            pass  # wait until the model is streaming
        stream.close()  # the browser goes away: its end of the socket is closed
        conn.close()
        assert llm_server.disconnected.wait(10), "the stream to the model was not closed"
    finally:
        server.stop()
    llm_server.wait_idle()
    dbs.expire_all()
    row = dbs.scalar(select(SuggestionRequest))
    assert row is not None and row.outcome == "cancelled"
    # Stop records what was spent: the whole request, and the words that streamed.
    assert row.tokens_in > 100 and row.tokens_out >= 1 and row.tokens_estimated is True


def test_admin_usage_page_shows_people_and_days(client, dbs, llm_server):
    admin = configure(client, dbs, llm_server)
    llm_server.script(Reply(text="Shorter.", usage=(40, 4)), Reply.failure(401, "bad key"))
    suggest(client, "concise", WORDY)
    suggest(client, "concise", WORDY + " Two.")
    page = client.get("/admin/usage").get_data(as_text=True)
    today = dbs.scalar(select(SuggestionRequest.created_at)).date().isoformat()
    row = re.search(r"<td>" + today + r"</td><td>Ada Admin</td><td>Model</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>", page)
    assert row and row.groups() == ("2", "40", "4", "0", "1")
    assert "error:ProviderAuthFailed" in page and "test-model" in page
    login(client, make_user(dbs, Role.AUTHOR))
    assert client.get("/admin/usage").status_code == 403
    assert client.get("/admin/llm").status_code == 403
    assert admin.id
