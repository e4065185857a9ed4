"""What every store shares: the value types it returns, the :class:`Store` protocol, and the
small pure helpers (name folding, evidence windows, search-term quoting) that make SQLite and
PostgreSQL behave the same.

Values returned by a store are frozen dataclasses with a ``to_dict()``; the HTTP layer turns them
into pydantic models at the edge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol, runtime_checkable

_EVIDENCE_MAX = 700
_SENTENCE_END = re.compile(r"[.!?]+[\"”’»)]*(?=\s|$)|\n")
_WORD = re.compile(r"\w+")

EntityKind = Literal["person", "organization"]
AddStatus = Literal["stored", "duplicate", "near_duplicate"]


# -- pure helpers ----------------------------------------------------------------------------------


def fts_query(text: str) -> str | None:
    """Turn free user text into a safe FTS5 query: every word a quoted term, all required.

    FTS5 syntax (``AND``, ``OR``, ``NEAR``, ``"``, ``(``, ``*``, ``col:``) in the input is thus
    treated as plain words, so no input can raise a syntax error. Returns ``None`` when the text
    holds no word at all.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def like_escape(value: str) -> str:
    """Escape ``%``, ``_`` and the escape character itself for ``LIKE ... ESCAPE '\\'``."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def evidence(text: str, start: int, end: int) -> str:
    """The sentence-ish context of ``text[start:end]``: from the previous sentence end (or line
    start) before ``start`` to the next one at or after ``end``, trimmed to a readable length."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    # Search from end - 1 so that a quote ending in its own full stop closes the sentence there.
    stop = _SENTENCE_END.search(text, max(start, end - 1))
    if stop:
        right = stop.end() if stop.group() != "\n" else stop.start()
    snippet = text[left:right].strip()
    if len(snippet) > _EVIDENCE_MAX:
        snippet = snippet[: _EVIDENCE_MAX - 1].rstrip() + "…"
    return snippet


# -- values ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteHit:
    """One stored quote with what a reader needs to check it against its article."""

    article_id: str
    quote_id: str | None
    text: str
    kind: str | None
    speaker_name: str | None
    speaker_mention: str | None
    speaker_role: str | None
    cue: str | None
    addressee: str | None
    date: str | None
    confidence: float | None
    headline: str | None
    published: str | None
    source_path: str | None
    start: int | None
    end: int | None
    evidence: str
    """The sentence(s) around the quote, cut from the article text (usually includes the cue)."""
    person_id: int | None = None
    """The merged person (or organisation) the speaker belongs to, if named."""
    agency: str | None = None
    url: str | None = None
    type: str = "statement"
    """The attribution type: ``statement``, ``belief``, ``intention`` or ``act``."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PersonRow:
    """A person (or organisation) merged across articles and spellings."""

    name: str
    """The preferred spelling: a full name before a bare surname, then the most frequent."""
    key: str
    quote_count: int
    article_count: int
    roles: tuple[str, ...]
    names: tuple[str, ...]
    """Every spelling seen, most frequent first."""
    id: int = 0
    type: str = "person"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["roles"] = list(self.roles)
        d["names"] = list(self.names)
        return d


@dataclass(frozen=True)
class RoleSpan:
    """A role a person was given, and the first and last date it was seen."""

    role: str
    first: str | None
    last: str | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PersonDetail:
    """One merged person: names, roles over time, counts."""

    person: PersonRow
    aliases: tuple[str, ...]
    """Every name key that resolves to this person."""
    roles: tuple[RoleSpan, ...]
    first: str | None
    last: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person.to_dict(),
            "aliases": list(self.aliases),
            "roles": [r.to_dict() for r in self.roles],
            "first": self.first,
            "last": self.last,
        }


@dataclass(frozen=True)
class MergeRow:
    """A merge of one person into another; ``undone_at`` is set once it was undone."""

    id: int
    type: str
    from_person: int
    from_name: str
    into_person: int
    into_name: str
    keys: tuple[str, ...]
    reason: str
    automatic: bool
    created_at: str
    undone_at: str | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["keys"] = list(self.keys)
        return d


@dataclass(frozen=True)
class CopyRow:
    """A republished copy of a stored article: where it was seen and how alike it was."""

    article_id: str
    copy_id: str
    source_path: str | None
    url: str | None
    kind: str
    """``exact`` (same normalised body) or ``near`` (MinHash similarity over the threshold)."""
    similarity: float
    added_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Statement = tuple[str, Sequence[Any]]
"""One SQL statement with ``?`` placeholders and its parameters."""


@dataclass(frozen=True)
class SideWrites:
    """Statements written in the same transaction as one record (:meth:`Store.add_many`'s
    ``side``): ``always`` whatever storing the record did, ``if_stored`` only when it was stored
    as a new article (not a copy). Each should be idempotent (``ON CONFLICT DO NOTHING``)."""

    always: tuple[Statement, ...] = ()
    if_stored: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class AddResult:
    """What storing one record did."""

    status: AddStatus
    article_id: str
    """The stored article's id: the record's own, or the canonical one it is a copy of."""
    similarity: float = 1.0

    @property
    def stored(self) -> bool:
        return self.status == "stored"


@dataclass(frozen=True)
class TimelineBucket:
    """Quotes of one person in one month (``YYYY-MM``; ``None`` for undated)."""

    month: str | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CoMention:
    """How often a speaker mentioned a person inside their quotes."""

    speaker_id: int
    speaker: str
    mentioned_id: int | None
    mentioned: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EventRow:
    """One stored event with the article it was found in."""

    article_id: str
    kind: str | None
    text: str | None
    date: str | None
    date_inferred: bool
    place: str | None
    participants: tuple[str, ...]
    topic: str | None
    headline: str | None
    start: int | None
    end: int | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["participants"] = list(self.participants)
        return d


@dataclass(frozen=True)
class ArticleRow:
    """An article's listing line (no text)."""

    id: str
    headline: str | None
    published: str | None
    source_path: str | None
    url: str | None
    agency: str | None
    place: str | None
    quote_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QuoteFilter:
    """Every filter a quote search takes; all given filters must hold.

    ``text``: all words occur in the quote (case and diacritics ignored). ``speaker``: a phrase of
    the speaker's name or of the words naming them (``Peskov``, ``spokesman``), widened to every
    spelling merged into the same person. ``person``: a person id. ``organization``/``place``:
    the article names it. ``agency``: the dateline's agency. ``date_from``/``date_to``: ISO dates
    (inclusive) of the statement, or of the article when the quote has none. ``type``: the
    attribution type (``statement``, ``belief``, ``intention``, ``act``); None for every type.
    """

    text: str | None = None
    speaker: str | None = None
    person: int | None = None
    kind: str | None = None
    organization: str | None = None
    place: str | None = None
    agency: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class StatementRow:
    """One statement: the same words by one speaker, however many articles report them."""

    id: int
    text: str
    """The canonical text: the longest complete report."""
    speaker_name: str | None
    speaker_key: str
    speaker_type: str
    report_count: int
    article_count: int
    first_date: str | None
    last_date: str | None
    complete: bool = True
    """Whether the canonical text is whole (no report without an ellipsis was seen: False)."""
    person_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StatementFilter:
    """What a statements listing keeps: ``speaker`` (a name, widened to the merged person),
    ``text`` (all words occur in one of its reports), a period (``date_from``/``date_to``: it was
    reported within it) and ``min_reports``."""

    speaker: str | None = None
    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_reports: int = 1


@dataclass(frozen=True)
class StatementCandidate:
    """A statement found by the key index for a text, with every distinct wording reported."""

    statement: StatementRow
    shared: int
    """How many of the text's keys it shares."""
    texts: tuple[str, ...]


# -- the protocol ------------------------------------------------------------------------------


@runtime_checkable
class Store(Protocol):
    """What the CLI, the query layer, the HTTP API and the exports need from a store."""

    location: str

    def close(self) -> None: ...
    def release_memory(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
    def schema_versions(self) -> list[int]: ...
    def add_article(self, record: dict[str, Any]) -> bool: ...
    def add_record(self, record: dict[str, Any]) -> AddResult: ...
    def add_many(
        self,
        records: Sequence[dict[str, Any]],
        *,
        dedup: bool = True,
        signatures: Sequence[Any] | None = None,
        side: Sequence[SideWrites] | None = None,
    ) -> list[AddResult]: ...
    def signature(self, record: Mapping[str, Any]) -> Any: ...
    def note_copy(self, article_id: str, source_path: str | None, url: str | None = None) -> bool: ...
    def has_article(self, article_id: str) -> bool: ...
    def article_ids_by_url(self, urls: Sequence[str]) -> dict[str, str]: ...
    def stored_from(self, article_id: str, source_path: str) -> bool: ...
    def get_article(self, article_id: str) -> dict[str, Any] | None: ...
    def search_quotes(
        self,
        filter: QuoteFilter | None = None,
        *,
        text: str | None = None,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
        order: str | None = None,
    ) -> list[QuoteHit]: ...
    def people(
        self, *, limit: int = 100, offset: int = 0, type: str = "person", quote_type: str | None = "statement"
    ) -> list[PersonRow]: ...
    def person(self, person_id: int, *, quote_type: str | None = "statement") -> PersonDetail | None: ...
    def find_person(self, name: str, type: str = "person") -> int | None: ...
    def timeline(self, person_id: int, *, quote_type: str | None = "statement") -> list[TimelineBucket]: ...
    def co_mentions(self, person_id: int | None = None, *, limit: int = 50) -> list[CoMention]: ...
    def merges(self) -> list[MergeRow]: ...
    def merge_people(self, from_person: int, into_person: int, reason: str = "merged by hand") -> MergeRow: ...
    def undo_merge(self, merge_id: int) -> MergeRow: ...
    def copies(self, article_id: str | None = None, *, limit: int = 100) -> list[CopyRow]: ...
    def events(self, *, limit: int = 50, offset: int = 0) -> list[EventRow]: ...
    def articles(self, *, limit: int = 50, offset: int = 0) -> list[ArticleRow]: ...
    def stats(self) -> dict[str, int]: ...
    def statement_candidates(self, text: str, *, limit: int = 10) -> list[StatementCandidate]: ...
    def statements(
        self, filter: StatementFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[StatementRow]: ...
    def statement(self, statement_id: int) -> StatementRow | None: ...
    def statement_reports(self, statement_id: int, *, limit: int = 200) -> list[QuoteHit]: ...
    def iter_table(self, what: str) -> Iterator[dict[str, Any]]: ...
