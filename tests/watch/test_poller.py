"""The watcher against a local news site, on SQLite and PostgreSQL: each entry ingested once
over many polls, conditional requests, back-off, bad feeds and pages, alerts once each."""

from __future__ import annotations

import json
from pathlib import Path

from wirewatch.store import open_store
from wirewatch.watch.db import WatchDb

from .conftest import WatcherFactory
from .wires import Wires, serve_wires


def article_urls(db: str) -> list[str]:
    with open_store(db, readonly=True) as store:
        return sorted(str(a.url) for a in store.articles(limit=10_000))


def test_every_new_entry_is_ingested_exactly_once_over_many_polls(
    wires: Wires, make_watcher: WatcherFactory, store_url: str
) -> None:
    rss = wires.add_feed("rss", entries=3)
    sitemap = wires.add_feed("sm", entries=2, sitemap=True, etag=False)
    with make_watcher([rss, sitemap]) as (watcher, errors):
        for i in range(12):
            if i % 2:
                wires.grow("rss")
            if i % 4 == 3:
                wires.grow("sm")
            watcher.poll(force=True)
        progress = watcher.progress
    entries = wires.feeds["rss"].entries + wires.feeds["sm"].entries
    assert errors == []
    assert sorted(wires.pages_served) == sorted(entries) and set(wires.pages_served.values()) == {1}
    assert article_urls(store_url) == sorted(f"{wires.base}/pages/{n}" for n in entries)
    assert progress.new_articles == len(entries) == 3 + 2 + 6 + 3 and progress.copies == 0
    assert wires.feeds["rss"].not_modified == 5  # each poll before which it did not grow (i = 2, 4 ... 10)
    with WatchDb(store_url) as db:
        feeds = {f.url: f for f in db.feeds()}
        assert feeds[rss].polls == 12 and feeds[rss].new_entries == 9 and feeds[rss].last_status in ("200", "304")
        assert feeds[sitemap].new_entries == 5 and feeds[sitemap].errors == 0


def test_a_restart_fetches_nothing_already_handled(wires: Wires, make_watcher: WatcherFactory) -> None:
    rss = wires.add_feed("rss", entries=4, etag=False)  # no 304: the listing is read again each time
    with make_watcher([rss]) as (watcher, _):
        watcher.poll(force=True)
    wires.grow("rss", 2)
    with make_watcher([rss]) as (watcher, _):
        watcher.poll(force=True)
        assert watcher.progress.new_articles == 2
    assert set(wires.pages_served.values()) == {1} and len(wires.pages_served) == 6


def test_the_same_article_in_two_feeds_is_fetched_once(wires: Wires, make_watcher: WatcherFactory) -> None:
    a = wires.add_feed("a", entries=2)
    b = wires.add_feed("b")
    wires.feeds["b"].entries.extend(wires.feeds["a"].entries)  # the same links
    with make_watcher([a, b]) as (watcher, _):
        watcher.poll(force=True)
        watcher.poll(force=True)
        assert watcher.progress.new_articles == 2
    assert set(wires.pages_served.values()) == {1}


def test_a_page_stored_already_is_not_fetched(wires: Wires, make_watcher: WatcherFactory, store_url: str) -> None:
    from wirewatch.models import RawDocument
    from wirewatch.pipeline import extract_document

    rss = wires.add_feed("rss", entries=3)
    ingested = f"{wires.base}/pages/{wires.feeds['rss'].entries[1]}"
    text = "Port reopens\n\nThe harbour master said the port would reopen on Monday."
    record = extract_document(RawDocument(path=ingested, text=text, format="html", url=ingested)).to_dict()
    with open_store(store_url) as store:
        assert store.add_article(record)
    with make_watcher([rss]) as (watcher, errors):
        watcher.poll(force=True)
        watcher.poll(force=True)
        assert watcher.progress.new_articles == 2
    assert errors == [] and wires.feeds["rss"].entries[1] not in wires.pages_served
    assert set(wires.pages_served.values()) == {1} and len(wires.pages_served) == 2


