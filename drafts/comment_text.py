"""Pure text helpers for comments: finding a quoted passage again, and @mentions."""

from __future__ import annotations

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
    if not quote or not quote.strip():
        return None
    best: int | None = None
    i = body.find(quote)
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        elif i > near:
            break  # later matches are only further away
        i = body.find(quote, i + 1)
    if best is not None:
        return best, best + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    spans = [m.span() for m in re.finditer(pattern, body)]
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span[0] - near))



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


