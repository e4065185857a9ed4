"""Frozen value types passed between the pipeline stages.

Every ``start``/``end`` is a character offset (end exclusive) into the text of the document the
value was taken from, so ``text[start:end]`` always shows the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SCHEMA_VERSION = "wirewatch.article/1"

SourceFormat = Literal["text", "html", "feed", "warc", "jsonl"]
ParagraphKind = Literal["headline", "lead", "body", "subheading", "set_aside"]
QuoteKind = Literal["direct", "indirect", "mixed"]
EntityType = Literal["person", "organization", "group", "place", "other"]
# How a speaker was found: the mention is the name itself ("name"), a short form or acronym the
# article ties to the full name ("alias"), a description the article leaves one candidate for
# ("description"), a pronoun ("pronoun"), a spokesperson or official speaking for a body
# ("spokesperson"), a statement, report or book speaking for its issuer ("document"), a paragraph
# continuing the last speaker ("continuation"). "coreference" and "adjacent" are read from
# records stored before the entity stage; nothing produces them any more.
ResolvedBy = Literal[
    "name",
    "alias",
    "description",
    "pronoun",
    "spokesperson",
    "document",
    "continuation",
    "coreference",
    "adjacent",
    "none",
]
# What kind of attribution a quote is: something said or written, something believed, something
# wanted or planned, or something done that PolNeAR counts as an attribution ("unveiled a plan",
# "signed a deal"; see attribution/types.py). Verdicts ("convicted") are no attributions at all.
QuoteType = Literal["statement", "belief", "intention", "act"]


@dataclass(frozen=True)
class Span:
    """A piece of the article text: ``text == article_text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Byline:
    """Who wrote the article: ``authors`` are the writers' names, without "By", "and" or the site.

    ``start``/``end`` span the byline line in the text (``text == article_text[start:end]``);
    both are None when the byline comes only from the page's metadata, and ``text`` is then the
    authors joined by commas. The record's ``byline`` keeps the keys of a :class:`Span`, so readers
    of older records are not broken, and adds ``authors``.
    """

    text: str
    start: int | None
    end: int | None
    authors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "authors": list(self.authors)}


@dataclass(frozen=True)
class RawDocument:
    """One input as read, before any analysis.

    ``text`` is the decoded input, verbatim, for plain text; for HTML, feeds, WARC and JSONL html
    fields it is the extracted main text (headline first when the page names one). ``url`` is the
    page's own address (``source.url`` of the record); ``published`` the date the source states.
    """

    path: str
    text: str
    format: SourceFormat = "text"
    url: str | None = None
    published: date | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    # Metadata a reader found beside the text (HTML meta tags, feed fields, JSONL keys); None
    # for plain text. ``title`` is the headline the structure stage looks for in ``text``.
    title: str | None = None
    author: str | None = None
    site: str | None = None
    language_hint: str | None = None
    # True when an extractor (the HTML reader) has already cut the page down to its main text:
    # the structure stage then sets a paragraph aside only on strong evidence.
    extracted: bool = False


@dataclass(frozen=True)
class Paragraph:
    """One non-blank line (or block) of the text and what it is."""

    start: int
    end: int
    kind: ParagraphKind
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "truncated": self.truncated}


@dataclass(frozen=True)
class Dateline:
    """``MOSCOW, December 9. /TASS/.`` and its parts.

    ``date`` is ISO ``YYYY-MM-DD`` when the year is known or inferred (then ``date_inferred``),
    or ``--MM-DD`` (ISO 8601 without year) when no year can be told.
    """

    text: str
    start: int
    end: int
    place: str | None = None
    date: str | None = None
    date_inferred: bool = False
    agency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "agency": self.agency,
        }


@dataclass(frozen=True)
class Structure:
    """What the structure stage finds: the article's own parts, as spans over the text."""

    headline: Span | None
    byline: Byline | None
    dateline: Dateline | None
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()

    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        """Paragraphs that are article prose (body and lead), in order."""
        return tuple(p for p in self.paragraphs if p.kind in ("body", "lead"))


@dataclass(frozen=True)
class Speaker:
    mention: str | None
    start: int | None
    end: int | None
    name: str | None = None
    entity: str | None = None
    role: str | None = None
    resolved_by: ResolvedBy = "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "entity": self.entity,
            "role": self.role,
            "resolved_by": self.resolved_by,
        }


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    kind: QuoteKind
    speaker: Speaker
    cue: Span | None = None
    addressee: Span | None = None
    date: str | None = None
    confidence: float = 0.5
    type: QuoteType = "statement"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "pieces": [list(p) for p in self.pieces],
            "kind": self.kind,
            "type": self.type,
            "speaker": self.speaker.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "date": self.date,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Entity:
    id: str
    type: EntityType
    name: str
    role: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    # other names the article gives the same entity ("Peskov", "NIESR"), in text order
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "role": self.role,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
        }


@dataclass(frozen=True)
class DateMention:
    """A time expression in the text and the calendar date it means (ISO), if it can be told."""

    text: str
    start: int
    end: int
    value: str | None
    inferred: bool = False
    # TimeML value when the expression is not a calendar date ("now" -> PRESENT_REF, "the 1990s"
    # -> 199); ``value`` then stays null so it always reads as an ISO date, month, week or year
    timex: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "inferred": self.inferred,
            "timex": self.timex,
        }


@dataclass(frozen=True)
class Event:
    kind: str
    text: str
    start: int
    end: int
    date: str | None = None
    date_inferred: bool = False
    place: str | None = None
    participants: tuple[str, ...] = ()
    topic: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "place": self.place,
            "participants": list(self.participants),
            "topic": self.topic,
        }


@dataclass(frozen=True)
class Article:
    """The article record (``wirewatch.article/1``): docs/schema.md, and the JSON Schema
    ``wirewatch/data/article.schema.json``."""

    id: str
    source_path: str
    source_format: SourceFormat
    text: str
    language: str | None
    structure: Structure
    published: str | None
    source_url: str | None = None
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def headline(self) -> Span | None:
        return self.structure.headline

    @property
    def dateline(self) -> Dateline | None:
        return self.structure.dateline

    def to_dict(self) -> dict[str, Any]:
        s = self.structure
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "source": {"path": self.source_path, "format": self.source_format, "url": self.source_url},
            "language": self.language,
            "text": self.text,
            "headline": s.headline.to_dict() if s.headline else None,
            "byline": s.byline.to_dict() if s.byline else None,
            "dateline": s.dateline.to_dict() if s.dateline else None,
            "published": self.published,
            "paragraphs": [p.to_dict() for p in s.paragraphs],
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "dates": [d.to_dict() for d in self.dates],
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
        }
