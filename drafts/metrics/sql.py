"""Expressions that read the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Float, case, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from drafts.metrics.period import Month


class epoch(FunctionElement):  # noqa: N801 - reads like the SQL function it stands for
    """Seconds since 1970 of a stored UTC datetime (a float)."""

    type = Float()
    inherit_cache = True


@compiles(epoch)
def _epoch_default(element, compiler, **kw):
    # PostgreSQL 14+ answers numeric (Decimal in Python): ask for a double instead.
    return "CAST(extract(epoch from %s) AS DOUBLE PRECISION)" % compiler.process(element.clauses, **kw)


@compiles(epoch, "sqlite")
def _epoch_sqlite(element, compiler, **kw):
    # Stored as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC; julianday reads that form.
    return "((julianday(%s) - 2440587.5) * 86400.0)" % compiler.process(element.clauses, **kw)


def month_of(column, months: list[Month]) -> ColumnElement:
    """The month key ("2026-03") a moment falls in, or NULL outside the months: a CASE on
    boundaries computed in the viewer's time zone, so both databases bucket alike."""
    return case(*[((column >= m.start) & (column < m.end), literal(m.key)) for m in months],
                else_=None)
