"""The SQLite store: one file, WAL journal, FTS5 search over quotes and articles.

Every query and write lives in :class:`~wirewatch.store.sql.SqlStore`; this module adds the
connection, transactions, migrations (rendered from :mod:`.schema`) and FTS5 matching. User text reaches FTS5
only as quoted terms, so no input can be an FTS5 syntax error.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from wirewatch.config import Settings
from wirewatch.errors import StoreError
from wirewatch.names import name_key
from wirewatch.store.base import PersonRow, QuoteHit, evidence, fts_query
from wirewatch.store.schema import SCHEMA_MIGRATIONS, SQLITE, Migration
from wirewatch.store.sql import RANK_WINDOW, Row, SqlStore

logger = logging.getLogger(__name__)

__all__ = ["PersonRow", "QuoteHit", "SqliteStore", "evidence", "fts_query", "name_key"]

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another connection's lock before failing."""


class SqliteStore(SqlStore):
    """The article store in one SQLite file. Use as a context manager, or call :meth:`close`.

    Opening creates the file if needed and applies any pending migration. ``readonly=True``
    opens it read-only (``mode=ro``; the file must exist) and, instead of migrating, refuses a
    database that has migrations pending.
    """

    dialect = SQLITE
    greatest = "max"

    def __init__(self, path: str | Path, settings: Settings | None = None, *, readonly: bool = False) -> None:
        super().__init__(settings)
        self.readonly = readonly
        self.path = Path(path)
        self.location = str(self.path)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so the transaction boundary
            # is exactly one article (the sqlite3 module's implicit transactions are not).
            # check_same_thread=False: the web server opens a store per request in a worker
            # thread; a store is still used by one thread at a time.
            # a URI needs "?" and "#" in the file name escaped, or they start its query/fragment
            target = f"file:{urllib.parse.quote(str(self.path))}?mode=ro" if readonly else str(self.path)
            self._conn = sqlite3.connect(
                target,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
                uri=readonly,
            )
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open database: {err}") from err
        self._conn.row_factory = sqlite3.Row
        try:
            self._configure()
            if readonly:
                self._require_migrated(self._applied())
            else:
                self._migrate()
        except sqlite3.Error as err:
            self._conn.close()
            raise StoreError(f"{self.path}: cannot open database: {err}") from err
        except StoreError:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the connection (idempotent)."""
        # Closing twice is harmless; sqlite3 raises only for misuse we do not care about here.
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def release_memory(self) -> None:
        """Drop the connection's page cache (``PRAGMA shrink_memory``).

        The cache (64 MiB at most, :meth:`_configure`) fills with every page a write touches and
        is only ever given back at close, so in a long-running writer it grows with the database
        until it reaches its cap: about 1 MiB per thousand watched articles. Between two polls it
        buys little, since the pages are in the operating system's file cache too, so the
        watcher drops it once a poll is done; within a batch it still keeps index pages hot.
        """
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA shrink_memory")

    def _configure(self) -> None:
        c = self._conn
        # A read-only connection cannot change the journal mode (nor needs to): it reads either.
        mode = c.execute("PRAGMA journal_mode" if self.readonly else "PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal" and not self.readonly:
            logger.warning("%s: journal mode is %s, not WAL", self.path, mode)
        c.execute("PRAGMA foreign_keys=ON")
        c.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS:d}")
        # NORMAL is durable across application crashes in WAL mode; only power loss can drop the
        # last commits, which a re-run of the idempotent ingest restores.
        c.execute("PRAGMA synchronous=NORMAL")
        # 64 MiB of page cache (default 2 MiB): index and FTS inserts stay in memory longer.
        c.execute("PRAGMA cache_size=-65536")
        try:
            c.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
            c.execute("DROP TABLE temp.fts5_probe")
        except sqlite3.OperationalError as err:
            raise StoreError(f"{self.path}: this SQLite has no FTS5 support ({err})") from err

    def _applied(self) -> set[int] | None:
        """The migrations applied, or ``None`` when there is no ``schema_migrations`` table."""
        c = self._conn
        if c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone():
            return {int(row[0]) for row in c.execute("SELECT version FROM schema_migrations")}
        return None

    def _migrate(self) -> None:
        c = self._conn
        c.execute(SCHEMA_MIGRATIONS.create_sql(SQLITE, if_not_exists=True))
        applied = {int(row[0]) for row in c.execute("SELECT version FROM schema_migrations")}

        def run(migration: Migration) -> None:
            for statement in migration.statements(SQLITE):
                c.execute(statement)

        self._migrate_with(applied, run)

    # -- the dialect -----------------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # BaseException too: a KeyboardInterrupt mid-article must not leave it half-written.
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        c.execute("COMMIT")

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        try:
            yield from self._conn.execute(sql, tuple(params))
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: query failed: {err}") from err

    def _db_errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def _fts(self, words: list[str]) -> str:
        return "{text} : (" + " ".join('"' + w + '"' for w in words) + ")"

    def _text_match(self, words: list[str]) -> tuple[str, list[Any]]:
        # FTS5 MATCH needs the table name itself on the left; a subquery keeps it there.
        return "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [self._fts(words)]

    def _ranked_sql(self, words: list[str], limit: int, offset: int) -> tuple[str, list[Any]]:
        # FTS5 reads matches in rowid order and can stop early, and bm25 is computed only for
        # rows past the rowid floor: the newest RANK_WINDOW matches.
        query = self._fts(words)
        return (
            "SELECT rowid AS pk FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid >= (SELECT coalesce(min(rowid), 0)"
            " FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?))"
            " ORDER BY rank LIMIT ? OFFSET ?",
            [query, query, RANK_WINDOW, limit, offset],
        )

    def _speaker_match(self, words: list[str]) -> tuple[str, list[Any]]:
        # A subquery, not a join: the condition may sit inside an OR, where MATCH is not allowed.
        return (
            "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
            ['{speaker_name speaker_mention} : "' + " ".join(words) + '"'],
        )
