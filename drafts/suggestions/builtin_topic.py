"""What a draft is about: key phrases, striking numbers and the lead, read from prose only.

Key phrases are runs of up to three content words (no stopwords, no -ly
words, not starting with an -ed verb), scored by frequency with a bonus for
longer phrases and for the title. Ties break on first appearance, so the
same draft always gives the same phrases.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from drafts.readability.segment import segment
from drafts.readability.sentences import split_sentences

from . import builtin_data as data
from . import grammar

_CLAUSE = re.compile(r"[,.;:!?()\"“”\[\]{}—–|]|\s-\s")
_TOKEN = re.compile(r"[A-Za-z][\w'’&/+-]*[\w+]|[A-Z]")
_NUMBER = re.compile(
    r"(?<![\w.$€£])(?:[$€£]\s?)?\d+(?:[.,]\d+)*"
    r"(?:\s?(?:%|percent\b|x\b|million\b|billion\b|[MBK]\b|hours?\b|days?\b|weeks?\b|months?\b))?"
)
_STRIKING = re.compile(r"[$€£%]|percent|million|billion|[MBKx]$|hours?$|days?$|weeks?$|months?$")
_DETERMINERS = frozenset({"a", "an", "the", "our", "my", "your", "their", "its", "this", "that"})
_LENGTH_WEIGHT = {1: 1.0, 2: 1.8, 3: 1.7}


@dataclass(frozen=True)
class Topic:
    phrases: tuple[str, ...]  # best first, as they read mid-sentence
    numbers: tuple[str, ...]  # striking numbers (%, money, x) first, then others
    striking: tuple[str, ...]  # only the striking ones
    lead: str  # the first paragraph as plain text
    number_sentence: str  # the first sentence with a striking number, plain text ("" if none)
    sections: int  # "## " headings
    list_items: int

    @property
    def key(self) -> str:
        return self.phrases[0] if self.phrases else "this change"



def plain(markdown: str) -> str:
    """Inline Markdown to plain text: link text kept, markers and tags dropped."""
    # Each run stops at the next opener too, so hostile text costs linear time.
    s = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", markdown)
    s = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", s)
    s = re.sub(r"\[([^\[\]]*)\]\[[^\[\]]*\]", r"\1", s)
    s = re.sub(r"<[^<>\n]+>", "", s)
    s = re.sub(r"`+([^`]*)`+", r"\1", s)
    s = re.sub(r"\*\*|__|~~|\*|(?<!\w)_|_(?!\w)", "", s)
    s = re.sub(r"(?m)^\s{0,3}>\s?", "", s)
    return " ".join(s.split())


class _Counter:
    def __init__(self) -> None:
        self.stop = data.tokens("stopwords.txt")
        self.generic = data.tokens("generic_nouns.txt")
        self.scores: Counter[tuple[str, ...]] = Counter()
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.surfaces: dict[tuple[str, ...], Counter[str]] = {}
        self.first: dict[tuple[str, ...], int] = {}
        self.lower_seen: set[str] = set()
        self.determined: Counter[tuple[str, ...]] = Counter()
        self.order = 0

    def add(self, chunk: str, weight: float) -> None:
        for clause in _CLAUSE.split(chunk):
            run: list[str] = []
            before = ""
            for tok in _TOKEN.findall(clause) + [""]:
                low = tok.lower()
                if tok[:1].islower():
                    self.lower_seen.add(low)
                if not tok or low in self.stop or low.endswith("ly") or (
                        len(tok) < 3 and not tok.isupper()):
                    self._flush(run, weight, before)
                    run = []
                    before = low
                else:
                    run.append(tok)

    def _flush(self, run: list[str], weight: float, before: str) -> None:
        for n in (1, 2, 3):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if gram[0].lower().endswith("ed"):
                    continue
                key = tuple(w.lower() for w in gram)
                if i == 0 and before in _DETERMINERS:
                    self.determined[key] += 1
                self.scores[key] += weight * _LENGTH_WEIGHT[n]
                self.counts[key] += 1
                self.surfaces.setdefault(key, Counter())[" ".join(gram)] += 1
                self.first.setdefault(key, self.order)
                self.order += 1

    def display(self, key: tuple[str, ...]) -> str:
        surface = self.surfaces[key].most_common(1)[0][0]
        words = []
        for w in surface.split():
            titlecase = w[:1].isupper() and w[1:] == w[1:].lower()
            words.append(w.lower() if titlecase and w.lower() in self.lower_seen else w)
        # "our cloud bill", "the platform": a singular noun that needs its article
        the = "the " if self.determined[key] * 2 > self.counts[key] else ""
        return the + " ".join(words)

    def best(self, title_keys: set[tuple[str, ...]], short: bool, nouns: set[tuple[str, ...]],
             limit: int = 3) -> tuple[str, ...]:
        """Top phrases; a phrase of several words must recur, unless the text is
        short (a passage of a few sentences) or the title has it. Only noun
        phrases (or their ends) count: "teach CIOs" is not a topic, "CIOs" is."""
        ranked = sorted(
            (k for k in self.scores
             if k in nouns and (k[0] not in self.generic if len(k) == 1
                                else short or self.counts[k] >= 2 or k in title_keys)),
            key=lambda k: (-self.scores[k], self.first[k]),
        )
        picked: list[tuple[str, ...]] = []
        for key in ranked:
            if all(not set(key) & set(p) for p in picked):
                picked.append(key)
            if len(picked) == limit:
                break
        return tuple(self.display(k) for k in picked)


def _reads_as_lead(paragraph: str, phrases: tuple[str, ...]) -> bool:
    """A paragraph of prose (not a byline, date or page furniture) about the topic."""
    low = paragraph.lower()
    return len(paragraph.split()) >= 20 and paragraph[-1:] in ".!?\"”" and any(
        p.lower().removeprefix("the ") in low for p in phrases[:3])


def _noun_keys(prose: str, title: str) -> set[tuple[str, ...]]:
    """Every noun phrase of the text (and each of its endings), lower-cased word tuples."""
    keys: set[tuple[str, ...]] = set()
    for phrase in grammar.noun_phrases(f"{title}\n{prose}"):
        words = tuple(w.lower() for w in _TOKEN.findall(phrase))
        keys.update(words[i:] for i in range(len(words)))
    return keys


def topic(markdown: str, title: str = "") -> Topic:
    seg = segment(markdown)
    raws = split_sentences(seg)
    counter = _Counter()
    title_counter = _Counter()
    if title:
        title_counter.add(title, 1.0)
        counter.add(title, 2.0)
    numbers: list[str] = []
    number_sentence = ""
    for raw in raws:
        chunk = seg.masked[raw.start : raw.end]
        unit = seg.units[raw.unit]
        counter.add(chunk, 1.5 if unit.kind == "heading" else 1.0)
        for m in _NUMBER.finditer(chunk):
            numbers.append(m.group().strip())
            if not number_sentence and unit.kind != "heading" and _STRIKING.search(m.group()):
                number_sentence = plain(markdown[raw.start : raw.end])
    striking = [n for n in numbers if _STRIKING.search(n)]
    others = [n for n in numbers if n not in striking and not re.fullmatch(r"(19|20)\d\d", n)]
    phrases = counter.best(set(title_counter.scores), short=len(raws) <= 3,
                           nouns=_noun_keys(seg.masked, title))
    paragraphs = [plain(markdown[u.start : u.end]) for u in seg.units if u.kind == "paragraph"]
    lead = next((p for p in paragraphs if _reads_as_lead(p, phrases)), "") or (
        paragraphs[0] if paragraphs else "")
    if not lead:
        lead = next((plain(markdown[u.start : u.end]) for u in seg.units), "")
    return Topic(
        phrases=phrases,
        numbers=tuple(dict.fromkeys(striking + others)),
        striking=tuple(dict.fromkeys(striking)),
        lead=lead,
        number_sentence=number_sentence,
        sections=sum(1 for u in seg.units if u.kind == "heading" and u.level == 2),
        list_items=sum(1 for u in seg.units if u.kind == "list_item"),
    )
