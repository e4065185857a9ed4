"""The watcher's status in the API (``/api/watch``) and the web UI (``/watch``), the page also
in a real headless browser (Playwright driving Debian's Chromium), which takes its screenshot
into test-artifacts/watch.png."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from wirewatch.config import Settings
from wirewatch.serve import create_app
from wirewatch.store import open_store
from wirewatch.watch.db import WatchDb
from wirewatch.watch.deliver import DeliveryOptions
from wirewatch.watch.fetch import FetchOptions
from wirewatch.watch.poller import Watcher, WatchOptions

from .wires import Wires, serve_wires

HOSTILE = '<script>alert("feed")</script>'
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def watched(db: str, wires: Wires, other: Wires, tmp_path: Path) -> None:
    """A database after three polls of a few feeds: new items, a 304, a throttled and a broken
    feed, alerts delivered to a file and one dead-lettered webhook."""
    settings = Settings.load()
    feeds = [
        wires.add_feed("agency-wire", entries=3),
        wires.add_feed("city-desk", entries=1, sitemap=True),
        other.add_feed("throttled", entries=1, mode="429", retry_after="600"),  # another host
        f"{wires.base}/feeds/{HOSTILE}",
    ]
    open_store(db).close()
    with WatchDb(db) as w:
        w.add_alert("hart-direct", "Hart", None, "direct", str(tmp_path / "alerts.jsonl"))
        w.add_alert("winter-hook", None, "winter", None, f"{wires.base}/hook")
    options = WatchOptions(
        every=300,
        fetch=FetchOptions(timeout=5.0),
        delivery=DeliveryOptions(attempts=2, retry_delay=0.01, dead_letter=str(tmp_path / "dead.jsonl")),
    )
    with open_store(db, settings) as store, WatchDb(db) as w, Watcher(store, w, feeds, settings, options) as watcher:
        watcher.poll(force=True)
        wires.grow("agency-wire", 3)
        wires.webhook_fail = 2  # the next delivery fails twice: dead-lettered
        watcher.poll(force=True)
        watcher.poll(force=True)


@pytest.fixture(scope="module")
def watched_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("watched")
    db = str(tmp / "news.db")
    with serve_wires() as wires, serve_wires() as other:
        watched(db, wires, other, tmp)
    yield db


def test_api_status(watched_db: str) -> None:
    body = TestClient(create_app(watched_db)).get("/api/watch").json()
    assert body["watched"] is True
    feeds = {f["url"].split("/feeds/", 1)[1]: f for f in body["feeds"]}
    assert set(feeds) == {"agency-wire", "city-desk", "throttled", HOSTILE}
    assert feeds["agency-wire"]["new_entries"] == 6 and feeds["agency-wire"]["last_status"] == "304"
    assert feeds["agency-wire"]["last_new"] and feeds["agency-wire"]["next_poll"]
    assert feeds["throttled"]["errors"] == 1 and "Retry-After 600" in feeds["throttled"]["last_error"]
    assert feeds["throttled"]["backoff_until"] > feeds["throttled"]["last_poll"]
    assert feeds[HOSTILE]["last_error"] == "HTTP 404"
    assert [a["name"] for a in body["alerts"]] == ["hart-direct", "winter-hook"]
    states = {(d["alert"], d["state"]) for d in body["recent"]}
    assert ("hart-direct", "delivered") in states and ("winter-hook", "dead-lettered") in states
    assert body["outbox"]["dead"] == 1 and body["outbox"]["pending"] == 0


def test_status_page_escapes_what_feeds_say(watched_db: str) -> None:
    page = TestClient(create_app(watched_db)).get("/watch")
    assert page.status_code == 200
    assert HOSTILE not in page.text and "&lt;script&gt;alert(&#34;feed&#34;)&lt;/script&gt;" in page.text
    assert "Jane Hart" in page.text and "dead-lettered" in page.text


def test_an_unwatched_database_has_an_empty_status(tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    open_store(db).close()
    client = TestClient(create_app(db))
    assert client.get("/api/watch").json() == {"watched": False, "feeds": [], "alerts": [], "recent": [], "outbox": {}}
    assert "No feed watched yet" in client.get("/watch").text
    with WatchDb(db, create=False) as w:
        assert not w.exists()  # reading never created the tables


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_status_page_in_a_browser(watched_db: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.serve.conftest import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(watched_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    dialogs: list[Any] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"http://127.0.0.1:{port}/")
            page.click("nav >> text=Watch")
            page.wait_for_selector("table.feeds")
            assert page.locator("h1").inner_text() == "Watch"
            assert page.locator("table.feeds tr.feed").count() == 4
            assert page.locator("table.feeds tr.failing").count() == 2
            assert page.locator("table.recent tr.delivered").count() >= 1
            assert page.locator("table.recent tr.dead-lettered").count() == 1
            assert HOSTILE in page.locator("table.feeds").inner_text()  # shown as text
            page.wait_for_timeout(200)
            assert dialogs == []
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "watch.png"), full_page=True)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
