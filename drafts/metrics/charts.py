"""Bar charts drawn on the server (templates/dashboard/_chart.html renders the SVG).

Each bar carries its label and its value as text, so the chart reads without colour;
lengths are percentages of the chart's width, so it fits a phone without shrinking text.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafts.metrics.tables import Table

ROW_HEIGHT = 36  # px: a line of text, then the bar (templates/dashboard/_chart.html)


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    percent: float  # of the chart's width, at least a sliver for non-zero values
    y: int
    link: dict | None
    series: int = 0  # 0, 1: drawn solid or hatched (a second measure beside the first)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    bars: list[Bar]
    height: int


def bars(table: Table) -> Chart | None:
    """The chart of a table: label from column `label`, one bar per value column. With several
    value columns each row is scaled on its own (the bars compare a row's measures, which may
    not share a unit), and rows without any value are left out."""
    spec = table.chart
    if not spec or not table.rows:
        return None
    label_col = spec.get("label", 0)
    value_cols = spec.get("values", [1])
    paired = len(value_cols) > 1
    unit = spec.get("unit", "")
    everything = [row[c].value for row in table.rows for c in value_cols if row[c].value is not None]
    out, y = [], 0
    for row in table.rows:
        values = [row[c].value for c in value_cols if row[c].value is not None]
        if not values:
            continue
        top = (max(values) if paired else max(everything)) or 1
        for series, col in enumerate(value_cols):
            cell = row[col]
            label = row[label_col].text
            if paired:
                label = f"{label}: {table.headers[col].lower()}"
            share = 0.0 if cell.value is None else max(cell.value / top * 100, 0.5 if cell.value else 0)
            out.append(Bar(label, cell.text + (unit if cell.value is not None else ""),
                           round(share, 2), y, cell.link, series))
            y += ROW_HEIGHT
    if not out:
        return None
    summary = ", ".join(f"{b.label} {b.value_text}" for b in out[:24])
    return Chart(table.key, table.title, summary, out, y)
