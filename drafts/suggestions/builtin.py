"""The built-in suggestion engine: rule-based, offline, deterministic.

It implements the Provider protocol, so the service streams its answers like a
model's, in the same formats the prompts ask models for (one parser reads
both). It reuses the readability analyzer's findings and word lists; where a
rule does not apply it leaves the text as it is rather than inventing
content, and anything the author must supply is a prompt in [square brackets].

    engine = BuiltinEngine()
    for event in engine.stream(request):  # TextDelta..., then one Usage
        ...
    engine.suggest("concise", "In order to reduce cost, ...")  # the whole answer
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from drafts.readability import GlossaryTerm, load_seed_glossary

from . import builtin_choices as choices
from . import builtin_glossary as plain_terms
from . import builtin_grounding as grounding
from . import builtin_guard as guard
from . import builtin_rules as rules
from . import grammar
from .builtin_data import load_all
from .builtin_edits import Doc, Edit
from .builtin_sentences import assemble
from .builtin_topic import topic
from .provider import Event, Note, ProviderBadRequest, Request, TextDelta, Usage

__all__ = ["ACTIONS", "BuiltinEngine", "rewrite", "warm_up"]

CHARS_PER_TOKEN = 4
_CHUNK = re.compile(r"\s*\S+\s*")
_CLARITY = frozenset({"clarity"})
_CONCISE = frozenset({"clarity", "concise"})


def _clarity_edits(doc: Doc, cut: bool = False) -> list[Edit]:
    return (rules.finding_edits(doc, cut=cut) + rules.qualifier_edits(doc, _CLARITY)
            + rules.filler_edits(doc, _CLARITY))


def rewrite(action: str, text: str, glossary: Sequence[GlossaryTerm] = ()) -> str:
    """The rewritten passage for a rewrite action (Markdown structure kept)."""
    doc = Doc(text, glossary)
    if action == "clarity":
        return assemble(doc, _clarity_edits(doc), active=True, split=True)
    if action == "concise":
        edits = (rules.finding_edits(doc, cut=True, shorter_only=True)
                 + rules.qualifier_edits(doc, _CONCISE) + rules.filler_edits(doc, _CONCISE)
                 + rules.redundant_edits(doc))
        return assemble(doc, edits, active=True)
    if action == "executive":
        edits = (_clarity_edits(doc, cut=True) + plain_terms.glossary_edits(doc, glossary)
                 + plain_terms.acronym_edits(doc, glossary) + rules.hype_edits(doc))
        return assemble(doc, edits, active=True, split=True, lead=True)
    if action == "conversational":
        edits = (rules.contraction_edits(doc) + rules.conversational_edits(doc)
                 + rules.finding_edits(doc, cut=False, kinds=("wordy",)))
        return assemble(doc, edits)
    if action == "jargon":
        edits = plain_terms.glossary_edits(doc, glossary) + plain_terms.acronym_edits(doc, glossary)
        return assemble(doc, edits)
    raise ProviderBadRequest("That suggestion is not available in the built-in engine.")


def _glossary(context: Mapping[str, Any]) -> list[GlossaryTerm]:
    raw = context.get("glossary")
    if raw is None:
        return load_seed_glossary()
    terms = []
    for item in raw:
        if isinstance(item, GlossaryTerm):
            terms.append(item)
        elif isinstance(item, Mapping):
            terms.append(GlossaryTerm(str(item.get("term", "")), str(item.get("alternative", "")),
                                      str(item.get("note", "") or "")))
        else:
            terms.append(GlossaryTerm(*item))
    return [t for t in terms if t.term.strip()]


def _passage_and_draft(request: Request) -> tuple[str, str]:
    text = request.text or ""
    draft = request.context.get("draft") or text
    return text, draft


def _answer(request: Request) -> str:
    action = request.action
    text, draft = _passage_and_draft(request)
    title = str(request.context.get("title") or "")
    if action not in ACTIONS:
        raise ProviderBadRequest("That suggestion is not available in the built-in engine.")
    if not text.strip() and not (action in _WHOLE_DRAFT and draft.strip()):
        raise ProviderBadRequest("Write or select some text first, then ask again.")
    if action == "headlines":
        return grounding.grounded_choices("headlines", choices.headlines(draft, title), draft, 5, title,
                                      about=topic(draft, title).phrases)
    if action == "cta":
        return grounding.grounded_choices("cta", choices.cta(draft, title), draft, 3, title)
    if action == "excerpt":  # of the selection when there is one, else of the whole draft
        return choices.excerpt(text if text.strip() else draft, title)
    if action == "outline":
        return choices.outline(text)
    if action == "expand_example":
        return choices.example(text, topic(text))
    if action == "business_case":
        return choices.business_case(text, topic(text))
    glossary = _glossary(request.context)
    return guard.guard_rewrite(action, text, rewrite(action, text, glossary), glossary)


ACTIONS = frozenset({
    "clarity", "concise", "expand_example", "executive", "conversational", "jargon",
    "business_case", "headlines", "cta", "excerpt", "outline",
})
_WHOLE_DRAFT = frozenset({"headlines", "cta", "excerpt"})
_SPLITS = frozenset({"clarity", "executive"})  # actions that split long sentences


class BuiltinEngine:
    """Provider protocol: ``stream(request)`` yields the answer word by word, then Usage."""

    name = "Built-in engine (offline)"
    model = "byline-builtin-1"
    is_builtin = True

    def suggest(self, action: str, text: str, **context: Any) -> str:
        """The whole answer at once (same rules as :meth:`stream`)."""
        return _answer(Request(messages=(), model=self.model, max_tokens=0, action=action,
                               text=text, context=context))

    def stream(self, request: Request) -> Iterator[Event]:
        output = _answer(request)  # errors are raised before anything is yielded
        notes = guard.still_long(output) if request.action in _SPLITS and output != request.text else []

        def events() -> Iterator[Event]:
            for piece in _CHUNK.findall(output) or ([output] if output else []):
                yield TextDelta(piece)
            for note in notes:
                yield Note(note)
            yield Usage(
                prompt_tokens=-(-len(request.text or "") // CHARS_PER_TOKEN),
                completion_tokens=-(-len(output) // CHARS_PER_TOKEN),
            )

        return events()


def warm_up() -> None:
    """Read the word lists, the tagger's lexicon and the inflection tables (call at start-up)."""
    load_all()
    grammar.warm_up()
    BuiltinEngine().suggest("clarity", "In order to cut costs, the plan was approved by the board.")
