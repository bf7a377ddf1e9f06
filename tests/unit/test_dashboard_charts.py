"""Server-drawn bar charts: labels and values as text, lengths as shares of the widest."""

from drafts.metrics.charts import bars
from drafts.metrics.tables import Cell, Table, count, number, to_csv


def test_single_measure_bars_share_one_scale_and_keep_zero_rows():
    table = Table("t", "Posts", ["Month", "Posts"],
                  [[Cell("Mar"), count(4, {"month": "m3"})], [Cell("Apr"), count(0)],
                   [Cell("May"), count(2)]], chart={"values": [1]})
    chart = bars(table)
    assert [(b.label, b.value_text, b.percent, b.link) for b in chart.bars] == [
        ("Mar", "4", 100.0, {"month": "m3"}), ("Apr", "0", 0.0, None), ("May", "2", 50.0, None)]
    assert chart.description == "Mar 4, Apr 0, May 2" and chart.height == 3 * 36


def test_paired_measures_scale_per_row_and_skip_rows_without_values():
    table = Table("r", "Clearer?", ["Measure", "At submission", "At approval"],
                  [[Cell("Score"), number(50.0), number(75.0)], [Cell("Grade"), number(10.0), number(5.0)],
                   [Cell("Empty"), number(None), number(None)]], chart={"values": [1, 2]})
    chart = bars(table)
    assert [(b.label, b.percent, b.series) for b in chart.bars] == [
        ("Score: at submission", 66.67, 0), ("Score: at approval", 100.0, 1),
        ("Grade: at submission", 100.0, 0), ("Grade: at approval", 50.0, 1)]


def test_csv_keeps_numbers_plain_and_defuses_formulas():
    table = Table("t", "Authors", ["Author", "Posts"],
                  [[Cell("=HYPERLINK(\"x\")"), count(1234)], [Cell("-3 dB"), count(0)]])
    assert to_csv(table).splitlines() == ["Author,Posts", "\"'=HYPERLINK(\"\"x\"\")\",1234",
                                          "'-3 dB,0"]
