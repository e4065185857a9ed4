"""The PostgreSQL store (psycopg 3): ``--db postgresql://user@host:5432/dbname``.

Every query and write lives in :class:`~wirewatch.store.sql.SqlStore`; this module adds the
connection, transactions, migrations (rendered from :mod:`.schema`) and ``tsvector`` matching.
The schema is created in the connection's ``search_path`` (``?options=-csearch_path%3Dmyschema``
in the URL picks another schema). Migrations take a transaction-level advisory lock, so two
processes opening a fresh database do not both migrate it. Opened read-only, every transaction
of the connection is ``READ ONLY`` (``default_transaction_read_only``) and nothing is migrated.

Writes are shaped for a networked database, where each round trip costs more than the work it
carries: an article's rows go in one statement, pipelined; a lone new article (``add_record``)
takes one round trip when it decides nothing (no near-duplicate candidate, no one to merge), and
the careful path otherwise; see :meth:`PostgresStore._store_batch`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row

from wirewatch.config import Settings
from wirewatch.errors import StoreError
from wirewatch.names import fold_words, match_key
from wirewatch.store import dedup
from wirewatch.store.base import AddResult, SideWrites
from wirewatch.store.paramstyle import to_format
from wirewatch.store.rows import (
    ARTICLE_COLS,
    ENTITY_COLS,
    EVENT_COLS,
    MENTION_COLS,
    QUOTE_COLS,
    article_row,
    column_list,
    entity_rows,
    event_rows,
    people_rows,
    speaker_types,
)
from wirewatch.store.schema import POSTGRESQL, SCHEMA_MIGRATIONS, Migration
from wirewatch.store.sql import RANK_WINDOW, Row, SqlStore

_LOCK_ID = 0x77697265  # "wire": the advisory lock that serialises migrations
_STATEMENTS_LOCK_ID = 0x73746174  # "stat": the advisory lock that serialises statement updates


# The quote columns PostgreSQL's search adds (see :meth:`PostgresStore._quote_extra`).
_QUOTE_COLS = (*QUOTE_COLS, "text_fold", "speaker_fold")


def _rows_of(table: str, cols: Sequence[str]) -> str:
    """``INSERT INTO table (article_id, cols) SELECT a.id, u.cols FROM a`` and the rows of one
    JSON parameter, typed by the table's own row type."""
    values = ", ".join(f'u."{c}"' for c in cols)
    return (
        f"INSERT INTO {table} (article_id, {column_list(cols)}) SELECT a.id, {values}"
        f" FROM a, json_populate_recordset(NULL::{table}, %s::json) u"
    )


