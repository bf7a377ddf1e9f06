"""One small row per published post of the period: how long it took and how review went.

Cycle time: from the draft's creation to its first publication. Review wait: the time the
draft spent "in review" before its first publication (a claim or an assignment inside
review does not stop the clock). Rounds: how many times it entered review before then
(a first submission, a resubmission after changes were requested, an edit after approval
that sent it back). Scores: the readability of the revision the first submission carried,
and of the one the last approval before publication carried. The database does the
per-transition work (a window function); Python gets one tuple per post, and computes the
median and the 90th percentile from those (see docs/decisions.md).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from drafts.metrics.sql import epoch
from drafts.models import DraftStatus, RevisionScore, Transition

S = DraftStatus


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
    review_seconds: float
    rounds: int
    submitted: Score | None  # at first submission
    approved: Score | None  # at the last approval before publication

    @property
    def cycle_seconds(self) -> float:
        return max(0.0, (self.published_at - self.created_at).total_seconds())


def post_rows(session: Session, posts_query: Select) -> list[PostRow]:
    """The rows of the posts `posts_query` selects (see aggregates.published_posts)."""
    posts = posts_query.subquery("posts")
    ids = select(posts.c.id)
    review = _review(session, posts, ids)
    submitted = _scores(session, select(Transition.draft_id, func.min(Transition.id).label("tid"))
                        .where(Transition.action == "submit", Transition.draft_id.in_(ids))
                        .group_by(Transition.draft_id).subquery())
    approved = _scores(session, select(Transition.draft_id, func.max(Transition.id).label("tid"))
                       .join(posts, posts.c.id == Transition.draft_id)
                       .where(Transition.action == "approve",
                              Transition.created_at <= posts.c.published_at)
                       .group_by(Transition.draft_id).subquery())
    rows = session.execute(select(posts.c.id, posts.c.author_id, posts.c.created_at,
                                  posts.c.published_at, posts.c.month))
    out = []
    for draft_id, author_id, created_at, published_at, month in rows:
        seconds, rounds = review.get(draft_id, (0.0, 0))
        out.append(PostRow(draft_id, author_id, created_at, published_at, month or "",
                           seconds, rounds, submitted.get(draft_id), approved.get(draft_id)))
    return out


def _review(session: Session, posts, ids) -> dict[int, tuple[float, int]]:
    t = Transition
    steps = (select(t.draft_id, t.from_status, t.to_status, t.created_at,
                    func.lead(t.created_at).over(partition_by=t.draft_id, order_by=t.id)
                    .label("next_at"))
             .where(t.draft_id.in_(ids)).subquery("steps"))
    in_review = (steps.c.to_status == S.IN_REVIEW) & (steps.c.created_at < posts.c.published_at)
    waited = func.sum(case((in_review & steps.c.next_at.is_not(None),
                            epoch(steps.c.next_at) - epoch(steps.c.created_at)), else_=0.0))
    rounds = func.sum(case((in_review & (steps.c.from_status != S.IN_REVIEW), 1), else_=0))
    rows = session.execute(select(steps.c.draft_id, waited, rounds)
                           .join(posts, posts.c.id == steps.c.draft_id).group_by(steps.c.draft_id))
    return {draft_id: (float(seconds or 0.0), int(n or 0)) for draft_id, seconds, n in rows}


def _scores(session: Session, steps) -> dict[int, Score]:
    rs = RevisionScore
    rows = session.execute(
        select(steps.c.draft_id, rs.score, rs.grade, rs.words, rs.buzzwords, rs.jargon)
        .join(Transition, Transition.id == steps.c.tid)
        .join(rs, rs.revision_id == Transition.revision_id))
    return {draft_id: Score(*values) for draft_id, *values in rows}


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


def summarize(rows: list[PostRow]) -> Summary:
    cycle = [r.cycle_seconds / 86400 for r in rows]
    wait = [r.review_seconds / 3600 for r in rows]
    rounds = [r.rounds for r in rows]
    pairs = [r for r in rows if r.submitted and r.approved]
    return Summary(
        posts=len(rows), cycle_median_days=median(cycle), cycle_p90_days=p90(cycle),
        review_median_hours=median(wait), review_p90_hours=p90(wait),
        rounds_mean=_mean(rounds), rounds_max=max(rounds) if rounds else None,
        scored_pairs=len(pairs),
        score_submitted=_mean([r.submitted.score for r in pairs]),
        score_approved=_mean([r.approved.score for r in pairs]),
        grade_submitted=_mean([r.submitted.grade for r in pairs]),
        grade_approved=_mean([r.approved.grade for r in pairs]),
    )


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


def words_by_month(rows: list[PostRow], month_keys: list[str]) -> list[WordsMonth]:
    out = []
    for key in month_keys:
        counted = [r.approved for r in rows if r.month == key and r.approved
                   and r.approved.buzzwords is not None]
        out.append(WordsMonth(key, len(counted), sum(s.buzzwords or 0 for s in counted),
                              sum(s.jargon or 0 for s in counted), sum(s.words for s in counted)))
    return out
