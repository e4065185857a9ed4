"""The one schema description (:mod:`wirewatch.store.schema`) against what the databases hold.

* The description is consistent (each later column added by the migration it names).
* A fresh database of each dialect has exactly the schema the old, hand-kept DDL gave
  (:mod:`.old_ddl`), and a database made by the old DDL at any earlier version migrates forward
  to it, keeping its rows.
* Parity: a fresh SQLite file and a fresh PostgreSQL schema have the same tables, columns
  (compatible types, nullability, defaults), keys and indexes, but for the differences listed
  in :data:`INTENDED` below. Adding a column (or table, or index) to one store only fails it.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import secrets
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from wirewatch.batch.ledger import Ledger
from wirewatch.names import fold_words
from wirewatch.store import name_key, open_store
from wirewatch.store.paramstyle import to_format
from wirewatch.store.schema import DIALECTS, LATEST_VERSION, MIGRATIONS, TABLES, check

from . import old_ddl
from .introspect import Col, Idx, Schema, pg_schema, sqlite_schema
from .test_sqlite import kremlin_record

# The schema_migrations table as the stores created it before the description.
_OLD_MIGRATIONS_TABLE = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_migrations ( version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
    "postgres": "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT"
    " (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))",
}


def test_the_description_is_consistent() -> None:
    assert check() == []
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert len({t.name for t in TABLES}) == len(TABLES)
    for dialect in DIALECTS:
        for m in MIGRATIONS:
            assert m.statements(dialect), (dialect, m.version)


def test_a_column_added_later_must_be_added_by_its_migration() -> None:
    quotes = next(t for t in TABLES if t.name == "quotes")
    extra = dataclasses.replace(
        quotes, columns=(*quotes.columns, dataclasses.replace(quotes.column("type"), name="colour", since=5))
    )
    tables = tuple(extra if t is quotes else t for t in TABLES)
    assert check(MIGRATIONS, tables) == ["quotes.colour says since=5 but is added by []"]


# -- what each dialect holds -------------------------------------------------------------------


def _old_sqlite(path: Path, upto: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(_OLD_MIGRATIONS_TABLE["sqlite"])
    for version in range(1, upto + 1):
        name, script = old_ddl.SQLITE[version]
        conn.executescript(script)
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
    conn.close()


def _old_pg(url: str, upto: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_OLD_MIGRATIONS_TABLE["postgres"].encode())
        for version in range(1, upto + 1):
            name, script = old_ddl.POSTGRESQL[version]
            conn.execute(script.encode())
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name))


def _old_database(backend: str, where: str, upto: int) -> None:
    if backend == "sqlite":
        _old_sqlite(Path(where), upto)
    else:
        _old_pg(where, upto)


def _schema(backend: str, where: str) -> Schema:
    return sqlite_schema(where) if backend == "sqlite" else pg_schema(where)


@pytest.fixture(params=["sqlite", "postgres"])
def backend_db(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str, str]:
    """(backend, a fresh location, another fresh location) for each backend."""
    if request.param == "sqlite":
        return "sqlite", str(tmp_path / "a.db"), str(tmp_path / "b.db")
    return "postgres", request.getfixturevalue("pg_url"), request.getfixturevalue("other_pg_url")


@pytest.fixture
def other_pg_url(tmp_path: Path) -> Any:
    """A second fresh PostgreSQL schema (the ``pg_url`` fixture gives one per test)."""
    from tests.conftest import PG_URL, pg_admin_execute, with_schema

    schema = f"ww_test_other_{secrets.token_hex(6)}"
    pg_admin_execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(PG_URL, schema)
    finally:
        pg_admin_execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_a_fresh_database_has_the_schema_the_old_ddl_made(backend_db: tuple[str, str, str]) -> None:
    backend, old, new = backend_db
    _old_database(backend, old, LATEST_VERSION)
    open_store(new).close()
    assert _schema(backend, new) == _schema(backend, old)


@pytest.mark.parametrize("upto", range(1, LATEST_VERSION))
def test_a_database_made_by_the_old_ddl_migrates_forward(backend_db: tuple[str, str, str], upto: int) -> None:
    """Made at version ``upto`` by the DDL as it shipped then, with an article in it: opening it
    applies the rest, leaves the schema a fresh database has, and keeps (and backfills) the rows."""
    backend, old, fresh = backend_db
    _old_database(backend, old, upto)
    rec = kremlin_record()
    rows = [
        (rec["id"], i, q["text"], q["speaker"]["name"], name_key(q["speaker"]["name"]), q["date"])
        for i, q in enumerate(rec["quotes"])
    ]
    article = (rec["id"], "old.txt", rec["text"], json.dumps(rec), rec["published"])
    insert_article = "INSERT INTO articles (id, source_path, text, record_json, published) VALUES (?, ?, ?, ?, ?)"
    insert_quote = (
        "INSERT INTO quotes (article_id, ord, text, speaker_name, speaker_key, date) VALUES (?, ?, ?, ?, ?, ?)"
    )
    if backend == "sqlite":
        with sqlite3.connect(old) as conn:
            conn.execute(insert_article, article)
            conn.executemany(insert_quote, rows)
        conn.close()
    else:
        # The PostgreSQL store writes each quote's folded words for search alongside it.
        insert_quote = insert_quote.replace(") VALUES (", ", text_fold, speaker_fold) VALUES (?, ?, ")
        folded = [(*r, " ".join(fold_words(r[2])), " ".join(fold_words(r[3]))) for r in rows]
        with psycopg.connect(old, autocommit=True) as pg:
            pg.execute(to_format(insert_article), article)
            with pg.cursor() as cur:
                cur.executemany(to_format(insert_quote), folded)
    with open_store(old) as s:
        assert s.schema_versions() == list(range(1, LATEST_VERSION + 1))
        assert s.stats()["articles"] == 1
        assert [h.type for h in s.search_quotes(speaker="Peskov")] == ["statement"] * 2
        if upto == 1:  # version 2's backfill: people from the stored records
            assert {p.name for p in s.people()} == {"Dmitry Peskov", "Sergéi Lavróv"}
    open_store(fresh).close()
    assert _schema(backend, old) == _schema(backend, fresh)


# -- parity between the dialects ---------------------------------------------------------------

COMPATIBLE = {"INTEGER": {"INTEGER", "BIGINT"}, "TEXT": {"TEXT"}, "REAL": {"DOUBLE PRECISION"}, "BLOB": {"BYTEA"}}
"""SQLite's declared type -> the PostgreSQL types it may be (``data_type``)."""

