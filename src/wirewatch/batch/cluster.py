"""Dask: a loopback LocalCluster or an existing scheduler, and the model loaded once per worker.

Imported only when more than one worker (or a scheduler) is asked for, so a one-worker ingest
never pays for importing ``distributed``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import count
from typing import Any

import dask

# distributed is only partly typed: its untyped calls are marked where they are made.
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from wirewatch.batch.work import DocResult, InputResult, remote_process
from wirewatch.config import Settings
from wirewatch.errors import ModelError, WirewatchError

logger = logging.getLogger(__name__)


CLUSTER_CONFIG: dict[str, Any] = {
    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand
    # memory back after every small free; spaCy allocates and frees constantly, and that setting
    # cost about 15% per worker here. Workers keep glibc's default instead.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # The statistical profiler samples the running task's stack every 10 ms, taking the GIL from
    # it each time, for a dashboard this cluster does not serve.
    "distributed.worker.profile.enabled": False,
    # Memory and system polling (psutil) every 100 and 500 ms by default; a task here runs for
    # seconds, so once a second is still early enough to act on a runaway worker.
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "1s",
    # Every server (scheduler, nannies, workers) wakes every 20 ms to check that its event loop
    # is not blocked; once a second still reports a blocked loop, and an idle cluster then
    # costs the client a quarter of the CPU it did.
    "distributed.admin.tick.interval": "1s",
    # Tasks wait on the scheduler until a worker is free (queuing), so there is nothing to steal.
    "distributed.scheduler.work-stealing": False,
}
"""Dask settings for the LocalCluster (scheduler, nannies and workers): every cycle spent
outside spaCy is lost, since the workers fill all the cores and the scheduler shares them."""


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
            with dask.config.set(CLUSTER_CONFIG):
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


def chunk_size(remaining: int, window: int, most: int) -> int:
    """Inputs in the next task: up to ``most`` while many are left, one each near the end, so
    that no worker is left with a long last task while the others idle."""
    return max(1, min(most, remaining // (2 * window)))


def dask_results(
    client: Client,
    paths: Sequence[str],
    settings: Settings,
    published: date | None,
    db: str,
    *,
    write: bool,
    per_worker: int = 2,
    per_task: int = 24,
) -> Iterator[InputResult]:
    """Run :func:`remote_process` on the paths, ``per_task`` per task (fewer near the end),
    yielding results as they complete. Each task and its result cost the client and the
    scheduler CPU of their own, on the cores the workers fill, and a worker may wait for its next
    task: with 4 inputs per task two workers gave 1.80 times the steady articles/s of one on 300
    BBC articles, with 12 about 1.9, with 24 over 2 (``bench/throughput.py --no-soak``; the one
    worker's run also waits on its own commits, which the two workers' writer overlaps).

    At most ``per_worker`` tasks per worker thread are in flight, so a million paths never sit
    in the scheduler at once and results never pile up in the client. A task of several inputs
    that fails is run again one input per task, so the one input at fault (a worker killed over
    and over by it) becomes an error result and the others are still done.
    """
    threads = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
    window = max(2, per_worker * threads)
    todo = deque(paths)
    ac: Any = as_completed()  # type: ignore[no-untyped-call]
    batch_of: dict[str, list[str]] = {}  # task key -> its input paths
    serial = count()

    def submit(batch: list[str]) -> None:
        key = f"wirewatch-inputs-{next(serial)}"
        batch_of[key] = batch
        ac.add(client.submit(remote_process, batch, settings, published, db, write, key=key, pure=False))

    def submit_next() -> None:
        if todo:
            size = chunk_size(len(todo), window, per_task)
            submit([todo.popleft() for _ in range(min(size, len(todo)))])

    for _ in range(window):
        submit_next()
    for fut in ac:
        batch = batch_of.pop(fut.key)
        try:
            results: list[InputResult] = fut.result()
        except ModelError:
            raise
        except Exception as err:
            results = []
            if len(batch) > 1:
                for path in batch:  # find the input at fault
                    submit([path])
            else:
                reason = f"{batch[0]}: worker failed: {type(err).__name__}: {err}"
                results = [InputResult(batch[0], None, (DocResult(batch[0], "error", error=reason),), 0.0, 0, 0)]
        fut.release()
        submit_next()
        yield from results
