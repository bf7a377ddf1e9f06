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

from drafts.readability import GlossaryTerm, Sentence, wordlists
from drafts.readability.phrases import phrase_words, plural_forms

from . import builtin_data as data
from .builtin_edits import Doc, Edit, deletion

_NEGATIONS = frozenset({"not", "never", "no"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "become", "became",
                 "seems", "seemed", "looks", "looked", "feels", "felt"})
_DETERMINERS = frozenset({"a", "an", "the", "our", "this", "that", "these", "those", "their",
                          "its", "your", "my", "every", "each", "any", "no", "one", "his", "her"})
_CONNECTORS = frozenset({"that", "which", "who", "between", "of", "for", "to", "across", "in",
                         "on", "with", "so", "from", "where", "until"})
_WORD_AFTER = re.compile(r"[ \t]+[\w`*_\[(\"“]")
_TOKEN = re.compile(r"(?<![\w'’])[\w'’]+")
_ACRONYM_TERM = re.compile(r"^[A-Z][A-Za-z0-9/]{1,7}$")


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
            edits.append(deletion(doc, m.start(), m.end(), sent, priority=4))
    return edits


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


def _plural_phrase(alternative: str) -> str:
    """"a connection between systems" -> "connections between systems"."""
    words = alternative.split()
    if words and words[0].lower() in ("a", "an") and len(words) > 1:
        words = words[1:]
    idx = next((i for i, w in enumerate(words) if i and w.lower() in _CONNECTORS), len(words))
    head = words[idx - 1]
    if not head.endswith("s"):
        if head.endswith(("x", "ch", "sh")):
            head += "es"
        elif head.endswith("y") and head[-2:-1] not in ("a", "e", "i", "o", "u"):
            head = head[:-1] + "ies"
        else:
            head += "s"
    words[idx - 1] = head
    if idx + 1 < len(words) and words[idx].lower() in ("that", "which", "who"):
        verb = words[idx + 1]
        if verb.endswith("s") and not verb.endswith("ss"):  # "that runs" -> "that run"
            words[idx + 1] = verb[:-2] if verb.endswith(("shes", "ches", "xes")) else verb[:-1]
    return " ".join(words)


def glossary_edits(doc: Doc, glossary: Sequence[GlossaryTerm]) -> list[Edit]:
    """Every glossary term replaced by its plain alternative; an acronym's first
    use keeps the acronym in brackets ("service level agreement (SLA)")."""
    forms: dict[tuple[str, ...], tuple[GlossaryTerm, bool]] = {}
    for term in glossary:
        base = phrase_words(term.term)
        if base and term.alternative.strip():
            for form in plural_forms(base):
                forms.setdefault(form, (term, form != base))
    edits = []
    seen: set[str] = set()
    text = doc.text
    for f in doc.report.findings:
        if f.kind != "glossary" or not doc.clean(*f.span):
            continue
        s, e = f.span
        hit = forms.get(phrase_words(text[s:e]))
        if hit is None:
            continue
        term, plural = hit
        alt = term.alternative.strip()
        alt = _plural_phrase(alt) if plural else alt
        if _ACRONYM_TERM.match(term.term) and sum(c.isupper() for c in term.term) >= 2:
            if text[s - 1 : s] == "(" or re.match(r"[ \t]*\(", text[e : e + 3]):
                continue  # already spelled out next to it
            if term.term.lower() not in seen:
                seen.add(term.term.lower())
                alt = f"{alt} ({text[s:e]})"
        sent = _sentence(doc, f.sentence)
        first, _, rest = alt.partition(" ")
        if rest and first.lower() in ("a", "an", "the") and \
                doc.word_before(s, sent.span[0]) in _DETERMINERS:
            alt = rest
        edits.append(Edit(s, e, alt, priority=2, match_case=False))
    return edits


def acronym_edits(doc: Doc, glossary: Sequence[GlossaryTerm]) -> list[Edit]:
    """Spell out an unexplained acronym whose words are a glossary term ("CI")."""
    by_initials: dict[str, GlossaryTerm] = {}
    terms = {t.term.lower() for t in glossary}
    for term in glossary:
        words = term.term.replace("-", " ").split()
        if len(words) >= 2 and term.alternative.strip():
            by_initials.setdefault("".join(w[0] for w in words).upper(), term)
    edits = []
    for f in doc.report.findings:
        if f.kind != "acronym" or not doc.clean(*f.span):
            continue
        word = doc.text[f.span[0] : f.span[1]]
        base = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        term = by_initials.get(base)
        if term is None or base.lower() in terms:
            continue
        edits.append(Edit(*f.span, f"{term.alternative.strip()} ({word})", priority=2,
                          match_case=False))
    return edits
