"""One row per published post of the period: how long it took and how review went.

Cycle time: from the draft's creation to its first publication. Review wait and rounds:
from the draft's cycle row (cycle.py), folded from its transitions up to its first
publication. Scores: the readability of the revision the first submission carried, and of
the one the last approval before publication carried. Python gets one pair of floats per
post and computes the median and the 90th percentile from those; everything else is
aggregated by the database (see docs/decisions.md).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from drafts.metrics.sql import epoch
from drafts.models import RevisionScore


@dataclass(frozen=True)
class Score:
    score: int
    grade: float
    words: int
    buzzwords: int | None
    jargon: int | None


@dataclass(frozen=True)
class PostRow:
    draft_id: int
    author_id: int
    created_at: datetime
    published_at: datetime
    month: str
    cycle_seconds: float
    review_seconds: float
    rounds: int
    submitted: Score | None  # at first submission
    approved: Score | None  # at the last approval before publication


def per_post(posts_query: Select):
    """A CTE with one row per post: the posts' columns, cycle and review seconds, rounds, and
    the scores at first submission (sub_*) and at approval (app_*), all worked out in SQL."""
    posts = posts_query.cte("posts")
    sub, app = aliased(RevisionScore), aliased(RevisionScore)
    return (select(posts.c.id, posts.c.author_id, posts.c.created_at, posts.c.published_at,
                   posts.c.month,
                   (epoch(posts.c.published_at) - epoch(posts.c.created_at)).label("cycle_s"),
                   posts.c.review_seconds.label("review_s"), posts.c.rounds,
                   sub.score.label("sub_score"), sub.grade.label("sub_grade"),
                   sub.words.label("sub_words"), sub.buzzwords.label("sub_buzz"),
                   sub.jargon.label("sub_jargon"),
                   app.score.label("app_score"), app.grade.label("app_grade"),
                   app.words.label("app_words"), app.buzzwords.label("app_buzz"),
                   app.jargon.label("app_jargon"))
            .outerjoin(sub, sub.revision_id == posts.c.first_submit_revision_id)
            .outerjoin(app, app.revision_id == posts.c.approval_revision_id)
            .cte("per_post"))


def _score(row, prefix: str) -> Score | None:
    values = [row[f"{prefix}_{name}"] for name in ("score", "grade", "words", "buzz", "jargon")]
    return None if values[0] is None else Score(*values)


ORDER = {  # the list page's sorts, done by the database
    "published": lambda p: (p.c.published_at.desc(), p.c.id.desc()),
    "cycle": lambda p: (p.c.cycle_s.desc(), p.c.id),
    "review": lambda p: (p.c.review_s.desc(), p.c.id),
    "rounds": lambda p: (p.c.rounds.desc(), p.c.id),
    "readability": lambda p: ((func.coalesce(p.c.app_score, 0) - func.coalesce(p.c.sub_score, 0))
                              .desc(), p.c.id),
}


def post_rows(session: Session, posts_query: Select, *, sort: str = "published",
              limit: int | None = None, offset: int = 0) -> list[PostRow]:
    """The rows of the posts `posts_query` selects (see aggregates.published_posts), sorted."""
    p = per_post(posts_query)
    query = select(p).order_by(*ORDER.get(sort, ORDER["published"])(p)).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    out = []
    for row in session.execute(query).mappings():
        out.append(PostRow(row["id"], row["author_id"], row["created_at"], row["published_at"],
                           row["month"] or "", max(0.0, float(row["cycle_s"] or 0.0)),
                           max(0.0, float(row["review_s"] or 0.0)), int(row["rounds"] or 0),
                           _score(row, "sub"), _score(row, "app")))
    return out


# -- summaries -------------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p90(values: list[float]) -> float | None:
    """The 90th percentile, linear between the two nearest values (the "inclusive" method,
    like spreadsheets' PERCENTILE.INC). One value is its own p90."""
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


@dataclass(frozen=True)
class Summary:
    posts: int
    cycle_median_days: float | None
    cycle_p90_days: float | None
    review_median_hours: float | None
    review_p90_hours: float | None
    rounds_mean: float | None
    rounds_max: int | None
    scored_pairs: int  # posts with a score both at first submission and at approval
    score_submitted: float | None
    score_approved: float | None
    grade_submitted: float | None
    grade_approved: float | None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(session: Session, posts_query: Select,
              month_keys: list[str]) -> tuple[Summary, list[WordsMonth]]:
    """The period's summary and its buzzword/jargon months, from one small tuple of numbers per
    post (medians and percentiles need every value; one query serves both)."""
    p = per_post(posts_query)
    rows = session.execute(select(
        p.c.month, p.c.cycle_s, p.c.review_s, p.c.rounds, p.c.sub_score, p.c.app_score,
        p.c.sub_grade, p.c.app_grade, p.c.app_buzz, p.c.app_jargon, p.c.app_words)).all()
    cycle = [max(0.0, r.cycle_s or 0.0) / 86400 for r in rows]
    wait = [max(0.0, r.review_s or 0.0) / 3600 for r in rows]
    rounds = [int(r.rounds or 0) for r in rows]
    pairs = [r for r in rows if r.sub_score is not None and r.app_score is not None]
    summary = Summary(
        posts=len(rows), cycle_median_days=median(cycle), cycle_p90_days=p90(cycle),
        review_median_hours=median(wait), review_p90_hours=p90(wait),
        rounds_mean=_mean(rounds), rounds_max=max(rounds) if rounds else None,
        scored_pairs=len(pairs),
        score_submitted=_mean([r.sub_score for r in pairs]),
        score_approved=_mean([r.app_score for r in pairs]),
        grade_submitted=_mean([r.sub_grade for r in pairs]),
        grade_approved=_mean([r.app_grade for r in pairs]),
    )
    found: dict[str, list[int]] = {}
    for r in rows:
        if r.app_buzz is not None:
            sums = found.setdefault(r.month, [0, 0, 0, 0])
            sums[0] += 1
            sums[1] += r.app_buzz
            sums[2] += r.app_jargon or 0
            sums[3] += r.app_words or 0
    words = [WordsMonth(key, *found.get(key, [0, 0, 0, 0])) for key in month_keys]
    return summary, words


@dataclass(frozen=True)
class WordsMonth:
    """Buzzwords and jargon in the approved text of the posts published in one month."""

    month: str
    posts: int  # posts of the month with counts
    buzzwords: int
    jargon: int
    words: int

    def per_thousand(self, count: int) -> float | None:
        return round(count * 1000 / self.words, 1) if self.words else None
