"""The bottom layer of :class:`~wirewatch.store.sql.SqlStore`: one database connection.

:class:`SqlConnection` names what a dialect supplies (statements, transactions, streaming, its
errors), runs queries on top of it, and applies migrations (rendered for its dialect from
:mod:`.schema`), or, opened read-only, checks that none is pending. Statements use ``?``
placeholders, which :mod:`.paramstyle` puts in the driver's style. Every value reaches the
database as a parameter.
"""

from __future__ import annotations

import abc
import contextlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Self

from wirewatch.config import Settings
from wirewatch.errors import StoreError
from wirewatch.store import dedup
from wirewatch.store.schema import MIGRATIONS, Dialect, Migration

# One logger for every layer of SqlStore, under the name it had when the store was one module.
logger = logging.getLogger("wirewatch.store.sql")

Row = Mapping[str, Any]


def utc_now() -> str:
    """Now, as the stores write timestamps: ``2024-03-01T12:00:00Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def side_connection(db: str, postgres: bool, *, any_thread: bool = False) -> Any:
    """A connection of its own for a side table (the batch ledger, the watch tables): psycopg in
    autocommit, or SQLite with explicit BEGIN/COMMIT (``isolation_level=None``) and a busy wait,
    usable from other threads with ``any_thread``."""
    if postgres:
        import psycopg

        return psycopg.connect(db, autocommit=True)
    import sqlite3

    conn = sqlite3.connect(db, timeout=10, isolation_level=None, check_same_thread=not any_thread)
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


@contextlib.contextmanager
def side_transaction(conn: Any, postgres: bool) -> Iterator[None]:
    """A write transaction on a side table's own connection (the batch ledger, the watch
    tables): psycopg's ``transaction()``, or SQLite's ``BEGIN IMMEDIATE`` so a second writer
    waits at the start instead of failing at the commit."""
    if postgres:
        with conn.transaction():
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def marks(n: int) -> str:
    """``?,?,?``: ``n`` placeholders for an ``IN (...)`` list."""
    return ",".join("?" * n)


class SqlConnection(abc.ABC):
    """A store over one database connection. Use as a context manager, or call :meth:`close`."""

    location: str
    """The file path or URL (password removed) the store was opened from, for messages."""
    dialect: Dialect
    migrations: tuple[Migration, ...] = MIGRATIONS
    readonly: bool = False
    """Opened read-only: every write fails, and migrations are never run."""
    greatest: str = "max"
    """The SQL name of the two-argument maximum: ``max`` in SQLite, ``GREATEST`` in PostgreSQL."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        threshold = min(max(self.settings.near_duplicate_percent, 1), 100) / 100
        self._threshold = threshold
        # The bands only pick candidates (each is checked against the real threshold), and
        # datasketch cannot band a threshold near 1: cap the layout's threshold at 0.9.
        self._layout = dedup.layout(min(threshold, 0.9), self.settings.minhash_num_perm)
        # Aliases known to exist (they are never deleted), so a long ingest stops asking for them.
        self._known_aliases: set[tuple[str, str]] = set()
        self._current = ""
        """The id of the article being stored, for error messages."""

    # -- what a dialect supplies -----------------------------------------------------------------

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection (idempotent)."""

    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; return the driver's cursor."""

    @abc.abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """One write transaction: committed on success, rolled back on any exception."""

    def _write_transaction(self) -> AbstractContextManager[None]:
        """The transaction articles are written in (PostgreSQL adds pipelining)."""
        return self._transaction()

    @abc.abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a large result, fetched lazily."""

    @abc.abstractmethod
    def _db_errors(self) -> tuple[type[BaseException], ...]: ...

    # -- what the layers above supply to migrations ----------------------------------------------

    @abc.abstractmethod
    def _backfill(self) -> None:
        """Fill the tables and columns a migration added from the records already stored."""

    @abc.abstractmethod
    def _link_statements(self, article_ids: Sequence[str] | None = None) -> None:
        """Make every stored quote of ``article_ids`` (all articles: None) a report of a statement."""

    @abc.abstractmethod
    def _check_layout(self) -> None:
        """Make the near-duplicate band table match this store's band layout."""

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def release_memory(self) -> None:
        """Give back the memory this connection caches between uses (a long-running writer
        calls it when it goes idle). Nothing to do for a server database: its cache is the
        server's."""
        return None  # not abstract: a dialect with nothing cached needs nothing here

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            rows: list[Row] = self._execute(sql, params).fetchall()
            return rows
        except self._db_errors() as err:
            raise StoreError(f"{self.location}: query failed: {err}") from err

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self._one(sql, params)
        return int(row["n"] or 0) if row else 0

    # -- migrations ------------------------------------------------------------------------------

    def _check_versions(self, applied: set[int]) -> None:
        """Refuse a database made by a newer wirewatch."""
        latest = self.migrations[-1].version
        newer = [v for v in applied if v > latest]
        if newer:
            raise StoreError(
                f"{self.location}: database schema version {max(newer)} is newer than this wirewatch "
                f"supports ({latest}); upgrade wirewatch"
            )

    def _migrate_with(self, applied: set[int], run_sql: Callable[[Migration], None]) -> None:
        """Apply each pending migration: ``run_sql(migration)`` inside a transaction, then the
        backfill (if any) and the bookkeeping row, all in that same transaction."""
        self._check_versions(applied)
        for migration in self.migrations:
            if migration.version in applied:
                continue
            logger.info("%s: applying migration %d (%s)", self.location, migration.version, migration.name)
            with self._transaction():
                run_sql(migration)
                if migration.backfill:
                    self._backfill()
                if migration.link_statements:
                    self._link_statements()
                self._execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                    (migration.version, migration.name_for(self.dialect)),
                )
        self._check_layout()

    def _require_migrated(self, applied: set[int] | None) -> None:
        """For a read-only store: refuse a database with migrations pending (``applied`` is
        ``None`` when it has no ``schema_migrations`` table at all), as a read cannot apply them."""
        self._check_versions(applied or set())
        pending = [m.version for m in self.migrations if m.version not in (applied or set())]
        if not pending:
            return
        if not applied:
            what = "has no wirewatch schema (an empty or foreign database)"
        else:
            what = f"has schema version {max(applied)}, and this wirewatch needs version {self.migrations[-1].version}"
        raise StoreError(
            f"{self.location}: the database {what}; a read-only command never migrates it: run "
            "`wirewatch migrate --db ...` (or a writing command such as `wirewatch ingest`) first"
        )

    def schema_versions(self) -> list[int]:
        """Applied migration versions, ascending."""
        rows = self._query("SELECT version FROM schema_migrations ORDER BY version")
        return [int(row["version"]) for row in rows]
