"""Batch ingest: local and Dask runners, the one writer, and the ledger that makes runs resumable.

:func:`run_ingest` is the entry point (the ``ingest`` command is a thin layer over it);
:mod:`~wirewatch.batch.work` is the unit of work a worker runs, :mod:`~wirewatch.batch.ledger`
the record of finished inputs, :mod:`~wirewatch.batch.cluster` the Dask side (imported only when
more than one worker is asked for) and :mod:`~wirewatch.batch.synthetic` generated news for
tests and benchmarks.
"""

from __future__ import annotations

from wirewatch.batch.ledger import InputKey, Ledger, LedgerEntry, fingerprint
from wirewatch.batch.runner import BatchSummary, Reporter, Writer, run_ingest
from wirewatch.batch.work import DocResult, InputResult, process_input

__all__ = [
    "BatchSummary",
    "DocResult",
    "InputKey",
    "InputResult",
    "Ledger",
    "LedgerEntry",
    "Reporter",
    "Writer",
    "fingerprint",
    "process_input",
    "run_ingest",
]