_STORE_SQL = (
    # One statement stores an article and everything derived from it: a new article costs one
    # message, not one per row, and the child rows travel as one JSON array per table. Every
    # part hangs off `a`: when the id is stored already (another writer was first), or when the
    # optimistic checks in `ok` fail, nothing is written and no row comes back for `a`.
    #
    # The names to give an alias (a person each, unless the alias exists by now).
    "WITH n AS (SELECT * FROM json_to_recordset(%s::json) AS n(type text, key text, name text, match_key text,"
    " words int) WHERE NOT EXISTS (SELECT 1 FROM person_aliases x WHERE x.type = n.type AND x.key = n.key)),"
    # Optimistic (first parameter true): write only when the careful path could not decide
    # otherwise: no stored article shares a band (second parameter: whether to look), and no
    # new name has a known alias it might be merged with.
    " ok AS (SELECT NOT %s OR (NOT (%s AND EXISTS (SELECT 1 FROM lsh_bands WHERE (band, hash) IN"
    " (SELECT * FROM unnest(%s::int[], %s::bigint[]))))"
    " AND NOT EXISTS (SELECT 1 FROM n JOIN person_aliases g ON g.type = n.type AND g.match_key = n.match_key))"
    " AS ok),"
    f" a AS (INSERT INTO articles ({column_list(ARTICLE_COLS)}) SELECT {', '.join(['%s'] * len(ARTICLE_COLS))}"
    " WHERE (SELECT ok FROM ok)"
    " ON CONFLICT (id) DO NOTHING RETURNING id),"
    f" q AS ({_rows_of('quotes', _QUOTE_COLS)}),"
    # ON CONFLICT DO NOTHING: a duplicated entity id inside one record is a pipeline slip.
    f" e AS ({_rows_of('entities', ENTITY_COLS)} ON CONFLICT DO NOTHING),"
    f" ev AS ({_rows_of('events', EVENT_COLS)}),"
    f" m AS ({_rows_of('quote_mentions', MENTION_COLS)} ON CONFLICT DO NOTHING),"
    " p AS (INSERT INTO persons (type, name) SELECT n.type, n.name FROM a, n RETURNING id, type, name),"
    " pa AS (INSERT INTO person_aliases (type, key, name, match_key, words, person_id)"
    " SELECT n.type, n.key, n.name, n.match_key, n.words, p.id FROM n JOIN p ON p.type = n.type AND p.name = n.name),"
    " s AS (INSERT INTO article_signatures (article_id, sig) SELECT a.id, %s::bytea FROM a WHERE %s"
    " ON CONFLICT DO NOTHING),"
    " b AS (INSERT INTO lsh_bands (band, hash, article_id) SELECT u.band, u.hash, a.id FROM a,"
    " unnest(%s::int[], %s::bigint[]) u(band, hash) ON CONFLICT DO NOTHING)"
    " SELECT NULL::bigint AS id, NULL::text AS type, NULL::text AS name FROM a"
    " UNION ALL SELECT id, type, name FROM p"
).encode()


def _json_rows(rows: Sequence[Sequence[Any]], cols: Sequence[str]) -> str:
    """Rows (tuples in ``cols`` order) as a JSON array of objects."""
    return json.dumps([dict(zip(cols, r, strict=True)) for r in rows], ensure_ascii=False)


