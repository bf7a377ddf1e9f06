"""Checking an answer before it is offered: formats, per-item limits, echoed prompt markup.

Model output is untrusted. A rewrite loses any echo of the prompt's own
delimiters (`<draft>`, a "Post title:" line) and any markup the passage did
not have. A choice that breaks its format or its limit is dropped, and the
panel is told how many and why, so a paragraph is never offered as a headline
and *Use as title* never meets a title the save would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from drafts.suggestions.actions import Action
from drafts.suggestions.formats import Choice, clean_output, parse_choices, rewrite_segments
from drafts.suggestions.limits import CHOICE_CHARS, CHOICE_ITEMS, RATIONALE_CHARS
from drafts.suggestions.provider import ProviderError

_DELIMITER = re.compile(r"<\s*/?\s*(?:draft|passage|text|selection)\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
_TITLE_ECHO = re.compile(r"^\s*Post title:.*\n", re.IGNORECASE)
META_CHARS = 155
MAX_WORDS = {"headlines": 16, "cta": 30}


@dataclass
class Checked:
    text: str
    notes: list[str] = field(default_factory=list)


def clean_rewrite(original: str, answer: str) -> Checked:
    """The rewrite without echoed delimiters or markup the passage did not contain."""
    text, notes = clean_output(answer), []
    if _TITLE_ECHO.match(text) and not _TITLE_ECHO.match(original + "\n"):
        text = _TITLE_ECHO.sub("", text, count=1)
    stripped = _DELIMITER.sub("", text)
    kept_tags = {t.lower() for t in _TAG.findall(original)}
    stripped = _TAG.sub(lambda m: m.group(0) if m.group(0).lower() in kept_tags else "", stripped)
    if stripped != text:
        notes.append("Byline removed markup the model added that was not in your passage.")
    text = re.sub(r"[ \t]{2,}", " ", stripped).strip("\n") if stripped != text else text
    return Checked(text, notes)


def check_choices(action: Action, answer: str) -> tuple[list[Choice], list[str]]:
    """The choices that keep their format and limits, and a sentence about any dropped."""
    items = CHOICE_ITEMS.get(action.name, 5)
    limit = CHOICE_CHARS.get(action.name, 160)
    words = MAX_WORDS.get(action.name, 40)
    kept: list[Choice] = []
    reasons: dict[str, int] = {}
    for choice in parse_choices(answer, 50):
        text = _DELIMITER.sub("", _TAG.sub("", choice.text)).strip()
        why = _TAG.sub("", choice.rationale).strip()[:RATIONALE_CHARS]
        if not text:
            reason = "empty or only markup"
        elif len(text) > limit or len(text.split()) > words:
            reason = f"longer than {limit} characters or {words} words"
        elif action.name == "headlines" and len(re.findall(r"[.!?](?:\s|$)", text)) > 1:
            reason = "more than one sentence"
        elif text.lower().startswith("post title:"):
            reason = "an echo of the request"
        else:
            if len(kept) < items:
                kept.append(Choice(text, why))
            continue
        reasons[reason] = reasons.get(reason, 0) + 1
    notes = [f"Byline left out {n} option{'s' if n != 1 else ''} the model offered: {reason}."
             for reason, n in reasons.items()]
    return kept, notes


def result_payload(action: Action, original: str, output: str) -> dict[str, Any]:
    """What the panel shows: a rewrite as changes to accept, or choices to insert."""
    if action.kind == "rewrite":
        checked = clean_rewrite(original, output)
        segments = rewrite_segments(original, checked.text)
        return {"kind": "rewrite", "text": checked.text, "notes": checked.notes,
                "segments": [{"kind": s.kind, "old": s.old, "new": s.new} for s in segments]}
    if action.kind == "outline":
        return {"kind": "outline", "text": clean_rewrite("", output).text, "notes": []}
    if action.kind == "excerpt":
        return _excerpt(output)
    choices, notes = check_choices(action, output)
    if not choices:
        said = " ".join(notes)
        raise ProviderError(
            "The answer did not contain any usable options. " + (said + " " if said else "")
            + "Your draft is unchanged; try again."
        )
    return {"kind": "choices", "notes": notes,
            "choices": [{"text": c.text, "rationale": c.rationale} for c in choices]}


def _excerpt(output: str) -> dict[str, Any]:
    found = {c.text.lower(): _TAG.sub("", c.rationale).strip() for c in parse_choices(output, 4)}
    excerpt, meta = found.get("excerpt", ""), found.get("meta description", "")
    notes = []
    if len(excerpt) > CHOICE_CHARS["excerpt"]:
        raise ProviderError(
            f"The model's excerpt was {len(excerpt)} characters, over the "
            f"{CHOICE_CHARS['excerpt']} a blog index shows, so Byline did not offer it. "
            "Your draft is unchanged; try again."
        )
    if len(meta) > META_CHARS:
        notes.append(f"Byline left out the meta description: {len(meta)} characters, over {META_CHARS}.")
        meta = ""
    if not excerpt:
        raise ProviderError(
            "The answer did not contain an excerpt in the expected form. Your draft is unchanged; try again."
        )
    return {"kind": "excerpt", "excerpt": excerpt, "meta_description": meta, "notes": notes}
