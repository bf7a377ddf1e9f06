"""Part-of-speech tags, noun phrases and inflection for the built-in engine.

The tagger is TextBlob's port of the Pattern tagger (a Brill-style tagger whose
English lexicon and rules ship inside the ``textblob`` wheel; no NLTK corpora
are read); inflection is ``lemminflect`` (its tables ship inside its wheel).
Nothing here downloads anything. See docs/decisions.md for why these two.

    tokens = tag("I think that has to change.")
    starts_with_verb("has to change")          # True: the subject is gone
    clause("the board approved the plan")      # True: a subject and a finite verb
    plural_phrase("a connection between systems")  # "connections between systems"
"""

from __future__ import annotations

import gc
import re
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas, getInflection
from textblob.en import parse

__all__ = ["Token", "tag", "heads_noun", "clause", "starts_with_verb", "split_points", "noun_phrases",
           "plural_phrase", "phrase_head", "verb_phrase", "inflect", "warm_up"]

# Words, numbers (with their separators), contractions split as the tagger expects, marks.
_TOKEN = re.compile(
    r"[A-Za-z]+(?=n['’]t\b)|n['’]t\b|['’](?:s|re|ve|ll|d|m)\b"
    r"|[$€£]?\d+(?:[.,]\d+)*%?|[A-Za-z0-9][\w&/+-]*|['’][A-Za-z]+|[^\w\s]"
)
_NUMBER = re.compile(r"[$€£]?\d+(?:[.,]\d+)*%?$")
_LINE_TOKENS = 60
_SPLIT_WORDS, _SPLIT_JOINTS = 150, 12
FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
_SUBJECT_TAGS = ("NN", "PRP", "EX", "CD", "DT", "WP")
_TO_VERB_BEFORE = frozenset({"has", "have", "had", "need", "needs", "needed", "want", "wants",
                             "wanted", "going", "able", "got", "ought", "used", "trying", "try"})
_SUBORDINATORS = frozenset({"if", "when", "because", "although", "though", "while", "since",
                            "unless", "until", "as", "whether", "once", "after", "before"})
_ARTICLE = re.compile(r"^(?:a|an|the|one)\s+", re.IGNORECASE)
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})
_COORDINATORS = frozenset({"and", "but", "so", "yet", "or"})


@dataclass(frozen=True)
class Token:
    word: str
    pos: str  # Penn Treebank tag
    chunk: str  # B-NP, I-NP, B-VP, ... or O
    start: int
    end: int

    @property
    def noun(self) -> bool:
        return self.pos.startswith("NN")


def heads_noun(after: Token | None) -> bool:
    """Is ``after`` a noun the word before it describes ("API" + "gateway")?

    A plural that can also be a verb ("latency matters") is read as the verb:
    the lexicon often joins such a verb to the noun phrase before it.
    """
    if after is None or after.chunk != "I-NP" or not after.noun:
        return False
    return not (after.pos == "NNS" and _has_verb_reading(after.word))


def _has_verb_reading(word: str) -> bool:
    return bool(getAllLemmas(word.lower(), upos="VERB"))


_LOADED = threading.Event()
_LOADING = threading.Lock()


def _load() -> None:
    """Read the tagger's word lists once, while other threads wait: the library fills
    its lexicon in place, and a thread reading it half-filled would tag words wrongly
    (and cache the result). The library leaves those files for the garbage collector
    to close; that is harmless, so its ResourceWarning is muted here."""
    if _LOADED.is_set():
        return
    with _LOADING:
        if _LOADED.is_set():
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            parse("The board approved the plan .", tokenize=False, tags=True, chunks=True)
            gc.collect()
        _LOADED.set()


