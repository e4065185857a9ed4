"""What a database's schema really is, read back from the database itself (not from
:mod:`wirewatch.store.schema`), in one shape for SQLite and PostgreSQL so the two can be compared.

A :class:`Schema` holds, per table, its columns (name -> :class:`Col`), primary key, unique
constraints and foreign keys, and, per index, its table and key columns; plus what only one
dialect has (SQLite's virtual tables and triggers). Constraint-backed indexes (SQLite's
``sqlite_autoindex_*``, PostgreSQL's ``*_pkey``/``*_key``) are left out: the constraints stand
for them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

import psycopg


@dataclass(frozen=True)
class Col:
    type: str
    """The declared type, upper case (PostgreSQL: ``information_schema``'s ``data_type``)."""
    not_null: bool
    default: str | None
    generated: str | None = None


@dataclass(frozen=True)
class Idx:
    table: str
    columns: tuple[str, ...]
    """Key columns, with `` DESC`` where descending."""
    include: tuple[str, ...] = ()
    method: str = "btree"
    unique: bool = False


@dataclass
class Schema:
    columns: dict[str, dict[str, Col]] = field(default_factory=dict)
    primary_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unique: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    foreign_keys: dict[str, set[tuple[tuple[str, ...], str, tuple[str, ...], str]]] = field(default_factory=dict)
    """table -> {(columns, referenced table, referenced columns, on delete)}"""
    indexes: dict[str, Idx] = field(default_factory=dict)
    virtual: dict[str, str] = field(default_factory=dict)
    """SQLite virtual tables: name -> CREATE statement (whitespace collapsed)."""
    triggers: dict[str, str] = field(default_factory=dict)


def _squash(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def sqlite_schema(path: str) -> Schema:
    conn = sqlite3.connect(path)
    try:
        s = Schema()
        objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
        virtual = {name for kind, name, _, sql in objects if kind == "table" and sql and "VIRTUAL TABLE" in sql}
        # FTS5's own tables (quotes_fts_data ...) belong to the virtual table.
        shadow = {name for _, name, _, _ in objects if any(name.startswith(v + "_") for v in virtual)}
        for kind, name, _table, sql in objects:
            if kind == "trigger":
                s.triggers[name] = _squash(sql)
            elif kind == "table" and name in virtual:
                s.virtual[name] = _squash(sql)
            elif kind == "table" and name not in shadow and not name.startswith("sqlite_"):
                _sqlite_table(conn, name, s)
        for kind, name, table, sql in objects:
            if kind != "index" or sql is None or table not in s.columns:  # autoindexes have no sql
                continue
            cols = []
            for _, _, cname, desc, _, key in conn.execute(f"PRAGMA index_xinfo('{name}')").fetchall():
                if key:
                    cols.append(cname + (" DESC" if desc else ""))
            unique = bool(
                conn.execute(f"SELECT \"unique\" FROM pragma_index_list('{table}') WHERE name = ?", (name,)).fetchone()[
                    0
                ]
            )
            s.indexes[name] = Idx(table, tuple(cols), unique=unique)
        return s
    finally:
        conn.close()


def _sqlite_table(conn: sqlite3.Connection, table: str, s: Schema) -> None:
    cols: dict[str, Col] = {}
    pk: list[tuple[int, str]] = []
    for _, name, type_, notnull, default, pkpos, _hidden in conn.execute(f"PRAGMA table_xinfo('{table}')"):
        # A key column counts as NOT NULL, as in PostgreSQL (SQLite lets a non-INTEGER key
        # column of a rowid table hold NULL, a quirk kept for compatibility; never used here).
        cols[name] = Col(str(type_).upper(), bool(notnull) or pkpos > 0, default)
        if pkpos:
            pk.append((pkpos, name))
    s.columns[table] = cols
    s.primary_keys[table] = tuple(n for _, n in sorted(pk))
    uniques: set[tuple[str, ...]] = set()
    for _, name, unique, origin, _partial in conn.execute(f"PRAGMA index_list('{table}')"):
        if unique and origin == "u":
            uniques.add(tuple(r[2] for r in conn.execute(f"PRAGMA index_info('{name}')")))
    s.unique[table] = uniques
    fks: dict[int, list[tuple[str, str, str, str]]] = {}
    for fid, _seq, ref, frm, to, _on_update, on_delete, _match in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
        fks.setdefault(fid, []).append((frm, ref, to, on_delete))
    s.foreign_keys[table] = {
        (tuple(r[0] for r in rows), rows[0][1], tuple(r[2] for r in rows), rows[0][3]) for rows in fks.values()
    }


def pg_schema(url: str) -> Schema:
    """The schema of the tables in the first schema of ``url``'s search path."""
    with psycopg.connect(url, autocommit=True) as conn:
        s = Schema()
        here = conn.execute("SELECT current_schema()").fetchone()
        assert here is not None
        schema = here[0]
        for table, name, data_type, nullable, default, generated, expression, identity in conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default, is_generated,"
            " generation_expression, is_identity FROM information_schema.columns"
            " WHERE table_schema = %s ORDER BY table_name, ordinal_position",
            (schema,),
        ):
            kind = data_type.upper() + (" IDENTITY" if identity == "YES" else "")
            gen = expression if generated == "ALWAYS" else None
            s.columns.setdefault(table, {})[name] = Col(kind, nullable == "NO", default, gen)
        for table, kind, cols, ref, ref_cols, on_delete in conn.execute(
            "SELECT c.conrelid::regclass::text, c.contype,"
            " ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)"
            "  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),"
            " c.confrelid::regclass::text,"
            " ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)"
            "  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),"
            " c.confdeltype FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace"
            " WHERE ns.nspname = %s AND c.contype IN ('p', 'u', 'f')",
            (schema,),
        ):
            if kind == "p":
                s.primary_keys[table] = tuple(cols)
            elif kind == "u":
                s.unique.setdefault(table, set()).add(tuple(cols))
            else:
                action = {"c": "CASCADE", "a": "NO ACTION", "r": "RESTRICT", "n": "SET NULL", "d": "SET DEFAULT"}
                s.foreign_keys.setdefault(table, set()).add((tuple(cols), ref, tuple(ref_cols), action[on_delete]))
        for table in s.columns:
            s.primary_keys.setdefault(table, ())
            s.unique.setdefault(table, set())
            s.foreign_keys.setdefault(table, set())
        for name, table, definition, unique, constraint in conn.execute(
            "SELECT i.relname, t.relname, pg_get_indexdef(x.indexrelid), x.indisunique,"
            " EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE ns.nspname = %s",
            (schema,),
        ):
            if constraint:
                continue
            m = re.fullmatch(
                r"CREATE (?:UNIQUE )?INDEX \S+ ON \S+ USING (\w+) \((.*?)\)(?: INCLUDE \((.*)\))?", definition
            )
            assert m, definition
            keys = tuple(_pg_key(k) for k in m.group(2).split(", "))
            include = tuple(m.group(3).split(", ")) if m.group(3) else ()
            s.indexes[name] = Idx(table, keys, include, m.group(1), unique)
        return s


def _pg_key(key: str) -> str:
    """An index key as :class:`Idx` writes it: ``date DESC NULLS LAST`` -> ``date DESC``."""
    key = key.strip().strip('"')
    return key.replace(" NULLS LAST", "").replace('"', "")
