"""Pydantic models of the HTTP API's responses (the edge; the store returns dataclasses)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorOut(BaseModel):
    """Every error: a status code and a message saying what was wrong."""

    error: str
    status: int


class QuoteOut(BaseModel):
    article_id: str
    quote_id: str | None
    text: str
    kind: str | None
    speaker_name: str | None
    speaker_mention: str | None
    speaker_role: str | None
    person_id: int | None
    cue: str | None
    addressee: str | None
    date: str | None
    confidence: float | None
    headline: str | None
    published: str | None
    source_path: str | None
    url: str | None
    agency: str | None
    start: int | None
    end: int | None
    evidence: str
    type: str = "statement"
    """The attribution type: statement, belief, intention or act."""


class QuotePage(BaseModel):
    items: list[QuoteOut]
    limit: int
    offset: int
    has_more: bool


class PersonOut(BaseModel):
    id: int
    type: str
    name: str
    key: str
    quote_count: int
    article_count: int
    roles: list[str]
    names: list[str]


class RoleOut(BaseModel):
    role: str
    first: str | None
    last: str | None
    count: int


class MonthOut(BaseModel):
    month: str | None
    count: int


class CoMentionOut(BaseModel):
    speaker_id: int
    speaker: str
    mentioned_id: int | None
    mentioned: str
    count: int


class PersonDetailOut(BaseModel):
    person: PersonOut
    aliases: list[str]
    roles: list[RoleOut]
    first: str | None
    last: str | None


class TimelineOut(BaseModel):
    person: PersonDetailOut
    months: list[MonthOut]
    quotes: QuotePage
    mentions: list[CoMentionOut]


class CopyOut(BaseModel):
    article_id: str
    copy_id: str
    source_path: str | None
    url: str | None
    kind: str
    similarity: float
    added_at: str


class ArticleOut(BaseModel):
    record: dict[str, Any]
    """The record (docs/schema.md) exactly as stored."""
    copies: list[CopyOut]


class ArticleRowOut(BaseModel):
    id: str
    headline: str | None
    published: str | None
    source_path: str | None
    url: str | None
    agency: str | None
    place: str | None
    quote_count: int


class EventOut(BaseModel):
    article_id: str
    kind: str | None
    text: str | None
    date: str | None
    date_inferred: bool
    place: str | None
    participants: list[str]
    topic: str | None
    headline: str | None
    start: int | None
    end: int | None


class MergeOut(BaseModel):
    id: int
    type: str
    from_person: int
    from_name: str
    into_person: int
    into_name: str
    keys: list[str]
    reason: str
    automatic: bool
    created_at: str
    undone_at: str | None


class StatsOut(BaseModel):
    counts: dict[str, int]


class StatementOut(BaseModel):
    id: int
    text: str
    speaker_name: str | None
    speaker_key: str
    speaker_type: str
    report_count: int
    article_count: int
    first_date: str | None
    last_date: str | None
    complete: bool
    person_id: int | None


class PieceOut(BaseModel):
    """One stretch of a word diff: ``equal``, ``added`` (in ours only), ``dropped`` (in theirs
    only) or ``changed``; ``ours`` are the words checked (or the later report), ``theirs`` the
    stored ones (or the canonical text)."""

    op: str
    ours: list[str]
    theirs: list[str]


class MatchOut(BaseModel):
    statement: StatementOut
    wording: str
    score: float
    coverage: float
    speaker_matches: bool | None
    diff: list[PieceOut]


class CheckOut(BaseModel):
    """A quotation checked: the verdict, the best match with its diff, the ranked candidates and
    the best statement's first report (its evidence offsets into the article)."""

    text: str
    speaker: str | None
    verdict: str
    reason: str
    best: MatchOut | None
    matches: list[MatchOut]
    first: QuoteOut | None


class StatementPage(BaseModel):
    items: list[StatementOut]
    limit: int
    offset: int
    has_more: bool


class ReportOut(BaseModel):
    quote: QuoteOut
    same: bool
    diff: list[PieceOut]


class StatementDetailOut(BaseModel):
    statement: StatementOut
    reports: list[ReportOut]
