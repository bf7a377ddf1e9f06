"""Audience bands and the single 0-100 readability score."""

from __future__ import annotations

from .model import AudienceBand, Light, ReadabilityScore

BANDS: dict[str, AudienceBand] = {
    "executive": AudienceBand("executive", "Executive", 8, 10, 50, 70),
    "general": AudienceBand("general", "General business", 7, 9, 60, 75),
    "technical": AudienceBand("technical", "Technical", 9, 12, 40, 60),
}
AUDIENCES = tuple(BANDS)


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
    return "green" if score >= 80 else "orange" if score >= 55 else "red"


def score(
    audience: str,
    grade: float,
    reading_ease: float,
    words: int,
    sentences: int,
    hard: int,
    very_hard: int,
) -> ReadabilityScore:
    """100 inside the band; minus 25 a grade and 2.5 a reading-ease point
    harder than the band; minus 4 a grade and 0.4 a reading-ease point easier
    than the band, at most 30 in all (plain writing is rarely the problem);
    minus up to 20 for hard and very hard sentences.
    Light: green from 80, orange from 55, else red."""
    band = band_for(audience)
    if words == 0:
        return ReadabilityScore(0, "grey", 0.0, 0.0, band,
                                "Nothing to score yet: write a few sentences.")
    gd = _outside(grade, band.grade_min, band.grade_max)
    fd = _outside(reading_ease, band.fre_min, band.fre_max)
    # Harder than the band costs more than easier than the band.
    harder_cost = (25 * gd if grade > band.grade_max else 0.0) + (
        2.5 * fd if reading_ease < band.fre_min else 0.0
    )
    easier_cost = min(30.0, (4 * gd if grade < band.grade_min else 0.0) + (
        0.4 * fd if reading_ease > band.fre_max else 0.0
    ))
    penalty = min(20.0, (30 * very_hard + 15 * hard) / max(1, sentences))
    value = round(max(0.0, min(100.0, 100 - harder_cost - easier_cost - penalty)))
    parts = []
    if gd:
        direction = "harder" if grade > band.grade_max else "easier"
        parts.append(f"grade {grade:g} is {gd:g} {direction} than {band.grade_min:g}-{band.grade_max:g}")
    if fd:
        direction = "harder" if reading_ease < band.fre_min else "easier"
        parts.append(
            f"reading ease {reading_ease:.0f} is {direction} than {band.fre_min:g}-{band.fre_max:g}"
        )
    if parts:
        reason = f"{band.label} readers: " + "; ".join(parts) + "."
    else:
        reason = f"Inside the {band.label.lower()} band (grade {grade:g}, reading ease {reading_ease:.0f})."
    return ReadabilityScore(value, light_for(value), grade, reading_ease, band, reason)
