"""The built-in engine as a Provider, and its choice, outline and prompt actions."""

from __future__ import annotations

import re

import pytest

from drafts.readability import load_seed_glossary
from drafts.suggestions.actions import ACTIONS
from drafts.suggestions.builtin import ACTIONS as BUILTIN_ACTIONS
from drafts.suggestions.builtin import BuiltinEngine
from drafts.suggestions.provider import ProviderBadRequest, Request, TextDelta, Usage
from drafts.suggestions.service import result_payload

SEED = load_seed_glossary()
ENGINE = BuiltinEngine()

DRAFT = """# How we cut cloud costs by 31%

Last year our cloud costs grew faster than revenue. We moved 40 services to reserved capacity
and cut cloud costs by 31% in six months.

## What we changed

We gave every team a monthly view of its cloud costs. The finance team joined our weekly
review, and the platform team retired idle servers.

## What we learned

- Cloud costs are a product decision, not just an IT decision.
- Show each team its own cloud costs.
- Review the bill every week.

## What it means for you

Start with one team and one dashboard. Ask what your cloud costs buy.
"""


def request(action: str, text: str, **context) -> Request:
    context.setdefault("glossary", SEED)
    context.setdefault("audience", "executive")
    context.setdefault("title", "")
    context.setdefault("draft", text)
    return Request(messages=(), model=ENGINE.model, max_tokens=1000, action=action, text=text,
                   context=context)


def answer(action: str, text: str = DRAFT, **context) -> str:
    events = list(ENGINE.stream(request(action, text, **context)))
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def test_provider_attributes_and_every_action_supported():
    assert ENGINE.name == "Built-in engine (offline)"
    assert ENGINE.model == "byline-builtin-1"
    assert ENGINE.is_builtin is True
    assert set(ACTIONS) == BUILTIN_ACTIONS


@pytest.mark.parametrize("action", sorted(BUILTIN_ACTIONS))
def test_stream_is_word_by_word_then_one_usage_and_deterministic(action):
    text = "Cut cloud costs with FinOps" if action == "outline" else DRAFT
    events = list(ENGINE.stream(request(action, text)))
    deltas, last = events[:-1], events[-1]
    assert isinstance(last, Usage) and all(isinstance(e, TextDelta) for e in deltas)
    output = "".join(e.text for e in deltas)
    assert len(deltas) > 3 and all(len(e.text.split()) <= 1 for e in deltas)
    assert output == ENGINE.suggest(action, text, glossary=SEED, audience="executive",
                                    title="", draft=text)
    assert last.prompt_tokens == pytest.approx(len(text) / 4, abs=1)
    assert last.completion_tokens == pytest.approx(len(output) / 4, abs=1)
    assert answer(action, text) == output  # same input, same output


def test_unknown_action_raises_a_typed_error():
    with pytest.raises(ProviderBadRequest) as info:
        list(ENGINE.stream(request("sonnet", "Write me a poem.")))
    assert info.value.message == "That suggestion is not available in the built-in engine."


def test_empty_text_raises_a_sentence_the_author_can_act_on():
    with pytest.raises(ProviderBadRequest, match="Write or select some text"):
        ENGINE.stream(request("clarity", "   ", draft=""))


def test_closing_the_stream_early_is_fine():
    events = ENGINE.stream(request("clarity", DRAFT))
    next(events)
    events.close()


def test_headlines_come_from_the_texts_own_words_and_numbers():
    """Issue 13: no "How we tackled teach CIOs", no "8 lessons" for a post with four."""
    from drafts.suggestions.builtin_grounding import grounded

    out = answer("headlines", title="How we cut cloud costs by 31%")
    lines = out.splitlines()
    assert 1 <= len(lines) <= 5 and all(" | " in ln for ln in lines)
    heads = [ln.split(" | ")[0] for ln in lines]
    assert all(len(h) < 70 and not h[0].islower() for h in heads)
    assert all(grounded(h, DRAFT) for h in heads)
    assert "How we tackled cloud costs" not in heads  # "tackled" is not the author's word
    assert any("31%" in h or "40" in h for h in heads)
    payload = result_payload(ACTIONS["headlines"], DRAFT, out)
    assert [c["text"] for c in payload["choices"]] == heads


