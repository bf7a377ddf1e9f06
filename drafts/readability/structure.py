"""Structure checks with Yoast SEO's thresholds (green / orange / red)."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Light, Sentence, Span, StructureCheck
from .segment import Unit

BODY = frozenset({"paragraph", "list_item"})


def _share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _rising(value: float, green: float, orange: float) -> Light:
    """Light for a value where higher is worse."""
    return "green" if value <= green else "orange" if value <= orange else "red"


def sentence_length(sentences: Sequence[Sentence]) -> StructureCheck:
    body = [s for s in sentences if s.unit == "paragraph"]  # list items do not count
    if not body:
        return StructureCheck("sentence_length", "grey", 0.0, "No paragraphs to check yet.")
    long = [s.span for s in body if s.words > 20]
    share = _share(len(long), len(body))
    light = _rising(share, 25, 30)
    reason = f"{share:g}% of sentences have more than 20 words (aim for 25% or less)."
    return StructureCheck("sentence_length", light, share, reason,
                          tuple(long) if light != "green" else ())


def paragraph_length(units: Sequence[Unit], sentences: Sequence[Sentence]) -> StructureCheck:
    words: dict[int, int] = {}
    for s in sentences:
        if s.unit == "paragraph":
            words[s.block] = words.get(s.block, 0) + s.words
    if not words:
        return StructureCheck("paragraph_length", "grey", 0.0, "No paragraphs to check yet.")
    spans = {u.block: (u.start, u.end) for u in units if u.kind == "paragraph"}
    longest = max(words.values())
    light = _rising(longest, 150, 200)
    at_fault = tuple(spans[b] for b, n in words.items() if n > 150 and b in spans)
    reason = (
        f"The longest paragraph has {longest} words (aim for 150 or fewer)."
        if light != "green"
        else f"Every paragraph has 150 words or fewer (longest: {longest})."
    )
    return StructureCheck("paragraph_length", light, float(longest), reason, at_fault)


def subheading_distribution(
    units: Sequence[Unit], sentences: Sequence[Sentence]
) -> StructureCheck:
    by_block: dict[int, int] = {}
    for s in sentences:
        if s.unit != "heading":
            by_block[s.block] = by_block.get(s.block, 0) + s.words
    sections: list[tuple[int, Span]] = []
    words = 0
    span: Span | None = None
    subheadings = 0
    seen_blocks: set[int] = set()
    for k, u in enumerate(units):
        if u.kind == "heading":
            if k == 0 and u.level == 1:
                continue  # the title, not a subheading
            subheadings += 1
            if span is not None:
                sections.append((words, span))
            words, span = 0, None
            continue
        if u.block not in seen_blocks:
            seen_blocks.add(u.block)
            words += by_block.get(u.block, 0)
        span = (u.start, u.end) if span is None else (span[0], u.end)
    if span is not None:
        sections.append((words, span))
    total = sum(n for n, _ in sections)
    if subheadings == 0:
        if total <= 300:
            return StructureCheck("subheading_distribution", "green", float(total),
                                  "Short enough to read without subheadings.")
        return StructureCheck("subheading_distribution", "red", float(total),
                              f"{total} words and no subheadings: add one every 300 words.",
                              tuple(s for _, s in sections))
    longest = max((n for n, _ in sections), default=0)
    light = _rising(longest, 300, 350)
    reason = (
        f"The longest section has {longest} words (aim for 300 or fewer per subheading)."
    )
    return StructureCheck("subheading_distribution", light, float(longest), reason,
                          tuple(s for n, s in sections if n > 300))


def passive_voice(sentences: Sequence[Sentence]) -> StructureCheck:
    body = [s for s in sentences if s.unit in BODY]
    if not body:
        return StructureCheck("passive_voice", "grey", 0.0, "No sentences to check yet.")
    passive = [s.span for s in body if s.passive]
    share = _share(len(passive), len(body))
    light = _rising(share, 10, 15)
    reason = f"{share:g}% of sentences use the passive voice (aim for 10% or less)."
    return StructureCheck("passive_voice", light, share, reason,
                          tuple(passive) if light != "green" else ())


def transition_words(sentences: Sequence[Sentence], total_words: int) -> StructureCheck:
    body = [s for s in sentences if s.unit in BODY]
    if total_words < 200 or not body:
        return StructureCheck("transition_words", "grey", 0.0,
                              "Checked from 200 words on.")
    share = _share(sum(1 for s in body if s.transition), len(body))
    light: Light = "green" if share >= 30 else "orange" if share >= 20 else "red"
    reason = f"{share:g}% of sentences contain a transition word (aim for 30% or more)."
    spans = tuple(s.span for s in body if not s.transition) if light != "green" else ()
    return StructureCheck("transition_words", light, share, reason, spans)


def consecutive_starts(sentences: Sequence[Sentence]) -> StructureCheck:
    runs: list[list[Sentence]] = []
    run: list[Sentence] = []
    for s in sentences:
        if s.unit != "paragraph" or not s.first_word:
            if len(run) >= 3:
                runs.append(run)
            run = []
            continue
        if run and run[-1].first_word == s.first_word:
            run.append(s)
        else:
            if len(run) >= 3:
                runs.append(run)
            run = [s]
    if len(run) >= 3:
        runs.append(run)
    if not runs:
        return StructureCheck("consecutive_sentences", "green", 0.0,
                              "No three sentences in a row start with the same word.")
    worst = max(runs, key=len)
    reason = (
        f'{len(worst)} sentences in a row start with "{worst[0].first_word}": vary the openings.'
    )
    spans = tuple(s.span for r in runs for s in r)
    return StructureCheck("consecutive_sentences", "red", float(len(worst)), reason, spans)


def run_checks(
    units: Sequence[Unit], sentences: Sequence[Sentence], total_words: int
) -> tuple[StructureCheck, ...]:
    return (
        sentence_length(sentences),
        paragraph_length(units, sentences),
        subheading_distribution(units, sentences),
        passive_voice(sentences),
        transition_words(sentences, total_words),
        consecutive_starts(sentences),
    )