def test_unchanged_feeds_cost_a_304_each(wires: Wires, make_watcher: WatcherFactory) -> None:
    feeds = [wires.add_feed(f"f{i}") for i in range(100)]
    with make_watcher(feeds) as (watcher, errors):
        watcher.poll(force=True)
        watcher.poll(force=True)
        assert watcher.progress.not_modified == 100 and errors == []
    assert all(f.requests == 2 and f.not_modified == 1 for f in wires.feeds.values())


def test_a_throttled_host_is_left_alone_until_retry_after(wires: Wires, make_watcher: WatcherFactory) -> None:
    throttled = wires.add_feed("t", entries=1, mode="429", retry_after="3600")
    with serve_wires() as other:  # another host (port): not held back
        fine = other.add_feed("ok", entries=1)
        with make_watcher([throttled, fine]) as (watcher, errors):
            watcher.poll(force=True)
            other.grow("ok")
            watcher.poll(force=True)
            watcher.poll(force=True)
            assert watcher.progress.new_articles == 2
        assert other.feeds["ok"].requests == 3
    assert wires.feeds["t"].requests == 1  # asked once, then left alone for its Retry-After
    assert errors == [f"{throttled}: HTTP 429; Retry-After 3600 s"]


def test_a_503_backs_off_then_recovers(wires: Wires, make_watcher: WatcherFactory, store_url: str) -> None:
    feed = wires.add_feed("s", entries=1, mode="503", retry_after="0")
    with make_watcher([feed]) as (watcher, errors):
        watcher.poll(force=True)
        wires.feeds["s"].mode = "ok"
        watcher.poll(force=True)  # Retry-After 0: asked again at once
        assert watcher.progress.new_articles == 1 and len(errors) == 1
    with WatchDb(store_url) as db:
        state = db.feed(feed)
    assert state.errors == 1 and state.consecutive_errors == 0 and state.last_error == "HTTP 503; Retry-After 0 s"


def test_each_bad_feed_gives_one_error_and_the_others_go_on(
    wires: Wires, make_watcher: WatcherFactory, store_url: str
) -> None:
    bad = {
        mode: wires.add_feed(f"bad-{mode}", entries=1, mode=mode) for mode in ("malformed", "truncated", "slow", "500")
    }
    missing = f"{wires.base}/feeds/nowhere"
    good = wires.add_feed("good", entries=2)
    with make_watcher([*bad.values(), missing, good], timeout=0.5) as (watcher, errors):
        watcher.poll(force=True)
        assert watcher.progress.new_articles == 2 and watcher.progress.errors == 5
    assert len(errors) == 5
    for url in (*bad.values(), missing):
        assert sum(e.startswith(f"{url}: ") for e in errors) == 1
    assert any("malformed feed" in e for e in errors) and any("timed out" in e for e in errors)
    assert any(e.endswith("HTTP 404") for e in errors)
    with WatchDb(store_url) as db:
        assert {f.url: f.errors for f in db.feeds()} == {**{u: 1 for u in bad.values()}, missing: 1, good: 0}


def test_a_redirected_page_is_stored_under_its_final_url(
    wires: Wires, make_watcher: WatcherFactory, store_url: str
) -> None:
    feed = wires.add_feed("r", entries=1)
    n = wires.feeds["r"].entries[0]
    wires.page_mode[n] = "redirect"
    with make_watcher([feed]) as (watcher, _):
        watcher.poll(force=True)
    assert article_urls(store_url) == [f"{wires.base}/pages/{n + 100000}"]
    with WatchDb(store_url) as db:
        assert db.seen([f"url:{wires.base}/pages/{n}", f"url:{wires.base}/pages/{n + 100000}"]) == {
            f"url:{wires.base}/pages/{n}",
            f"url:{wires.base}/pages/{n + 100000}",
        }


def test_a_failing_page_is_tried_again_at_the_next_poll(
    wires: Wires, make_watcher: WatcherFactory, store_url: str
) -> None:
    feed = wires.add_feed("p", entries=2)
    broken = wires.feeds["p"].entries[0]
    wires.page_mode[broken] = "500"
    with make_watcher([feed]) as (watcher, errors):
        watcher.poll(force=True)
        assert watcher.progress.new_articles == 1
        assert errors == [f"{wires.base}/pages/{broken}: HTTP 500 (entry of {feed}; tried again at the next poll)"]
        wires.page_mode.pop(broken)
        watcher.poll(force=True)  # the feed was not marked as read: no 304, the page is asked again
        assert watcher.progress.new_articles == 2
    assert wires.feeds["p"].not_modified == 0 and wires.pages_served[broken] == 2
    assert len(article_urls(store_url)) == 2


