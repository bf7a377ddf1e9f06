"""Answers built from the draft's topic: headlines, calls to action, excerpt,
outline, and the fill-in prompts of "expand with an example" and "business case".

Nothing here states a fact the draft does not: anything the author must
supply is a prompt in square brackets.
"""

from __future__ import annotations

import re

from drafts.readability.segment import segment

from .builtin_sentences import drop_transition
from .builtin_topic import Topic, topic

_IDEA_PREFIX = re.compile(
    r"^(?:idea:\s*|(?:i want to |i'd like to |let's )?(?:write |a post |an article |a piece |"
    r"a blog post )?(?:about|on)\s+)",
    re.IGNORECASE,
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fit(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word, ending with a full stop or an ellipsis."""
    text = " ".join(text.replace(" | ", " - ").split())
    if len(text) <= limit:
        return text if text[-1:] in ".!?…" or not text else text + "."
    cut = text[: limit - 1]
    stop = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if stop >= limit * 0.6:
        return cut[: stop + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else cut
    return cut.rstrip(" ,;:-–—") + "…"


def _agree(phrase: str, singular: str, plural: str) -> str:
    last = phrase.split()[-1].lower() if phrase.split() else ""
    many = last.endswith("s") and not last.endswith(("ss", "us", "is")) and not last.isupper()
    return plural if many else singular


def _short(phrase: str, limit: int = 38) -> str:
    words = phrase.split()
    while len(" ".join(words)) > limit and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def headlines(draft: str, title: str) -> str:
    t = topic(draft, title)
    key = _short(t.key)
    count = t.sections if 3 <= t.sections <= 9 else (t.list_items if 3 <= t.list_items <= 9 else 3)
    lines = [
        (f"How we tackled {key}", "A how-to promise: readers expect a method they can reuse."),
        (f"{count} lessons from {key}",
         "Leads with a number, which tells readers how much they will get."),
        (f"Why {key} {_agree(key, 'matters', 'matter')} to the board",
         "Frames the topic as a business priority for senior readers."),
        (f"Is your company ready for {key}?",
         "A question makes readers check their own situation."),
    ]
    statement = drop_transition(t.number_sentence).rstrip(".")
    if statement and len(statement) <= 70:
        lines.append((statement, "Leads with the number readers remember, in the draft's "
                                 "own words."))
    elif t.striking and len(f"{_cap(key)}: what {t.striking[0]} taught us") <= 70:
        lines.append((f"{_cap(key)}: what {t.striking[0]} taught us",
                      "Leads with the number readers remember."))
    else:
        lines.append((f"What we learned about {key}",
                      "A plain statement of what the post covers."))
    return "\n".join(f"{_cap(h)} | {why}" for h, why in lines)


def cta(draft: str, title: str) -> str:
    t = topic(draft, title)
    key = _short(t.key)
    lines = [
        (f"Ask your team one question this week: what would our customers notice if we got "
         f"{key} right?",
         "Gives readers one small step they can take on Monday."),
        (f"Tell me how your company handles {key}: reply in the comments.",
         "Invites peers to share their experience, which starts the conversation."),
        (f"Follow me for the next post on {key}.",
         "Turns a one-time reader into a follower for the series."),
    ]
    return "\n".join(f"{c} | {why}" for c, why in lines)


def excerpt(draft: str, title: str) -> str:
    t = topic(draft, title)
    lead = t.lead or title
    key = _short(t.key)
    first = _fit(lead, 155)
    if key.lower() in first.lower():
        meta = first
    else:
        meta = _fit(f"{_cap(key)}: {lead}", 155)
    return f"Excerpt | {_fit(lead, 160)}\nMeta description | {meta}"


def outline(idea: str) -> str:
    line = " ".join(idea.split()).strip(" .")
    line = _IDEA_PREFIX.sub("", line) or line
    title = _fit(_cap(line), 70).rstrip(".")
    key = _short(topic(line).key)
    return "\n".join([
        f"# {title}",
        "",
        "## The point",
        f"- [Your main point about {key}, in one sentence]",
        "- [Why a reader should care now]",
        "",
        "## The problem in business terms",
        f"- [What {key} cost you before: money, time, risk or customers]",
        "",
        "## What we did",
        "- [The two or three decisions you made, and who made them]",
        "- [What you would do differently]",
        "",
        "## The results",
        "- [Before and after, in numbers: cost, time, risk or revenue]",
        "",
        "## What it means for you",
        f"- [One lesson about {key} another leader can use]",
        "",
        "## Your next step",
        "- [One question or action for the reader this week]",
    ])


def _insert_after_paragraph(text: str, key: str, addition: str) -> str:
    """Add ``addition`` as a new paragraph after the first top-level paragraph
    that mentions ``key`` (else the first one); at the end if there is none."""
    units = [u for u in segment(text).units if u.kind == "paragraph"]
    top = [u for u in units
           if text.rfind("\n", 0, u.start) + 1 == u.start]  # starts a line: not quoted, not nested
    pick = next((u for u in top if key.lower() in text[u.start : u.end].lower()), None)
    pick = pick or (top[0] if top else None)
    if pick is None:
        return text.rstrip("\n") + "\n\n" + addition
    end = pick.end
    return text[:end] + "\n\n" + addition + text[end:]


def example(text: str, draft_topic: Topic) -> str:
    key = _short(draft_topic.key)
    addition = (f"For example, [name a customer or team] saw [a measurable result] after we "
                f"[what changed in {key}].")
    return _insert_after_paragraph(text, key, addition)


def business_case(text: str, draft_topic: Topic) -> str:
    key = _short(draft_topic.key)
    addition = (f"**What it means for the business:** [the cost or savings from {key}, in "
                f"numbers]. [the risk it reduces, and how you know]. [what customers notice].")
    return text.rstrip("\n") + "\n\n" + addition
