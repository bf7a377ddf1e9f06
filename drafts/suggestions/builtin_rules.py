"""Word- and phrase-level rules: each turns a Doc into edits.

Wordy phrases, buzzwords, qualifiers and glossary terms come from the
readability report's findings (the same lists the coach highlights). The
engine's own lists (drafts/suggestions/data) add filler openers, redundant
pairs, contractions, formal words and hype adjectives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from drafts.readability import Sentence, wordlists
from drafts.readability.phrases import phrase_words

from . import builtin_data as data
from . import grammar
from .builtin_edits import Doc, Edit, deletion

_NEGATIONS = frozenset({"not", "never", "no"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "become", "became",
                 "seems", "seemed", "looks", "looked", "feels", "felt"})
_WORD_AFTER = re.compile(r"[ \t]+[\w`*_\[(\"“]")
_TOKEN = re.compile(r"(?<![\w'’])[\w'’]+")


def _pattern(phrase: str) -> str:
    parts = []
    for tok in phrase.split():
        comma = tok.endswith(",") and len(tok) > 1
        tok = tok.rstrip(",") if comma else tok
        if tok == "*":
            parts.append(r"[^,.;:!?\n]{1,80}?")
        else:
            parts.append(re.escape(tok).replace("'", "['’]").replace(r"\-", r"[-\s]"))
        if comma:
            parts[-1] += ","
    body = r"\s+".join(parts)
    end = "" if phrase.endswith(",") else r"(?![\w'’-])"
    return rf"(?<![\w'’-]){body}{end}"


@lru_cache(maxsize=None)
def _matcher(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex; group ``pN`` is ``phrases[N]``; longest first."""
    order = sorted(range(len(phrases)), key=lambda i: -len(phrases[i]))
    alts = "|".join(f"(?P<p{i}>{_pattern(phrases[i])})" for i in order)
    return re.compile(alts, re.IGNORECASE)


@lru_cache(maxsize=None)
def _first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p.split()[0].lower().rstrip(",").split("-")[0] for p in phrases)


def _scan(doc: Doc, phrases: tuple[str, ...], opener: bool = False
          ) -> Iterator[tuple[int, re.Match[str], Sentence]]:
    """(phrase index, match, sentence) for every clean match inside a sentence."""
    if not phrases:
        return
    rx = _matcher(phrases)
    sents = doc.sentences
    if opener:
        found: Iterable[re.Match[str] | None] = (
            rx.match(doc.text, s.span[0], s.span[1]) for s in sents)
    else:
        firsts = _first_words(phrases)
        found = (rx.match(doc.text, w.start()) for w in _TOKEN.finditer(doc.text)
                 if w.group().lower().replace("’", "'") in firsts)
    for m in found:
        if m is None or not m.lastgroup:
            continue
        k = doc.sentence_index(m.start())
        if k is None or m.end() > sents[k].span[1] or not doc.clean(m.start(), m.end()):
            continue
        yield int(m.lastgroup[1:]), m, sents[k]


def _sentence(doc: Doc, index: int | None) -> Sentence:
    assert index is not None
    return doc.sentences[index]


@lru_cache(maxsize=1)
def _listed() -> dict[str, str]:
    """Alternatives of the exact forms listed ("leverages" -> "uses", not "use")."""
    pairs = wordlists.pairs("buzzwords.csv", "term", "alternative") + wordlists.pairs(
        "wordy_phrases.csv", "phrase", "alternative")
    return {" ".join(phrase_words(term)): alt for term, alt in pairs}


def finding_edits(doc: Doc, *, cut: bool, shorter_only: bool = False,
                  kinds: Sequence[str] = ("wordy", "buzzword")) -> list[Edit]:
    """Wordy phrases and buzzwords replaced by the list's plain alternative."""
    edits = []
    listed = _listed()
    for f in doc.report.findings:
        if f.kind not in kinds or not doc.clean(*f.span):
            continue
        surface = " ".join(phrase_words(doc.text[f.span[0] : f.span[1]]))
        alt = data.plain_alternative(listed.get(surface, f.suggestion or ""), cut)
        if alt is None:
            continue
        sent = _sentence(doc, f.sentence)
        s, e = f.span
        if alt == "":
            edits.append(deletion(doc, s, e, sent))
            continue
        if alt == "more" and doc.word_before(s, sent.span[0]) in ("a", "an"):
            article = re.search(r"(?<![\w'’])(an?)\s+$", doc.text[sent.span[0] : s], re.I)
            if article is not None:  # "an additional server" -> "another server"
                s, alt = sent.span[0] + article.start(1), "another"
        if shorter_only and len(alt) >= e - s:
            continue
        edits.append(Edit(s, e, alt))
    return edits


