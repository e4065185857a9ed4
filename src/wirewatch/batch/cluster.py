"""Dask: a loopback LocalCluster or an existing scheduler, and the model loaded once per worker.

Imported only when more than one worker (or a scheduler) is asked for, so a one-worker ingest
never pays for importing ``distributed``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import islice
from typing import Any

# distributed is only partly typed: its untyped calls are marked where they are made.
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from wirewatch.batch.work import DocResult, InputResult, remote_process
from wirewatch.config import Settings
from wirewatch.errors import ModelError, WirewatchError

logger = logging.getLogger(__name__)


class WarmWorker(WorkerPlugin):
    """Loads the spaCy model and the gazetteer when a worker starts, once per worker process.

    ``load_model`` and ``Gazetteer.load`` are cached per process, so the tasks that follow reuse
    them; loading up front keeps the first task's timing honest and fails early on a bad model.
    """

    name = "wirewatch-warm"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        from wirewatch.entities.gazetteer import Gazetteer
        from wirewatch.parse import load_model

        try:
            load_model(self.settings.spacy_model)
        except ModelError as err:
            # The first task raises it again, where the client sees it; a plugin error is only logged.
            logger.error("%s", err)
        Gazetteer.load(self.settings.gazetteer_min_population)


@contextmanager
def dask_client(workers: int, scheduler: str | None, settings: Settings) -> Iterator[Client]:
    """A client on ``scheduler`` (``tcp://HOST:PORT``), or on a new LocalCluster of ``workers``
    single-threaded processes bound to 127.0.0.1 (no dashboard), closed on exit."""
    cluster: LocalCluster | None = None
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        # distributed logs every start and stop at INFO in this process; -vv shows them.
        logging.getLogger("distributed").setLevel(logging.WARNING)
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
        else:
            # One thread per process: spaCy holds the GIL, so threads would not run in parallel.
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError, RuntimeError) as err:  # RuntimeError: a nanny failed to start
        raise WirewatchError(f"cannot start or reach the Dask scheduler {scheduler or '(local)'}: {err}") from err
    try:
        client.register_plugin(WarmWorker(settings))
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


def dask_results(
    client: Client,
    paths: Sequence[str],
    settings: Settings,
    published: date | None,
    db: str,
    *,
    write: bool,
    per_worker: int = 2,
) -> Iterator[InputResult]:
    """Run :func:`remote_process` on each path, yielding results as they complete.

    At most ``per_worker`` tasks per worker thread are in flight, so a million paths never sit
    in the scheduler at once and results never pile up in the client. A task that fails for a
    reason other than a missing model (a worker killed over and over by one input) becomes an
    error result for its input.
    """
    threads = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
    window = max(2, per_worker * threads)
    pending = iter(enumerate(paths))
    ac: Any = as_completed()  # type: ignore[no-untyped-call]

    path_of: dict[str, str] = {}  # task key -> input path, for the message when a task fails

    def submit(batch: Any) -> None:
        for i, path in batch:
            key = f"wirewatch-input-{i}"
            path_of[key] = path
            ac.add(client.submit(remote_process, path, settings, published, db, write, key=key))

    submit(islice(pending, window))
    for fut in ac:
        try:
            result: InputResult = fut.result()
        except ModelError:
            raise
        except Exception as err:
            path = path_of[fut.key]
            reason = f"{path}: worker failed: {type(err).__name__}: {err}"
            result = InputResult(path, None, (DocResult(path, "error", error=reason),), 0.0, 0, 0)
        path_of.pop(fut.key, None)
        fut.release()
        submit(islice(pending, 1))
        yield result
