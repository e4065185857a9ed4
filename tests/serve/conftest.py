"""A served store: articles from the real pipeline (plus one hostile article) on each backend."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

import wirewatch
from wirewatch.serve import create_app
from wirewatch.store import open_store

ARTICLES = [
    (
        "Kremlin says talks will go on\n\n"
        "MOSCOW, December 9. /TASS/. Kremlin spokesman Dmitry Peskov said on Friday that the talks would "
        'continue next week. "We are ready to meet in Geneva," Peskov told reporters.\n',
        "2016-12-09",
    ),
    (
        "No date for summit yet\n\n"
        'MOSCOW, December 12. /TASS/. "There is no date yet," Dmitri Peskov, the Kremlin spokesman, '
        "told journalists on Monday.\n",
        "2016-12-12",
    ),
    (
        "Hostile page\n\n"
        "LONDON, May 2 (Reuters) - "
        '"<script>alert(1)</script> is not a plan," opposition leader Jane Hart said on Tuesday. '
        "She added that <img src=x onerror=alert(2)> was no answer either.\n",
        "2024-05-02",
    ),
]
SCRIPT = "<script>alert(1)</script>"


def fill(db: str) -> dict[str, str]:
    """Store the articles; returns headline -> article id."""
    ids = {}
    with open_store(db) as store:
        for text, published in ARTICLES:
            record = wirewatch.extract(text, published=published, path=f"{published}.txt").to_dict()
            store.add_article(record)
            ids[text.split("\n", 1)[0]] = record["id"]
    return ids


@pytest.fixture
def served_db(store_url: str) -> tuple[str, dict[str, str]]:
    return store_url, fill(store_url)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The app on a real socket (SQLite), for the browser tests."""
    db = str(Path(tmp_path_factory.mktemp("live")) / "live.db")
    ids = fill(db)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)
