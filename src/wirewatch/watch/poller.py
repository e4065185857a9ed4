"""Following feeds: one poll reads every due feed, fetches each new entry's page, ingests it
through the normal pipeline, and delivers the alerts it raised.

A poll, step by step:

1. The feeds due (their ``next_poll`` passed, their host open) are fetched at once, on a pool
   of threads (:class:`~wirewatch.watch.fetch.Http`), conditionally (ETag, Last-Modified).
2. Each answer is parsed into entries (:mod:`.sources`), one feed at a time, just before steps
   3 and 4 for that feed. An entry whose id (within its feed) or URL is in ``watch_entries`` was
   handled already and is not fetched again.
3. The new entries' pages are fetched at once, on the same pool; each page becomes a
   :class:`~wirewatch.models.RawDocument` (the entry's own text when it has no page), and the
   documents are extracted together (:func:`wirewatch.pipeline.extract_documents`).
4. Each record is stored in one transaction with its :class:`~wirewatch.store.SideWrites`: the
   entry's keys (``watch_entries``) and the outbox rows of the alerts its quotes match. An
   article that is a copy of a stored one is not stored again, but its entry is marked.
5. The outbox is delivered (:mod:`.deliver`) and each feed's state saved: its validators only
   when every entry of the answer was settled, so an entry left to retry is listed again.
6. The memory the poll left cached is given back (the databases' page caches, glibc's free
   heap pages: :mod:`.heap`), so a long run's resident size stays flat.

A kill at any point loses nothing and duplicates nothing: an entry is settled exactly when its
article is committed, and a delivery waits in the outbox until made. One bad feed or page is
reported once (``report``) and the others go on; a page that fails is tried again at the next
poll, and after :data:`PAGE_TRIES` failures its entry is stored from the feed's own text (or, with
none, given up).
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TextIO

from wirewatch.config import Settings
from wirewatch.errors import InputError, ModelError
from wirewatch.ingest.html import compose_text, html_document
from wirewatch.models import RawDocument
from wirewatch.pipeline import extract_documents
from wirewatch.store import SideWrites, Store
from wirewatch.store.connection import utc_now
from wirewatch.watch import heap
from wirewatch.watch.alerts import Matcher, outbox_statements
from wirewatch.watch.db import FeedState, WatchDb, seen_statements
from wirewatch.watch.deliver import Deliverer, DeliveryOptions
from wirewatch.watch.fetch import MAX_BACKOFF_S, Fetched, FetchOptions, HostGate, Http, host_of
from wirewatch.watch.sources import Entry, Listing, is_http, parse_entries, url_key

logger = logging.getLogger(__name__)

PAGE_TRIES = 3
"""Polls at which an entry's page is tried before the entry is stored from the feed's text."""
EXTRACT_BATCH = 16


@dataclass(frozen=True)
class WatchOptions:
    every: float = 300.0
    """Seconds between two polls of one feed."""
    fetch: FetchOptions = field(default_factory=FetchOptions)
    delivery: DeliveryOptions = field(default_factory=DeliveryOptions)


@dataclass(frozen=True)
class Progress:
    """Counts since the watcher started."""

    polls: int = 0
    feeds_polled: int = 0
    not_modified: int = 0
    new_articles: int = 0
    copies: int = 0
    quotes: int = 0
    alerts: int = 0
    errors: int = 0

    def line(self) -> str:
        return (
            f"polls {self.polls} · feeds polled {self.feeds_polled} ({self.not_modified} unchanged) · "
            f"new articles {self.new_articles} · copies {self.copies} · quotes {self.quotes} · "
            f"alerts {self.alerts} · errors {self.errors}"
        )


@dataclass(frozen=True)
class _Answer:
    """One feed's fetched answer, parsed (or why not)."""

    feed: str
    fetched: Fetched
    listing: Listing | InputError | None


@dataclass(frozen=True)
class _Job:
    """A new entry and the page fetched for it (``None`` when it has none to fetch)."""

    entry: Entry
    page: Fetched | None


Extractor = Callable[[list[RawDocument], Settings], list[dict[str, Any] | Exception]]
"""Documents -> their records (or why not), in order."""


def extract_records(docs: list[RawDocument], settings: Settings) -> list[dict[str, Any] | Exception]:
    """The normal pipeline (:func:`wirewatch.pipeline.extract_documents`), records as dicts."""
    return [a if isinstance(a, Exception) else a.to_dict() for a in extract_documents(docs, settings)]


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ts(iso: str | None) -> float:
    if not iso:
        return 0.0
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


