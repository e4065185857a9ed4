"""The watcher's tables on both backends."""

from __future__ import annotations

import pytest

from wirewatch.errors import StoreError
from wirewatch.store import open_store
from wirewatch.watch.db import FeedState, WatchDb


@pytest.fixture
def db(store_url: str) -> WatchDb:
    open_store(store_url).close()
    return WatchDb(store_url)


def test_feed_state_round_trip(db: WatchDb) -> None:
    assert db.feed("https://a.example/rss") == FeedState("https://a.example/rss")
    state = FeedState("https://a.example/rss", etag='"x"', last_modified="Tue, 02 May 2023 10:00:00 GMT", polls=3)
    db.save_feed(state)
    db.save_feed(state)  # an upsert
    assert db.feed(state.url) == state and db.feeds() == [state]


def test_seen_in_chunks(db: WatchDb) -> None:
    keys = [f"url:https://a.example/{i}" for i in range(1_200)]
    db.mark_seen(keys[::2], "F", None)
    assert db.seen(keys) == set(keys[::2])
    assert db.seen([]) == set()


def test_alerts_are_unique_by_name_and_removed_with_their_deliveries(db: WatchDb) -> None:
    db.add_alert("a", "Peskov", None, None, "-")
    with pytest.raises(StoreError):
        db.add_alert("a", "Lavrov", None, None, "-")
    assert [a.name for a in db.alerts()] == ["a"]
    assert db.remove_alert("a") and not db.remove_alert("a") and db.alerts() == []


def test_opening_twice_keeps_the_tables(store_url: str) -> None:
    open_store(store_url).close()
    with WatchDb(store_url) as a:
        a.add_alert("x", None, "y", None, "-")
    with WatchDb(store_url) as b, WatchDb(store_url, create=False) as c:
        assert [x.name for x in b.alerts()] == ["x"] and c.exists()
