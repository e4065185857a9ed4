"""The watcher's tables (:data:`wirewatch.store.schema.WATCH_TABLES`) in the article database,
through a connection of their own, like the ingest ledger's (:mod:`wirewatch.batch.ledger`).

The tables are created here when missing. What must be written together with an article (the
entries it settles, the alert outbox rows of its quotes) is not written here but handed to the
store as :class:`~wirewatch.store.SideWrites` (:func:`seen_statements`,
:func:`wirewatch.watch.alerts.outbox_statements`), so it commits in the article's own
transaction. Everything else (feed state, alerts, deliveries) is written here, each in its own
small transaction. Every value reaches the database as a parameter.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from wirewatch.errors import StoreError
from wirewatch.store import is_url
from wirewatch.store.base import Statement
from wirewatch.store.connection import side_connection, side_transaction, utc_now
from wirewatch.store.paramstyle import to_format
from wirewatch.store.schema import POSTGRESQL, SQLITE, WATCH_FEEDS, WATCH_INDEXES, WATCH_TABLES, Dialect


@dataclass(frozen=True)
class FeedState:
    """One row of ``watch_feeds``."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: str | None = None
    last_status: str | None = None
    last_new: str | None = None
    next_poll: str | None = None
    backoff_until: str | None = None
    polls: int = 0
    new_entries: int = 0
    errors: int = 0
    consecutive_errors: int = 0
    last_error: str | None = None
    last_error_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in FEED_COLUMNS}


FEED_COLUMNS = tuple(c.name for c in WATCH_FEEDS.columns)
SEEN_CHUNK = 500
"""Keys looked up per query (a sitemap may list 50,000 URLs; SQLite takes 32,766 parameters)."""


@dataclass(frozen=True)
class AlertRow:
    """A saved search (``alerts``)."""

    id: int
    name: str
    speaker: str | None
    search: str | None
    kind: str | None
    target: str
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("id", "name", "speaker", "search", "kind", "target", "created_at")}


@dataclass(frozen=True)
class Delivery:
    """One outbox row: an alert's match waiting to be (or already) delivered."""

    id: int
    alert: str
    target: str
    payload: str
    """The JSON object delivered, as text."""
    attempts: int
    created_at: str
    last_error: str | None = None
    delivered_at: str | None = None
    dead_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "id",
                "alert",
                "target",
                "payload",
                "attempts",
                "created_at",
                "last_error",
                "delivered_at",
                "dead_at",
            )
        }


def seen_statements(keys: Sequence[str], feed: str, article_id: str | None) -> tuple[Statement, ...]:
    """The statements that mark ``keys`` handled (idempotent)."""
    return tuple(
        (
            "INSERT INTO watch_entries (key, feed, article_id, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO NOTHING",
            (key, feed, article_id, utc_now()),
        )
        for key in keys
    )


