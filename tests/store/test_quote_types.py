"""Attribution types in the store: written, read back, filtered, and counted on people pages.

Run against every backend (SQLite always; PostgreSQL with WIREWATCH_TEST_PG).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from wirewatch.store import QuoteFilter, Store, open_store
from wirewatch.store.schema import MIGRATIONS

from .builders import Q, build_record

TEXT = (
    "Dmitry Peskov said the talks would go on. Dmitry Peskov believes the deal is close. "
    "Dmitry Peskov wants a meeting in May."
)


def typed_record() -> dict[str, Any]:
    record = build_record(
        TEXT,
        [
            Q("the talks would go on", "Dmitry Peskov", kind="indirect", cue="said"),
            Q("the deal is close", "Dmitry Peskov", kind="indirect", cue="believes"),
            Q("a meeting in May", "Dmitry Peskov", kind="indirect", cue="wants"),
        ],
    )
    for q, t in zip(record["quotes"], ("statement", "belief", "intention"), strict=True):
        q["type"] = t
    return record


def test_type_round_trip_and_filter(empty_store: Store) -> None:
    s = empty_store
    s.add_article(typed_record())
    hits = s.search_quotes(order="oldest")
    assert [(h.text, h.type) for h in hits] == [
        ("the talks would go on", "statement"),
        ("the deal is close", "belief"),
        ("a meeting in May", "intention"),
    ]
    assert [h.text for h in s.search_quotes(QuoteFilter(type="belief"))] == ["the deal is close"]
    assert [h.text for h in s.search_quotes(QuoteFilter(type="intention", text="meeting"))] == ["a meeting in May"]
    assert s.search_quotes(QuoteFilter(type="belief", text="talks")) == []
    assert s.search_quotes(QuoteFilter(type="statement"))[0].to_dict()["type"] == "statement"


def test_people_count_statements_unless_told(empty_store: Store) -> None:
    s = empty_store
    s.add_article(typed_record())
    (row,) = s.people()
    assert row.name == "Dmitry Peskov" and row.quote_count == 1
    (every,) = s.people(quote_type=None)
    assert every.quote_count == 3
    assert s.people(quote_type="belief")[0].quote_count == 1
    detail = s.person(row.id)
    assert detail is not None and detail.person.quote_count == 1
    detail_all = s.person(row.id, quote_type=None)
    assert detail_all is not None and detail_all.person.quote_count == 3
    assert [(b.month, b.count) for b in s.timeline(row.id)] == [("2024-03", 1)]
    assert [(b.month, b.count) for b in s.timeline(row.id, quote_type=None)] == [("2024-03", 3)]


def test_record_without_types_stores_statements(empty_store: Store) -> None:
    record = typed_record()
    for q in record["quotes"]:
        del q["type"]
    empty_store.add_article(record)
    assert {h.type for h in empty_store.search_quotes()} == {"statement"}


def test_migration_gives_old_rows_statement(tmp_path: Path) -> None:
    """A database made before version 4 keeps its quotes, each a statement."""
    path = tmp_path / "old.db"
    with open_store(str(path)) as s:
        s.add_article(typed_record())
    con = sqlite3.connect(path)
    # back to version 3: the column and its index as they were
    con.executescript(
        "DROP INDEX quotes_person; ALTER TABLE quotes DROP COLUMN type;"
        " CREATE INDEX quotes_person"
        " ON quotes(speaker_key, speaker_type, date, speaker_role, speaker_name, article_id);"
        " DELETE FROM schema_migrations WHERE version = 4;"
    )
    con.commit()
    con.close()
    with open_store(str(path)) as s:
        assert s.schema_versions() == [m.version for m in MIGRATIONS]
        assert [h.type for h in s.search_quotes()] == ["statement"] * 3
        assert s.people()[0].quote_count == 3
