"""Connections for the web server: a pool of open stores and a cache of the costly listings.

Opening a store per request costs more than most requests (SQLite: a connection, pragmas, the
FTS5 probe, the migration check; PostgreSQL: a connection and the migration lock). The pool keeps
stores open between requests instead; a store is lent to one request at a time, so SQLite's
one-thread-at-a-time rule holds, and a store that failed is closed rather than lent again.

Stores are opened read-only (the server never writes, nor migrates; ``wirewatch ingest``,
``wirewatch merge`` and ``wirewatch migrate`` do), SQLite's with the database memory-mapped, so
pages are shared by every connection and every worker process instead of copied into each
connection's page cache.

:class:`ChangeWatch` tells when the database changed: SQLite's ``PRAGMA data_version`` on a
connection of its own moves whenever another connection commits. :class:`ListingCache` keeps the
answers of the listings every visitor asks for alike (people, row counts) until it moves.
PostgreSQL has no such counter, so nothing is cached there.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from wirewatch.config import Settings
from wirewatch.store import SqliteStore, Store, is_url, open_store

logger = logging.getLogger(__name__)

T = TypeVar("T")

MMAP_BYTES = 256 * 1024 * 1024
"""How much of a SQLite database file is memory-mapped (shared by all connections)."""
CACHE_KIB = 16 * 1024
"""Page cache per pooled SQLite connection, in KiB (on top of the shared memory map)."""
MAX_IDLE = 64
"""Most idle stores kept open; more are closed when handed back."""


def open_reader(db: str, settings: Settings | None = None) -> Store:
    """A store for serving: read-only; SQLite's memory-mapped."""
    if is_url(db):
        return open_store(db, settings, readonly=True)
    store = SqliteStore(db, settings, readonly=True)
    try:
        # The dialect hook of SqliteStore: the store has no setting for these pragmas yet.
        store._execute(f"PRAGMA mmap_size={MMAP_BYTES:d}")
        store._execute(f"PRAGMA cache_size=-{CACHE_KIB:d}")
    except sqlite3.Error:
        store.close()
        raise
    return store


class StorePool:
    """Open stores lent to one request at a time (thread-safe)."""

    def __init__(self, opener: Callable[[], Store], max_idle: int = MAX_IDLE) -> None:
        self._opener = opener
        self._max_idle = max_idle
        self._idle: list[Store] = []
        self._lock = threading.Lock()
        self._closed = False

    def take_idle(self) -> Store | None:
        """An idle store, or ``None`` when every open store is lent (never blocks on I/O)."""
        with self._lock:
            return self._idle.pop() if self._idle else None

    def open(self) -> Store:
        """A newly opened store (blocking I/O: call it from a worker thread)."""
        return self._opener()

    def acquire(self) -> Store:
        """An idle store, or a new one."""
        return self.take_idle() or self.open()

    def release(self, store: Store, *, healthy: bool = True) -> None:
        """Hand ``store`` back; it is closed instead when it failed or enough are idle."""
        if healthy:
            with self._lock:
                if not self._closed and len(self._idle) < self._max_idle:
                    self._idle.append(store)
                    return
        store.close()

    def close(self) -> None:
        """Close every idle store; stores handed back later are closed too."""
        with self._lock:
            idle, self._idle, self._closed = self._idle, [], True
        for store in idle:
            store.close()


class ChangeWatch:
    """A number that changes whenever the database changed (``None``: cannot tell)."""

    def __init__(self, db: str) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        if not is_url(db):
            try:
                self._conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
            except sqlite3.Error as err:
                logger.warning("%s: cannot watch for changes, listings are not cached: %s", db, err)

    def version(self) -> int | None:
        """The current change counter of this connection, or ``None`` if unknown."""
        if self._conn is None:
            return None
        try:
            with self._lock:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def close(self) -> None:
        """Close the watching connection (idempotent)."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()


class ListingCache:
    """Answers kept until the database changes (least recently used dropped beyond ``size``)."""

    def __init__(self, watch: ChangeWatch, size: int = 256) -> None:
        self._watch = watch
        self._size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._version: int | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The cached answer for ``key``, or ``compute()`` (kept for later when it can be)."""
        version = self._watch.version()
        if version is None:
            return compute()
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._version = version
            elif key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                value: T = self._items[key]
                return value
            self.misses += 1
        # Computed after the version was read, so it is never older than what it is kept for.
        value = compute()
        with self._lock:
            if self._version == version:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return value
