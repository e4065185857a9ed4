"""The unit of batch work: one input file in, its records (or errors) out.

:func:`process_input` runs the same in the client process (one worker) and on a Dask worker:
it fingerprints the file for the ledger, reads every document in it, skips those whose id is
already stored (the structure stage alone gives the id, so a re-run never parses them again),
and extracts the rest. Only a missing model escapes (it would fail every input); anything else
becomes an error result for that document, so one bad file never sinks a batch.

:func:`remote_process` is what a Dask worker runs: it opens the store once per worker process
(read-only for SQLite, whose single writer is the client; read-write for PostgreSQL, where
workers store their own records) and calls :func:`process_input` on each of a few inputs (one
task per few inputs keeps the scheduler's share of the CPU small).
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from wirewatch.batch.ledger import InputKey, fingerprint
from wirewatch.config import Settings
from wirewatch.errors import InputError, ModelError
from wirewatch.ingest import STDIN, iter_inputs
from wirewatch.models import RawDocument
from wirewatch.pipeline import PreparedDocument, extract_document, extract_documents, prepare_document
from wirewatch.store import AddResult, Store, open_store

logger = logging.getLogger(__name__)

DocStatus = Literal["extracted", "stored", "duplicate", "known", "resumed", "error"]
"""``extracted``: a record for the client to store; ``stored``/``duplicate``: a worker stored it
(PostgreSQL); ``known``: its id was already stored, not extracted again; ``resumed``: the writer
found it stored from this very input by an earlier run that stopped before the input's ledger
row; ``error``: see ``error``."""


@dataclass(frozen=True)
class DocResult:
    """What became of one document of an input."""

    path: str
    status: DocStatus
    article_id: str | None = None
    url: str | None = None
    record: dict[str, Any] | None = None
    error: str | None = None
    """``str(InputError)``: the document's path and the reason, ready to print."""
    warnings: tuple[str, ...] = ()
    signed: bool = False
    """Whether ``signature`` was computed (by the worker, for the store's near-duplicate check)."""
    signature: Any = None
    """The record's MinHash signature (``None`` also when the text has no words)."""


@dataclass(frozen=True)
class InputResult:
    """One input file's documents, and what the work cost."""

    path: str
    key: InputKey | None
    """The ledger key, or ``None`` for standard input or a file that could not be stat'ed."""
    docs: tuple[DocResult, ...]
    seconds: float
    peak_rss: int
    """Peak resident memory of the process that did the work, in bytes."""
    pid: int
    cpu_seconds: float = 0.0
    """CPU time of the thread that did the work (``seconds`` is wall time: the two part when
    the process waits for a core)."""


def peak_rss() -> int:
    """This process's peak resident set size in bytes."""
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return int(value) if sys.platform == "darwin" else int(value) * 1024


def extract_record(doc: RawDocument | PreparedDocument, settings: Settings) -> dict[str, Any]:
    """Run the pipeline on one document. A missing model is raised; any other failure becomes
    an :class:`InputError` naming the document, because one article must not sink the batch."""
    try:
        return extract_document(doc, settings).to_dict()
    except ModelError:
        raise
    except Exception as err:
        path = doc.doc.path if isinstance(doc, PreparedDocument) else doc.path
        logger.debug("pipeline failed on %s", path, exc_info=True)
        raise InputError(path, f"extraction failed: {type(err).__name__}: {err}") from err


def extract_records(
    docs: Sequence[RawDocument | PreparedDocument], settings: Settings
) -> list[dict[str, Any] | InputError]:
    """:func:`extract_record` of each of ``docs``, in order, their paragraphs parsed together
    (:func:`wirewatch.pipeline.extract_documents`): a failure is an :class:`InputError` in its
    place, worded as :func:`extract_record` words it; a missing model is raised."""
    out: list[dict[str, Any] | InputError] = []
    for doc, article in zip(docs, extract_documents(docs, settings), strict=True):
        path = doc.doc.path if isinstance(doc, PreparedDocument) else doc.path
        try:
            if isinstance(article, Exception):
                raise article
            out.append(article.to_dict())
        except ModelError:
            raise
        except Exception as err:
            logger.debug("pipeline failed on %s", path, exc_info=True)
            out.append(InputError(path, f"extraction failed: {type(err).__name__}: {err}"))
    return out


