"""Worker processes for ``extract`` (documents in, their JSON lines out) and ``ingest`` (input
files in, their records or errors out), in input order.

The model and the gazetteer are loaded in this process before the workers start; on Linux the
workers are forked from it, so they begin warm and share those pages. Each task is a chunk of
a few documents, parsed together (:func:`wirewatch.batch.work.extract_records`); at most
``2 * jobs`` chunks are in flight, so a large batch is never read into memory at once. A chunk
whose worker dies is done again one document per task, so only the document at fault becomes
an error. One job runs everything here, with no worker process at all.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

from wirewatch.batch.work import DocResult, InputResult, extract_records
from wirewatch.config import Settings
from wirewatch.errors import InputError, ModelError
from wirewatch.models import RawDocument

logger = logging.getLogger(__name__)

CHUNK_DOCS = 8
"""Documents per task: enough paragraphs for a good ``nlp.pipe`` batch, few enough that the
workers share the end of a batch evenly."""

Outcome = str | InputError
"""A document's JSON line, or why it has none."""


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_lines(docs: list[RawDocument], settings: Settings) -> list[Outcome]:
    """The JSON line of each document's record, or its error (what a task runs)."""
    return [
        r if isinstance(r, InputError) else json.dumps(r, ensure_ascii=False) for r in extract_records(docs, settings)
    ]


def _warm(settings: Settings) -> None:
    from wirewatch.entities.gazetteer import Gazetteer
    from wirewatch.parse import load_model

    load_model(settings.spacy_model)
    Gazetteer.load(settings.gazetteer_min_population)


def _worker_start(settings: Settings, parent: int) -> None:
    """A worker's first step: end with the process that started it, then load the model."""
    _die_with_parent(parent)
    _warm(settings)


