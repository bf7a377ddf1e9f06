"""What the author can ask for, with each action's kind and limits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["rewrite", "choices", "outline", "excerpt"]


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    kind: Kind
    max_input_chars: int
    max_output_tokens: int
    needs_selection_or_draft: bool = True


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("clarity", "Improve clarity", "rewrite", 12_000, 4_000),
        Action("concise", "Make it concise", "rewrite", 12_000, 3_000),
        Action("expand_example", "Expand with an example", "rewrite", 8_000, 4_000),
        Action("executive", "Executive tone", "rewrite", 12_000, 4_000),
        Action("conversational", "Conversational tone", "rewrite", 12_000, 4_000),
        Action("jargon", "Translate jargon into business language", "rewrite", 12_000, 4_000),
        Action("business_case", "Strengthen the business case", "rewrite", 8_000, 4_000),
        Action("headlines", "Headline options", "choices", 40_000, 400),
        Action("excerpt", "Excerpt and meta description", "excerpt", 40_000, 300),
        Action("cta", "Call-to-action options", "choices", 40_000, 300),
        Action("outline", "Outline from a one-line idea", "outline", 500, 1_200, False),
    ]
}


def get_action(name: str) -> Action:
    try:
        return ACTIONS[name]
    except KeyError:
        raise KeyError(f"Unknown suggestion {name!r}.") from None
