"""The ingest batch: paths in, articles in the store, a ledger of what is done.

::

    expand_paths ──> ledger: done already? ──> runner ──> InputResult ──> Writer ──> store, then ledger
                      (skipped, counted)       in-process (1 worker) or Dask (N workers / a scheduler)

Workers get file paths, never texts, and send records back. With SQLite the client process is
the one writer: it stores the records of several inputs per transaction
(``Settings.batch_commit_articles``, or every ``batch_commit_seconds``), then writes their
ledger rows. With PostgreSQL each worker stores its own records and only the ledger is written
here. A crash loses at most one uncommitted batch; a re-run redoes just those inputs, and their
articles already stored are found by id and not extracted again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wirewatch.batch.ledger import Ledger, LedgerEntry, Outcome
from wirewatch.batch.work import DocResult, InputResult, process_input
from wirewatch.config import Settings
from wirewatch.errors import InputError, StoreError
from wirewatch.ingest import STDIN, expand_paths
from wirewatch.store import Store, is_url, open_store

logger = logging.getLogger(__name__)


@dataclass
class BatchSummary:
    """Counts of one ingest run (documents, not files, except the input counts)."""

    stored: int = 0
    had: int = 0
    """Articles already in the store: found by id, stored as a copy, or in inputs the ledger had."""
    errors: int = 0
    read: int = 0
    """Documents read (including those of inputs skipped as done)."""
    inputs: int = 0
    skipped_inputs: int = 0
    """Inputs the ledger says were finished before and are unchanged: not read again."""
    workers: int = 1
    peak_rss: dict[int, int] = field(default_factory=dict)
    """Peak resident memory per worker process id, in bytes."""
    cpu_seconds: dict[int, float] = field(default_factory=dict)
    """CPU time spent reading and extracting, per worker process id."""

    def line(self) -> str:
        """The closing line the CLI prints."""
        return f"stored {self.stored}, already had {self.had}, errors {self.errors}"


class Reporter:
    """Where a batch sends its per-input lines and progress. The default is silent."""

    def error(self, message: str) -> None:
        """An input or document could not be read or extracted (``path: reason``)."""

    def warning(self, path: str, message: str) -> None:
        """A document was read with a warning."""

    def advance(self, inputs: int = 1) -> None:
        """``inputs`` more inputs are finished (or skipped)."""


class Writer:
    """The one writer: collects results and stores them, a batch per transaction, then their
    ledger rows. Use :meth:`add` per result and :meth:`flush` at the end."""

    def __init__(
        self,
        store: Store,
        ledger: Ledger,
        summary: BatchSummary,
        reporter: Reporter,
        *,
        max_articles: int,
        max_seconds: float,
    ) -> None:
        self.store = store
        self.ledger = ledger
        self.summary = summary
        self.reporter = reporter
        self.max_articles = max(1, max_articles)
        self.max_seconds = max_seconds
        self._pending: list[InputResult] = []
        self._pending_ids: set[str] = set()
        self._records = 0
        self._since = time.monotonic()

    def knows(self, article_id: str) -> bool:
        """Whether the article is stored, or waiting in this writer's batch."""
        return article_id in self._pending_ids or self.store.has_article(article_id)

    def add(self, result: InputResult) -> None:
        """Take one input's result; store the batch when it is full or old enough."""
        for d in result.docs:
            for w in d.warnings:
                self.reporter.warning(d.path, w)
            if d.status == "error":
                self.reporter.error(d.error or f"{d.path}: unknown error")
            if d.status == "extracted" and d.article_id:
                self._pending_ids.add(d.article_id)
                self._records += 1
        if result.pid:
            self.summary.peak_rss[result.pid] = max(result.peak_rss, self.summary.peak_rss.get(result.pid, 0))
            self.summary.cpu_seconds[result.pid] = self.summary.cpu_seconds.get(result.pid, 0.0) + result.cpu_seconds
        self._pending.append(result)
        if self._records >= self.max_articles or time.monotonic() - self._since >= self.max_seconds:
            self.flush()

    def flush(self) -> None:
        """Store every pending record in one transaction, then the inputs' ledger rows."""
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        extracted = [d for r in batch for d in r.docs if d.status == "extracted" and d.record is not None]
        # Signatures the workers computed are used as they are: the writer is the bottleneck.
        signatures = [d.signature for d in extracted] if all(d.signed for d in extracted) else None
        statuses = iter(self._store([d.record for d in extracted if d.record is not None], signatures))
        entries: list[LedgerEntry] = []
        for result in batch:
            docs = [self._resolve(d, statuses) for d in result.docs]
            entry = self._count(result, docs)
            if entry is not None:
                entries.append(entry)
        self.ledger.record(entries)
        self._pending_ids.clear()
        self._records = 0
        self._since = time.monotonic()

    def _store(self, records: list[dict[str, Any]], signatures: list[Any] | None = None) -> list[str]:
        """``stored`` / ``duplicate`` / an error line per record, in order."""
        if not records:
            return []
        try:
            return [r.status if r.stored else "duplicate" for r in self.store.add_many(records, signatures=signatures)]
        except StoreError:
            pass  # one bad record fails the whole transaction: store them one by one to find it
        out: list[str] = []
        for record in records:
            try:
                out.append("stored" if self.store.add_record(record).stored else "duplicate")
            except StoreError as err:
                path = (record.get("source") or {}).get("path") or record.get("id")
                out.append(f"{path}: cannot store: {err}")
        return out

    def _resolve(self, d: DocResult, statuses: Iterator[str]) -> DocResult:
        if d.status == "extracted":
            status = next(statuses)
            if status in ("stored", "duplicate"):
                return DocResult(d.path, "stored" if status == "stored" else "duplicate", d.article_id, d.url)
            self.reporter.error(status)
            return DocResult(d.path, "error", d.article_id, d.url, error=status)
        if d.status == "known" and d.article_id:
            if self.store.stored_from(d.article_id, d.path):
                # Stored from this input by a run that stopped before writing its ledger row:
                # the input's outcome is still "stored", as if that run had finished.
                return DocResult(d.path, "resumed", d.article_id, d.url, warnings=d.warnings)
            # Another source of an article already stored: link it as a copy, as a one-file run would.
            self.store.note_copy(d.article_id, d.path, d.url)
        return d

    def _count(self, result: InputResult, docs: Sequence[DocResult]) -> LedgerEntry | None:
        s = self.summary
        stored = sum(d.status == "stored" for d in docs)
        resumed = sum(d.status == "resumed" for d in docs)
        dups = sum(d.status in ("duplicate", "known") for d in docs)
        errors = sum(d.status == "error" for d in docs)
        s.stored += stored
        s.had += dups + resumed  # this run did not store the resumed ones
        s.errors += errors
        s.read += stored + dups + resumed
        self.reporter.advance(1)
        if result.key is None:
            return None  # standard input, or a file that vanished: nothing to skip next time
        outcome: Outcome = "stored" if stored or resumed else "duplicate" if dups else "error"
        reason = next((d.error for d in docs if d.status == "error"), None)
        return LedgerEntry(result.key, outcome, len(docs), stored + resumed, dups, errors, reason)


