"""Fixtures of the watcher's tests: a local news site (:mod:`.wires`) and a watcher on each
backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from wirewatch.config import Settings
from wirewatch.store import open_store
from wirewatch.watch.db import WatchDb
from wirewatch.watch.deliver import DeliveryOptions
from wirewatch.watch.fetch import FetchOptions
from wirewatch.watch.poller import Watcher, WatchOptions

from .wires import Wires, serve_wires


@pytest.fixture
def wires() -> Iterator[Wires]:
    with serve_wires() as w:
        yield w


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load()


WatcherFactory = Callable[..., AbstractContextManager[tuple[Watcher, list[str]]]]


@pytest.fixture
def make_watcher(store_url: str, settings: Settings, tmp_path: Path) -> WatcherFactory:
    """``make_watcher(feeds, **options)`` -> a context giving (watcher, errors reported)."""

    @contextmanager
    def make(feeds: list[str], **kw: Any) -> Iterator[tuple[Watcher, list[str]]]:
        # 5 s: a loaded machine answers slowly; the tests of slow answers set their own timeout
        fetch = FetchOptions(timeout=kw.pop("timeout", 5.0), max_bytes=kw.pop("max_bytes", 2_000_000))
        delivery = DeliveryOptions(
            attempts=kw.pop("attempts", 3), retry_delay=0.01, dead_letter=str(tmp_path / "dead.jsonl")
        )
        options = WatchOptions(every=kw.pop("every", 60.0), fetch=fetch, delivery=delivery)
        errors: list[str] = []
        with (
            open_store(store_url, settings) as store,
            WatchDb(store_url) as db,
            Watcher(store, db, feeds, settings, options, report=errors.append, **kw) as watcher,
        ):
            yield watcher, errors

    return make
