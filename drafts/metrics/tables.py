"""Every number on the dashboard as a table: the page shows it, the chart draws it, the CSV
download writes it. A cell may name the posts behind it (list-page arguments, not a URL:
the web layer builds the link)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # the number a chart draws (None: not a number)
    link: dict | None = None  # arguments of the posts list behind this number


@dataclass(frozen=True)
class Table:
    key: str  # the CSV's name and the page anchor
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    note: str = ""  # what the numbers mean, or why some are missing
    chart: dict = field(default_factory=dict)  # how to draw it (see charts.py)


def number(value: float | None, digits: int = 1) -> Cell:
    if value is None:
        return Cell("–")
    text = f"{value:,.{digits}f}" if digits else f"{round(value):,}"
    return Cell(text, float(value))


def count(value: int, link: dict | None = None) -> Cell:
    return Cell(f"{value:,}", float(value), link if value else None)


def percent(value: float | None) -> Cell:
    return Cell("–") if value is None else Cell(f"{value * 100:.0f}%", value * 100)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (names and tags come from people)."""
    return "'" + text if text.startswith(_FORMULA) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_safe(c.text.replace(",", "") if c.value is not None else c.text)
                         for c in row])
    return out.getvalue()
