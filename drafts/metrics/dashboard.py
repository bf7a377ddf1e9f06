"""The dashboard: every number of the period as tables (drawn as charts, downloadable)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.metrics import aggregates, blog, posts, suggestions
from drafts.metrics.period import Filters, Month
from drafts.metrics.tables import Cell, Table, count, number, percent
from drafts.models import Destination


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    months: list[Month]
    summary: posts.Summary
    tables: dict[str, Table]
    blogs: list[blog.BlogTotals]


def build(session: Session, f: Filters, months: list[Month]) -> Dashboard:
    keys = [m.key for m in months]
    published = aggregates.published_posts(f, months)
    summary, words = posts.summarize(session, published, keys)
    tables = [
        _published(months, aggregates.by_month(session, f, months)),
        _series("authors", "Posts published per author", "Author", months,
                aggregates.by_author(session, f, months), "author"),
        _series("destinations", "Posts published per destination", "Destination", months,
                aggregates.by_destination(session, f, months), "live"),
        _process(summary),
        _readability(summary),
        _words(words, months),
        _suggestions(suggestions.by_action(session, f, months), f),
        _topics(aggregates.tags(session, f, months)),
    ]
    destinations = list(session.scalars(select(Destination).order_by(Destination.name)))
    if f.destination_id is not None:
        destinations = [d for d in destinations if d.id == f.destination_id]
    ids = select(aggregates.published_posts(f, months).subquery().c.id)
    blogs = blog.totals(session, ids, destinations)
    tables.append(_blogs(blogs))
    tables += [_trend(d, months, blog.by_month(session, ids, months, d))
               for d in destinations if d.kind in blog.COUNTED]
    return Dashboard(f, months, summary, {t.key: t for t in tables}, blogs)


def _published(months: list[Month], series: aggregates.Series) -> Table:
    rows = [[Cell(m.label), count(series.counts.get(m.key, 0), {"month": m.key})] for m in months]
    return Table("published", "Posts published per month", ["Month", "Posts"], rows,
                 "A post counts once, in the month it was first published, even if it was "
                 "taken offline or published again later.", {"values": [1]})


def _series(key, title, what, months, found: list[aggregates.Series], arg: str) -> Table:
    headers = [what, *[m.label for m in months], "Total"]
    rows = []
    for s in found:
        cells = [Cell(s.name)]
        for m in months:
            cells.append(count(s.counts.get(m.key, 0), {arg: s.key, "month": m.key}))
        cells.append(count(s.total, {arg: s.key}))
        rows.append(cells)
    note = ("Per destination, a post counts in the month it first went live there; a post on "
            "two blogs counts on each." if key == "destinations" else "")
    return Table(key, title, headers, rows, note, {"values": [len(headers) - 1]})


def _process(s: posts.Summary) -> Table:
    link = {"sort": "cycle"}
    rows = [
        [Cell("Cycle time, first draft to publication (days)"),
         _linked(number(s.cycle_median_days), link), _linked(number(s.cycle_p90_days), link)],
        [Cell("Time waiting in review (hours)"),
         _linked(number(s.review_median_hours), {"sort": "review"}),
         _linked(number(s.review_p90_hours), {"sort": "review"})],
        [Cell("Review rounds per post (mean, most)"),
         _linked(number(s.rounds_mean), {"sort": "rounds"}),
         _linked(number(s.rounds_max, 0), {"sort": "rounds"})],
    ]
    return Table("process", "How long posts take", ["Measure", "Median", "90th percentile"], rows,
                 f"Over the {s.posts} post{'s' if s.posts != 1 else ''} first published in the "
                 "period. Review time stops at publication; a post sent back to review counts "
                 "another round.")


def _linked(cell: Cell, link: dict) -> Cell:
    return Cell(cell.text, cell.value, link if cell.value is not None else None)


def _readability(s: posts.Summary) -> Table:
    link = {"sort": "readability"}
    rows = [[Cell("Readability score (higher is easier)"),
             _linked(number(s.score_submitted), link), _linked(number(s.score_approved), link)],
            [Cell("Grade level (lower is easier)"),
             _linked(number(s.grade_submitted), link), _linked(number(s.grade_approved), link)]]
    return Table("readability", "Does review make posts clearer?",
                 ["Measure", "At first submission", "At approval"], rows,
                 f"Means over the {s.scored_pairs} published post{'s' if s.scored_pairs != 1 else ''}"
                 " scored at both steps.", {"values": [1, 2]})


def _words(found: list[posts.WordsMonth], months: list[Month]) -> Table:
    labels = {m.key: m.label for m in months}
    rows = [[Cell(labels[w.month]), count(w.posts, {"month": w.month}),
             number(w.per_thousand(w.buzzwords)), number(w.per_thousand(w.jargon))]
            for w in found]
    return Table("words", "Buzzwords and jargon over time",
                 ["Month", "Posts", "Buzzwords per 1,000 words", "Jargon per 1,000 words"], rows,
                 "In the approved text of the posts published each month. Jargon: terms from "
                 "the team glossary.", {"values": [2, 3]})


def _suggestions(uses: list[suggestions.ActionUse], f: Filters) -> Table:
    rows = [[Cell(u.label), count(u.asked, {"action": u.action}),
             count(u.answered, {"action": u.action}), count(u.accepted, {"action": u.action}),
             percent(u.rate)] for u in uses]
    note = "Accepted: the author took the suggestion into the draft. Rate: accepted / answered."
    if f.destination_id is not None:
        note += " Suggestions are not tied to a destination, so that filter does not apply."
    return Table("suggestions", "Suggestion use and acceptance per action",
                 ["Action", "Asked", "Answered", "Accepted", "Acceptance rate"], rows, note,
                 {"values": [4], "unit": ""})


def _topics(found: list[tuple[str, int]]) -> Table:
    rows = [[Cell(name), count(n, {"tag": name})] for name, n in found]
    return Table("topics", "Topics covered", ["Tag", "Posts"], rows,
                 "Tags of the posts first published in the period.", {"values": [1]})


def _blogs(found: list[blog.BlogTotals]) -> Table:
    rows = []
    for b in found:
        if not b.totals:
            rows.append([Cell(b.destination), Cell("–"), Cell("–"), Cell(b.note)])
            continue
        for _field, label, total in b.totals:
            rows.append([Cell(b.destination), count(b.posts, {"destination": b.destination_id}),
                         Cell(label), count(total, {"destination": b.destination_id})])
    return Table("blogs", "Numbers from the blogs", ["Destination", "Posts read", "Measure", "Total"],
                 rows, "The latest reading of each post published in the period (flask sync-stats).")


def _trend(destination: Destination, months: list[Month], found) -> Table:
    labels = {m.key: m.label for m in months}
    measures = [label for _, label in blog.COUNTED[destination.kind]]
    rows = [[Cell(labels[key]), count(posts), *[count(v) for v in values]]
            for key, posts, values in found]
    return Table(f"blog-{destination.id}", f"{destination.name} month by month",
                 ["Month", "Posts read", *measures], rows,
                 "Each post's last reading in the month, summed: the blog's counts only grow.")
