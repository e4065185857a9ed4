"""The ledger of inputs an ingest has finished, so that a re-run does only what is left.

One row per input file: its absolute path, size, modification time, a SHA-256 of its bytes, and
the outcome (``stored``: at least one article stored; ``duplicate``: every article was already
there; ``error``: nothing stored, with the reason). A file is *done* when its row's size and
mtime still match, or when its bytes hash the same (a file touched but not changed).
Inputs whose outcome was ``error`` are not done: a re-run reads them again (reading is cheap,
and the cause may have been fixed), so their errors are reported on every run.

The ledger is the table ``batch_ledger`` in the article database itself, opened through its own
connection: it then lives and dies with the articles it describes (a deleted database can never
leave a ledger behind that skips every input), and it works the same for a SQLite file and a
PostgreSQL URL. Its table is described with the store's
(:data:`wirewatch.store.schema.BATCH_LEDGER`) and created, when missing, by the ledger's own
connection. It is written *after* the articles of a batch are committed, so a crash between
the two only means the input is read again; its articles are then found already stored from that
very input, and its row says ``stored``, as if the first run had finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from wirewatch.errors import StoreError
from wirewatch.store.connection import side_connection, side_transaction
from wirewatch.store.paramstyle import to_format
from wirewatch.store.schema import BATCH_LEDGER, POSTGRESQL, SQLITE

Outcome = Literal["stored", "duplicate", "error"]

TABLE = BATCH_LEDGER.name
_COLUMNS = tuple(c.name for c in BATCH_LEDGER.columns if c.name != "done_at")
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputKey:
    """What identifies the content of one input file at one moment."""

    path: str
    """Absolute, symlinks resolved: the same file named two ways is one ledger row."""
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class LedgerEntry:
    """One finished input and what came of it."""

    key: InputKey
    outcome: Outcome
    documents: int
    stored: int
    duplicates: int
    errors: int
    reason: str | None = None


def ledger_path(path: str) -> str:
    """The name an input is kept under in the ledger."""
    return os.path.realpath(path)


def fingerprint(path: str) -> InputKey:
    """Stat and hash ``path`` (streamed, so a large WARC costs no memory). Raises ``OSError``."""
    real = ledger_path(path)
    st = os.stat(real)
    digest = hashlib.sha256()
    with open(real, "rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return InputKey(real, st.st_size, st.st_mtime_ns, digest.hexdigest())


class Ledger:
    """The ``batch_ledger`` table of one database (SQLite path or PostgreSQL URL)."""

    def __init__(self, db: str) -> None:
        from wirewatch.store import is_url

        self.db = db
        self._pg = is_url(db)
        try:
            # explicit BEGIN/COMMIT on SQLite: one transaction per batch of rows
            self._conn: Any = side_connection(db, self._pg)
            self._conn.execute(BATCH_LEDGER.create_sql(POSTGRESQL if self._pg else SQLITE, if_not_exists=True))
        except Exception as err:  # sqlite3.Error or psycopg.Error: both mean the same to the caller
            raise StoreError(f"{db if not self._pg else 'PostgreSQL'}: cannot open the ingest ledger: {err}") from err

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with contextlib.suppress(Exception):
            self._conn.close()

    def get(self, path: str) -> LedgerEntry | None:
        """The row of the input at ``path`` (any spelling of it), or ``None``."""
        cur = self._conn.execute(
            self._sql(f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} WHERE path = ?"), (ledger_path(path),)
        )
        row = cur.fetchone()
        return None if row is None else _entry(tuple(row))

    def is_done(self, path: str) -> LedgerEntry | None:
        """The ledger row if ``path`` was finished (not with an error) and is unchanged since."""
        entry = self.get(path)
        if entry is None or entry.outcome == "error":
            return None
        try:
            st = os.stat(entry.key.path)
            if (st.st_size, st.st_mtime_ns) == (entry.key.size, entry.key.mtime_ns):
                return entry
            if st.st_size != entry.key.size:
                return None
            # Same size, new mtime (copied, touched, restored from backup): the hash decides.
            now = fingerprint(entry.key.path)
        except OSError:
            return None
        if now.sha256 != entry.key.sha256:
            return None
        self.record([LedgerEntry(now, entry.outcome, entry.documents, entry.stored, entry.duplicates, entry.errors)])
        return entry

    def record(self, entries: Sequence[LedgerEntry]) -> None:
        """Write (or overwrite) the rows of ``entries`` in one transaction."""
        if not entries:
            return
        marks = ", ".join(["?"] * (len(_COLUMNS) + 1))
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*_COLUMNS[1:], "done_at"))
        sql = self._sql(
            f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}, done_at) VALUES ({marks})"
            f" ON CONFLICT (path) DO UPDATE SET {updates}"
        )
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = [
            (
                e.key.path,
                e.key.size,
                e.key.mtime_ns,
                e.key.sha256,
                e.outcome,
                e.documents,
                e.stored,
                e.duplicates,
                e.errors,
                e.reason,
                now,
            )
            for e in entries
        ]
        try:
            with self._transaction():
                if self._pg:
                    with self._conn.cursor() as cur:
                        cur.executemany(sql, rows)
                else:
                    self._conn.executemany(sql, rows)
        except Exception as err:  # sqlite3.Error or psycopg.Error
            raise StoreError(f"cannot write the ingest ledger: {err}") from err

    def entries(self) -> Iterator[LedgerEntry]:
        """Every row, by path."""
        cur = self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} ORDER BY path")
        for row in cur.fetchall():
            yield _entry(tuple(row))

    def _sql(self, sql: str) -> str:
        """``sql`` (``?`` marks) in the driver's parameter style."""
        return to_format(sql) if self._pg else sql

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with side_transaction(self._conn, self._pg):
            yield


def _entry(row: tuple[Any, ...]) -> LedgerEntry:
    path, size, mtime_ns, sha, outcome, documents, stored, duplicates, errors, reason = row
    return LedgerEntry(
        InputKey(str(path), int(size), int(mtime_ns), str(sha)),
        outcome,
        int(documents),
        int(stored),
        int(duplicates),
        int(errors),
        reason,
    )