class WatchDb:
    """The watcher's tables of one database (SQLite path or PostgreSQL URL).

    ``create=False`` (the web server, which only reads) never creates them: :meth:`exists` then
    says whether the database was ever watched.
    """

    def __init__(self, db: str, *, create: bool = True) -> None:
        self.db = db
        self._pg = is_url(db)
        self.dialect: Dialect = POSTGRESQL if self._pg else SQLITE
        try:
            self._conn: Any = side_connection(db, self._pg, any_thread=True)
            if not self._pg:
                self._conn.execute("PRAGMA foreign_keys=ON")
                self._conn.execute("PRAGMA synchronous=NORMAL")  # as the store: durable across crashes in WAL
            if create and not self.exists():
                with self.transaction():
                    for table in WATCH_TABLES:
                        self._conn.execute(table.create_sql(self.dialect, if_not_exists=True))
                    for index in WATCH_INDEXES:
                        self._conn.execute(index.create_sql(self.dialect).replace("INDEX", "INDEX IF NOT EXISTS", 1))
        except Exception as err:  # sqlite3.Error or psycopg.Error: both mean the same to the caller
            where = "PostgreSQL" if self._pg else db
            raise StoreError(f"{where}: cannot open the watch tables: {err}") from err

    def __enter__(self) -> WatchDb:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()

    def release_memory(self) -> None:
        """Drop the SQLite connection's page cache (see
        :meth:`wirewatch.store.sqlite.SqliteStore.release_memory`); nothing for PostgreSQL."""
        if not self._pg:
            with contextlib.suppress(Exception):
                self._conn.execute("PRAGMA shrink_memory")

    # -- plumbing --------------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the watch tables are there (the database was ever watched)."""
        if self._pg:
            row = self._conn.execute("SELECT to_regclass('alert_outbox') IS NOT NULL").fetchone()
            return bool(row[0])
        row = self._conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alert_outbox'")
        return bool(row.fetchone()[0])

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(to_format(sql) if self._pg else sql, tuple(params))
        except Exception as err:
            raise StoreError(f"watch tables: {err}") from err

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with side_transaction(self._conn, self._pg):
            yield

    # -- feeds and entries -----------------------------------------------------------------------

    def feed(self, url: str) -> FeedState:
        found = self.rows(f"SELECT {', '.join(FEED_COLUMNS)} FROM watch_feeds WHERE url = ?", (url,))
        return FeedState(*found[0]) if found else FeedState(url)

    def feeds(self) -> list[FeedState]:
        return [FeedState(*r) for r in self.rows(f"SELECT {', '.join(FEED_COLUMNS)} FROM watch_feeds ORDER BY url")]

    def save_feed(self, state: FeedState) -> None:
        cols = FEED_COLUMNS
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
        with self.transaction():
            self.execute(
                f"INSERT INTO watch_feeds ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                f" ON CONFLICT (url) DO UPDATE SET {updates}",
                [getattr(state, c) for c in cols],
            )

    def seen(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` are handled already."""
        found: set[str] = set()
        for start in range(0, len(keys), SEEN_CHUNK):
            chunk = list(keys[start : start + SEEN_CHUNK])
            marks = ", ".join("?" * len(chunk))
            found.update(str(r[0]) for r in self.rows(f"SELECT key FROM watch_entries WHERE key IN ({marks})", chunk))
        return found

    def mark_seen(self, keys: Sequence[str], feed: str, article_id: str | None) -> None:
        """Mark entries handled outside an article's transaction (nothing stored for them)."""
        with self.transaction():
            for sql, params in seen_statements(keys, feed, article_id):
                self.execute(sql, params)

    # -- alerts ----------------------------------------------------------------------------------

    def add_alert(self, name: str, speaker: str | None, search: str | None, kind: str | None, target: str) -> None:
        if self.rows("SELECT 1 FROM alerts WHERE name = ?", (name,)):
            raise StoreError(f"an alert named {name!r} exists already (remove it first)")
        with self.transaction():
            self.execute(
                "INSERT INTO alerts (name, speaker, search, kind, target, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (name, speaker, search, kind, target, utc_now()),
            )

    def alerts(self) -> list[AlertRow]:
        rows = self.rows("SELECT pk, name, speaker, search, kind, target, created_at FROM alerts ORDER BY name")
        return [AlertRow(int(r[0]), *r[1:]) for r in rows]

    def remove_alert(self, name: str) -> bool:
        """Remove the alert and its deliveries; ``False`` if there is none of that name."""
        with self.transaction():
            found = self.rows("SELECT pk FROM alerts WHERE name = ?", (name,))
            if not found:
                return False
            self.execute("DELETE FROM alert_outbox WHERE alert_id = ?", (found[0][0],))
            self.execute("DELETE FROM alerts WHERE pk = ?", (found[0][0],))
        return True

    # -- the outbox ------------------------------------------------------------------------------

    _DELIVERY = (
        "SELECT o.pk, a.name, a.target, o.payload_json, o.attempts, o.created_at, o.last_error, o.delivered_at,"
        " o.dead_at FROM alert_outbox o JOIN alerts a ON a.pk = o.alert_id"
    )

    def pending(self, limit: int = 1000) -> list[Delivery]:
        """Deliveries not yet made nor given up, oldest first."""
        rows = self.rows(
            f"{self._DELIVERY} WHERE o.delivered_at IS NULL AND o.dead_at IS NULL ORDER BY o.pk LIMIT ?", (limit,)
        )
        return [_delivery(r) for r in rows]

    def recent(self, limit: int = 20) -> list[Delivery]:
        rows = self.rows(f"{self._DELIVERY} ORDER BY o.pk DESC LIMIT ?", (limit,))
        return [_delivery(r) for r in rows]

    def delivered(self, delivery_id: int, attempts: int) -> None:
        with self.transaction():
            self.execute(
                "UPDATE alert_outbox SET delivered_at = ?, attempts = ? WHERE pk = ?",
                (utc_now(), attempts, delivery_id),
            )

    def failed(self, delivery_id: int, attempts: int, error: str, *, dead: bool) -> None:
        with self.transaction():
            self.execute(
                "UPDATE alert_outbox SET attempts = ?, last_error = ?, dead_at = ? WHERE pk = ?",
                (attempts, error, utc_now() if dead else None, delivery_id),
            )

    def outbox_counts(self) -> dict[str, int]:
        row = self.rows(
            "SELECT count(*), count(delivered_at), count(dead_at) FROM alert_outbox",
        )[0]
        total, delivered, dead = (int(x) for x in row)
        return {"total": total, "delivered": delivered, "dead": dead, "pending": total - delivered - dead}


def _delivery(r: tuple[Any, ...]) -> Delivery:
    return Delivery(int(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), str(r[5]), r[6], r[7], r[8])
