"""The posts lists as tables for the CSV download (titles and dates as people read them)."""

from __future__ import annotations

from drafts.metrics.listing import Listed, SuggestedDraft
from drafts.metrics.tables import Cell, Table, count, number
from drafts.paging import Page


def _iso(moment) -> str:
    return moment.isoformat(timespec="minutes")


def list_table(page: Page[Listed]) -> Table:
    rows = []
    for item in page.items:
        r = item.row
        rows.append([
            Cell(item.draft.display_title), Cell(item.author), Cell(item.draft.status.label),
            Cell("yes" if item.offline else "no"), Cell(_iso(r.created_at)),
            Cell(_iso(r.published_at)), number(r.cycle_seconds / 86400),
            number(r.review_seconds / 3600), count(r.rounds),
            number(r.submitted.score if r.submitted else None, 0),
            number(r.approved.score if r.approved else None, 0),
            number(r.approved.buzzwords if r.approved and r.approved.buzzwords is not None else None, 0),
            number(r.approved.jargon if r.approved and r.approved.jargon is not None else None, 0),
        ])
    return Table("posts", "Posts", [
        "Title", "Author", "Status now", "Offline now", "First draft (UTC)", "Published (UTC)",
        "Cycle time (days)", "Review wait (hours)", "Review rounds", "Readability at submission",
        "Readability at approval", "Buzzwords at approval", "Jargon at approval"], rows)


def suggested_table(page: Page[SuggestedDraft], label: str) -> Table:
    rows = [[Cell(item.draft.display_title if item.draft else "(no draft)"), Cell(item.author),
             count(item.asked), count(item.accepted)] for item in page.items]
    return Table("suggestions", f"{label}: drafts", ["Draft", "Asked by", "Asked", "Accepted"], rows)