def _die_with_parent(parent: int) -> None:
    """A worker whose parent is killed (SIGKILL gives it no chance to stop its pool) would wait on
    its queue for ever, holding its model's memory: a watcher thread ends it once its parent is
    gone (it is then re-parented, so its parent id changes)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="wirewatch-parent-watch", daemon=True).start()


def _start(settings: Settings) -> None:
    """Load what every document needs, then leave it out of later garbage collections
    (:mod:`wirewatch.gcpause`): before the workers are forked, so they share those pages."""
    from wirewatch.gcpause import freeze, paused

    with paused():
        _warm(settings)
    freeze()


def _chunks(
    items: Iterable[RawDocument | InputError], size: int
) -> Iterator[tuple[list[RawDocument | InputError], list[RawDocument]]]:
    """Runs of items holding ``size`` documents (errors ride along in their place)."""
    run: list[RawDocument | InputError] = []
    docs: list[RawDocument] = []
    for item in items:
        run.append(item)
        if isinstance(item, RawDocument):
            docs.append(item)
            if len(docs) >= size:
                yield run, docs
                run, docs = [], []
    if run:
        yield run, docs


def _in_order(
    run: list[RawDocument | InputError], lines: list[Outcome]
) -> Iterator[tuple[RawDocument | InputError, Outcome]]:
    it = iter(lines)
    for item in run:
        yield (item, item) if isinstance(item, InputError) else (item, next(it))


def extract_stream(
    items: Iterable[RawDocument | InputError],
    settings: Settings,
    jobs: int = 1,
    chunk: int = CHUNK_DOCS,
) -> Iterator[tuple[RawDocument | InputError, Outcome]]:
    """Each item with its outcome, in input order: a document's JSON line or its
    :class:`InputError`; an input error is its own outcome. ``jobs`` > 1 extracts on that many
    worker processes; the lines are the same as with one."""
    _start(settings)  # a missing model stops here, once, before any worker starts
    if jobs <= 1:
        for run, docs in _chunks(items, chunk):
            yield from _in_order(run, extract_lines(docs, settings))
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool = _Pool(jobs, method, settings)
    try:
        window: deque[tuple[list[RawDocument | InputError], list[RawDocument], Future[list[Outcome]] | None]] = deque()
        for run, docs in _chunks(items, chunk):
            window.append((run, docs, pool.submit(docs) if docs else None))
            if len(window) >= 2 * jobs:
                yield from _in_order(*pool.finish(*window.popleft()))
        while window:
            yield from _in_order(*pool.finish(*window.popleft()))
    finally:
        pool.close()


class _Pool:
    """A process pool that is made anew when a worker dies."""

    def __init__(self, jobs: int, method: str, settings: Settings) -> None:
        self.jobs, self.method, self.settings = jobs, method, settings
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context(self.method)
        return ProcessPoolExecutor(
            self.jobs, mp_context=ctx, initializer=_worker_start, initargs=(self.settings, os.getpid())
        )

    def submit(self, docs: list[RawDocument]) -> Future[list[Outcome]]:
        try:
            return self.executor.submit(extract_lines, docs, self.settings)
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            return self.executor.submit(extract_lines, docs, self.settings)

    def finish(
        self,
        run: list[RawDocument | InputError],
        docs: list[RawDocument],
        fut: Future[list[Outcome]] | None,
        alone: bool = False,
    ) -> tuple[list[RawDocument | InputError], list[Outcome]]:
        """The outcomes of a task; when it failed, each of its documents is run again alone (a
        worker that dies takes every task in flight with it), and one that fails alone too is
        an error."""
        if fut is None:
            return run, []
        try:
            return run, fut.result()
        except ModelError:
            raise
        except Exception as err:
            logger.debug("a worker failed on a task of %d documents", len(docs), exc_info=True)
            if alone:
                return run, [InputError(docs[0].path, f"worker failed: {type(err).__name__}: {err}")]
        lines: list[Outcome] = []
        for doc in docs:
            lines.extend(self.finish([doc], [doc], self.submit([doc]), alone=True)[1])
        return run, lines

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


# -- ingest: one input file per task -------------------------------------------------------------


def _ingest_one(path: str, settings: Settings, published: date | None, db: str, write: bool) -> InputResult:
    from wirewatch.batch.work import remote_process

    return remote_process([path], settings, published, db, write)[0]


def ingest_results(
    paths: Sequence[str], settings: Settings, published: date | None, db: str, *, write: bool, jobs: int
) -> Generator[InputResult, None, None]:
    """:func:`wirewatch.batch.work.process_input` of each path on ``jobs`` worker processes,
    yielded in input order. Each worker looks ids up in its own connection to ``db`` (read-only
    for SQLite, whose one writer is the caller; with ``write``, PostgreSQL, it stores its own
    records). An input whose worker dies, alone too, is an error result; the others are done."""
    _warm(settings)
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = multiprocessing.get_context(method)

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_start, initargs=(settings, os.getpid()))

    executor = start()

    def submit(path: str) -> Future[InputResult]:
        nonlocal executor
        try:
            return executor.submit(_ingest_one, path, settings, published, db, write)
        except BrokenProcessPool:
            executor.shutdown(wait=False, cancel_futures=True)
            executor = start()
            return executor.submit(_ingest_one, path, settings, published, db, write)

    def finish(path: str, fut: Future[InputResult], alone: bool = False) -> InputResult:
        try:
            return fut.result()
        except ModelError:
            raise
        except Exception as err:
            if not alone:  # a worker that dies takes every task in flight with it: again, alone
                return finish(path, submit(path), alone=True)
            reason = f"{path}: worker failed: {type(err).__name__}: {err}"
            return InputResult(path, None, (DocResult(path, "error", error=reason),), 0.0, 0, 0)

    try:
        window: deque[tuple[str, Future[InputResult]]] = deque()
        for path in paths:
            window.append((path, submit(path)))
            if len(window) >= 2 * jobs:
                yield finish(*window.popleft())
        while window:
            yield finish(*window.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
