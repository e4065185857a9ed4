"""Time expressions: find them in a parsed article and resolve them against the article's date.

>>> from datetime import date
>>> resolve_expression("on Friday", date(2016, 12, 9), tense="past")
('2016-12-09', False)
"""

from __future__ import annotations

from wirewatch.time.expressions import TimeExpr, parse_expression
from wirewatch.time.resolve import (
    Tense,
    clause_tense,
    find_dates,
    is_calendar_value,
    resolve_expression,
    statement_date,
)

__all__ = [
    "Tense",
    "TimeExpr",
    "clause_tense",
    "find_dates",
    "is_calendar_value",
    "parse_expression",
    "resolve_expression",
    "statement_date",
]
