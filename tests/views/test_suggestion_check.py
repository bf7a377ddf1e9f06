"""The Model page's connection check, the switched-off label, and the cache key (issue 13 item 6)."""

from __future__ import annotations

import html

from sqlalchemy import select

from drafts.models import Role, SuggestionRequest
from tests.factories import login, make_user
from tests.llm_server import Reply
from tests.sse import suggest
from tests.views.test_suggestion_model import WORDY, configure


def check(client):
    response = client.post("/admin/llm/check", follow_redirects=True)
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_check_lists_models_and_sends_one_token(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text="OK", chunks=1, finish_reason="length"))
    page = check(client)
    assert "offers 1 model, including “test-model”" in page
    assert "“test-model” answered a one-token request" in page
    [sent] = llm_server.chat_requests
    assert sent.body["max_tokens"] == 1 and sent.body["model"] == "test-model"
    assert dbs.scalar(select(SuggestionRequest)) is None  # a check is not a suggestion


def test_check_names_the_models_the_server_offers_when_ours_is_missing(client, dbs, llm_server):
    configure(client, dbs, llm_server, model="gpt-5-nano")
    page = check(client)
    assert "does not offer the model “gpt-5-nano”. It offers: test-model." in page
    assert llm_server.chat_requests == []


def test_check_says_what_is_wrong(client, dbs, llm_server):
    configure(client, dbs, llm_server, base_url="http://127.0.0.1:9/v1", max_retries="0")
    assert "could not reach the model server at 127.0.0.1:9" in check(client)
    configure(client, dbs, llm_server)
    llm_server.script(Reply.failure(500, "model failed to load", headers={"retry-after-ms": "10"}),
                      *[Reply.failure(500, "model failed to load")] * 2)
    assert "internal error (500)" in check(client)


def test_check_is_for_admins_with_a_token(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    login(client, make_user(dbs, Role.AUTHOR))
    assert client.post("/admin/llm/check").status_code == 403


def test_a_switched_off_model_is_named_not_called_unconfigured(client, dbs, llm_server):
    configure(client, dbs, llm_server, builtin_only="y")
    actions = client.get("/suggestions/actions").json
    assert actions["builtin"] is True
    # The panel's label says what happened, not "no model configured" (issue 13, item 8).
    assert actions["label"] == actions["note"] == "Model switched off (using the built-in engine)"
    assert "no model configured" not in actions["label"] and "“test-model”" in actions["detail"]
    page = html.unescape(client.get("/admin/llm").get_data(as_text=True))
    assert "The model “test-model” is switched off" in page
    assert "is switched off" in check(client)
    assert llm_server.requests == []


def test_cache_key_covers_the_full_base_url(client, dbs, llm_server):
    """A misconfigured URL on the same host is not answered from the cache."""
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text="Shorter.", usage=(50, 3)))
    assert suggest(client, "concise", WORDY)[1][-1][0] == "done"
    configure(client, dbs, llm_server, base_url=llm_server.base_url.replace("/v1", "/wrong/v1"))
    events = suggest(client, "concise", WORDY)[1]
    assert events[-1][0] == "error" and "(404)" in events[-1][1]["message"]
    configure(client, dbs, llm_server, style_guide="Another house style.")
    llm_server.script(Reply(text="Shorter still.", usage=(50, 3)))
    done = suggest(client, "concise", WORDY)[1][-1][1]
    assert done["cached"] is False and done["result"]["text"] == "Shorter still."
