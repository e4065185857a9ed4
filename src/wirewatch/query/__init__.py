"""Searches and views shared by the CLI, the HTTP API and the web pages.

Each function takes a :class:`~wirewatch.store.Store` and plain values, checks them (a bad value
raises :class:`QueryError`, which the API answers with 400 and the CLI with a one-line error) and
returns frozen values. Pagination is ``limit``/``offset``; a page says whether more follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from wirewatch.errors import QueryError
from wirewatch.query.highlight import Segment, highlight
from wirewatch.store import CoMention, PersonDetail, QuoteFilter, QuoteHit, Store, TimelineBucket

__all__ = [
    "MAX_LIMIT",
    "MAX_TEXT",
    "QUOTE_KINDS",
    "QUOTE_TYPES",
    "ArticleView",
    "Page",
    "QueryError",
    "Segment",
    "Timeline",
    "article_view",
    "highlight",
    "make_filter",
    "quote_type",
    "search",
    "timeline",
]

QUOTE_KINDS = ("direct", "indirect", "mixed")
QUOTE_TYPES = ("statement", "belief", "intention", "act")
"""Attribution types; ``all`` (or nothing) where a filter takes one means every type."""
MAX_LIMIT = 500
MAX_TEXT = 500
"""Longest search string accepted: longer input is an error, not a slow query."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results."""

    items: list[T]
    limit: int
    offset: int
    has_more: bool


@dataclass(frozen=True)
class Timeline:
    """A person's quotes over time: months with counts, and one page of quotes, oldest first."""

    person: PersonDetail
    months: list[TimelineBucket]
    quotes: Page[QuoteHit]
    mentions: list[CoMention]


@dataclass(frozen=True)
class ArticleView:
    """A stored article with its text cut into highlighted segments."""

    record: dict[str, Any]
    segments: list[Segment]


def _date(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _ISO_DATE.fullmatch(value):
        raise QueryError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a calendar date") from None
    return value


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise QueryError(f"{name}: longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise QueryError(f"{name}: contains a NUL character")
    return value.strip()


def make_filter(
    *,
    text: str | None = None,
    speaker: str | None = None,
    person: int | None = None,
    kind: str | None = None,
    organization: str | None = None,
    place: str | None = None,
    agency: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    article: str | None = None,
    type: str | None = None,
) -> QuoteFilter:
    """A checked :class:`QuoteFilter`; empty strings (and type ``all``) mean "no filter"."""
    kind = _text("kind", kind)
    if kind is not None and kind not in QUOTE_KINDS:
        raise QueryError(f"kind: {kind!r} is not one of {', '.join(QUOTE_KINDS)}")
    start, end = _date("from", date_from), _date("to", date_to)
    if start and end and start > end:
        raise QueryError(f"from {start} is after to {end}")
    return QuoteFilter(
        text=_text("q", text),
        speaker=_text("speaker", speaker),
        person=person,
        kind=kind,
        organization=_text("organization", organization),
        place=_text("place", place),
        agency=_text("agency", agency),
        date_from=start,
        date_to=end,
        article=_text("article", article),
        type=quote_type(type, default=None),
    )


def quote_type(value: str | None, *, default: str | None = "statement") -> str | None:
    """A checked attribution type: one of :data:`QUOTE_TYPES`, ``None`` for ``all``, and
    ``default`` when not given (people pages and counts default to statements)."""
    value = _text("type", value)
    if value is None:
        return default
    if value == "all":
        return None
    if value not in QUOTE_TYPES:
        raise QueryError(f"type: {value!r} is not one of {', '.join(QUOTE_TYPES)}, all")
    return value


def _page_args(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    return limit, offset


def search(
    store: Store, filter: QuoteFilter, *, limit: int = 20, offset: int = 0, order: str | None = None
) -> Page[QuoteHit]:
    """One page of quotes matching ``filter``."""
    limit, offset = _page_args(limit, offset)
    if order not in (None, "rank", "newest", "oldest"):
        raise QueryError(f"order: {order!r} is not one of rank, newest, oldest")
    # One row more than asked tells whether another page follows without counting every match.
    hits = store.search_quotes(filter, limit=limit + 1, offset=offset, order=order)
    return Page(hits[:limit], limit, offset, len(hits) > limit)


def timeline(
    store: Store, person_id: int, *, limit: int = 50, offset: int = 0, type: str | None = "statement"
) -> Timeline | None:
    """A person's months, quotes (oldest first) and whom they mention; ``None`` if unknown.

    Counts and quotes are those of attribution type ``type``: statements unless told otherwise,
    every type for ``None``."""
    limit, offset = _page_args(limit, offset)
    if type is not None and type not in QUOTE_TYPES:
        raise QueryError(f"type: {type!r} is not one of {', '.join(QUOTE_TYPES)}")
    person = store.person(person_id, quote_type=type)
    if person is None:
        return None
    quotes = search(store, QuoteFilter(person=person_id, type=type), limit=limit, offset=offset, order="oldest")
    months = store.timeline(person_id, quote_type=type)
    return Timeline(person, months, quotes, store.co_mentions(person_id, limit=20))


def article_view(store: Store, article_id: str) -> ArticleView | None:
    """The stored record and its highlighted text; ``None`` if unknown."""
    record = store.get_article(article_id)
    if record is None:
        return None
    return ArticleView(record, highlight(record))
