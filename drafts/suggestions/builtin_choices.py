"""Answers built from the draft's topic: headlines, calls to action, excerpt,
outline, and the fill-in prompts of "expand with an example" and "business case".

Nothing here states a fact the draft does not: anything the author must
supply is a prompt in square brackets.
"""

from __future__ import annotations

import re

from drafts.readability.segment import segment

from . import grammar
from .builtin_topic import Topic, plain, topic

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


def _short(phrase: str, limit: int = 38) -> str:
    words = phrase.split()
    while len(" ".join(words)) > limit and len(words) > 1:
        words = words[1:]
    return " ".join(words)


_COUNT_WORDS = "two three four five six seven eight nine ten eleven twelve".split()
_COUNTED = re.compile(rf"(?<![\w,.])(?:\d+|{'|'.join(_COUNT_WORDS)})\s+[A-Za-z][^.,;:!?()\n]*",
                      re.IGNORECASE)


def _counted(words: list[str]) -> str | None:
    """Number + its noun phrase, and a clause about it that ends on a noun
    ("four lessons" + "CMOs can teach CIOs"); None when the number counts nothing."""
    tokens = grammar.tag(" ".join(words))
    if len(tokens) < 2 or tokens[1].pos not in ("NNS", "NNPS", "JJ", "JJS"):
        return None
    end = 1
    while end + 1 < len(tokens) and tokens[end + 1].chunk == "I-NP":
        end += 1
    if not tokens[end].pos.startswith("NNS"):
        return None
    rest = tokens[end + 1 :]
    if rest and rest[0].pos.startswith(("NN", "PRP", "MD", "VB")) and rest[-1].noun:
        end = len(tokens) - 1
    elif rest:  # "5 Lessons CIOs [And CMOs Should Share]": keep only what is counted
        end = next(i for i in range(1, end + 1) if tokens[i].pos.startswith("NNS"))
    return " ".join(t.word for t in tokens[: end + 1]) if end >= 2 else None


def counted_phrases(text: str) -> list[str]:
    """Phrases where the text counts something: "four lessons CMOs can teach CIOs".

    The number must count a plural noun (so "5 Howick Place" and "2014 was" are
    not counts); the phrase is the counted noun phrase, with a clause about it
    when that ends on a noun, at most 9 words; phrases of two words are too thin.
    """
    found = []
    for line in text.splitlines():
        for m in _COUNTED.finditer(plain(line)):
            phrase = _counted(m.group().split()[:9])
            if phrase:
                found.append(phrase)
    return found


def headlines(draft: str, title: str) -> str:
    """The post's own counts ("Four lessons CMOs can teach CIOs"); the guard adds the
    post's own short sentences about its topic. No template puts words in its mouth."""
    lines = [(_cap(p), "The post's own count, in its own words.")
             for p in counted_phrases(draft) if len(p) <= 70]
    return "\n".join(f"{h} | {why}" for h, why in lines[:3])


def cta(draft: str, title: str) -> str:
    """Nothing invented: the guard offers the post's own questions and instructions to the reader."""
    return ""


def excerpt(draft: str, title: str) -> str:
    """The lead paragraph (prose about the topic, not page furniture), cut to fit; the meta
    description is the same text cut shorter, with nothing put in front of it."""
    lead = topic(draft, title).lead or title
    return f"Excerpt | {_fit(lead, 160)}\nMeta description | {_fit(lead, 155)}"


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
