"""The server's pool of stores, its listing cache and its HTTP caching headers (SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import wirewatch
from wirewatch.serve import create_app
from wirewatch.serve.pool import ChangeWatch, ListingCache, StorePool, open_reader
from wirewatch.store import open_store

from .conftest import fill

EXTRA = (
    "Mayor opens bridge\n\n"
    'OSLO, June 3 (Reuters) - "The bridge is open to everyone," mayor Ingrid Dahl said on Monday.\n'
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "served.db")
    fill(path)
    return path


def test_people_and_counts_are_cached_until_the_database_changes(db: str) -> None:
    with TestClient(create_app(db)) as client:
        before = client.get("/api/people").json()
        assert client.get("/api/people").json() == before
        assert client.get("/api/stats").json()["counts"]["articles"] == 3
        with open_store(db) as store:  # another process writing, as `wirewatch ingest` does
            store.add_article(wirewatch.extract(EXTRA, published="2024-06-03", path="extra.txt").to_dict())
        after = client.get("/api/people").json()
        assert any(p["name"].endswith("Dahl") for p in after) and after != before
        assert client.get("/api/stats").json()["counts"]["articles"] == 4
        assert "Dahl" in client.get("/people").text


def test_listing_cache_hits_and_invalidation(db: str) -> None:
    watch = ChangeWatch(db)
    cache = ListingCache(watch, size=2)
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name

    assert cache.get(("a",), lambda: compute("a")) == "a"
    assert cache.get(("a",), lambda: compute("a")) == "a"
    assert calls == ["a"] and cache.hits == 1
    cache.get(("b",), lambda: compute("b"))
    cache.get(("c",), lambda: compute("c"))  # beyond size 2: "a" is dropped
    cache.get(("a",), lambda: compute("a"))
    assert calls == ["a", "b", "c", "a"]
    with open_store(db) as store:
        store.add_article(wirewatch.extract(EXTRA, published="2024-06-03", path="extra.txt").to_dict())
    cache.get(("a",), lambda: compute("a"))
    assert calls[-1] == "a" and len(calls) == 5
    watch.close()


def test_no_cache_without_a_change_counter() -> None:
    cache = ListingCache(ChangeWatch("postgresql://nowhere/db"))
    calls: list[int] = []
    for _ in range(2):
        cache.get(("x",), lambda: calls.append(1))
    assert len(calls) == 2


def test_pool_lends_each_store_once_and_drops_failed_ones(db: str) -> None:
    pool = StorePool(lambda: open_reader(db), max_idle=1)
    a = pool.acquire()
    b = pool.acquire()
    assert a is not b
    pool.release(a)
    pool.release(b)  # beyond max_idle: closed
    assert pool.acquire() is a
    pool.release(a, healthy=False)
    assert pool.take_idle() is None
    c = pool.acquire()
    assert c.stats()["articles"] == 3
    pool.release(c)
    pool.close()
    assert pool.take_idle() is None


def test_read_only_store_cannot_write(db: str) -> None:
    store = open_reader(db)
    with pytest.raises(wirewatch.WirewatchError):
        store.add_article(wirewatch.extract(EXTRA, published="2024-06-03", path="extra.txt").to_dict())
    store.close()


def test_etag_revalidation_and_static_caching(db: str) -> None:
    client = TestClient(create_app(db))
    first = client.get("/api/people")
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache" and tag.startswith('W/"')
    again = client.get("/api/people", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/people", headers={"If-None-Match": tag}).status_code == 200
    assert "etag" not in client.get("/api/people/99999").headers  # errors are not tagged
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "max-age=86400" in css.headers["cache-control"]