INTENDED: dict[str, Any] = {
    # Full-text search: FTS5 external-content tables and the triggers that keep them in step...
    "sqlite_only_tables": {"quotes_fts", "articles_fts"},
    "sqlite_triggers": {f"{t}_{x}" for t in ("quotes", "articles") for x in ("ai", "ad", "au")},
    # ... against tsvector columns generated from folded text, with GIN indexes.
    "pg_only_columns": {("quotes", c) for c in ("text_fold", "speaker_fold", "text_tsv", "speaker_tsv")},
    "pg_only_indexes": {
        "quotes_text_tsv": Idx("quotes", ("text_tsv",), method="gin"),
        "quotes_speaker_tsv": Idx("quotes", ("speaker_tsv",), method="gin"),
        # newest first: PostgreSQL reads an ascending index backwards as NULLS FIRST
        "quotes_newest": Idx("quotes", ("date DESC", "pk DESC")),
        "articles_newest": Idx("articles", ("published DESC", "pk DESC")),
    },
    # SQLite's INTEGER PRIMARY KEY is always the rowid; PostgreSQL numbers it (an identity)
    # except where the store gives the numbers itself.
    "explicit_integer_keys": {("schema_migrations", "version")},
    "sqlite_only_indexes": {"articles_published": Idx("articles", ("published",))},
    # A person's page: SQLite appends the rowid to every index; PostgreSQL needs pk as a key and
    # covers the rest with INCLUDE.
    "different_indexes": {
        "quotes_person": (
            Idx(
                "quotes",
                ("speaker_key", "speaker_type", "date", "speaker_role", "speaker_name", "article_id", "type"),
            ),
            Idx(
                "quotes",
                ("speaker_key", "speaker_type", "date", "pk"),
                include=("speaker_role", "speaker_name", "article_id", "type"),
            ),
        )
    },
}
"""Every way the two stores' schemas are meant to differ (and the types they may differ in,
:data:`COMPATIBLE`). Anything else is a difference :func:`differences` reports."""


def _default(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"::[a-z ]+", "", value).strip("()")
    if re.match(r"(strftime\('%Y-%m-%dT%H:%M:%SZ', 'now'|to_char\(\(now\(\) AT TIME ZONE 'UTC'\))", value):
        return "<utc now>"  # each dialect's spelling of the same text timestamp
    return value