def test_calls_to_action_are_the_texts_own_or_none():
    from drafts.suggestions.builtin_grounding import NothingSafe, grounded

    out = answer("cta")
    lines = out.splitlines()
    assert 1 <= len(lines) <= 3 and all(" | " in ln for ln in lines)
    assert all(grounded(ln.split(" | ")[0], DRAFT) for ln in lines)
    assert not any("what would our customers notice" in ln for ln in lines)
    with pytest.raises(NothingSafe) as nothing:
        answer("cta", "Our release train runs weekly. Nobody waits for a window now.")
    assert "asks its reader nothing in a short sentence" in nothing.value.message


def test_excerpt_and_meta_description_fit_their_limits():
    out = answer("excerpt")
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Excerpt | ") and lines[1].startswith("Meta description | ")
    excerpt, meta = lines[0].split(" | ", 1)[1], lines[1].split(" | ", 1)[1]
    assert len(excerpt) <= 160 and len(meta) <= 155
    assert excerpt.endswith((".", "…")) and meta.endswith((".", "…"))
    assert excerpt.startswith("Last year our cloud costs grew faster than revenue.")
    assert "cloud costs" in meta.lower()
    assert "\n" not in excerpt and "#" not in excerpt
    payload = result_payload(ACTIONS["excerpt"], DRAFT, out)
    assert payload["excerpt"] == excerpt and payload["meta_description"] == meta


def test_excerpt_cuts_a_long_lead_at_a_word_with_an_ellipsis():
    lead = ("Our board asked a simple question about the platform budget " * 6).strip()
    out = answer("excerpt", lead + ".")
    excerpt = out.splitlines()[0].split(" | ", 1)[1]
    assert len(excerpt) <= 160 and excerpt.endswith("…")
    assert lead.startswith(excerpt[:-1])
    assert not excerpt[:-1].endswith(" ")


def test_outline_from_a_one_line_idea():
    out = answer("outline", "Why we moved our ERP to the cloud and cut costs 20%")
    lines = out.splitlines()
    assert lines[0] == "# Why we moved our ERP to the cloud and cut costs 20%"
    sections = [i for i, ln in enumerate(lines) if ln.startswith("## ")]
    assert 4 <= len(sections) <= 6
    for start, end in zip(sections, sections[1:] + [len(lines)]):
        bullets = [ln for ln in lines[start + 1 : end] if ln.startswith("- ")]
        assert 1 <= len(bullets) <= 2
        assert all(re.fullmatch(r"- \[[^\]]+\]", b) for b in bullets)
    assert result_payload(ACTIONS["outline"], "idea", out)["kind"] == "outline"


def test_expand_example_keeps_the_passage_and_adds_one_placeholder_example():
    passage = ("Our FinOps review cut cloud costs. Every team now sees its cloud costs each "
               "week.\n\nThe next step is forecasting.")
    out = answer("expand_example", passage)
    first, rest = passage.split("\n\n")
    assert out.startswith(first + "\n\nFor example, [name a customer or team] saw "
                                  "[a measurable result] after we [what changed in cloud costs].")
    assert out.endswith("\n\n" + rest)
    assert out.count("For example") == 1


def test_business_case_appends_fill_in_prompts():
    passage = "We retired 200 idle servers and moved backups to cheaper storage tiers."
    out = answer("business_case", passage)
    assert out.startswith(passage + "\n\n**What it means for the business:** ")
    prompts = re.findall(r"\[[^\]]+\]", out[len(passage) :])
    assert 2 <= len(prompts) <= 3
    assert "idle servers" in prompts[0]
