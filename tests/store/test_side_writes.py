"""``add_many(..., side=...)``: statements written in the same transaction as each record, on
both backends (the feed watcher's seen entries and alert outbox rows ride on it)."""

from __future__ import annotations

import pytest

from wirewatch.errors import StoreError
from wirewatch.store import SideWrites, Store

from .builders import Q, build_record

LOG = "CREATE TABLE side_log (record TEXT NOT NULL, what TEXT NOT NULL, UNIQUE (record, what))"
INSERT = "INSERT INTO side_log (record, what) VALUES (?, ?) ON CONFLICT DO NOTHING"


def rec(n: int) -> dict[str, object]:
    text = f"Talks number {n} will go on next week in Geneva, the minister said. “We are ready,” he said."
    return build_record(text, [Q("We are ready", "Jane Hart")], path=f"{n}.txt")


def side(name: str) -> SideWrites:
    return SideWrites(always=((INSERT, (name, "always")),), if_stored=((INSERT, (name, "stored")),))


def log(store: Store) -> list[tuple[str, str]]:
    return sorted((r["record"], r["what"]) for r in store._query("SELECT record, what FROM side_log"))  # type: ignore[attr-defined]


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store._execute(LOG)  # type: ignore[attr-defined]
    return empty_store


def test_side_writes_follow_what_storing_did(store: Store) -> None:
    a, b = rec(1), rec(2)
    results = store.add_many([a, b], side=[side("a"), side("b")])
    assert [r.status for r in results] == ["stored", "stored"]
    again = store.add_many([a], side=[side("a-again")])  # an exact copy: only the "always" part
    assert again[0].status == "duplicate"
    assert log(store) == [("a", "always"), ("a", "stored"), ("a-again", "always"), ("b", "always"), ("b", "stored")]
    single = store.add_many([rec(3)], side=[side("c")])  # one record: the same on PostgreSQL's fast path
    assert single[0].stored and ("c", "stored") in log(store)


def test_a_failing_side_write_takes_its_article_with_it(store: Store) -> None:
    bad = SideWrites(if_stored=(("INSERT INTO side_log (record, what) VALUES (?, ?)", (None, "x")),))
    with pytest.raises(StoreError):
        store.add_many([rec(4)], side=[bad])
    assert not store.has_article(str(rec(4)["id"]))  # one transaction: neither was written
    assert log(store) == []
    assert store.add_many([rec(4)], side=[side("d")])[0].stored  # and the store goes on


def test_side_writes_must_match_the_records(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_many([rec(5)], side=[])