def differences(lite: Schema, pg: Schema) -> list[str]:
    """How ``lite`` (SQLite) and ``pg`` (PostgreSQL) differ beyond :data:`INTENDED`."""
    out: list[str] = []
    tables = set(lite.columns) | set(pg.columns)
    if set(lite.virtual) != INTENDED["sqlite_only_tables"]:
        out.append(f"SQLite virtual tables {sorted(lite.virtual)}")
    if set(lite.triggers) != INTENDED["sqlite_triggers"]:
        out.append(f"SQLite triggers {sorted(lite.triggers)}")
    for table in sorted(tables):
        if table not in lite.columns or table not in pg.columns:
            out.append(f"table {table} only in {'PostgreSQL' if table in pg.columns else 'SQLite'}")
            continue
        a, b = lite.columns[table], pg.columns[table]
        for name in sorted(set(a) | set(b)):
            pg_only = (table, name) in INTENDED["pg_only_columns"]
            if name not in a or name not in b:
                if not (pg_only and name in b and name not in a):
                    out.append(f"column {table}.{name} only in {'PostgreSQL' if name in b else 'SQLite'}")
                continue
            if pg_only:
                out.append(f"column {table}.{name} is meant to be PostgreSQL's only")
            rowid = lite.primary_keys[table] == (name,) and (table, name) not in INTENDED["explicit_integer_keys"]
            out += _column(f"{table}.{name}", a[name], b[name], rowid)
        for what in ("primary_keys", "unique", "foreign_keys"):
            x, y = getattr(lite, what)[table], getattr(pg, what)[table]
            if x != y:
                out.append(f"{table} {what}: SQLite {x}, PostgreSQL {y}")
    for name in sorted(set(lite.indexes) | set(pg.indexes)):
        x, y = lite.indexes.get(name), pg.indexes.get(name)
        if name in INTENDED["different_indexes"]:
            if (x, y) != INTENDED["different_indexes"][name]:
                out.append(f"index {name}: SQLite {x}, PostgreSQL {y}")
        elif name in INTENDED["pg_only_indexes"]:
            if x is not None or y != INTENDED["pg_only_indexes"][name]:
                out.append(f"index {name}: SQLite {x}, PostgreSQL {y}")
        elif name in INTENDED["sqlite_only_indexes"]:
            if y is not None or x != INTENDED["sqlite_only_indexes"][name]:
                out.append(f"index {name}: SQLite {x}, PostgreSQL {y}")
        elif x != y:
            out.append(f"index {name}: SQLite {x}, PostgreSQL {y}")
    return out


def _column(name: str, a: Col, b: Col, rowid_key: bool) -> list[str]:
    out = []
    if rowid_key and a.type == "INTEGER":
        if b.type != "BIGINT IDENTITY":
            out.append(f"column {name}: SQLite's rowid key is {b.type} in PostgreSQL, not an identity")
    elif b.type not in COMPATIBLE.get(a.type, set()):
        out.append(f"column {name}: SQLite {a.type}, PostgreSQL {b.type}")
    if a.not_null != b.not_null:
        out.append(f"column {name}: NOT NULL in {'SQLite' if a.not_null else 'PostgreSQL'} only")
    if _default(a.default) != _default(b.default):
        out.append(f"column {name}: default {a.default!r} in SQLite, {b.default!r} in PostgreSQL")
    if a.generated is not None or b.generated is not None:
        out.append(f"column {name}: generated ({a.generated!r}, {b.generated!r})")
    return out


@pytest.fixture
def both(tmp_path: Path, pg_url: str) -> tuple[Schema, Schema]:
    """A fresh, migrated SQLite file and PostgreSQL schema, ledger included, as they are."""
    lite = str(tmp_path / "parity.db")
    for db in (lite, pg_url):
        open_store(db).close()
        Ledger(db).close()
    return sqlite_schema(lite), pg_schema(pg_url)


def test_sqlite_and_postgresql_schemas_differ_only_as_intended(both: tuple[Schema, Schema]) -> None:
    lite, pg = both
    assert differences(lite, pg) == []
    assert {"articles", "quotes", "batch_ledger", "schema_migrations"} <= set(lite.columns)


def test_parity_fails_for_a_column_in_one_store_only(both: tuple[Schema, Schema]) -> None:
    lite, pg = both
    for schema in (lite, pg):
        changed = copy.deepcopy(schema)
        changed.columns["quotes"]["colour"] = Col("TEXT", False, None)
        pair = (changed, pg) if schema is lite else (lite, changed)
        assert differences(*pair) == [f"column quotes.colour only in {'SQLite' if schema is lite else 'PostgreSQL'}"]
    changed = copy.deepcopy(pg)
    changed.columns["quotes"]["speaker_type"] = Col("INTEGER", False, None)
    assert differences(lite, changed) == ["column quotes.speaker_type: SQLite TEXT, PostgreSQL INTEGER"]
    changed = copy.deepcopy(lite)
    changed.indexes["quotes_cue"] = Idx("quotes", ("cue",))
    assert differences(changed, pg) == [f"index quotes_cue: SQLite {changed.indexes['quotes_cue']}, PostgreSQL None"]