@lru_cache(maxsize=4096)
def _tag_cached(text: str) -> tuple[Token, ...]:
    _load()
    spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if not spans:
        return ()
    # One line per call: the parser splits sentences on newlines only when tokenize=False.
    # The parser takes one sentence a line: break after end marks and at line breaks, and
    # every _LINE_TOKENS tokens at the latest (its chunker takes time quadratic in a line).
    joined = [spans[0][0].replace("’", "'")]
    run = 1
    for (prev, _, prev_end), (word, start, _) in zip(spans, spans[1:], strict=False):
        brk = prev in ".!?" or "\n" in text[prev_end:start] or run >= _LINE_TOKENS
        joined.append("\n" if brk else " ")
        run = 1 if brk else run + 1
        joined.append(word.replace("’", "'"))
    parsed = parse("".join(joined), tokenize=False, tags=True, chunks=True).split()
    rows = [t for sentence in parsed for t in sentence]
    out: list[Token] = []
    for (word, start, end), row in zip(spans, rows, strict=False):
        pos, chunk = row[1], row[2]
        if _NUMBER.match(word):
            pos = "CD"
        out.append(Token(word, pos, chunk, start, end))
    # The lexicon reads "has to change" as a noun after "to": make it a verb.
    for i in range(2, len(out)):
        if out[i - 1].word.lower() == "to" and out[i - 2].word.lower() in _TO_VERB_BEFORE \
                and out[i].noun and _has_verb_reading(out[i].word):
            out[i] = Token(out[i].word, "VB", "B-VP", out[i].start, out[i].end)
    return tuple(out)


