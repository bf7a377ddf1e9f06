"""Bounds on a model call: token estimates, output limits that follow the input, loop detection.

Token estimate: no tokenizer on PyPI ships its vocabulary and runs offline
(tiktoken downloads its encodings at first use; `tokenizers` needs a vocabulary
file from the Hub), so Byline estimates. The estimate counts like a BPE
tokenizer does on English: one token per punctuation mark, and one per started
six characters of a word. On English prose it lands within ~15% of
cl100k_base and leans high, which is the safe side for a budget. Figures from
it are stored with `tokens_estimated` and labelled "estimate" on the usage page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafts.suggestions.actions import Action
from drafts.suggestions.provider import Message

_PIECES = re.compile(r"\w+|[^\w\s]", re.UNICODE)
MESSAGE_OVERHEAD = 4  # role and separators the chat template adds around each message
REPLY_OVERHEAD = 3  # the assistant header every answer starts with

# Per-item limits for choices (characters), and how many items an action asks for.
CHOICE_ITEMS = {"headlines": 5, "cta": 3, "excerpt": 2}
CHOICE_CHARS = {"headlines": 90, "cta": 160, "excerpt": 160}
RATIONALE_CHARS = 160
# How much longer than its passage a rewrite may be.
GROWTH = {"expand_example": 2.5, "business_case": 2.0}
DEFAULT_GROWTH = 1.5
REWRITE_SLACK = 40  # tokens: room for a one-line passage to become a clearer sentence


def estimate_tokens(text: str) -> int:
    """Tokens a BPE tokenizer would use for `text`, estimated offline (see the module doc)."""
    total = 0
    for piece in _PIECES.findall(text):
        total += 1 if not piece[0].isalnum() and piece[0] != "_" else -(-len(piece) // 6)
    return total


def request_tokens(messages: Iterable[Message]) -> int:
    """The whole request as the model reads it: system prompt, style guide, glossary, passage."""
    return sum(estimate_tokens(m.content) + MESSAGE_OVERHEAD for m in messages) + REPLY_OVERHEAD


def output_limit(action: Action, text: str) -> int:
    """max_tokens for this passage: a rewrite a little longer than its passage, choices by item."""
    if action.kind == "rewrite":
        growth = GROWTH.get(action.name, DEFAULT_GROWTH)
        limit = int(estimate_tokens(text) * growth) + REWRITE_SLACK
    elif action.kind in ("choices", "excerpt"):
        items = CHOICE_ITEMS.get(action.name, 5)
        per_item = (CHOICE_CHARS.get(action.name, 160) + RATIONALE_CHARS) // 3  # ~3 chars a token, generous
        limit = items * per_item + 20
    else:
        limit = action.max_output_tokens
    return max(16, min(limit, action.max_output_tokens))


class LoopDetector:
    """Notices a model that repeats itself: the same stretch of text again and again.

    Two signs, both cheap to check as text arrives:
    - the tail of the answer is one stretch (8 to 400 characters) repeated at
      least three times back to back ("and then and then and then ...");
    - one 8-word run occurs four times or more, more often than in the passage
      (a paragraph re-told with small changes around it).
    """

    PERIOD_MIN, PERIOD_MAX, COPIES = 8, 400, 3
    SHINGLE, SHINGLE_REPEATS = 8, 4

    def __init__(self, source: str = "") -> None:
        self._source_counts = _shingle_counts(source)
        self._checked_at = 0

    def looping(self, text: str) -> bool:
        """True when `text` (the answer so far) is looping. Checks at most every 64 characters."""
        if len(text) - self._checked_at < 64:
            return False
        self._checked_at = len(text)
        return _repeats_at_end(text, self.PERIOD_MIN, self.PERIOD_MAX, self.COPIES) or any(
            count >= self.SHINGLE_REPEATS and count > self._source_counts.get(gram, 0)
            for gram, count in _shingle_counts(text).items()
        )


def _repeats_at_end(text: str, shortest: int, longest: int, copies: int) -> bool:
    tail = text.rstrip()
    for period in range(shortest, min(longest, len(tail) // copies) + 1):
        unit = tail[-period:]
        if not unit.strip():
            continue
        if all(tail[-period * (k + 1): len(tail) - period * k] == unit for k in range(1, copies)):
            return True
    return False


def _shingle_counts(text: str) -> dict[tuple[str, ...], int]:
    words = re.findall(r"\w+", text.lower())
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - LoopDetector.SHINGLE + 1):
        gram = tuple(words[i:i + LoopDetector.SHINGLE])
        counts[gram] = counts.get(gram, 0) + 1
    return counts