def test_alerts_are_delivered_once_each_to_a_file(
    wires: Wires, make_watcher: WatcherFactory, store_url: str, tmp_path: Path
) -> None:
    feed = wires.add_feed("a", entries=3)
    out = tmp_path / "alerts.jsonl"
    open_store(store_url).close()
    with WatchDb(store_url) as db:
        db.add_alert("hart", "Hart", None, "direct", str(out))
        db.add_alert("winter", None, "winter town", None, str(out))
    with make_watcher([feed]) as (watcher, _):
        for _ in range(4):
            wires.grow("a", 2)
            watcher.poll(force=True)
        watcher.poll(force=True)
        alerts = watcher.progress.alerts
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    pairs = [(x["alert"], x["article_id"], x["quote_ord"]) for x in lines]
    assert len(pairs) == len(set(pairs)) == alerts
    hart = [x for x in lines if x["alert"] == "hart"]
    # every third page is Jane Hart's, with one direct quote: pages 3, 6, 9
    assert sorted(x["url"] for x in hart) == sorted(f"{wires.base}/pages/{n}" for n in (3, 6, 9, 12)[: len(hart)])
    assert all(x["kind"] == "direct" and "Hart" in x["speaker"] for x in hart) and hart
    assert len([x for x in lines if x["alert"] == "winter"]) == 11  # every article's direct quote
    with WatchDb(store_url) as db:
        assert db.outbox_counts() == {"total": alerts, "delivered": alerts, "dead": 0, "pending": 0}


def test_a_failing_webhook_is_retried_then_dead_lettered(
    wires: Wires, make_watcher: WatcherFactory, store_url: str, tmp_path: Path
) -> None:
    feed = wires.add_feed("w", entries=1)
    open_store(store_url).close()
    with WatchDb(store_url) as db:
        db.add_alert("hook", None, "winter", None, f"{wires.base}/hook")
    wires.webhook_fail = 2  # two 500s, then accepted
    with make_watcher([feed], attempts=3) as (watcher, errors):
        watcher.poll(force=True)
        assert len(wires.webhook_bodies) == 1 and wires.webhook_bodies[0]["alert"] == "hook"
        assert wires.webhook_keys[0].startswith("wirewatch-") and errors == []
        wires.webhook_fail = 100  # never accepted again
        wires.grow("w")
        watcher.poll(force=True)
    assert len(wires.webhook_bodies) == 1 and wires.webhook_fail == 100 - 3  # three tries, all failed
    dead = [json.loads(x) for x in (tmp_path / "dead.jsonl").read_text().splitlines()]
    assert len(dead) == 1 and dead[0]["attempts"] == 3 and dead[0]["error"] == "HTTP 500"
    assert dead[0]["payload"]["alert"] == "hook" and "winter" in dead[0]["payload"]["quote"]
    with WatchDb(store_url) as db:
        assert db.outbox_counts() == {"total": 2, "delivered": 1, "dead": 1, "pending": 0}
        [last, first] = db.recent()
        assert first.attempts == 3 and first.delivered_at and last.dead_at and last.last_error == "HTTP 500"


def test_a_dead_webhook_costs_one_delivery_s_tries_per_round(
    wires: Wires, make_watcher: WatcherFactory, store_url: str
) -> None:
    feed = wires.add_feed("d", entries=2)
    open_store(store_url).close()
    with WatchDb(store_url) as db:
        db.add_alert("hook", None, "winter", None, f"{wires.base}/hook")
    wires.webhook_fail = 1000
    with make_watcher([feed], attempts=2) as (watcher, errors):
        watcher.poll(force=True)
        assert wires.webhook_fail == 1000 - 2  # the first delivery's two tries; the second waits
        with WatchDb(store_url) as db:
            assert db.outbox_counts() == {"total": 2, "delivered": 0, "dead": 1, "pending": 1}
        watcher.deliver()
        assert wires.webhook_fail == 1000 - 4
    assert len(errors) == 2 and all("failed 2 times (HTTP 500); written to" in e for e in errors)
