"""Sentence-level rewrites: passive to active, splitting long sentences,
leading a paragraph with its outcome, and putting the passage back together.

Each rule works on one sentence of prose (after the word-level edits) and
gives up, leaving the sentence as it was, whenever the sentence is not of the
simple shape it knows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from drafts.readability import metrics
from drafts.readability.passive import is_passive
from drafts.readability.segment import mask_inline

from . import builtin_data as data
from . import grammar
from .builtin_edits import Doc, Edit, apply_in_sentence, capitalize_first, resolve

_WORD = re.compile(r"[\w'’]+")
_PASSIVE = re.compile(
    r"(?P<subj>[^,;:()\"“”]+?)\s+(?P<be>is|are|was|were)\s+(?:(?P<adv>\w+ly)\s+)?"
    r"(?P<part>[a-z]+)\s+by\s+(?P<agent>[^,;:()\"“”]+?)"
    r"(?P<rest>,?\s+(?:in|on|at|during|after|before|last|this|for|within|across|because|since|"
    r"through|over|from|until|without|to)\b[^;:]*?)?(?P<end>[.!?]?)",
)
_NOT_SUBJECT = frozenset(
    "when if after before because although while since once until as so but and then there "
    "here what how why who which whether though unless".split()
)
_VERBISH = frozenset("is are was were be been being am has have had will would can could "
                     "should may might must do does did that which who".split())
_OBJECT = {"i": "me", "we": "us", "they": "them", "he": "him", "she": "her"}
_SUBJECT = {"me": "I", "us": "we", "them": "they", "him": "he", "her": "she"}
_PLURAL_SUBJECTS = frozenset({"we", "they", "you", "i", "us", "them", "me"})
_E_ENDINGS = ("v", "c", "z", "at", "ut", "ag", "ang", "eng", "dg", "ar", "ir", "ur", "as",
              "is", "os", "ud", "bl", "dl", "gl", "kl", "pl", "tl")
_JOINT = re.compile(r",\s+(?P<word>and|but|so|yet)\s+|;\s+", re.IGNORECASE)
_ENDS = re.compile(r"[.!?][\"'”’)]*\s*$")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _regular_base(participle: str) -> str | None:
    if not participle.endswith("ed") or len(participle) < 5:
        return None
    if participle.endswith("ied"):
        return participle[:-3] + "y"
    if participle.endswith("eed"):
        return participle[:-1]
    stem = participle[:-2]
    if stem == "focus" or stem.endswith("ll"):
        return None if stem.endswith("ll") else stem
    if stem[-1] == stem[-2] and stem[-1] not in "lsfzd":
        return stem[:-1]
    return stem + "e" if stem.endswith(_E_ENDINGS) else stem


def _third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        return base[:-1] + "ies"
    return base + "s"


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return metrics.easy_words() | frozenset(
        "the a an our this that these those their its your my every each some all most many "
        "no any one two three new budget budgets plan plans project projects".split())


def _object(subject: str) -> str:
    first, _, rest = subject.partition(" ")
    low = first.lower()
    if low in _OBJECT:
        return _OBJECT[low] + (" " + rest if rest else "")
    if first[:1].isupper() and first[1:].islower():
        if low in _common_words() or low.rstrip("s") in _common_words():
            return low + (" " + rest if rest else "")
    return subject


def to_active(sentence: str) -> str | None:
    """ "The plan was approved by the board." -> "The board approved the plan." """
    m = _PASSIVE.fullmatch(sentence)
    if m is None or mask_inline(sentence) != sentence:
        return None
    subj, agent, part = m.group("subj"), m.group("agent"), m.group("part")
    subj_words = [w.lower() for w in _WORD.findall(subj)]
    agent_words = [w.lower() for w in _WORD.findall(agent)]
    if not subj_words or len(subj_words) > 8 or not agent_words or len(agent_words) > 8:
        return None
    if subj_words[0] in _NOT_SUBJECT or _VERBISH & set(subj_words) or _VERBISH & set(agent_words):
        return None
    if not is_passive(part, True):
        return None
    irregular = data.irregular_verbs().get(part)
    if m.group("be") in ("was", "were"):
        verb = irregular.past if irregular else (part if part.endswith("ed") else None)
    else:
        base = irregular.base if irregular else _regular_base(part)
        head = agent_words[:agent_words.index("of")] if "of" in agent_words else agent_words
        plural = "and" in agent_words or head[-1] in _PLURAL_SUBJECTS or (
            head[-1].endswith("s") and not head[-1].endswith(("ss", "us", "is")))
        verb = None if base is None else (base if plural else _third_person(base))
    if verb is None:
        return None
    first, _, rest = agent.partition(" ")
    agent = _SUBJECT.get(first.lower(), first) + (" " + rest if rest else "")
    adverb = m.group("adv") + " " if m.group("adv") else ""
    body = f"{agent} {adverb}{verb} {_object(subj)}{m.group('rest') or ''}{m.group('end')}"
    return capitalize_first(" ".join(body.split()))[0]


def split_long(sentence: str, limit: int = 25) -> str:
    """Split a sentence over ``limit`` words (the coach's long sentence) where two whole clauses meet.

    Only at ", and", ", but", ", so", ", yet" or "; " with a subject and a
    finite verb on both sides (the tagger decides, see grammar.split_points);
    "but", "so" and "yet" stay at the start of the second sentence.
    """
    if count_words(sentence) <= limit:
        return sentence
    masked = mask_inline(sentence)
    best: tuple[int, int] | None = None
    for at in grammar.split_points(sentence):
        if masked[at] != sentence[at]:
            continue  # the joint is inside code or markup
        left, right = sentence[:at], sentence[at:]
        lw, rw = count_words(left), count_words(right)
        if lw < 6 or rw < 5:
            continue
        if best is None or abs(lw - rw) < best[0]:
            best = (abs(lw - rw), at)
    if best is None:
        return sentence
    at = best[1]
    m = _JOINT.match(sentence, at)
    if m is None:
        return sentence
    left, right = sentence[:at].rstrip(), sentence[m.end() :]
    space = "\n" if "\n" in m.group() else " "  # keep a line break where there was one
    word = (m.group("word") or "").lower()
    right = f"{word.capitalize()} {right}" if word in ("but", "so", "yet") else capitalize_first(right)[0]
    return f"{split_long(left, limit)}.{space}{split_long(right, limit)}"


@lru_cache(maxsize=1)
def _outcome_re() -> re.Pattern[str]:
    words = sorted(data.lines("outcome_words.txt"), key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") + "(?:e?s)?" for w in words)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


def has_outcome(sentence: str) -> bool:
    return _outcome_re().search(sentence) is not None


_ANAPHORS = frozenset("it its this that these those they them their he she his her so then "
                      "to such there here both".split())


def stands_alone(sentence: str) -> bool:
    """Can the sentence open a paragraph? Not if it points back ("It is...", "So...",
    "To do this, they...") or opens with a conjunction: moved first, it would lose its referent."""
    words = [t for t in grammar.tag(sentence) if t.word[0].isalnum()]
    if re.search(r"\b(?:however|therefore|instead|also|too)\b", sentence, re.IGNORECASE):
        return False  # "..., however, the CMO must": it answers the sentence before it
    return bool(words) and words[0].word.lower() not in _ANAPHORS and words[0].pos not in (
        "PRP", "CC", "PRP$")


def drop_transition(sentence: str) -> str:
    low = sentence.lower()
    for phrase in data.transitions():
        if low.startswith(phrase + ","):
            return capitalize_first(sentence[len(phrase) + 1 :].lstrip())[0]
    return sentence


def assemble(doc: Doc, edits: Sequence[Edit], *, active: bool = False, split: bool = False,
             lead: bool = False) -> str:
    """The passage with edits applied and the sentence rules run."""
    text = doc.text
    sents = doc.sentences
    per: list[list[Edit]] = [[] for _ in sents]
    for e in resolve(edits):
        k = doc.sentence_index(e.start)
        if k is not None and e.end <= sents[k].span[1]:
            per[k].append(e)
    new: list[str] = []
    for i, sent in enumerate(sents):
        s0, s1 = sent.span
        original = text[s0:s1]
        ns = apply_in_sentence(text, s0, s1, per[i]) if per[i] else original
        if not _WORD.search(ns):
            ns = original
        if sent.unit in ("paragraph", "list_item"):
            if active:
                ns = to_active(ns) or ns
            if split:
                ns = split_long(ns)
        new.append(ns)
    regions: list[tuple[int, int, str]] = []
    i = 0
    while i < len(sents):
        j = i
        while j + 1 < len(sents) and sents[j + 1].unit == "paragraph" and \
                sents[j + 1].block == sents[i].block and sents[i].unit == "paragraph":
            j += 1
        group = list(range(i, j + 1))
        gaps = [text[sents[k].span[1] : sents[k + 1].span[0]] for k in group[:-1]]
        if lead and len(group) > 1 and has_outcome(new[j]) and _ENDS.search(new[j]) \
                and all(g.strip() == "" for g in gaps) and stands_alone(drop_transition(new[j])):
            order = [drop_transition(new[j])] + [new[k] for k in group[:-1]]
            body = order[0] + "".join(g + s for g, s in zip(gaps, order[1:]))
            regions.append((sents[i].span[0], sents[j].span[1], body))
        else:
            regions.extend((sents[k].span[0], sents[k].span[1], new[k]) for k in group)
        i = j + 1
    out: list[str] = []
    pos = 0
    for start, end, body in regions:
        out.append(text[pos:start])
        out.append(body)
        pos = end
    out.append(text[pos:])
    return "".join(out)