def process_input(
    path: str,
    settings: Settings,
    published: date | None,
    known: Callable[[str], bool],
    write: Callable[[Sequence[dict[str, Any]]], list[AddResult]] | None = None,
    sign: Callable[[dict[str, Any]], Any] | None = None,
) -> InputResult:
    """Read, check and extract every document in ``path``.

    ``known(article_id)`` says whether an article is stored already. ``write``, when given,
    stores the extracted records here (PostgreSQL workers) instead of returning them. ``sign``,
    when given, computes each returned record's near-duplicate signature here, so that a
    worker, not the one writer, does that work.
    """
    started, cpu_started = time.perf_counter(), time.thread_time()
    key: InputKey | None = None
    if path != STDIN:
        try:
            key = fingerprint(path)
        except OSError:
            key = None  # the reader below reports the problem with the file, in its own words
    sign_here = sign if write is None else None  # records stored here need no signature sent on
    docs: list[DocResult] = []
    try:
        items = list(iter_inputs([path], settings, published=published))
    except InputError as err:  # the readers yield their errors; this is a safety net only
        items = [err]
    for item in items:
        if isinstance(item, InputError):
            docs.append(DocResult(item.path, "error", error=str(item)))
            continue
        try:
            prepared = prepare_document(item, settings)
            if known(prepared.id):
                docs.append(DocResult(item.path, "known", prepared.id, item.url, warnings=item.warnings))
                continue
            record = extract_record(prepared, settings)
        except ModelError:
            raise
        except InputError as err:
            docs.append(DocResult(item.path, "error", error=str(err), warnings=item.warnings))
            continue
        except Exception as err:  # prepare_document runs the structure stage; it must not sink the batch
            logger.debug("structure failed on %s", item.path, exc_info=True)
            reason = f"{item.path}: extraction failed: {type(err).__name__}: {err}"
            docs.append(DocResult(item.path, "error", error=reason, warnings=item.warnings))
            continue
        docs.append(
            DocResult(
                item.path,
                "extracted",
                str(record["id"]),
                item.url,
                record,
                warnings=item.warnings,
                signed=sign_here is not None,
                signature=sign_here(record) if sign_here is not None else None,
            )
        )
    if write is not None:
        docs = _write_here(docs, write)
    return InputResult(
        path, key, tuple(docs), time.perf_counter() - started, peak_rss(), os.getpid(), time.thread_time() - cpu_started
    )


def _write_here(docs: list[DocResult], write: Callable[[Sequence[dict[str, Any]]], list[AddResult]]) -> list[DocResult]:
    """Store the extracted records now and turn their results into ``stored``/``duplicate``."""
    records = [d.record for d in docs if d.status == "extracted" and d.record is not None]
    if not records:
        return docs
    results = iter(write(records))
    out: list[DocResult] = []
    for d in docs:
        if d.status != "extracted":
            out.append(d)
            continue
        added = next(results)
        status: DocStatus = "stored" if added.stored else "duplicate"
        out.append(DocResult(d.path, status, added.article_id, d.url, None, warnings=d.warnings))
    return out


# -- on a Dask worker ------------------------------------------------------------------------------

_STORES: dict[tuple[str, bool], Store] = {}


def worker_store(db: str, settings: Settings, *, write: bool) -> Store:
    """The store of this worker process, opened on first use and kept for its later tasks."""
    cache_key = (db, write)
    store = _STORES.get(cache_key)
    if store is None:
        # Read-only when not writing: the client process is the one writer; workers only look
        # ids up (and never migrate: the client opened the database for writing first).
        store = open_store(db, settings, readonly=not write)
        _STORES[cache_key] = store
    return store


def remote_process(
    paths: Sequence[str], settings: Settings, published: date | None, db: str, write: bool
) -> list[InputResult]:
    """:func:`process_input` on each of ``paths`` on a worker, against the worker's own
    connection to ``db``."""
    store = worker_store(db, settings, write=write)
    if write:
        return [process_input(path, settings, published, store.has_article, store.add_many) for path in paths]
    return [process_input(path, settings, published, store.has_article, sign=store.signature) for path in paths]
