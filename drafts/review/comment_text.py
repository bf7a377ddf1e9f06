"""Pure text helpers for comments: finding a quoted passage again, and @mentions."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafts.models import Comment, User


def anchor(comment: Comment, body: str) -> tuple[int, int] | None:
    """Where the comment's quoted passage is in `body` now, or None if it is gone.

    An exact match nearest to the stored position wins; otherwise a match that
    differs only in whitespace (spaces, tabs, line breaks); otherwise None.
    """
    return find_passage(body, comment.quote or "", comment.anchor_start or 0)


def find_passage(body: str, quote: str, near: int = 0) -> tuple[int, int] | None:
    """The occurrence of `quote` in `body` nearest to `near`, exact or up to whitespace.

    Linear in the length of the body and the quote, whatever they contain: it
    looks only at the first occurrence at or after `near` and the last one
    before it (two `str.find` calls, no regular expression), first in the
    text as it is, then with every run of whitespace collapsed to one space.
    """
    if not quote or not quote.strip():
        return None
    near = min(max(near, 0), len(body))
    best = _nearest(body, quote, near)
    if best is not None:
        return best, best + len(quote)
    flat_body, positions = _collapse(body)
    flat_quote, _ = _collapse(quote.strip())
    flat_near = bisect.bisect_left(positions, near)
    start = _nearest(flat_body, flat_quote, flat_near)
    if start is None:
        return None
    end = start + len(flat_quote) - 1
    return positions[start], positions[end] + 1


def _nearest(text: str, needle: str, near: int) -> int | None:
    after = text.find(needle, near)
    before = text.rfind(needle, 0, near + len(needle) - 1) if near > 0 else -1
    if before != -1 and before >= near:
        before = -1
    candidates = [i for i in (after, before) if i != -1]
    if not candidates:
        return None
    return min(candidates, key=lambda i: (abs(i - near), i))


_SPACE_RUN = re.compile(r"\s+")


def _collapse(text: str) -> tuple[str, list[int]]:
    """`text` with each whitespace run as one space, and where each kept character was.

    A run's single space maps to the run's first character; the end of a
    match is mapped from its last character, so runs inside a match are kept
    whole in the original.
    """
    pieces: list[str] = []
    positions: list[int] = []
    last = 0
    for match in _SPACE_RUN.finditer(text):
        pieces.append(text[last:match.start()])
        positions.extend(range(last, match.start()))
        pieces.append(" ")
        positions.append(match.start())
        last = match.end()
    pieces.append(text[last:])
    positions.extend(range(last, len(text)))
    return "".join(pieces), positions


_WORD = r"[\w-]"


def find_mentions(body: str, candidates: Iterable[User]) -> list[User]:
    """People @mentioned by full name ("@Ann Lee") or email local part ("@ann.lee").

    At each "@", the longest name that matches wins, so "@Ann Lee" is Ann Lee
    even when someone is called just "Ann". An "@" inside an email address is not a mention.
    """
    if "@" not in body:
        return []
    hits: dict[int, tuple[int, list[User]]] = {}
    for user in candidates:
        keys = {" ".join(user.name.split()), user.email.rsplit("@", 1)[0]}
        for key in filter(None, keys):
            words = r"\s+".join(re.escape(w) for w in key.split())
            pattern = rf"(?<![\w.+-])@{words}(?!{_WORD})"
            for match in re.finditer(pattern, body, re.IGNORECASE):
                length, users = hits.get(match.start(), (0, []))
                if match.end() > length:
                    hits[match.start()] = (match.end(), [user])
                elif match.end() == length and user not in users:
                    users.append(user)
    found: list[User] = []
    for _start, (_end, users) in sorted(hits.items()):
        found.extend(u for u in users if u not in found)
    return found


