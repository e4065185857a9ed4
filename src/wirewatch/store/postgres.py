"""The PostgreSQL store (psycopg 3): ``--db postgresql://user@host:5432/dbname``.

Every query and write lives in :class:`~wirewatch.store.sql.SqlStore`; this module adds the
connection, transactions, migrations (:mod:`.schema_pg`) and ``tsvector`` matching. The schema
is created in the connection's ``search_path`` (``?options=-csearch_path%3Dmyschema`` in the URL
picks another schema). Migrations take a transaction-level advisory lock, so two processes
opening a fresh database do not both migrate it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import dict_row

from wirewatch.config import Settings
from wirewatch.errors import StoreError
from wirewatch.store.base import fold_words
from wirewatch.store.schema import Migration
from wirewatch.store.schema_pg import MIGRATIONS
from wirewatch.store.sql import RANK_WINDOW, Row, SqlStore

_LOCK_ID = 0x77697265  # "wire": the advisory lock that serialises migrations


def _placeholders(sql: str) -> str:
    """``?`` -> ``%s`` for psycopg; a literal ``%`` in the SQL text is doubled first."""
    return sql.replace("%", "%%").replace("?", "%s")


def safe_location(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://…"
    info.pop("password", None)
    host = info.get("host", "")
    port = info.get("port", "")
    return f"postgresql://{info.get('user', '')}@{host}{':' + str(port) if port else ''}/{info.get('dbname', '')}"


class PostgresStore(SqlStore):
    """The article store in a PostgreSQL database. Use as a context manager, or call :meth:`close`."""

    migrations = MIGRATIONS
    greatest = "GREATEST"

    def __init__(self, url: str, settings: Settings | None = None) -> None:
        super().__init__(settings)
        self.location = safe_location(url)
        try:
            info = conninfo_to_dict(url)
            info.setdefault("connect_timeout", "10")
            self._conn: psycopg.Connection[Row] = psycopg.connect(
                make_conninfo("", **info),
                autocommit=True,
                row_factory=dict_row,
            )
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: cannot open database: {err}") from err
        try:
            # Like SQLite's synchronous=NORMAL: a commit does not wait for the WAL flush, so a
            # server crash can lose the last few articles (never half of one); re-running the
            # idempotent ingest restores them. Each commit would otherwise cost an fsync.
            self._conn.execute("SET synchronous_commit = off")
            self._migrate()
        except psycopg.Error as err:
            self._conn.close()
            raise StoreError(f"{self.location}: cannot open database: {err}") from err
        except StoreError:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with contextlib.suppress(psycopg.Error):
            self._conn.close()

    def _migrate(self) -> None:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                " applied_at TEXT NOT NULL DEFAULT"
                " (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))"
            )
            applied = {int(r["version"]) for r in self._conn.execute("SELECT version FROM schema_migrations")}

            def run(migration: Migration) -> None:
                self._conn.execute(migration.sql.encode("utf-8"))  # no parameters: many statements at once

            # The outer transaction holds the lock; each migration's own transaction is a savepoint.
            self._migrate_with(applied, run)

    # -- the dialect -----------------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(_placeholders(sql).encode("utf-8"), tuple(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_placeholders(sql).encode("utf-8"), [tuple(r) for r in rows])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        # Pipeline mode sends the statements whose results are not read (quote, entity, alias,
        # band rows) without waiting for each answer: one article costs a few round trips.
        with self._conn.pipeline(), self._conn.transaction():
            yield

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        try:
            with self._conn.transaction(), self._conn.cursor(name="wirewatch_stream") as cur:
                cur.itersize = 2000
                cur.execute(_placeholders(sql).encode("utf-8"), tuple(params))
                yield from cur
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: query failed: {err}") from err

    def _db_errors(self) -> tuple[type[BaseException], ...]:
        return (psycopg.Error,)

    def _quote_extra(self, quote: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "text_fold": " ".join(fold_words(quote.get("text"))),
            "speaker_fold": " ".join(fold_words(quote.get("speaker_name")) + fold_words(quote.get("speaker_mention"))),
        }

    def _text_match(self, words: list[str]) -> tuple[str, list[Any]]:
        return "q.text_tsv @@ plainto_tsquery('simple', ?)", [" ".join(words)]

    def _ranked_sql(self, words: list[str], limit: int, offset: int) -> tuple[str, list[Any]]:
        # ts_rank reads each row's vector, so rank only the newest RANK_WINDOW matches.
        query = " ".join(words)
        return (
            "SELECT w.pk FROM (SELECT q.pk, q.text_tsv FROM quotes q WHERE q.text_tsv @@ plainto_tsquery('simple', ?)"
            " ORDER BY q.pk DESC LIMIT ?) w"
            " ORDER BY ts_rank(w.text_tsv, plainto_tsquery('simple', ?)) DESC, w.pk DESC LIMIT ? OFFSET ?",
            [query, RANK_WINDOW, query, limit, offset],
        )

    def _speaker_match(self, words: list[str]) -> tuple[str, list[Any]]:
        return "q.speaker_tsv @@ phraseto_tsquery('simple', ?)", [" ".join(words)]
