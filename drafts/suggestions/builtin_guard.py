"""Do no harm: the built-in engine offers an edit only when it passes these checks.

A rewrite is offered only if it changes something and keeps what must stay:
every number, every capitalised name, a subject at the start of each sentence
(no sentence may start with a bare verb or a dangling "and"/"but" the passage
did not have), no doubled determiners ("the a", "new a"), no hyphenated
adjective swapped for a phrase in front of its noun, and, for *clarity* and
*concise*, no more words in the sentences the coach marks hard. Otherwise the
engine says plainly what the readability coach found, so "nothing to change"
never contradicts the coach.

Choices (headlines, calls to action) are kept only when they are grounded:
every number they state is in the text, and every content word is one the
text uses (or a form of it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafts.readability import GlossaryTerm, analyze

from . import grammar
from .builtin_sentences import stands_alone
from .provider import ProviderError

LONG_SENTENCE = 25
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_DETERMINERS = r"(?:a|an|the|this|that|these|those|our|your|their|its|my|new)"
_DOUBLED = re.compile(rf"\b{_DETERMINERS}\s+(?:a|an|the)\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b([A-Za-z]+-[A-Za-z]+)\s+(?!and\b|or\b|but\b)([a-z]+)")
_LIST_MARKER = re.compile(r"\s*(?:[•*-]|\d+[.)])\s")
_BAD_STARTS = frozenset({
    "and", "but", "or", "so", "because", "which", "has", "have", "had", "is", "are", "was",
    "were", "does", "do", "of", "really", "just", "very", "also",
})


PLAIN_WORDS = frozenset({"jargon", "executive"})  # actions that may spell out an acronym
_CHATTY = frozenset({"and", "but", "so", "yet"})


class NothingSafe(ProviderError):
    """The built-in engine found no edit it can stand behind; the message says what it found."""

    default_message = "The built-in engine found nothing it can safely change here."


def _sentence_starts(text: str) -> list[str]:
    starts = []
    for sentence in _SENTENCE.findall(text):
        words = _WORD.findall(sentence)
        if words:
            starts.append(words[0].lower())
    return starts


def _names(text: str) -> set[str]:
    """Capitalised words that are not at a sentence start, and acronyms."""
    names = set()
    for sentence in _SENTENCE.findall(text):
        words = _WORD.findall(sentence)
        names.update(w for w in words[1:] if w[0].isupper())
        names.update(w for w in words[:1] if len(w) > 1 and w.isupper())
    return names


def _longest(text: str) -> int:
    return max((len(_WORD.findall(s)) for s in _SENTENCE.findall(text)), default=0)


def harms(action: str, original: str, rewritten: str) -> list[str]:
    """Why this rewrite may not be offered (empty when it is safe)."""
    problems = []
    lost = [n for n in _NUMBER.findall(original) if n not in rewritten]
    if lost:
        problems.append(f"it drops the number {lost[0]}")
    missing = sorted(n for n in _names(original) if n not in rewritten
                     and not (action in PLAIN_WORDS and n.rstrip("s").isupper()))
    if missing:
        problems.append(f"it drops the name {missing[0]}")
    doubled = {m.lower() for m in _DOUBLED.findall(rewritten)} - {
        m.lower() for m in _DOUBLED.findall(original)}
    if doubled:
        problems.append(f"it would read “{sorted(doubled)[0]}”")
    new_starts = set(_sentence_starts(rewritten)) - set(_sentence_starts(original))
    split_at = {w for w in _CHATTY if re.search(rf",\s+{w}\s", original, re.IGNORECASE)}
    bad = sorted(new_starts & (_BAD_STARTS - (_CHATTY if action == "conversational" else split_at)))
    kept = {s.strip() for s in _SENTENCE.findall(original)}
    verb_first = [s for s in _SENTENCE.findall(rewritten)
                  if s.strip() not in kept and grammar.starts_with_verb(_LIST_MARKER.sub("", s))]
    if bad or verb_first:
        first = bad[0] if bad else _WORD.findall(verb_first[0])[0].lower()
        problems.append(f"a sentence would start with “{first.capitalize()}”, losing its subject")
    fragments = [s for s in _SENTENCE.findall(rewritten) if s.strip() not in kept
                 and _split_off(s, original) and not grammar.clause(_LEAD.sub("", s.strip()))]
    if fragments:
        problems.append(f"“{_opening(fragments[0].strip())}” would not stand as a sentence: no subject and main verb of its own")
    problems += _grammar_of_insertions(original, rewritten, kept)
    moved = _moved_first(original, rewritten)
    if moved:
        problems.append(f"it moves “{_opening(moved)}” to the front, where it points back to nothing")
    if action in ("clarity", "concise") and _longest(rewritten) > max(_longest(original), LONG_SENTENCE):
        problems.append("it makes the longest sentence longer")
    for match in _ATTRIBUTIVE.finditer(original):
        noun = re.compile(rf"\b{re.escape(match.group(2))}\b")
        swapped = match.group(1) not in rewritten and \
            len(noun.findall(rewritten)) == len(noun.findall(original))  # noun kept, adjective gone
        if swapped:
            problems.append(f"it replaces “{match.group(1)}” before a noun with words that do not fit there")
            break
    marker = _LIST_MARKER.match(rewritten)
    if marker and not _LIST_MARKER.match(original):
        problems.append("it moves a list item to the front")
    if action in ("clarity", "concise") and _hard_words(rewritten) > _hard_words(original):
        problems.append("the coach would mark more sentences hard to read")
    if action == "concise" and len(rewritten) > len(original):
        problems.append("it is longer than the passage")
    return problems


_SINGULAR_VERBS = frozenset({"is", "has", "was", "does"})


def _grammar_of_insertions(original: str, rewritten: str, kept: set[str]) -> list[str]:
    """Inserted words that break the sentence around them: a plural subject with "is"
    ("Shortcuts we now pay to maintain is"), an instruction where a noun stood
    ("introduced check every access request"). Linear: words are looked up in a set."""
    old_words = set(_WORD.findall(original))
    problems = []
    for sentence in _SENTENCE.findall(rewritten):
        if sentence.strip() in kept or len(sentence) > 2000:
            continue
        words = [t for t in grammar.tag(sentence) if t.word[0].isalnum()]
        verb = next((i for i, t in enumerate(words) if t.pos in grammar.FINITE), None)
        if verb is not None:
            head = next((t for i, t in enumerate(words[:verb]) if t.noun and t.chunk != "I-NP" and (
                i + 1 >= verb or not words[i + 1].noun)), None)
            if head is not None and head.pos == "NNS" and head.word not in old_words and \
                    words[verb].word.lower() in _SINGULAR_VERBS:
                problems.append(f"“{head.word} … {words[verb].word}” would not agree")
        for i in range(1, len(words)):
            new = words[i].word not in old_words and words[i - 1].word in old_words
            if new and words[i - 1].pos.startswith("VB") and \
                    grammar.verb_phrase(" ".join(t.word for t in words[i : i + 3])):
                problems.append(f"“{words[i - 1].word} {words[i].word}” puts two verbs together")
    return problems


_LEAD = re.compile(r"^(?:But|So|Yet)\s+")


def _split_off(sentence: str, original: str) -> bool:
    """Was this sentence cut off the end of a longer one, at ", and", ", but" or "; "?"""
    body = _LEAD.sub("", sentence.strip()).rstrip(".")
    if len(body) < 12:
        return False
    start = body[0].lower() + body[1:30]
    return any(f"{joint}{start}" in original for joint in (", and ", ", but ", ", so ", ", yet ", "; "))


def _moved_first(original: str, rewritten: str) -> str:
    """A sentence moved to the front of the passage that cannot open it ("It is...", "So...")."""
    first_new = (_SENTENCE.findall(rewritten.strip()) or [""])[0].strip()
    first_old = (_SENTENCE.findall(original.strip()) or [""])[0].strip()
    later = [s.strip() for s in _SENTENCE.findall(original)[1:]]
    body = first_new.rstrip(".!?")
    if first_new and first_new != first_old and any(s.startswith(body) for s in later) \
            and not stands_alone(first_new):
        return first_new
    return ""


def hard_sentences(original: str, glossary: Sequence[GlossaryTerm]) -> list[tuple[str, int]]:
    """(sentence, words) for each sentence the coach marks hard or very hard, or over 25 words."""
    report = analyze(original, "executive", glossary)
    return [(original[s.span[0]:s.span[1]], s.words) for s in report.sentences
            if s.words > LONG_SENTENCE or s.difficulty in ("hard", "very_hard")]


def _hard_words(text: str) -> int:
    """Words in the sentences the coach marks hard: splitting one long sentence lowers it."""
    return sum(words for _, words in hard_sentences(text, ()))


def findings_message(hard: list[tuple[str, int]], problems: list[str]) -> str:
    """What the coach sees in the passage, said plainly, for when no safe edit exists.

    "3 sentences over 25 words: here is where each could split: ..." names, for
    each, the point where two whole clauses meet (found by the tagger), or says
    that it has none.
    """
    long = [(t, w) for t, w in hard if w > LONG_SENTENCE]
    other = len(hard) - len(long)
    parts = []
    if long:
        where = "; ".join(f"“{_opening(text)}” ({words} words): {_split_hint(text)}"
                          for text, words in long[:3])
        parts.append(f"{_count(len(long), 'sentence')} over {LONG_SENTENCE} words: here is where "
                     f"each could split: {where}{'; and more' if len(long) > 3 else ''}.")
    if other:
        parts.append(f"The coach also marks {_count(other, 'shorter sentence')} hard to read "
                     "(long words or many clauses).")
    why = f" Its own edit was held back because {problems[0]}." if problems else ""
    return (f"The built-in engine has no edit it can stand behind here.{why} {' '.join(parts)} "
            "Your draft is unchanged.")


def still_long(rewritten: str) -> list[str]:
    """A note for an offered rewrite that leaves sentences over 25 words: where each could split."""
    long = [(t, w) for t, w in hard_sentences(rewritten, ()) if w > LONG_SENTENCE]
    if not long:
        return []
    where = "; ".join(f"“{_opening(text)}” ({words} words): {_split_hint(text)}"
                      for text, words in long[:3])
    many = len(long) != 1
    return [f"{_count(len(long), 'sentence')} {'are' if many else 'is'} still over {LONG_SENTENCE} "
            f"words, and the built-in engine found no safe split for {'them' if many else 'it'}: "
            f"{where}{'; and more' if len(long) > 3 else ''}."]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _opening(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _split_hint(sentence: str) -> str:
    """Where two whole clauses meet, or that there is no such point."""
    points = grammar.split_points(sentence)
    if not points:
        return "no point where two whole clauses meet, so it needs rewording"
    at = points[len(points) // 2]
    before = " ".join(sentence[:at].split()[-3:])
    after = re.sub(r"^(?:and|or)\s+", "", sentence[at:].lstrip(",; "))
    after = " ".join(after.split()[:3])
    after = after[:1].upper() + after[1:]
    return f"end it after “…{before}” and start a new sentence with “{after}…”"


def guard_rewrite(action: str, original: str, rewritten: str,
                  glossary: Sequence[GlossaryTerm]) -> str:
    """The rewrite if it does no harm; the passage itself when there is nothing to fix.

    When the edit would harm, or nothing changed although the coach marks hard
    sentences, NothingSafe says what the coach found, so "no changes" never
    contradicts it.
    """
    problems = harms(action, original, rewritten)
    changed = rewritten.strip() != original.strip()
    if changed and not problems:
        return rewritten
    hard = hard_sentences(original, glossary) if action in ("clarity", "concise", "executive") else []
    if hard:
        raise NothingSafe(findings_message(hard, problems))
    if not changed and action in PLAIN_WORDS and _glossary_kept(original, glossary):
        raise NothingSafe(
            "The built-in engine left the glossary terms here as they are: "
            + "; ".join(_glossary_kept(original, glossary)[:3])
            + ". Replacing them would break the sentence; the glossary's plain words are yours to "
            "work in. Your draft is unchanged.")
    if problems:
        raise NothingSafe(
            f"The built-in engine has no edit it can stand behind here: its own edit was held back "
            f"because {problems[0]}. Your draft is unchanged."
        )
    return original


def _glossary_kept(original: str, glossary: Sequence[GlossaryTerm]) -> list[str]:
    """Why each glossary term was left: a modifier ("API" in "API gateway"), a verb, spelled out."""
    report = analyze(original, "executive", glossary)
    tokens = grammar.tag(original)
    found = []
    for f in report.findings:
        if f.kind != "glossary":
            continue
        s, e = f.span
        term = original[s:e]
        inside = [t for t in tokens if t.start >= s and t.end <= e]
        after = next((t for t in tokens if t.start >= e), None)
        if after is not None and grammar.heads_noun(after):
            found.append(f"“{term}” describes “{after.word}”")
        elif inside and inside[-1].pos.startswith("VB"):
            found.append(f"“{term}” is used as a verb")
        elif original[s - 1 : s] == "(" or original[e:].lstrip().startswith("("):
            found.append(f"“{term}” is already spelled out next to it")
        else:
            found.append(f"the plain words for “{term}” would not fit the grammar here")
    return found
