"""Ingest throughput with 1 and 2 workers, and a store soak; prints markdown tables.

    .venv/bin/python bench/throughput.py                     # scaling on 300 BBC articles + 100,000-record soak
    .venv/bin/python bench/throughput.py --corpus 200 --articles 20000
    .venv/bin/python bench/throughput.py --no-soak           # scaling only

**Scaling.** The corpus is ``--corpus`` articles of the BBC news corpus at
``<Settings.eval_dir>/corpus/bbc`` (default ``../shared/eval/corpus/bbc``, 2,196 articles; read at
run time, written to a temporary folder, never kept): a fixed sample (sorted names, shuffled with
seed 7), in that shuffled order. Each
worker count ingests the same corpus into a fresh SQLite database through
:func:`wirewatch.batch.run_ingest`, each run in a fresh process as the CLI runs it (1 worker: in
that process; more: on a Dask LocalCluster). The worker counts take turns for ``--repeat``
rounds, in alternating order; the summary gives the best and the median of each, and the
scaling of each round's pair of runs (made a minute apart at most, so under the same machine
speed) with its median over the rounds.

*Steady* articles/s counts the inputs committed after the writer's first commit, over the time
from that commit to the last (model loading and cluster start excluded); *wall* includes
everything. Peak RSS is each worker process's own maximum (``ru_maxrss``); *extraction CPU* is
the CPU time of the threads that read and extracted the inputs, per article (the same work in
both modes: a rise with more workers is cores slowing each other); *client CPU* is the run's
main process's CPU time (with 2 workers: the Dask scheduler and client, and the one SQLite
writer).

**Soak.** ``--articles`` generated records go through the batch writer (:class:`Writer`: store
and ledger, one transaction per ``batch_commit_articles``) into SQLite, with near-duplicate
checking on; the NLP is bypassed (records are built from the templates) so the soak measures the
store and its memory, not spaCy. RSS is printed every 10,000 articles.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from wirewatch.batch import BatchSummary, InputKey, InputResult, Ledger, Reporter, Writer, run_ingest
from wirewatch.batch.synthetic import record
from wirewatch.batch.work import DocResult
from wirewatch.config import Settings
from wirewatch.store import open_store

MB = 1024 * 1024


class Clock(Reporter):
    """Remembers when each input finished."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def advance(self, inputs: int = 1) -> None:
        self.times.extend([time.perf_counter()] * inputs)

    def steady_rate(self) -> float:
        """Inputs per second after the first commit: the inputs finished after it over the time
        from it to the last. Inputs are counted at their commit, so those of the first commit
        are left out with the time before it (model loading, cluster start)."""
        if not self.times:
            return 0.0
        first, last = self.times[0], self.times[-1]
        after = sum(1 for t in self.times if t > first)
        return after / (last - first) if last > first else 0.0


def build_corpus(folder: Path, size: int) -> int:
    """Write ``size`` BBC articles (all of them if fewer) in a fixed shuffled order; returns how many.

    Shuffled because the steady rate leaves out the inputs of the first commit, and how many
    those are depends on the worker count: a corpus sorted long-first would leave out more long
    articles with one worker than with two, and favour the one.
    """
    source = Path(Settings.load().eval_dir) / "corpus" / "bbc"
    files = sorted(source.glob("*.txt"))
    if not files:
        sys.exit(f"no BBC corpus at {source}")
    random.Random(7).shuffle(files)
    for i, f in enumerate(files[:size]):
        (folder / f"article-{i:05d}.txt").write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return min(size, len(files))


