"""Exports (JSON Lines, CSV, Parquet) on each backend, and the SQLite file read as is."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wirewatch.errors import StoreError
from wirewatch.export import write_export
from wirewatch.store import SqliteStore, Store

from .test_sqlite import kremlin_record, port_record


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store.add_article(kremlin_record())
    empty_store.add_article(port_record())
    return empty_store


def test_jsonl_csv_parquet_quotes(store: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    assert write_export(store, "quotes", "jsonl", out) == 5
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["speaker_name"] for r in rows} >= {"Dmitry Peskov", "Marta Zielinska"}
    assert all(r["person_id"] for r in rows if r["speaker_name"])
    assert write_export(store, "quotes", "csv", tmp_path / "q.csv") == 5
    with (tmp_path / "q.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 5
    assert write_export(store, "quotes", "parquet", tmp_path / "q.parquet") == 5
    table = pq.read_table(tmp_path / "q.parquet")
    assert table.num_rows == 5 and "evidence" not in table.column_names
    assert set(table.column("kind").to_pylist()) == {"direct", "indirect", "mixed"}


def test_articles_and_people(store: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    write_export(store, "articles", "jsonl", out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [kremlin_record(), port_record()]
    assert write_export(store, "articles", "parquet", tmp_path / "a.parquet") == 2
    assert json.loads(pq.read_table(tmp_path / "a.parquet").column("quotes")[0].as_py())[0]["kind"] == "direct"
    assert write_export(store, "people", "parquet", tmp_path / "p.parquet") == 3
    assert write_export(store, "people", "csv", tmp_path / "p.csv") == 3


def test_empty_parquet_and_bad_requests(empty_store: Store, tmp_path: Path) -> None:
    assert write_export(empty_store, "quotes", "parquet", tmp_path / "e.parquet") == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    with pytest.raises(StoreError):
        write_export(empty_store, "quotes", "parquet", io.StringIO())
    with pytest.raises(StoreError):
        write_export(empty_store, "nothing", "csv", io.StringIO())  # type: ignore[arg-type]


def test_sqlite_file_reads_as_is_read_only(tmp_path: Path) -> None:
    """What datasette needs: every table readable with plain sqlite3 in read-only mode."""
    path = tmp_path / "news.db"
    with SqliteStore(path) as s:
        s.add_article(kremlin_record())
        s.add_article(port_record())
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"articles", "quotes", "persons", "person_aliases", "merges", "copies", "lsh_bands"} <= set(tables)
    for table in tables:
        conn.execute(f'SELECT * FROM "{table}"').fetchall()
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")
    conn.close()
    with SqliteStore(path, readonly=True) as ro:
        assert ro.stats()["quotes"] == 5


def test_statements_with_their_reports(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.store import statements

    out = io.StringIO()
    n = write_export(store, "statements", "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    monkeypatch.setattr(statements, "EXPORT_BATCH", 1)  # the speakers looked up a statement at a time
    one_by_one = io.StringIO()
    write_export(store, "statements", "jsonl", one_by_one)
    assert one_by_one.getvalue() == out.getvalue()
    assert all(r["person_id"] for r in rows if r["speaker_key"])
    assert n == len(rows) > 0
    assert all(r["report_count"] == len(r["reports"]) for r in rows)
    assert sum(len(r["reports"]) for r in rows) == store.stats()["quotes"]  # every quote reports one
    assert {r["speaker_name"] for r in rows} >= {"Dmitry Peskov", "Marta Zielinska"}
    assert write_export(store, "statements", "csv", tmp_path / "s.csv") == n
    with (tmp_path / "s.csv").open(encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    assert json.loads(first["reports"])[0]["article_id"] == rows[0]["reports"][0]["article_id"]
    assert write_export(store, "statements", "parquet", tmp_path / "s.parquet") == n
    assert pq.read_table(tmp_path / "s.parquet").column("complete").type == "bool"