def qualifier_edits(doc: Doc, levels: frozenset[str]) -> list[Edit]:
    rules = {r["phrase"].lower(): r for r in data.rows("cut_qualifiers.csv")}
    edits = []
    text = doc.text
    for f in doc.report.findings:
        if f.kind != "qualifier" or not doc.clean(*f.span):
            continue
        rule = rules.get(" ".join(phrase_words(text[f.span[0] : f.span[1]])))
        if rule is None or rule["level"] not in levels:
            continue
        sent = _sentence(doc, f.sentence)
        s, e = f.span
        if text[s - 1 : s] == "-" or text[e : e + 1] == "-":
            continue
        before = doc.word_before(s, sent.span[0])
        after = doc.word_after(e, sent.span[1])
        if before in _NEGATIONS or before.endswith(("n't", "n’t")):
            continue
        if before in rule["not_after"].split("|") or after in rule["not_before"].split("|"):
            continue
        if rule["only_after"] and before not in rule["only_after"].split("|"):
            continue
        if not after and text[e : e + 1] != ",":
            continue  # the hedge ends the sentence ("it helps a bit."): keep it
        edits.append(deletion(doc, s, e, sent, priority=6))
    return edits


def filler_edits(doc: Doc, levels: frozenset[str]) -> list[Edit]:
    """Throat-clearing openers and filler ("I think that", "It is important to note that")."""
    rows = [r for r in data.rows("cut_phrases.csv") if r["level"] in levels]
    edits = []
    for where in ("anywhere", "opener"):
        phrases = tuple(r["phrase"] for r in rows if r["where"] == where)
        for _, m, sent in _scan(doc, phrases, opener=where == "opener"):
            start, end = m.start(), m.end()
            if not _keeps_subject(doc, m, sent):
                # "I think that has to change": "that" is the subject; cut "I think" only
                that = re.search(r"\s+that$", m.group(), re.IGNORECASE)
                if that is None:
                    continue
                end = start + that.start()
                if doc.text[end:end + 1].isspace():
                    end += 1
                edits.append(Edit(start, end, "", priority=4))
                continue
            edits.append(deletion(doc, start, end, sent, priority=4))
    return edits


def _keeps_subject(doc: Doc, m: re.Match[str], sent: Sentence) -> bool:
    """Does what follows the cut still start with a subject (not "has to change")?"""
    rest = doc.text[m.end() : min(sent.span[1], m.end() + 120)]  # the next few words decide
    return not grammar.starts_with_verb(rest)


def redundant_edits(doc: Doc) -> list[Edit]:
    rows = data.rows("redundant_pairs.csv")
    return [Edit(m.start(), m.end(), rows[i]["alternative"])
            for i, m, _ in _scan(doc, tuple(r["phrase"] for r in rows))]


def hype_edits(doc: Doc) -> list[Edit]:
    """Hype adjectives before a noun are cut ("our world-class platform")."""
    edits = []
    for _, m, sent in _scan(doc, data.lines("hype_adjectives.txt")):
        before = doc.word_before(m.start(), sent.span[0])
        if before in _BE or not _WORD_AFTER.match(doc.text, m.end(), sent.span[1]):
            continue
        edits.append(deletion(doc, m.start(), m.end(), sent, priority=3))
    return edits


def contraction_edits(doc: Doc) -> list[Edit]:
    rows = data.rows("contractions.csv")
    participles = data.irregular_verbs()
    edits = []
    for i, m, sent in _scan(doc, tuple(r["phrase"] for r in rows)):
        if not _WORD_AFTER.match(doc.text, m.end(), sent.span[1]):
            continue  # "as it is." stays
        if rows[i]["after_participle"]:
            nxt = doc.word_after(m.end(), sent.span[1])
            if not (nxt.endswith("ed") or nxt in participles or nxt == "been"):
                continue
        edits.append(Edit(m.start(), m.end(), rows[i]["contraction"]))
    return edits


def conversational_edits(doc: Doc) -> list[Edit]:
    rows = data.rows("conversational.csv")
    edits = []
    for where in ("anywhere", "opener"):
        picked = [r for r in rows if r["where"] == where]
        for i, m, _ in _scan(doc, tuple(r["phrase"] for r in picked), opener=where == "opener"):
            edits.append(Edit(m.start(), m.end(), picked[i]["plain"]))
    return edits
