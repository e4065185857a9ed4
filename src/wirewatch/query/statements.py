"""Statements for the CLI, the API and the web pages: a checked filter, one page of the most
reported, and one statement with its chain of reports in time order, each report's words set
against the canonical text."""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.errors import QueryError
from wirewatch.query import Page, _date, _page_args, _text
from wirewatch.store import QuoteHit, Store
from wirewatch.store.base import StatementFilter, StatementRow
from wirewatch.store.wording import Piece, align, shown_words, words


@dataclass(frozen=True)
class Report:
    """One report of a statement, and how its words differ from the canonical text."""

    hit: QuoteHit
    diff: tuple[Piece, ...]
    same: bool
    """Exactly the canonical words."""

    def to_dict(self) -> dict[str, object]:
        return {"quote": self.hit.to_dict(), "same": self.same, "diff": [p.to_dict() for p in self.diff]}


@dataclass(frozen=True)
class StatementView:
    """A statement with its reports, the first (earliest) first."""

    statement: StatementRow
    reports: tuple[Report, ...]

    @property
    def first(self) -> Report | None:
        return self.reports[0] if self.reports else None

    def to_dict(self) -> dict[str, object]:
        return {"statement": self.statement.to_dict(), "reports": [r.to_dict() for r in self.reports]}


def make_statement_filter(
    *,
    speaker: str | None = None,
    text: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_reports: int = 1,
) -> StatementFilter:
    """A checked :class:`StatementFilter`; empty strings mean "no filter"."""
    start, end = _date("from", date_from), _date("to", date_to)
    if start and end and start > end:
        raise QueryError(f"from {start} is after to {end}")
    if min_reports < 1:
        raise QueryError("min_reports must be at least 1")
    return StatementFilter(_text("speaker", speaker), _text("q", text), start, end, int(min_reports))


def list_statements(store: Store, f: StatementFilter, *, limit: int = 20, offset: int = 0) -> Page[StatementRow]:
    """One page of statements, most reported first."""
    limit, offset = _page_args(limit, offset)
    rows = store.statements(f, limit=limit + 1, offset=offset)
    return Page(rows[:limit], limit, offset, len(rows) > limit)


def report_diff(text: str, canonical: str) -> tuple[Piece, ...]:
    """A report's words (ours) against the canonical text's (theirs)."""
    return align(words(text), words(canonical), shown_words(text), shown_words(canonical)).pieces


def statement_view(store: Store, statement_id: int, *, limit: int = 200) -> StatementView | None:
    """A statement and its chain of reports; ``None`` if unknown."""
    row = store.statement(statement_id)
    if row is None:
        return None
    reports = []
    for hit in store.statement_reports(statement_id, limit=limit):
        diff = report_diff(hit.text, row.text)
        reports.append(Report(hit, diff, all(p.op == "equal" for p in diff)))
    return StatementView(row, tuple(reports))