class Watcher:
    """Polls ``feeds`` into ``store``; use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        store: Store,
        db: WatchDb,
        feeds: Sequence[str],
        settings: Settings,
        options: WatchOptions,
        *,
        report: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        stdout: TextIO | None = None,
        transport: Any = None,
        extract: Extractor = extract_records,
    ) -> None:
        self.store = store
        self.db = db
        self.feeds = list(feeds)
        self.settings = settings
        self.options = options
        self.report = report or (lambda message: logger.error("%s", message))
        self.on_progress = on_progress
        self.extract = extract
        self.http = Http(options.fetch, transport=transport)
        self.gate = HostGate()
        self.pool = ThreadPoolExecutor(max_workers=options.fetch.concurrency, thread_name_prefix="wirewatch-watch")
        self.deliverer = Deliverer(db, self.http, options.delivery, stdout=stdout, report=self.report)
        self.progress = Progress()
        self._page_failures: dict[str, int] = {}

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.http.close()

    def _count(self, **more: int) -> None:
        self.progress = replace(self.progress, **{k: getattr(self.progress, k) + v for k, v in more.items()})
        if self.on_progress is not None:
            self.on_progress(self.progress)

    # -- the loop --------------------------------------------------------------------------------

    def run(self, *, once: bool = False, polls: int | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        """Deliver what an earlier run left in the outbox, then poll: once (``once``), ``polls``
        times, or until interrupted."""
        self.deliver()
        done = 0
        while True:
            self.poll(force=once)
            done += 1
            if once or (polls is not None and done >= polls):
                return
            sleep(max(0.05, self.next_due() - time.time()))

    def next_due(self) -> float:
        """When the next feed is due (``time.time()`` seconds)."""
        states = self._states().values()
        times = [max(_ts(s.next_poll), _ts(s.backoff_until), self.gate.open_at(host_of(s.url))) for s in states]
        return min(times, default=time.time() + self.options.every)

    def _states(self) -> dict[str, FeedState]:
        """Each watched feed's state, read in one query."""
        known = {s.url: s for s in self.db.feeds()}
        return {f: known.get(f, FeedState(f)) for f in self.feeds}

    def deliver(self) -> None:
        out = self.deliverer.run()
        if out.dead:
            self._count(errors=out.dead)

    def poll(self, *, force: bool = False) -> None:
        """One poll of every due feed (every feed whose host is open, with ``force``)."""
        now = time.time()
        states = self._states()
        due = [
            f
            for f, s in states.items()
            if (force or _ts(s.next_poll) <= now) and _ts(s.backoff_until) <= now and self.gate.is_open(host_of(f), now)
        ]
        # The feeds are fetched at once but parsed here, one at a time, each just before it is
        # settled: a parsed listing is several times the size of its body (feedparser's
        # transients ten times), and parsing on the pool gains nothing under the GIL, so this way
        # one feed's entries are in memory at a time, not every feed's (memory that would grow
        # with the feeds' length and stay resident as heap fragmentation after the poll).
        answers = deque(self.pool.map(lambda f: self._fetch_feed_safely(f, states[f]), due))
        matchers = [Matcher.of(a) for a in self.db.alerts()]
        while answers:
            answer = self._parse_safely(answers.popleft())  # popped: its body goes with it
            try:
                self._settle_feed(answer, states[answer.feed], matchers)
            except ModelError:
                raise
            except Exception as err:  # one bad feed never stops the others
                logger.debug("feed %s failed", answer.feed, exc_info=True)
                self.report(f"{answer.feed}: {type(err).__name__}: {err}")
                self._count(errors=1)
        self.deliver()
        self._release_memory()
        self._count(polls=1)

    def _release_memory(self) -> None:
        """Between polls the watcher only sleeps: give back what the poll left cached (the
        databases' page caches, which otherwise grow with the database) and the free heap pages
        its transient allocations left behind (:mod:`.heap`), so its resident size stays flat
        over a long run instead of ratcheting up with every poll's high-water mark."""
        self.store.release_memory()
        self.db.release_memory()
        heap.trim()

    # -- one feed --------------------------------------------------------------------------------

    def _fetch_feed_safely(self, feed: str, state: FeedState) -> _Answer:
        """The feed's answer, not parsed yet (:meth:`_parse_safely`); on the pool."""
        try:
            if not is_http(feed):
                return _Answer(feed, _read_local(feed, state), None)
            return _Answer(feed, self.http.get(feed, etag=state.etag, last_modified=state.last_modified), None)
        except Exception as err:  # a surprise is this feed's error, not the poll's
            logger.debug("feed %s failed", feed, exc_info=True)
            return _Answer(feed, Fetched(feed, 0, error=f"{type(err).__name__}: {err}"), None)

    def _parse_safely(self, answer: _Answer) -> _Answer:
        """The answer with its entries parsed and its body dropped (an answer with no body to
        parse as it is)."""
        if not answer.fetched.ok:
            return answer
        try:
            return _Answer(answer.feed, replace(answer.fetched, body=b""), self._parse(answer.feed, answer.fetched))
        except Exception as err:  # a parser's surprise is this feed's error, not the poll's
            logger.debug("feed %s failed", answer.feed, exc_info=True)
            return _Answer(answer.feed, Fetched(answer.feed, 0, error=f"{type(err).__name__}: {err}"), None)

    def _parse(self, feed: str, fetched: Fetched) -> Listing | InputError:
        listing = parse_entries(feed, fetched.body)
        if isinstance(listing, Listing) and listing.children:
            entries = list(listing.entries)
            # One child at a time, each parsed as it comes: a sitemap may be tens of megabytes.
            for child in map(self.http.get, listing.children):
                parsed = parse_entries(feed, child.body) if child.ok else None
                if isinstance(parsed, Listing):
                    entries.extend(parsed.entries)
            listing = Listing(tuple(entries))
        return listing

    def _settle_feed(self, answer: _Answer, state: FeedState, matchers: Sequence[Matcher]) -> None:
        now = time.time()
        fetched = answer.fetched
        host = host_of(answer.feed)
        polled = replace(state, last_poll=_iso(now), polls=state.polls + 1, next_poll=_iso(now + self.options.every))
        error: str | None = None
        if fetched.not_modified:
            self.gate.succeeded(host)
            self.db.save_feed(replace(polled, last_status="304", consecutive_errors=0))
            self._count(feeds_polled=1, not_modified=1)
            return
        if not fetched.ok:
            error = fetched.error or f"HTTP {fetched.status}"
            if fetched.retry_after is not None:
                error += f"; Retry-After {fetched.retry_after:g} s"
        elif isinstance(answer.listing, InputError):
            error = answer.listing.reason
        if error is not None:
            # A host that says to slow down (429, 503) is left alone, all its feeds and pages;
            # for other failures (no answer, a 500, a 404, no feed) only this feed waits.
            host_fault = is_http(answer.feed) and fetched.status in (429, 503)
            if host_fault:
                until = self.gate.failed(host, self.options.every, now, fetched.retry_after)
            else:
                until = now + min(self.options.every * 2**state.consecutive_errors, MAX_BACKOFF_S)
            self.report(f"{answer.feed}: {error}")
            self.db.save_feed(
                replace(
                    polled,
                    last_status=str(fetched.status or "error"),
                    backoff_until=_iso(until),
                    errors=state.errors + 1,
                    consecutive_errors=state.consecutive_errors + 1,
                    last_error=error,
                    last_error_at=_iso(now),
                )
            )
            self._count(feeds_polled=1, errors=1)
            return
        self.gate.succeeded(host)
        entries = answer.listing.entries if isinstance(answer.listing, Listing) else ()
        new, left = self._ingest(answer.feed, entries, matchers)
        settled = left == 0
        self.db.save_feed(
            replace(
                polled,
                etag=fetched.etag if settled else state.etag,
                last_modified=fetched.last_modified if settled else state.last_modified,
                last_status=str(fetched.status),
                last_new=_iso(now) if new else state.last_new,
                backoff_until=None,
                new_entries=state.new_entries + new,
                consecutive_errors=0,
            )
        )
        self._count(feeds_polled=1)

    # -- its entries -----------------------------------------------------------------------------

    def _ingest(self, feed: str, entries: Sequence[Entry], matchers: Sequence[Matcher]) -> tuple[int, int]:
        """Ingest the entries not handled yet; returns (articles stored, entries left to retry)."""
        keyed = [(e, e.keys()) for e in entries if e.keys()]
        seen = self.db.seen([k for _, keys in keyed for k in keys])
        fresh: list[Entry] = []
        claimed: set[str] = set()
        for e, keys in keyed:
            if any(k in seen or k in claimed for k in keys):
                continue
            claimed.update(keys)
            fresh.append(e)
        # a page stored already (by `wirewatch ingest`, another feed, or as a copy) is not fetched
        # again: the entry is marked handled, against that article
        known = self.store.article_ids_by_url([e.url for e in fresh if e.url])
        if known:
            for e in fresh:
                if e.url in known:
                    self.db.mark_seen(e.keys(), feed, known[e.url])
            fresh = [e for e in fresh if e.url not in known]
        stored = left = 0
        # A batch at a time: its pages fetched at once, then extracted and stored, so a feed of
        # thousands of new entries never holds more than one batch of pages in memory.
        for start in range(0, len(fresh), EXTRACT_BATCH):
            jobs = list(self.pool.map(self._fetch_page, fresh[start : start + EXTRACT_BATCH]))
            s, lft = self._store_jobs(feed, jobs, matchers)
            stored += s
            left += lft
        return stored, left

    def _fetch_page(self, entry: Entry) -> _Job:
        if not entry.url or not is_http(entry.url):
            return _Job(entry, None)
        host = host_of(entry.url)
        if not self.gate.is_open(host, time.time()):
            return _Job(entry, Fetched(entry.url, 0, error=f"not fetched: {host} asked us to wait"))
        try:
            page = self.http.get(entry.url)
        except Exception as err:  # Http.get never raises for a bad answer; this is a bug's surprise
            page = Fetched(entry.url, 0, error=f"{type(err).__name__}: {err}")
        if page.status in (429, 503):
            self.gate.failed(host, self.options.every, time.time(), page.retry_after)
        return _Job(entry, page)

    def _document(self, job: _Job) -> RawDocument | InputError | None:
        """The document of a job; ``None`` to retry it at the next poll."""
        entry = job.entry
        url = entry.url or f"{entry.feed}#{entry.id}"
        if job.page is not None:
            if job.page.ok:
                doc = html_document(
                    job.page.final_url or url,
                    job.page.body,
                    self.settings,
                    url=job.page.final_url or url,
                    source_format="feed",
                )
                if isinstance(doc, RawDocument):
                    return replace(
                        doc,
                        title=doc.title or entry.title,
                        author=doc.author or entry.author,
                        published=doc.published or entry.published,
                    )
                why = doc.reason
            else:
                why = job.page.error or f"HTTP {job.page.status}"
                tries = self._page_failures[url] = self._page_failures.get(url, 0) + 1
                if tries < PAGE_TRIES:
                    self.report(f"{url}: {why} (entry of {entry.feed}; tried again at the next poll)")
                    return None
                self.report(f"{url}: {why} (tried {tries} times; the feed's own text is used)")
            self._page_failures.pop(url, None)
            if not entry.summary and not entry.title:
                return InputError(url, f"page not used ({why}) and the entry has no text")
        if not entry.summary:
            return InputError(url, "the entry has no text and no page")
        return RawDocument(
            path=url,
            text=compose_text(entry.title, entry.summary),
            format="feed",
            url=entry.url,
            published=entry.published,
            title=entry.title,
            author=entry.author,
        )

    def _store_jobs(self, feed: str, jobs: Sequence[_Job], matchers: Sequence[Matcher]) -> tuple[int, int]:
        docs: list[tuple[_Job, RawDocument]] = []
        left = 0
        for job in jobs:
            doc = self._document(job)
            keys = self._keys(job)
            if doc is None:
                left += 1
            elif isinstance(doc, InputError):
                self.db.mark_seen(keys, feed, None)  # nothing to store: handled, not fetched again
            else:
                docs.append((job, doc))
        if not docs:
            return 0, left
        records = self.extract([d for _, d in docs], self.settings)
        stored = 0
        for (job, doc), record in zip(docs, records, strict=True):
            keys = self._keys(job)
            if isinstance(record, Exception):
                self.report(f"{doc.path}: cannot extract: {record}")
                self.db.mark_seen(keys, feed, None)
                self._count(errors=1)
                continue
            outbox = outbox_statements(matchers, record, utc_now())
            side = SideWrites(always=seen_statements(keys, feed, record["id"]), if_stored=outbox)
            try:
                result = self.store.add_many([record], side=[side])[0]
            except Exception as err:  # a StoreError for this one article; the next may be stored
                self.report(f"{doc.path}: cannot store: {err}")
                self._count(errors=1)
                left += 1
                continue
            if result.stored:
                stored += 1
                self._count(new_articles=1, quotes=len(record["quotes"]), alerts=len(outbox))
            else:
                self._count(copies=1)
        return stored, left

    @staticmethod
    def _keys(job: _Job) -> tuple[str, ...]:
        keys = list(job.entry.keys())
        if job.page is not None and job.page.final_url:
            final = url_key(job.page.final_url)
            if final not in keys:
                keys.append(final)
        return tuple(keys)


def _read_local(path: str, state: FeedState) -> Fetched:
    """A local feed file, as an HTTP answer: its size and mtime are its ETag."""
    try:
        st = os.stat(path)
        tag = f'"{st.st_size}-{st.st_mtime_ns}"'
        if state.etag == tag:
            return Fetched(path, 304, etag=tag)
        with open(path, "rb") as fh:
            return Fetched(path, 200, fh.read(), etag=tag)
    except OSError as err:
        return Fetched(path, 0, error=f"cannot read: {err.strerror or err}")