def run_ingest(
    paths: Sequence[str],
    db: str,
    settings: Settings,
    *,
    published: date | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    resume: bool = True,
    reporter: Reporter | None = None,
    on_inputs: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> BatchSummary:
    """Ingest ``paths`` into the store at ``db``; safe to re-run and to resume after a crash.

    ``workers`` > 1 runs on a Dask LocalCluster of that many processes (loopback only);
    ``scheduler`` (``tcp://HOST:PORT``) runs on an existing cluster instead; one worker runs
    here, with no Dask at all: in this process, or with ``jobs`` > 1 on that many worker
    processes of this machine (:func:`wirewatch.batch.jobs.ingest_results`; the results are
    written in input order, as one process writes them). ``resume=False`` reads every input
    again, ledger or not (articles already stored are still found by id and not stored twice).
    ``on_inputs`` is told how many inputs there are, before any is read (for a progress bar).
    """
    reporter = reporter or Reporter()
    summary = BatchSummary(workers=workers)
    # Expanding first (names only, no text) gives the progress bar its total.
    items = list(expand_paths(paths, settings))
    summary.inputs = len(items)
    if on_inputs is not None:
        on_inputs(len(items))
    with open_store(db, settings) as store, Ledger(db) as ledger:
        # Errors stay in the list, in order, so they are reported where the input was named.
        todo: list[str | InputError] = []
        for item in items:
            done = ledger.is_done(item) if resume and isinstance(item, str) and item != STDIN else None
            if done is not None:
                summary.skipped_inputs += 1
                summary.had += done.stored + done.duplicates
                summary.read += done.stored + done.duplicates
                reporter.advance(1)
                continue
            todo.append(item)
        writer = Writer(
            store,
            ledger,
            summary,
            reporter,
            max_articles=settings.batch_commit_articles,
            max_seconds=settings.batch_commit_seconds,
        )
        try:
            for result in _results(todo, db, settings, published, workers, scheduler, writer, jobs):
                writer.add(result)
        finally:
            # Whatever stops the batch (an error, Ctrl-C), what was extracted is kept.
            writer.flush()
    return summary


def _pool_results(
    todo: list[str | InputError], db: str, settings: Settings, published: date | None, writer: Writer, jobs: int
) -> Iterator[InputResult]:
    """The inputs on a local process pool, in input order; errors and standard input here."""
    from wirewatch.batch.jobs import ingest_results

    files = [i for i in todo if isinstance(i, str) and i != STDIN]
    pooled = ingest_results(files, settings, published, db, write=is_url(db), jobs=jobs)
    for item in todo:
        if isinstance(item, InputError):
            yield InputResult(item.path, None, (DocResult(item.path, "error", error=str(item)),), 0.0, 0, 0)
        elif item == STDIN:
            yield process_input(item, settings, published, writer.knows)
        else:
            yield next(pooled)
    pooled.close()


def _results(
    todo: list[str | InputError],
    db: str,
    settings: Settings,
    published: date | None,
    workers: int,
    scheduler: str | None,
    writer: Writer,
    jobs: int = 1,
) -> Iterator[InputResult]:
    local = workers <= 1 and not scheduler
    if local and jobs > 1 and sum(isinstance(i, str) and i != STDIN for i in todo) > 1:
        yield from _pool_results(todo, db, settings, published, writer, jobs)
        return
    remote: list[str] = []
    for item in todo:
        if isinstance(item, InputError):
            yield InputResult(item.path, None, (DocResult(item.path, "error", error=str(item)),), 0.0, 0, 0)
        elif local or item == STDIN:
            # Standard input can only be read here, in the process that owns it.
            yield process_input(item, settings, published, writer.knows)
        else:
            remote.append(item)
    if not remote:
        return
    from wirewatch.batch.cluster import dask_client, dask_results

    with dask_client(workers, scheduler, settings) as client:
        yield from dask_results(
            client, remote, settings, published, db, write=is_url(db), per_worker=settings.batch_tasks_per_worker
        )
        # Commit the last results now: closing the cluster takes seconds, and they would wait.
        writer.flush()
