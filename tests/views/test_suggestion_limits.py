"""Bounded model calls and honest accounting, against the fake model server on 127.0.0.1."""

from __future__ import annotations

import re

from sqlalchemy import select

from drafts.models import SuggestionRequest
from drafts.suggestions.limits import estimate_tokens, request_tokens
from drafts.suggestions.provider import Message
from tests.llm_server import Reply
from tests.sse import suggest
from tests.views.test_suggestion_model import WORDY, configure

LOOP = "We must modernise the platform to stay competitive. " * 40
PASSAGE = (
    "Our board asked a simple question last spring: why does every new product take nine months "
    "to reach customers when our competitors ship in six weeks? The honest answer was that our "
    "release process had grown around fear rather than evidence."
)


def sent_tokens(server) -> int:
    body = server.chat_requests[-1].body
    return request_tokens(Message(m["role"], m["content"]) for m in body["messages"])


def rows(dbs):
    dbs.expire_all()
    return list(dbs.scalars(select(SuggestionRequest).order_by(SuggestionRequest.id)))


def test_without_server_usage_the_whole_request_and_the_answer_are_counted(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    answer = "To cut cost, we need to use the cloud better."
    llm_server.script(Reply(text=answer, usage=None))
    done = suggest(client, "concise", WORDY)[1][-1]
    assert done[0] == "done" and done[1]["usage"]["estimated"] is True
    [row] = rows(dbs)
    # System prompt, style guide and passage: far more than the passage alone.
    assert row.tokens_in == sent_tokens(llm_server) > 5 * estimate_tokens(WORDY)
    assert row.tokens_out == estimate_tokens(answer) and row.tokens_estimated is True
    page = client.get("/admin/usage").get_data(as_text=True)
    assert "(estimate)" in page


def test_server_usage_wins_and_is_not_an_estimate(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text="Shorter.", usage=(1251, 9)))
    suggest(client, "concise", WORDY)
    assert llm_server.chat_requests[0].body["stream_options"] == {"include_usage": True}
    [row] = rows(dbs)
    assert (row.tokens_in, row.tokens_out, row.tokens_estimated) == (1251, 9, False)
    assert "(estimate)" not in client.get("/admin/usage").get_data(as_text=True)


def test_errors_record_what_was_spent_and_refusals_record_nothing(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text="one two three four", chunks=4, error_after=2, usage=None),
                      Reply.failure(401, "bad key"))
    assert suggest(client, "concise", WORDY)[1][-1][0] == "error"
    assert suggest(client, "concise", WORDY)[1][-1][0] == "error"
    broken, refused = rows(dbs)
    assert broken.output == "one two th"  # two of four chunks arrived
    assert broken.tokens_in == sent_tokens(llm_server) and broken.tokens_out == estimate_tokens("one two th")
    assert broken.tokens_estimated is True
    assert (refused.tokens_in, refused.tokens_out) == (0, 0)


def test_a_looping_answer_is_stopped_with_a_clear_message(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text=LOOP, chunks=120, usage=None))
    response, events = suggest(client, "clarity", PASSAGE)
    assert events[-1][0] == "error"
    assert "started repeating itself" in events[-1][1]["message"]
    deltas = [e for n, e in events if n == "delta"]
    assert len(deltas) < 60  # stopped early, not at the end of the stream
    [row] = rows(dbs)
    assert row.outcome == "error:OutputLooping" and row.tokens_out > 0 and row.tokens_in > 0


def test_an_answer_far_longer_than_its_passage_is_cut_off(client, dbs, llm_server):
    """A server that ignores max_tokens still cannot run on: Byline cuts the answer."""
    configure(client, dbs, llm_server)
    words = " ".join(f"point{i} follows" for i in range(400))
    llm_server.script(Reply(text=words, chunks=200, usage=None))
    events = suggest(client, "concise", WORDY)[1]
    limit = llm_server.chat_requests[0].body["max_tokens"]
    assert limit < 100
    message = events[-1][1]["message"]
    assert f"ran past {limit} tokens" in message and "shorter passage" not in message
    assert rows(dbs)[0].outcome == "error:OutputTooLong"


def test_output_limits_follow_the_input_and_choices_have_per_item_limits(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text="A.\n"), Reply(text="B.\n"), Reply(text="Title | why\n"))
    suggest(client, "clarity", "Short one.")
    suggest(client, "clarity", PASSAGE * 6)
    suggest(client, "headlines", PASSAGE * 20)
    short, long, headlines = (r.body["max_tokens"] for r in llm_server.chat_requests)
    assert short < 60 and 3 * short < long < 1.6 * estimate_tokens(PASSAGE * 6) + 60
    assert headlines <= 5 * (90 + 160) // 3 + 20  # five headlines, each bounded


def test_budget_counts_the_whole_request_before_sending(client, dbs, llm_server):
    """Issue 13: a 1,000-token budget allowed eight requests costing ~10,000."""
    configure(client, dbs, llm_server, daily_token_budget="1000")
    for _ in range(8):
        llm_server.script(Reply(text="A clearer sentence about costs.", usage=None))
    statuses = []
    for i in range(8):
        response, _events = suggest(client, "concise", f"{WORDY} Case {i}.")
        statuses.append(response.status_code)
    spent = sum(r.tokens_in + r.tokens_out for r in rows(dbs))
    assert 429 in statuses and spent <= 1000
    response, _ = suggest(client, "concise", WORDY + " Again.")
    assert response.status_code == 429
    assert re.search(r"You have used [\d,]+ of your 1,000 model tokens", response.json["error"])
    assert "may need up to" in response.json["error"]


def test_usage_page_keeps_the_built_in_engine_apart(client, dbs, llm_server):
    configure(client, dbs, llm_server)
    llm_server.script(Reply(text="Shorter.", usage=(40, 4)))
    suggest(client, "concise", WORDY)
    client.post("/admin/llm", data={"builtin_only": "y", "base_url": llm_server.base_url,
                                    "model": "test-model", "daily_token_budget": "100000"})
    suggest(client, "concise", WORDY)
    page = client.get("/admin/usage").get_data(as_text=True)
    model = re.search(r'<tr class="usage-model">.*?</tr>', page, re.S).group(0)
    builtin = re.search(r'<tr class="usage-builtin">.*?</tr>', page, re.S).group(0)
    assert "<td>Model</td><td>1</td><td>40</td><td>4</td>" in model
    assert "<td>Built-in engine</td><td>1</td><td>–</td><td>–</td>" in builtin