def tag(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with tags and chunks; offsets index into ``text``."""
    return _tag_cached(text)


def _words(tokens: tuple[Token, ...]) -> list[Token]:
    return [t for t in tokens if t.word[0].isalnum()]


def starts_with_verb(text: str) -> bool:
    """Does the text start with a finite verb or a modal ("has to change", "will help")?"""
    words = _words(tag(text))
    return bool(words) and words[0].pos in FINITE


def _finite(words: list[Token], i: int) -> bool:
    """A finite verb; the lexicon reads some after a subject as base forms or
    participles ("APIs let", "we built"): those count after a pronoun or a plural noun."""
    t = words[i]
    if t.pos in FINITE:
        return True
    before = words[i - 1] if i else None
    if before is not None and t.pos == "NNS" and before.pos == "RB" and i > 1 and \
            words[i - 2].noun and _has_verb_reading(t.word) and \
            not any(w.pos == "IN" for w in words[: i - 2]):
        return True  # "the board now reviews": a verb after a subject and an adverb
    if before is None or t.pos not in ("VB", "VBN"):
        return False
    return before.pos == "PRP" and before.word.lower() not in ("it", "you") or (
        t.pos == "VB" and before.pos in ("NNS", "NNPS"))


def clause(text: str) -> bool:
    """A subject followed by a finite verb: an independent clause ("the plan failed").

    Conservative: a text whose first verb sits after a subordinator or a relative
    pronoun ("When ...", "... as he considers", "the technology that makes"), or
    that opens with a gerund ("Understanding how ..."), is not counted, as that
    verb may not be the main one.
    """
    words = _words(tag(text))
    if not words or words[0].pos in ("WRB", "VBG"):
        return False
    if len(words) > 1 and words[0].pos == "DT" and words[1].pos in ("JJR", "RBR"):
        return False  # "The sooner you ..., the more ...": one sentence in two halves
    for i in range(len(words)):
        if _finite(words, i):
            before = words[:i]
            if not before or words[i - 1].word.lower() in _RELATIVES or any(
                    w.pos == "WRB" or w.word.lower() in _SUBORDINATORS for w in before):
                return False
            return any(w.pos.startswith(_SUBJECT_TAGS) for w in before)
    return False


def _verb_first(first: list[Token]) -> bool:
    """Does the second half open with a verb ("and offer technical solutions")?"""
    head = first[0]
    if head.pos.startswith(("VB", "MD")):
        return True
    return head.pos in ("NN", "VBP") and _has_verb_reading(head.word) and len(first) > 1 and \
        not first[1].pos.startswith(("VB", "MD"))


def split_points(sentence: str) -> list[int]:
    """Offsets of ", and/but/so/yet/or" or "; " where both sides are whole clauses.

    The offset is that of the comma or semicolon; the sentence can end there and
    the second clause can stand alone (keeping "But"/"So"/"Yet", which carry meaning).
    A "sentence" of more than _SPLIT_WORDS words or _SPLIT_JOINTS joints is a list
    or not prose: no point is offered (and the cost stays linear).
    """
    tokens = tag(sentence)
    joints = []
    for i, t in enumerate(tokens):
        if t.word == ";":
            joints.append((t, i + 1))
        elif t.word == "," and i + 1 < len(tokens) and tokens[i + 1].word.lower() in _COORDINATORS \
                and tokens[i + 1].pos == "CC":
            joints.append((t, i + 2))
    if len(joints) > _SPLIT_JOINTS or len(_words(tokens)) > _SPLIT_WORDS:
        return []
    points = []
    for t, nxt in joints:
        if nxt >= len(tokens):
            continue
        left, right = sentence[: t.start], sentence[tokens[nxt].start :]
        if left.count("(") > left.count(")"):
            continue
        first = _words(tag(right))[:2]
        if clause(left) and clause(right) and first and not _verb_first(first):
            points.append(t.start)
    return points


def noun_phrases(text: str) -> list[str]:
    """Noun phrases as the text writes them, without a leading determiner or pronoun."""
    phrases: list[str] = []
    current: list[Token] = []

    def flush() -> None:
        if len(current) > 1 and current[0].pos == "PRP" and current[1].noun and \
                _has_verb_reading(current[1].word):
            del current[:2]  # "They need the same language": "need" is their verb
        while current and current[0].pos in ("DT", "PRP$", "PRP", "PDT", "POS", "CC", "RB"):
            current.pop(0)
        while current and not current[-1].noun:
            current.pop()
        if current and any(t.noun for t in current) and all(t.word[0].isalnum() for t in current) \
                and not any(t.pos == "PRP" for t in current):
            phrases.append(text[current[0].start : current[-1].end])
        current.clear()

    for t in tag(text):
        if current and "\n" in text[current[-1].end : t.start]:
            flush()
        if t.chunk == "B-NP" or (t.chunk == "I-NP" and t.pos == "DT" and any(c.noun for c in current)):
            flush()
            current.append(t)
        elif t.chunk == "I-NP" and current:
            current.append(t)
        else:
            flush()
    flush()
    return phrases


def inflect(word: str, pos: str) -> str:
    """``word`` in the form ``pos`` ("connection", "NNS" -> "connections"); itself if unknown."""
    low = word.lower()
    upos = "NOUN" if pos.startswith("NN") else "VERB"
    lemmas = getAllLemmas(low, upos=upos).get(upos)
    lemma = lemmas[0] if lemmas else low
    forms = getInflection(lemma, tag=pos)
    form = forms[0] if forms else word
    return form[:1].upper() + form[1:] if word[:1].isupper() and not word.isupper() else form


def phrase_head(phrase: str) -> Token | None:
    """The head noun of a noun phrase: the last noun before "of", "that", "to"..."""
    head = None
    for t in tag(phrase):
        if t.pos in ("IN", "WDT", "TO") or t.word.lower() in _RELATIVES:
            break
        if t.noun:
            head = t
    return head


def verb_phrase(phrase: str) -> bool:
    """Does the phrase read as an instruction ("check every access request")?"""
    words = _words(tag(_ARTICLE.sub("", phrase)))
    return len(words) >= 2 and words[1].pos in ("DT", "PRP$", "PRP") and not words[0].pos.startswith(
        ("JJ", "DT", "CD"))


def plural_phrase(phrase: str) -> str:
    """The plural of a noun phrase: head noun inflected, a relative clause's verb agreeing.

    "a connection between systems" -> "connections between systems";
    "a system that runs our software" -> "systems that run our software".
    """
    tokens = tag(phrase)
    words = list(tokens)
    if words and words[0].word.lower() in ("a", "an", "one"):
        words = words[1:]
    if not words:
        return phrase
    base = words[0].start
    head = None
    for i, t in enumerate(words):
        if t.pos in ("IN", "WDT", "TO") or t.word.lower() in ("that", "which", "who"):
            break
        if t.noun or t.pos in ("JJ", "VBG"):
            head = i
    if head is None:
        return phrase[base:]
    out = phrase[base:]
    h = words[head]
    if h.pos not in ("NNS", "NNPS"):
        new = inflect(h.word, "NNS")
        out = out[: h.start - base] + new + out[h.end - base :]
        shift = len(new) - len(h.word)
        if head + 2 < len(words) and words[head + 1].word.lower() in ("that", "which", "who") \
                and words[head + 2].pos == "VBZ":
            v = words[head + 2]
            verb = inflect(v.word, "VBP")
            out = out[: v.start - base + shift] + verb + out[v.end - base + shift :]
    return out


def warm_up() -> None:
    """Load the lexicon and the inflection tables (a second or so, once)."""
    tag("The board approved the plan, and we started the work.")
    inflect("connection", "NNS")
