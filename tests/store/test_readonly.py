"""Read-only stores (what the reading commands open): they read, never write, never migrate,
and refuse a database whose schema is behind with a message that says what to run. On each
backend."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from wirewatch.cli import cli
from wirewatch.errors import StoreError, WirewatchError
from wirewatch.serve import create_app
from wirewatch.store import open_store
from wirewatch.store.schema import LATEST_VERSION

from .test_schema import _old_database
from .test_sqlite import kremlin_record

READ_COMMANDS = [
    ["quotes"],
    ["people"],
    ["timeline", "Peskov"],
    ["merges"],
    ["copies"],
    ["export", "--what", "articles"],
]


def _versions(db: str) -> list[int]:
    if db.startswith("postgresql://"):
        with psycopg.connect(db) as conn:
            return [int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    with sqlite3.connect(db) as lite:
        rows = lite.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    lite.close()
    return [int(r[0]) for r in rows]


def test_a_read_only_store_reads_and_cannot_write(store_url: str) -> None:
    with open_store(store_url) as s:
        s.add_article(kremlin_record())
    with open_store(store_url, readonly=True) as s:
        assert s.readonly  # type: ignore[attr-defined]
        assert s.stats()["articles"] == 1
        assert [h.speaker_name for h in s.search_quotes(speaker="Peskov")] == ["Dmitry Peskov"] * 2
        assert s.people() and s.schema_versions() == list(range(1, LATEST_VERSION + 1))
        again = dict(kremlin_record(), id="f" * 16, text="Another text altogether, to be stored anew.")
        with pytest.raises(WirewatchError):
            s.add_article(again)
    with open_store(store_url, readonly=True) as s:
        assert s.stats()["articles"] == 1


def test_an_older_schema_is_refused_and_left_as_it_is(store_url: str) -> None:
    _old_database("postgres" if store_url.startswith("postgresql://") else "sqlite", store_url, 3)
    needs = rf"schema version 3, and this wirewatch needs version {LATEST_VERSION}.*wirewatch migrate"
    with pytest.raises(StoreError, match=needs):
        open_store(store_url, readonly=True)
    assert _versions(store_url) == [1, 2, 3]  # not migrated
    for args in READ_COMMANDS:
        result = CliRunner().invoke(cli, [*args, "--db", store_url])
        assert result.exit_code == 1, args
        assert "run `wirewatch migrate --db ...`" in result.output, args
    with pytest.raises(StoreError, match="wirewatch migrate"):
        create_app(store_url)
    assert _versions(store_url) == [1, 2, 3]
    result = CliRunner().invoke(cli, ["migrate", "--db", store_url])
    assert result.exit_code == 0 and f"schema at version {LATEST_VERSION}" in result.output
    with open_store(store_url, readonly=True) as s:
        assert s.stats()["articles"] == 0
    assert CliRunner().invoke(cli, ["quotes", "--db", store_url]).exit_code == 0


def test_a_database_without_a_schema_is_refused_and_not_created(store_url: str) -> None:
    if not store_url.startswith("postgresql://"):
        Path(store_url).touch()  # an empty file: what a reading command may be pointed at
    with pytest.raises(StoreError, match="has no wirewatch schema.*wirewatch migrate"):
        open_store(store_url, readonly=True)
    if store_url.startswith("postgresql://"):
        with psycopg.connect(store_url) as conn:
            row = conn.execute("SELECT to_regclass('schema_migrations')").fetchone()
        assert row == (None,)
    else:
        assert Path(store_url).stat().st_size == 0


def test_postgresql_read_only_transactions(pg_url: str) -> None:
    open_store(pg_url).close()
    with open_store(pg_url, readonly=True) as s:
        assert s._one("SHOW default_transaction_read_only") == {"default_transaction_read_only": "on"}  # type: ignore[attr-defined]
        with pytest.raises(StoreError, match="read-only"):
            s._query("INSERT INTO store_meta (key, value) VALUES ('x', 'y') RETURNING key")  # type: ignore[attr-defined]
