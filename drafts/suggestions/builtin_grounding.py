"""Choices (headlines, calls to action) are kept only when they are grounded.

Every number a choice states is in the text and counts the same thing there
("8 lessons" needs "eight lessons"), and every content word is one the text
uses (or a form of it). When too few are left, the text's own short sentences
fill up: for headlines those naming a key noun phrase of the post, for calls
to action its questions and instructions (imperatives, found by the tagger).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import grammar
from .builtin_guard import NothingSafe

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
STOPWORDS = frozenset(
    "a an the and or but of to in on for with by at from as is are was were be been it its this "
    "that these those we our you your they their i my me us how why what when who which will "
    "would can could should must not no more most than then so if into about over under up out "
    "one two three four five six seven eight nine ten".split()
)


def _stem(word: str) -> str:
    return word.lower().strip("'’")[:5]


_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_COUNT = re.compile(rf"\b(\d+|{'|'.join(_NUMBER_WORDS)})\s+([A-Za-z]+)", re.IGNORECASE)


def _counts(text: str) -> set[tuple[str, str]]:
    """("4", "lesso") for "four lessons" and "4 lessons": what a number counts."""
    return {(_NUMBER_WORDS.get(n.lower(), n), _stem(w)) for n, w in _COUNT.findall(text)}


def grounded(choice: str, text: str) -> bool:
    """Every number the choice states is in the text, counting the same thing ("8 lessons"
    needs "8 lessons" or "eight lessons" in the text); every content word is the text's."""
    if any(n not in text for n in _NUMBER.findall(choice)):
        return False
    if not _counts(choice) <= _counts(text) | {(n, w) for n, w in _counts(choice)
                                               if n in ("0", "1")}:
        return False
    known = {_stem(w) for w in _WORD.findall(text)}
    content = [w for w in _WORD.findall(choice) if w.lower() not in STOPWORDS]
    return all(_stem(w) in known for w in content)


IMPERATIVES = frozenset(
    "ask start show review try pick tell share write read join talk book measure list find "
    "choose begin map count name check compare set invite plan schedule stop cut build".split()
)


def _asks_the_reader(sentence: str) -> bool:
    """A question, or a sentence that starts with an instruction ("Start with one team.")."""
    words = [t for t in grammar.tag(sentence) if t.word[0].isalpha()]
    first = words[0] if words else None
    return sentence.endswith("?") or first is not None and (
        first.word.lower() in IMPERATIVES or first.pos == "VB" and first.word.lower() != "be")


def _mentions(line: str, about: Sequence[str]) -> bool:
    """Does a headline candidate name one of the post's key noun phrases? (Asked only of
    long posts, where page furniture such as an address could pass for a sentence.)"""
    low = f" {line.lower()} "
    return not about or any(f" {a.lower().removeprefix('the ')}" in low for a in about)


def grounded_choices(kind: str, answer: str, text: str, wanted: int, title: str = "",
                     about: Sequence[str] = ()) -> str:
    """Keep the grounded lines of a choices answer; fill up with the text's own short sentences.

    Headlines may come from any short sentence (numbers first); calls to action
    only from the text's own questions to the reader.
    """
    kept = []
    for line in answer.splitlines():
        choice, _, why = line.partition(" | ")
        if choice.strip() and grounded(choice, f"{title}\n{text}"):
            kept.append(f"{choice.strip()} | {why.strip()}")
    seen = {k.split(" | ")[0].lower() for k in kept} | {title.strip().lower()}
    limit = 70 if kind == "headlines" else 150
    long_post = len(_SENTENCE.findall(text)) >= 12
    candidates = sorted(
        (s.strip() for s in _SENTENCE.findall(text) if 4 <= len(_WORD.findall(s)) <= 12),
        key=lambda s: (not _NUMBER.search(s), len(s)),
    )
    for sentence in candidates:
        if len(kept) >= wanted:
            break
        line = sentence.rstrip(".") if kind == "headlines" else sentence
        if line.endswith((":", ",", ";")):
            continue  # a lead-in to a list, not a sentence
        if len(line) > limit or line.lower() in seen or not line[0].isupper() or (
                kind == "cta" and not _asks_the_reader(line)) or (
                kind == "headlines" and long_post and not _mentions(line, about)):
            continue
        seen.add(line.lower())
        why = ("Your own sentence, with the number it states." if _NUMBER.search(line)
               else "Your own words, short enough to stand alone.")
        kept.append(f"{line} | {why}")
    if not kept:
        raise NothingSafe(
            "The built-in engine found no phrase in this text it can offer as a "
            f"{'headline' if kind == 'headlines' else 'call to action'} without inventing words: "
            + ("no sentence of 4 to 12 words. Write one short sentence that states your main "
               "point, or ask a configured model." if kind == "headlines" else
               "the text asks its reader nothing in a short sentence (no question, no "
               "instruction such as \u201cStart with one team.\u201d). End the post with the step you "
               "want readers to take, or ask a configured model.")
            + " Your draft is unchanged."
        )
    return "\n".join(kept[:wanted])
