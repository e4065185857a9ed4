"""A bounded load test of the HTTP API on loopback; prints a markdown table.

    .venv/bin/python bench/load.py                        # 200 requests/s for 60 s
    .venv/bin/python bench/load.py --rate 50 --duration 10 --articles 500

It fills a fresh SQLite database with ``--articles`` generated records (no NLP:
:func:`wirewatch.batch.synthetic.record`), starts ``python -m wirewatch serve`` on 127.0.0.1 on a
free port in a subprocess, waits for it, then sends ``rate x duration`` requests at a fixed rate
(open loop: request *i* is due at ``i / rate`` seconds, whatever the answers before it), with at
most ``--concurrency`` in flight. A mix of API searches, lookups and HTML pages is used.
Latency is measured from when a request was *due*, so a server that falls behind shows it.
Anything but a 2xx answer, and any transport error, is an error. The server is stopped at the
end, whatever happens. Only the loopback address is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

from wirewatch.batch.synthetic import FIRST, LAST, WORDS, record
from wirewatch.store import open_store

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def fill(db: str, articles: int) -> list[str]:
    """Store ``articles`` generated records; returns their ids."""
    ids: list[str] = []
    with open_store(db) as store:
        for start in range(0, articles, 500):
            batch = [record(i) for i in range(start, min(articles, start + 500))]
            store.add_many(batch)
            ids += [r["id"] for r in batch]
    return ids


def targets(ids: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """(endpoint label, URL path) of each request, in the mix used."""
    mix: list[tuple[str, str]] = []
    for _ in range(1000):
        roll = rng.random()
        if roll < 0.30:
            mix.append(("/api/quotes?q=", f"/api/quotes?q={rng.choice(WORDS)}+{rng.choice(WORDS)}"))
        elif roll < 0.45:
            mix.append(("/api/quotes?speaker=", f"/api/quotes?speaker={rng.choice(LAST)}"))
        elif roll < 0.55:
            mix.append(("/api/quotes?from=&to=", "/api/quotes?from=2024-01-01&to=2024-12-31&limit=50"))
        elif roll < 0.65:
            mix.append(("/api/articles/{id}", f"/api/articles/{rng.choice(ids)}"))
        elif roll < 0.72:
            mix.append(("/api/people", "/api/people?limit=50"))
        elif roll < 0.79:
            mix.append(("/api/articles", f"/api/articles?limit=20&offset={rng.randrange(0, len(ids))}"))
        elif roll < 0.84:
            mix.append(("/api/stats", "/api/stats"))
        elif roll < 0.94:
            mix.append(("/ (search page)", f"/?q={rng.choice(WORDS)}&speaker={rng.choice(FIRST)}"))
        else:
            mix.append(("/people", "/people"))
    return mix


async def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"the server exited with status {proc.returncode}")
            try:
                if (await client.get("/api/stats")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


async def load(
    base: str, mix: list[tuple[str, str]], rate: float, duration: float, concurrency: int
) -> dict[str, list[float]]:
    """Fire the requests; returns latencies (seconds) per label, errors under ``label + ' !'``."""
    total = int(rate * duration)
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        start = time.perf_counter()

        async def one(i: int) -> None:
            label, path = mix[i % len(mix)]
            due = start + i / rate
            async with gate:
                sent = time.perf_counter()
                try:
                    response = await client.get(path)
                    kind = "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
                except httpx.HTTPError as err:
                    kind = type(err).__name__
            done = time.perf_counter()
            if kind:
                errors[kind] += 1
            results[label if not kind else label + " !"].append(done - due)
            results["_service"].append(done - sent)

        tasks = []
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
        await asyncio.gather(*tasks)
        results["_elapsed"] = [time.perf_counter() - start]
    for kind, n in sorted(errors.items()):
        print(f"errors: {n} x {kind}")
    return results


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def table(results: dict[str, list[float]], rate: float, duration: float) -> None:
    elapsed = results.pop("_elapsed")[0]
    service = results.pop("_service", [])
    labels = sorted({k.removesuffix(" !") for k in results})
    everything = [v for k, vs in results.items() if not k.endswith(" !") for v in vs]
    errors = sum(len(vs) for k, vs in results.items() if k.endswith(" !"))
    total = len(everything) + errors
    print(f"target {rate:g} requests/s for {duration:g} s; sent {total} in {elapsed:.1f} s ({total / elapsed:.1f}/s)")
    print()
    print("| endpoint | requests | errors | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for label in labels:
        ok = results.get(label, [])
        bad = len(results.get(label + " !", []))
        if ok:
            print(
                f"| {label} | {len(ok) + bad} | {bad} | {pct(ok, 50):.1f} | {pct(ok, 99):.1f} | {max(ok) * 1000:.1f} |"
            )
        else:
            print(f"| {label} | {bad} | {bad} | - | - | - |")
    if everything:
        print(
            f"| **all** | {total} | {errors} | {pct(everything, 50):.1f} | {pct(everything, 99):.1f} | "
            f"{max(everything) * 1000:.1f} |"
        )
    if service:
        print(
            f"\nlatency above is from each request's due time; from sending it: p50 {pct(service, 50):.1f} ms, "
            f"p99 {pct(service, 99):.1f} ms (mean {statistics.fmean(service) * 1000:.1f} ms); "
            f"load average {os.getloadavg()[0]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200, help="requests per second (at most 1000)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (at most 300)")
    parser.add_argument("--concurrency", type=int, default=64, help="most requests in flight")
    parser.add_argument("--articles", type=int, default=2000, help="generated articles in the database")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    # Bounded on purpose: this is a load test of our own server, not a flood.
    rate, duration = min(args.rate, 1000.0), min(args.duration, 300.0)
    with tempfile.TemporaryDirectory(prefix="wirewatch-load-") as tmp:
        db = str(Path(tmp) / "load.db")
        ids = fill(db, args.articles)
        port = free_port()
        base = f"http://{HOST}:{port}"
        cmd = [sys.executable, "-m", "wirewatch", "serve", "--db", db, "--host", HOST, "--port", str(port)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            asyncio.run(wait_ready(base, proc))
            print(f"database: {args.articles} generated articles; server: {base} (uvicorn, one process)")
            mix = targets(ids, random.Random(args.seed))
            results = asyncio.run(load(base, mix, rate, duration, args.concurrency))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        table(results, rate, duration)


if __name__ == "__main__":
    main()
