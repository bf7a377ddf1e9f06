"""Audience bands and the single 0-100 readability score.

The score tells the same story as the highlights: it starts from the audience
band (grade and reading ease) and then takes off points for the very findings
the coach highlights: hard and very hard sentences, passive voice, adverbs and
jargon (buzzwords and glossary terms). A draft where more than a quarter of the
sentences are highlighted hard or very hard is never green; more than half,
always red. See docs/readability.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import AudienceBand, Deduction, Light, ReadabilityScore

BANDS: dict[str, AudienceBand] = {
    "executive": AudienceBand("executive", "Executive", 8, 10, 50, 70),
    "general": AudienceBand("general", "General business", 7, 9, 60, 75),
    "technical": AudienceBand("technical", "Technical", 9, 12, 40, 60),
}
AUDIENCES = tuple(BANDS)

GREEN, ORANGE = 80, 55
NOT_GREEN_ABOVE = 0.25  # share of hard + very hard sentences
RED_ABOVE = 0.50


@dataclass(frozen=True)
class Highlighted:
    """How many of each highlighted finding the draft has (the score's inputs)."""

    sentences: int = 0
    hard: int = 0
    very_hard: int = 0
    passive: int = 0  # sentences with passive voice
    adverbs: int = 0
    jargon: int = 0  # buzzwords + glossary terms


def band_for(audience: str) -> AudienceBand:
    try:
        return BANDS[audience]
    except KeyError:
        raise ValueError(
            f"Unknown audience {audience!r}: choose one of {', '.join(AUDIENCES)}."
        ) from None


def _outside(value: float, low: float, high: float) -> float:
    return low - value if value < low else value - high if value > high else 0.0


def light_for(score: int) -> Light:
    return "green" if score >= GREEN else "orange" if score >= ORANGE else "red"


def _band_cost(band: AudienceBand, grade: float, ease: float) -> tuple[float, str]:
    """25 a grade and 2.5 a reading-ease point harder than the band; 4 a grade and 0.4
    a point easier, at most 30 (plain writing alone never turns a draft red)."""
    gd = _outside(grade, band.grade_min, band.grade_max)
    fd = _outside(ease, band.fre_min, band.fre_max)
    harder = (25 * gd if grade > band.grade_max else 0.0) + (2.5 * fd if ease < band.fre_min else 0.0)
    easier = min(30.0, (4 * gd if grade < band.grade_min else 0.0)
                 + (0.4 * fd if ease > band.fre_max else 0.0))
    parts = []
    if gd:
        direction = "harder" if grade > band.grade_max else "easier"
        parts.append(f"grade {grade:g} is {gd:g} {direction} than {band.grade_min:g}-{band.grade_max:g}")
    if fd:
        direction = "harder" if ease < band.fre_min else "easier"
        parts.append(f"reading ease {ease:.0f} is {direction} than {band.fre_min:g}-{band.fre_max:g}")
    if parts:
        why = f"{band.label} readers: " + "; ".join(parts) + "."
    else:
        why = f"Inside the {band.label.lower()} band (grade {grade:g}, reading ease {ease:.0f})."
    return harder + easier, why


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def deductions(words: int, found: Highlighted) -> list[Deduction]:
    """Points off for what the coach highlights, largest first."""
    n = max(1, found.sentences)
    out: list[Deduction] = []
    tough = found.hard + found.very_hard
    if tough:
        points = min(70.0, 80 * found.hard / n + 120 * found.very_hard / n)
        out.append(Deduction(
            "hard_sentences", round(points, 1),
            f"{tough} of {found.sentences} sentences are hard or very hard to read "
            f"({100 * tough / n:.0f}%; aim for a quarter or fewer)."))
    passive_share = found.passive / n
    if passive_share > 0.10:
        out.append(Deduction(
            "passive", round(min(10.0, 50 * (passive_share - 0.10)), 1),
            f"{_plural(found.passive, 'sentence')} in the passive voice "
            f"({100 * passive_share:.0f}%; aim for 10% or fewer)."))
    per_100 = 100 / max(1, words)
    adverb_rate = found.adverbs * per_100
    if adverb_rate > 0.5:
        out.append(Deduction(
            "adverbs", round(min(10.0, 4 * (adverb_rate - 0.5)), 1),
            f"{_plural(found.adverbs, 'adverb')} ({adverb_rate:.1f} per 100 words; "
            "aim for one every 200 words or fewer)."))
    if found.jargon:
        out.append(Deduction(
            "jargon", round(min(10.0, 5 * found.jargon * per_100), 1),
            f"{found.jargon} {'buzzword or jargon term' if found.jargon == 1 else 'buzzwords or jargon terms'}"
            " to say in plain words."))
    return sorted((d for d in out if d.points > 0), key=lambda d: -d.points)


def score(
    audience: str,
    grade: float,
    reading_ease: float,
    words: int,
    found: Highlighted,
) -> ReadabilityScore:
    """100, minus the band's cost, minus the highlighted findings' deductions.

    Light: green from 80, orange from 55, else red; never green when more than a
    quarter of the sentences are hard or very hard, always red above half.
    """
    band = band_for(audience)
    if words == 0:
        return ReadabilityScore(0, "grey", 0.0, 0.0, band,
                                "Nothing to score yet: write a few sentences.")
    band_cost, band_why = _band_cost(band, grade, reading_ease)
    taken = deductions(words, found)
    if band_cost:
        taken.insert(0, Deduction("audience_band", round(band_cost, 1), band_why))
    value = round(max(0.0, min(100.0, 100 - sum(d.points for d in taken))))
    tough_share = (found.hard + found.very_hard) / max(1, found.sentences)
    if tough_share > RED_ABOVE:
        value = min(value, ORANGE - 1)
    elif tough_share > NOT_GREEN_ABOVE:
        value = min(value, GREEN - 1)
    reason = band_why
    worst = next((d for d in taken if d.id != "audience_band"), None)
    if worst is not None and worst.points >= 2:
        reason = f"{band_why} {worst.why}"
    return ReadabilityScore(value, light_for(value), grade, reading_ease, band, reason,
                            tuple(taken))
