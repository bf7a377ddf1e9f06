"""Blanking out the inline parts of a line that are not prose (code, links, tags, URLs...).

Used by segment.py. Every pattern here is linear in the line's length: runs
stop at the next opener, a word is tried once, and code spans are paired by
an index rather than a backreference, because a line can be a megabyte of
hostile punctuation.
"""

from __future__ import annotations

import bisect
import re

# Code spans are found first, by _code_spans (a backreference here would
# rescan the line once per backtick run).
_INLINE = re.compile(
    r"`+"  # stray backticks
    # Runs below stop at the next opener too ("[", "<"), so a line of unclosed
    # openers is scanned once, not once per opener (no quadratic cost).
    r"|!\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\])?"  # images (alt text is not prose)
    r"|<(?:https?|ftp|mailto):[^<>\s]*>"  # autolinks
    r"|<!--(?:(?!<!--|-->).)*-->"  # HTML comments (a scan stops at the next opener)
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"  # HTML tags
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\)"  # ](dest)
    r"|\]\[[^\]]*\]"  # ][ref]
    r"|\[\^[^\[\]]+\]"  # footnote reference
    r"|(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]"  # bare URLs
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses (tried once per word)
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"  # entities
    r"|\\(?=[!-/:-@\[-`{-~])"  # backslash escapes
    r"|\*+|~~+|(?<!\w)_+|_+(?!\w)|[\[\]]"  # emphasis markers and brackets
)
_INLINE_HINT = re.compile(r"[`!<\]\[\\*~_&@]|://|www\.")


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


_BACKTICKS = re.compile(r"`+")


def _code_spans(segment: str) -> list[tuple[int, int]]:
    """Inline code: a backtick run up to the next run of the same length (CommonMark).

    Each run is looked at once, and the closing run is found by bisecting the
    runs of its length, so a line of unmatched backticks costs n log n, not n².
    """
    runs = [m.span() for m in _BACKTICKS.finditer(segment)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        k = bisect.bisect_right(same, i)
        if k < len(same):
            j = same[k]
            spans.append((start, runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def mask_inline(segment: str) -> str:
    """Blank out the non-prose parts of one line of prose (same length)."""
    if _INLINE_HINT.search(segment) is None:
        return segment
    if "`" in segment:
        pieces, last = [], 0
        for start, end in _code_spans(segment):
            pieces.append(segment[last:start])
            pieces.append(" " * (end - start))
            last = end
        pieces.append(segment[last:])
        segment = "".join(pieces)
    return _INLINE.sub(_blank, segment)
