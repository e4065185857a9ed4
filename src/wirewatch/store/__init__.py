"""Where article records are kept and searched: SQLite (a file) or PostgreSQL (a URL).

:func:`open_store` picks the backend from the ``--db`` value; both implement :class:`Store`
with the same behaviour, and the same test suite runs against both.
"""

from __future__ import annotations

from wirewatch.config import Settings
from wirewatch.names import name_key
from wirewatch.store.base import (
    AddResult,
    ArticleRow,
    CoMention,
    CopyRow,
    EventRow,
    MergeRow,
    PersonDetail,
    PersonRow,
    QuoteFilter,
    QuoteHit,
    RoleSpan,
    SideWrites,
    Store,
    TimelineBucket,
    evidence,
    fts_query,
)
from wirewatch.store.sqlite import SqliteStore

__all__ = [
    "AddResult",
    "ArticleRow",
    "CoMention",
    "CopyRow",
    "EventRow",
    "MergeRow",
    "PersonDetail",
    "PersonRow",
    "QuoteFilter",
    "QuoteHit",
    "RoleSpan",
    "SideWrites",
    "SqliteStore",
    "Store",
    "TimelineBucket",
    "evidence",
    "fts_query",
    "is_url",
    "name_key",
    "open_store",
]

URL_PREFIXES = ("postgresql://", "postgres://")


def is_url(db: str) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a SQLite file."""
    return db.startswith(URL_PREFIXES)


def open_store(db: str, settings: Settings | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating as needed) the store at ``db``: a ``postgresql://`` URL or a
    SQLite file path.

    ``readonly=True`` is for commands that only read: the database is opened read-only (SQLite
    ``mode=ro``, which needs the file to exist; PostgreSQL read-only transactions), nothing is
    migrated, and a database with migrations pending is refused with a :class:`StoreError` that
    says to run ``wirewatch migrate`` (or any writing command) first.
    """
    if is_url(db):
        from wirewatch.store.postgres import PostgresStore

        return PostgresStore(db, settings, readonly=readonly)
    return SqliteStore(db, settings, readonly=readonly)
