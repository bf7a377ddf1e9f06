"""The thought-leadership scorecard: pass / warn / fail, each with one line why."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import wordlists
from .findings import Signal
from .model import Finding, ScorecardItem, Sentence, Span, Status
from .phrases import WORD_RE
from .segment import Segmentation

POST_TYPES: dict[str, tuple[int, int]] = {
    "short": (300, 600),
    "standard": (600, 2000),
    "long": (2000, 4000),
}
_NUMBER = re.compile(r"(?<![\w.])(?:[$€£]\s?)?\d[\d,.]*(?:%|\b)")
_NAME = re.compile(r"(?<=[\w,;] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


@dataclass(frozen=True)
class Inputs:
    seg: Segmentation
    sentences: Sequence[Sentence]
    findings: Sequence[Finding]
    signals: Sequence[Signal]
    business_terms: int
    tech_terms: int
    words: int
    title: str
    post_type: str


def _item(id_: str, status: Status, why: str, spans: Sequence[Span] = ()) -> ScorecardItem:
    return ScorecardItem(id_, status, why, tuple(spans))


def headline(x: Inputs) -> ScorecardItem:
    title = x.title.strip()
    spans: tuple[Span, ...] = ()
    units = x.seg.units
    if not title and units and units[0].kind == "heading" and units[0].level == 1:
        title = x.seg.masked[units[0].start : units[0].end].strip()
        spans = ((units[0].start, units[0].end),)
    n = len(WORD_RE.findall(title))
    if n == 0:
        return _item("headline", "fail", "Add a headline: 6 to 12 words that state the idea.")
    if 6 <= n <= 12:
        return _item("headline", "pass", f"The headline has {n} words, a useful length.", spans)
    if 4 <= n <= 16:
        return _item("headline", "warn", f"The headline has {n} words: aim for 6 to 12.", spans)
    return _item("headline", "fail", f"The headline has {n} words: aim for 6 to 12.", spans)


def opening(x: Inputs) -> ScorecardItem:
    first = next((i for i, s in enumerate(x.sentences) if s.unit == "paragraph"), None)
    if first is None:
        return _item("opening", "fail", "Open with a paragraph that states your point.")
    block = x.sentences[first].block
    para = [s for s in x.sentences if s.block == block and s.unit == "paragraph"]
    span = (para[0].span[0], para[-1].span[1])
    words = sum(s.words for s in para)
    throat = [g for g in x.signals if g.category == "throat" and g.sentence == first]
    if throat:
        phrase = x.seg.text[throat[0].span[0] : throat[0].span[1]]
        return _item("opening", "fail",
                     f'The opening clears its throat ("{phrase}"): start with your point.', [span])
    if words > 100:
        return _item("opening", "fail",
                     f"The first paragraph runs {words} words: make the point in under 60.", [span])
    if words > 60:
        return _item("opening", "warn",
                     f"The first paragraph has {words} words: get to the point in under 60.", [span])
    return _item("opening", "pass", f"The first paragraph gets to the point in {words} words.")


def subheadings(x: Inputs) -> ScorecardItem:
    units = x.seg.units
    count = sum(1 for k, u in enumerate(units) if u.kind == "heading" and not (k == 0 and u.level == 1))
    if x.words < 500:
        return _item("subheadings", "pass", "Short post: subheadings are optional.")
    needed = max(1, x.words // 400)
    if count >= needed:
        return _item("subheadings", "pass", f"{count} subheadings guide the reader.")
    if count:
        return _item("subheadings", "warn",
                     f"{count} subheadings for {x.words} words: add about {needed - count} more.")
    return _item("subheadings", "fail", f"{x.words} words and no subheadings: add one every 300-400 words.")


def evidence(x: Inputs) -> ScorecardItem:
    masked = x.seg.masked
    numbers = names = 0
    for u in x.seg.units:
        if u.kind != "heading":
            numbers += len(_NUMBER.findall(masked, u.start, u.end))
            names += len(_NAME.findall(masked, u.start, u.end))
    cues = sum(1 for g in x.signals if g.category == "evidence")
    points = numbers + names + cues
    needed = max(3, x.words // 300)
    why = f"{numbers} numbers, {names} named examples and {cues} sources or cues."
    if points >= needed and numbers:
        return _item("evidence", "pass", why)
    if points:
        return _item("evidence", "warn", why + f" Add concrete proof: aim for {needed}, with numbers.")
    return _item("evidence", "fail", "No numbers or named examples: back the argument with proof.")


def business_language(x: Inputs) -> ScorecardItem:
    business = x.business_terms
    tech = x.tech_terms + sum(1 for f in x.findings if f.kind == "glossary")
    why = f"{business} mentions of business outcomes against {tech} technology terms."
    if business >= 3 and business * 2 >= tech:
        return _item("business_outcomes", "pass", why)
    if business:
        return _item("business_outcomes", "warn",
                     why + " Tie the technology to cost, revenue, risk or customers.")
    return _item("business_outcomes", "fail",
                 "No business outcomes: say what it means for cost, revenue, risk or customers.")


def point_of_view(x: Inputs) -> ScorecardItem:
    spans = [g.span for g in x.signals if g.category == "stance"]
    if len(spans) >= 2:
        return _item("point_of_view", "pass", f"{len(spans)} places state your own view.", spans[:5])
    if spans:
        return _item("point_of_view", "warn", "Only one clear statement of your view: take a stand.",
                     spans)
    return _item("point_of_view", "fail",
                 "No point of view: say what you believe and why (first person is fine).")


def call_to_action(x: Inputs) -> ScorecardItem:
    body = [i for i, s in enumerate(x.sentences) if s.unit in ("paragraph", "list_item")]
    if not body:
        return _item("call_to_action", "fail", "End with what the reader should do next.")
    closing_blocks = []
    for i in reversed(body):
        b = x.sentences[i].block
        if b not in closing_blocks:
            closing_blocks.append(b)
        if len(closing_blocks) == 2:
            break
    closing = [i for i in body if x.sentences[i].block in closing_blocks]
    verbs = wordlists.word_set("call_to_action.txt")
    for g in x.signals:
        if g.category == "cta" and g.sentence in closing:
            s = x.sentences[g.sentence]
            if " " in x.seg.text[g.span[0] : g.span[1]] or s.first_word in verbs:
                return _item("call_to_action", "pass", "The close tells the reader what to do next.",
                             [s.span])
    questions = [x.sentences[i].span for i in closing
                 if x.seg.masked[x.sentences[i].span[1] - 1] == "?"]
    if questions:
        return _item("call_to_action", "warn",
                     "The close asks a question: also say what the reader should do.", questions)
    return _item("call_to_action", "fail", "End with a call to action: what should the reader do next?")


def length(x: Inputs) -> ScorecardItem:
    low, high = POST_TYPES[x.post_type]
    band = f"{low:,}-{high:,} words for a {x.post_type} post"
    if low <= x.words <= high:
        return _item("length", "pass", f"{x.words:,} words: within {band}.")
    if low * 0.8 <= x.words <= high * 1.2:
        return _item("length", "warn", f"{x.words:,} words: just outside {band}.")
    return _item("length", "fail", f"{x.words:,} words: aim for {band}.")


def build(x: Inputs) -> tuple[ScorecardItem, ...]:
    return (
        headline(x),
        opening(x),
        subheadings(x),
        evidence(x),
        business_language(x),
        point_of_view(x),
        call_to_action(x),
        length(x),
    )
