"""Glossary terms and unexplained acronyms replaced by plain words, grammatically.

A term is replaced only where it is a whole noun phrase's head: "the new API
gateway" keeps "API" (a modifier: "the new a connection between systems
gateway" is not English), while "our new API" becomes "our new connection
between systems (API)". The alternative's own article goes when the phrase
already has a determiner or an adjective; a plural term gets a plural
alternative (head noun inflected by lemminflect, a relative clause's verb
agreeing); a term used as a verb is replaced only by a verb, in the same form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafts.readability import GlossaryTerm
from drafts.readability.phrases import phrase_words, plural_forms

from . import grammar
from .builtin_edits import Doc, Edit

_ACRONYM_TERM = re.compile(r"^[A-Z][A-Za-z0-9/]{1,7}$")
_ARTICLE = re.compile(r"^(?:a|an|the|one)\s+", re.IGNORECASE)
_DETERMINED = ("DT", "PRP$", "JJ", "CD", "POS", "PDT", "VBN", "VBG", "NN")


def _in_sentence(doc: Doc, s: int, e: int, index: int | None
                 ) -> tuple[grammar.Token | None, grammar.Token | None, list[grammar.Token]]:
    """(token before, token after, the term's own tokens) from the tagged sentence."""
    if index is None:
        return None, None, []
    s0, s1 = doc.sentences[index].span
    tokens = grammar.tag(doc.text[s0:s1])
    before = [t for t in tokens if t.end <= s - s0]
    inside = [t for t in tokens if t.start >= s - s0 and t.end <= e - s0]
    after = [t for t in tokens if t.start >= e - s0]
    return (before[-1] if before else None), (after[0] if after else None), inside


def _fit(alt: str, term_tokens: list[grammar.Token], before: grammar.Token | None,
         after: grammar.Token | None, plural: bool) -> str | None:
    """The alternative as it must read in this place, or None if it cannot fit."""
    if not term_tokens:
        return None
    head = term_tokens[-1]
    if grammar.heads_noun(after):
        return None  # a modifier ("API gateway"): only a whole noun phrase is replaced
    if head.pos.startswith("VB") and len(term_tokens) == 1:
        words = alt.split()
        if not words or not grammar.tag(alt) or not grammar.tag(alt)[0].pos.startswith("VB"):
            return None  # a noun phrase cannot stand where the text has a verb
        return " ".join([grammar.inflect(words[0], head.pos)] + words[1:])
    if grammar.verb_phrase(alt):
        return None  # "introduced check every access request": an instruction is no noun
    if plural:
        return grammar.plural_phrase(alt)
    alt_head = grammar.phrase_head(alt)
    if alt_head is not None and alt_head.pos.startswith("NNS") and after is not None \
            and after.pos == "VBZ":
        return None  # "Shortcuts we now pay to maintain is": the verb would not agree
    joined = before is not None and before.chunk == "I-NP" or (
        before is not None and before.chunk == "B-NP" and term_tokens[0].chunk == "I-NP")
    if before is not None and (before.pos in ("DT", "PRP$", "POS", "CD")
                               or joined and before.pos.startswith(_DETERMINED)):
        return _ARTICLE.sub("", alt)
    return alt


def glossary_edits(doc: Doc, glossary: Sequence[GlossaryTerm]) -> list[Edit]:
    """Every glossary term that heads its noun phrase, replaced by its plain
    alternative; an acronym's first use keeps the acronym in brackets
    ("service level agreement (SLA)")."""
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
        before, after, inside = _in_sentence(doc, s, e, f.sentence)
        alt = _fit(term.alternative.strip(), inside, before, after, plural)
        if alt is None:
            continue
        if _ACRONYM_TERM.match(term.term) and sum(c.isupper() for c in term.term) >= 2:
            if text[s - 1 : s] == "(" or re.match(r"[ \t]*\(", text[e : e + 3]):
                continue  # already spelled out next to it
            if term.term.lower() not in seen:
                seen.add(term.term.lower())
                alt = f"{alt} ({text[s:e]})"
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
        before, after, inside = _in_sentence(doc, *f.span, f.sentence)
        alt = _fit(term.alternative.strip(), inside, before, after, base != word)
        if alt is None:
            continue
        edits.append(Edit(*f.span, f"{alt} ({word})", priority=2, match_case=False))
    return edits