@dataclass
class _Sent:
    """An article whose store statement was sent and whose answer is not read yet."""

    index: int
    record: Mapping[str, Any]
    cursor: Any
    new: list[tuple[str, str, str]]
    pool: dict[tuple[str, str], list[dict[str, Any]]]


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
    """The article store in a PostgreSQL database. Use as a context manager, or call :meth:`close`.

    Opening applies any pending migration; ``readonly=True`` makes every transaction read-only
    and, instead of migrating, refuses a database that has migrations pending.
    """

    dialect = POSTGRESQL
    greatest = "GREATEST"

    def __init__(self, url: str, settings: Settings | None = None, *, readonly: bool = False) -> None:
        super().__init__(settings)
        self.readonly = readonly
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
            if readonly:
                self._conn.execute("SET default_transaction_read_only = on")
                self._require_migrated(self._applied())
            else:
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

    def _applied(self) -> set[int] | None:
        """The migrations applied, or ``None`` when the search path has no ``schema_migrations``."""
        if self._conn.execute("SELECT to_regclass('schema_migrations') AS t").fetchone()["t"] is None:  # type: ignore[index]
            return None
        return {int(r["version"]) for r in self._conn.execute("SELECT version FROM schema_migrations")}

    def _migrate(self) -> None:
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
            self._conn.execute(SCHEMA_MIGRATIONS.create_sql(POSTGRESQL, if_not_exists=True).encode())
            applied = {int(r["version"]) for r in self._conn.execute("SELECT version FROM schema_migrations")}

            def run(migration: Migration) -> None:
                for statement in migration.statements(POSTGRESQL):
                    self._conn.execute(statement.encode())  # no parameters: DDL, % is literal

            # The outer transaction holds the lock; each migration's own transaction is a savepoint.
            self._migrate_with(applied, run)

    # -- the dialect -----------------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(to_format(sql).encode("utf-8"), tuple(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(to_format(sql).encode("utf-8"), [tuple(r) for r in rows])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        # Pipeline mode sends the statements whose results are not read (quote, entity, alias,
        # band rows) without waiting for each answer. BEGIN and COMMIT are queued by hand:
        # psycopg's transaction() inside a pipeline syncs on entry and twice on exit, and each
        # sync is a round trip. An article thus costs one round trip per result read, plus one.
        conn = self._conn
        try:
            with conn.pipeline():
                conn.execute(b"BEGIN")
                # The store statement's plan does not depend on its values: plan it once, not
                # at every execution (PostgreSQL's default re-plans a while for each value).
                conn.execute(b"SET LOCAL plan_cache_mode = force_generic_plan")
                yield
                conn.execute(b"COMMIT")
        except BaseException:
            # An error inside the pipeline leaves the transaction open (aborted or not): end it.
            if conn.info.transaction_status != TransactionStatus.IDLE and not conn.closed:
                with contextlib.suppress(psycopg.Error):
                    conn.execute(b"ROLLBACK")
            raise

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        try:
            with self._conn.transaction(), self._conn.cursor(name="wirewatch_stream") as cur:
                cur.itersize = 2000
                cur.execute(to_format(sql).encode("utf-8"), tuple(params))
                yield from cur
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: query failed: {err}") from err

    def _db_errors(self) -> tuple[type[BaseException], ...]:
        return (psycopg.Error,)

    # -- writing, in few round trips -------------------------------------------------------------

    def _store_batch(
        self, records: Sequence[dict[str, Any]], sigs: Sequence[Any], cache: dict[tuple[str, str], int]
    ) -> list[AddResult]:
        """What :meth:`SqlStore._store_one` does for each record, with the same outcome, in about
        one round trip per article instead of one per statement (a networked database charges
        for each): the reads an article needs (near-duplicate candidates, known aliases) go
        together; everything it writes is one statement (:data:`_STORE_SQL`) whose answer is read
        only when something depends on it: a merge of people, or a copy to record in order.
        """
        if len(records) == 1 and all(s == SideWrites() for s in self._side):  # side writes: the careful path
            fast = self._store_optimistic(records[0], sigs[0], cache)
            if fast is not None:
                return [fast]
        results: list[AddResult | None] = [None] * len(records)
        sent: list[_Sent] = []
        ids = [str(r["id"]) for r in records]
        ours: set[str] = set()  # stored by this batch
        with self._write_transaction():
            # Which ids are stored already: read along with the first article's lookups.
            existing_cur = self._execute("SELECT id FROM articles WHERE id = ANY(?)", [ids])
            existing: set[str] | None = None
            for i, (record, sig) in enumerate(zip(records, sigs, strict=True)):
                article_id = ids[i]
                self._current = article_id
                types = speaker_types(record)
                wanted, mention_rows = people_rows(article_id, record, types)
                todo = self._alias_todo(wanted, cache)
                near_cur = self._execute(*self._near_sql(sig)) if sig is not None and self._threshold < 1.0 else None
                pool_cur = self._execute(*self._alias_pool_sql(todo)) if todo else None
                if existing is None:
                    existing = {str(r["id"]) for r in existing_cur.fetchall()}
                found = self._closest(near_cur.fetchall(), sig, article_id) if near_cur is not None else None
                if found is None and (article_id in existing or article_id in ours):
                    found = (article_id, 1.0)  # what the insert's conflict would tell
                if found is not None:
                    self._settle(sent, results, cache)  # copies are recorded in article order
                    sent = []
                    results[i] = self._copy_of(record, *found)
                    self._write_side(i, False)
                    continue
                pool = self._alias_pool(pool_cur.fetchall(), cache) if pool_cur is not None else {}
                new = [(t, k, n) for t, k, n in todo if (t, k) not in cache]
                cur = self._conn.execute(_STORE_SQL, self._store_params(record, types, mention_rows, new, sig))
                ours.add(article_id)
                self._write_side(i, True)
                for t, k, _ in new:
                    cache[(t, k)] = 0  # stored with this article; the id comes with the answer
                sent.append(_Sent(i, record, cur, new, pool))
                if self._may_merge(new, pool):
                    self._settle(sent, results, cache)
                    sent = []
            # The statements of what this batch stored, in the same transaction.
            self._link_statements(sorted(ours))
        # Committed: what is left needs only the answers, which the commit's sync brought.
        self._settle(sent, results, cache)
        return [r for r in results if r is not None]

    def _store_optimistic(
        self, record: dict[str, Any], sig: Any, cache: dict[tuple[str, str], int]
    ) -> AddResult | None:
        """One article in one round trip (BEGIN, :data:`_STORE_SQL`, COMMIT), when it is new and
        decides nothing: no stored article shares a band with it, and none of its new names can
        be merged with anyone. Otherwise nothing is written (an empty transaction commits) and
        ``None`` sends it down the careful path, which gives the same outcome as before.
        """
        article_id = str(record["id"])
        self._current = article_id
        types = speaker_types(record)
        wanted, mention_rows = people_rows(article_id, record, types)
        todo = self._alias_todo(wanted, cache)
        if self._may_merge(todo, {}):  # two new names that may be one person: decided in Python
            return None
        params = self._store_params(record, types, mention_rows, todo, sig, optimistic=True)
        with self._write_transaction():
            cur = self._conn.execute(_STORE_SQL, params)
            rows = cur.fetchall()
            stored = any(r["id"] is None for r in rows)
            if stored:  # its statements in the same transaction
                self._link_statements([article_id])
        if not stored:
            return None
        pids = {(str(r["type"]), str(r["name"])): int(r["id"]) for r in rows if r["id"] is not None}
        for t, k, n in todo:  # created now, or by another writer meanwhile
            cache[(t, k)] = pids.get((t, n), 0)
        return AddResult("stored", article_id)

    def _settle(self, sent: list[_Sent], results: list[AddResult | None], cache: dict[tuple[str, str], int]) -> None:
        """Read the answers of sent articles: give their new people ids (merging them where
        :meth:`_settle_people` does), and record a copy for any another writer stored first."""
        for s in sent:
            article_id = str(s.record["id"])
            self._current = article_id
            rows = s.cursor.fetchall()
            if any(r["id"] is None for r in rows):
                pids = {(str(r["type"]), str(r["name"])): int(r["id"]) for r in rows if r["id"] is not None}
                self._settle_people(s.new, pids, s.pool, cache)
                results[s.index] = AddResult("stored", article_id)
                continue
            for t, k, _ in s.new:  # nothing was written
                cache.pop((t, k), None)
            if self._conn.info.transaction_status == TransactionStatus.IDLE:
                with self._transaction():  # settled after the commit: a transaction of its own
                    results[s.index] = self._copy_of(s.record, article_id, 1.0)
            else:
                results[s.index] = self._copy_of(s.record, article_id, 1.0)

    def _store_params(
        self,
        record: Mapping[str, Any],
        types: list[str],
        mention_rows: Sequence[tuple[Any, ...]],
        names: Sequence[tuple[str, str, str]],
        sig: Any,
        *,
        optimistic: bool = False,
    ) -> list[Any]:
        """The parameters of :data:`_STORE_SQL`, in order."""
        article_id = str(record["id"])
        quotes = self._quote_rows(article_id, record, types)
        bands = dedup.band_hashes(sig, self._layout) if sig is not None else []
        band_ids, band_hashes = [b for b, _ in bands], [h for _, h in bands]
        people = [
            {"type": t, "key": k, "name": n, "match_key": match_key(t, k), "words": len(k.split())} for t, k, n in names
        ]
        return [
            json.dumps(people, ensure_ascii=False),
            optimistic,
            sig is not None and self._threshold < 1.0,
            band_ids,
            band_hashes,
            *article_row(record),
            json.dumps([{c: q[c] for c in _QUOTE_COLS} for q in quotes], ensure_ascii=False),
            _json_rows([r[1:] for r in entity_rows(article_id, record)], ENTITY_COLS),
            _json_rows([r[1:] for r in event_rows(article_id, record)], EVENT_COLS),
            _json_rows([r[1:] for r in mention_rows], MENTION_COLS),
            dedup.to_bytes(sig) if sig is not None else None,
            sig is not None,
            band_ids,
            band_hashes,
        ]

    def _lock_statements(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_STATEMENTS_LOCK_ID,))

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