def client_cpu() -> float:
    """CPU seconds of this process (with 1 worker: all the work; with more: scheduler and writer)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one_run(corpus: str, db: str, workers: int, out: Any) -> None:
    """One ingest in a fresh process, as the CLI would run it; sends back what the table needs.

    A fresh process for every run, whatever the worker count: an ingest run in this process
    after another would find spaCy's vocabulary and the pipeline's caches warm from the corpus
    it read before, while Dask's workers always start cold.
    """
    clock = Clock()
    cpu = client_cpu()
    start = time.perf_counter()
    summary = run_ingest([corpus], db, Settings.load(), workers=workers, reporter=clock)
    out.send(
        {
            "wall": time.perf_counter() - start,
            "client_cpu": client_cpu() - cpu,
            "done": summary.stored + summary.had,
            "errors": summary.errors,
            "steady": clock.steady_rate(),
            "peak_rss": max(summary.peak_rss.values(), default=0),
            "processes": len(summary.peak_rss),
            "work_cpu": sum(summary.cpu_seconds.values()),
        }
    )
    out.close()


def run_fresh(corpus: str, db: str, workers: int) -> dict[str, Any]:
    spawn = multiprocessing.get_context("spawn")
    receive, send = spawn.Pipe(duplex=False)
    # Not a pool: a Dask LocalCluster starts processes of its own, which a pool's daemonic
    # worker may not.
    proc = spawn.Process(target=one_run, args=(corpus, db, workers, send))
    proc.start()
    send.close()
    result: dict[str, Any] = receive.recv()
    proc.join()
    return result


def scaling(workers: list[int], size: int, repeat: int = 1) -> None:
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        real = build_corpus(corpus, size)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.iterdir())
        print(f"corpus: {real} BBC articles, {words:,} words")
        print(f"machine: {os.cpu_count()} CPUs, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print()
        rows = []
        rates: dict[int, list[float]] = {n: [] for n in workers}
        runs = 0
        # The worker counts take turns, ``repeat`` rounds, in alternating order: this machine's
        # speed drifts by tens of percent over minutes (other tenants of the host), and runs side
        # by side in time see the same drift.
        for round_ in range(1, repeat + 1):
            for n in workers if round_ % 2 else workers[::-1]:
                runs += 1
                r = run_fresh(str(corpus), str(Path(tmp) / f"run{runs}.db"), n)
                done, steady = r["done"], r["steady"]
                rates[n].append(steady)
                rows.append(
                    f"| {round_} | {n} | {done} | {r['errors']} | {r['wall']:.1f} | {done / r['wall']:.2f} "
                    f"| {steady:.2f} | {r['peak_rss'] / MB:.0f} | {r['processes']} "
                    f"| {1000 * r['work_cpu'] / max(1, done):.0f} | {r['client_cpu']:.1f} |"
                )
                print(f"  round {round_}: {n} worker(s) done; load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
        print(
            "| round | workers | articles | errors | wall s | articles/s (wall) | articles/s (steady) "
            "| peak RSS per worker MB | worker processes | extraction CPU ms per article | client CPU s |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print("\n".join(rows))
        base = workers[0]
        base_best, base_median = max(rates[base]), statistics.median(rates[base])
        print()
        print(
            "| workers | steady articles/s, best | scaling (best) | steady articles/s, median | scaling (median) "
            "| scaling per round (same round's runs) | scaling, median of rounds |"
        )
        print("|---:|---:|---:|---:|---:|---|---:|")
        for n in workers:
            best, median = max(rates[n]), statistics.median(rates[n])
            paired = [r / b for r, b in zip(rates[n], rates[base], strict=True)]
            print(
                f"| {n} | {best:.2f} | {best / base_best:.2f}x | {median:.2f} | {median / base_median:.2f}x "
                f"| {', '.join(f'{x:.2f}' for x in paired)} | {statistics.median(paired):.2f}x |"
            )
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def soak(articles: int, step: int = 10_000) -> None:
    settings = Settings.load()
    proc = psutil.Process()
    with tempfile.TemporaryDirectory(prefix="wirewatch-soak-") as tmp:
        db = str(Path(tmp) / "soak.db")
        print(f"\nsoak: {articles:,} generated records (no NLP) through the batch writer into SQLite")
        print()
        print("| articles | RSS MB | seconds | articles/s (this step) | database MB |")
        print("|---:|---:|---:|---:|---:|")
        with open_store(db, settings) as store, Ledger(db) as ledger:
            summary = BatchSummary()
            writer = Writer(
                store,
                ledger,
                summary,
                Reporter(),
                max_articles=settings.batch_commit_articles,
                max_seconds=settings.batch_commit_seconds,
            )
            start = last = time.perf_counter()
            for i in range(articles):
                rec = record(i)
                path = rec["source"]["path"]
                key = InputKey(path, len(rec["text"]), 0, hashlib.sha256(rec["text"].encode()).hexdigest())
                doc = DocResult(path, "extracted", rec["id"], None, rec)
                writer.add(InputResult(path, key, (doc,), 0.0, 0, 0))
                if (i + 1) % step == 0 or i + 1 == articles:
                    writer.flush()
                    now = time.perf_counter()
                    size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / MB
                    n = (i + 1) % step or step
                    rss = proc.memory_info().rss / MB
                    rate = n / (now - last)
                    print(f"| {i + 1:,} | {rss:.0f} | {now - start:.0f} | {rate:.0f} | {size:.0f} |", flush=True)
                    last = now
        print(f"\nstored {summary.stored:,}, already had {summary.had:,}, errors {summary.errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=int, default=300, help="articles in the scaling corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the worker counts, taking turns")
    parser.add_argument("--articles", type=int, default=100_000, help="records in the soak")
    parser.add_argument("--no-soak", action="store_true", help="skip the soak")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling run")
    args = parser.parse_args()
    if not args.no_scaling:
        scaling(list(dict.fromkeys(int(w) for w in args.workers.split(","))), args.corpus, args.repeat)
    if not args.no_soak:
        soak(args.articles)


if __name__ == "__main__":
    main()
