"""A bounded load test of the HTTP API on loopback; prints a markdown table.

    .venv/bin/python bench/load.py                                  # 200 requests/s for 60 s, 2 workers
    .venv/bin/python bench/load.py --rate 50 --duration 10 --articles 500 --workers 1
    .venv/bin/python bench/load.py --tool wrk                       # the same mix through wrk

It fills a fresh SQLite database with ``--articles`` generated records (no NLP:
:func:`wirewatch.batch.synthetic.record`), starts ``python -m wirewatch serve --workers N`` on
127.0.0.1 on a free port in a subprocess, waits for it, then sends ``rate x duration`` requests.
The mix: API searches (words, speaker, date range), article and person JSON, the people and
article listings, row counts, and the HTML search, people, person and article pages.

``--tool raw`` (default) is a small open-loop generator on plain asyncio sockets (HTTP/1.1
keep-alive, no HTTP library), so it takes little of the CPU the server needs: request *i* is due
at ``i / rate`` seconds whatever the answers before it, at most ``--concurrency`` connections are
in flight, and latency is measured from when a request was *due*, so a server that falls behind
shows it. ``--tool wrk`` runs wrk (one thread, ``--concurrency`` connections) over the same URL
list, each connection pausing ``concurrency / rate`` seconds less 10 ms between requests; wrk measures
latency from sending (closed loop), and its achieved rate is printed.

Anything but a 2xx answer, and any transport error, is an error. The server is stopped at the
end, whatever happens. Only the loopback address is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from wirewatch.batch.synthetic import FIRST, LAST, WORDS, record
from wirewatch.store import open_store

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def fill(db: str, articles: int) -> tuple[list[str], list[int]]:
    """Store ``articles`` generated records; returns their ids and the ids of the people in them."""
    ids: list[str] = []
    with open_store(db) as store:
        for start in range(0, articles, 500):
            batch = [record(i) for i in range(start, min(articles, start + 500))]
            store.add_many(batch)
            ids += [r["id"] for r in batch]
        people = [p.id for p in store.people(limit=500)]
    return ids, people


def targets(ids: list[str], people: list[int], rng: random.Random) -> list[tuple[str, str]]:
    """(endpoint label, URL path) of each request, in the mix used."""
    mix: list[tuple[str, str]] = []
    for _ in range(1000):
        roll = rng.random()
        if roll < 0.22:
            mix.append(("/api/quotes?q=", f"/api/quotes?q={rng.choice(WORDS)}+{rng.choice(WORDS)}"))
        elif roll < 0.32:
            mix.append(("/api/quotes?speaker=", f"/api/quotes?speaker={rng.choice(LAST)}"))
        elif roll < 0.38:
            mix.append(("/api/quotes?from=&to=", "/api/quotes?from=2024-01-01&to=2024-12-31&limit=50"))
        elif roll < 0.46:
            mix.append(("/api/articles/{id}", f"/api/articles/{rng.choice(ids)}"))
        elif roll < 0.50:
            mix.append(("/api/people/{id}", f"/api/people/{rng.choice(people)}"))
        elif roll < 0.55:
            mix.append(("/api/people", "/api/people?limit=50"))
        elif roll < 0.60:
            mix.append(("/api/articles", f"/api/articles?limit=20&offset={rng.randrange(0, len(ids))}"))
        elif roll < 0.63:
            mix.append(("/api/stats", "/api/stats"))
        elif roll < 0.75:
            mix.append(("/ (search page)", f"/?q={rng.choice(WORDS)}&speaker={rng.choice(FIRST)}"))
        elif roll < 0.83:
            mix.append(("/article/{id}", f"/article/{rng.choice(ids)}"))
        elif roll < 0.93:
            mix.append(("/person/{id}", f"/person/{rng.choice(people)}"))
        else:
            mix.append(("/people", "/people"))
    return mix


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """Send one keep-alive GET and read its answer; returns the status code."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    match = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
    if match is None:
        raise ValueError("answer without Content-Length")
    await reader.readexactly(int(match.group(1)))
    return status


def request_bytes(path: str, port: int) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: */*\r\n\r\n".encode("ascii")


async def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            try:
                if await get(reader, writer, request_bytes("/api/stats", port)) == 200:
                    return
            finally:
                writer.close()
        except (OSError, asyncio.IncompleteReadError, ValueError):
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


async def load(
    port: int, mix: list[tuple[str, str]], rate: float, duration: float, concurrency: int
) -> dict[str, list[float]]:
    """Fire the requests; returns latencies (seconds) per label, errors under ``label + ' !'``."""
    total = int(rate * duration)
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    requests = [request_bytes(path, port) for _, path in mix]
    due: asyncio.Queue[int | None] = asyncio.Queue()
    start = time.perf_counter()

    async def connection() -> None:
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        while (i := await due.get()) is not None:
            label = mix[i % len(mix)][0]
            sent = time.perf_counter()
            try:
                if writer is None or reader is None:
                    reader, writer = await asyncio.open_connection(HOST, port)
                status = await asyncio.wait_for(get(reader, writer, requests[i % len(mix)]), 30)
                kind = "" if 200 <= status < 300 else f"HTTP {status}"
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, TimeoutError) as err:
                kind = type(err).__name__
                if writer is not None:
                    writer.close()
                reader = writer = None
            done = time.perf_counter()
            if kind:
                errors[kind] += 1
            results[label if not kind else label + " !"].append(done - (start + i / rate))
            results["_service"].append(done - sent)
        if writer is not None:
            writer.close()

    workers = [asyncio.create_task(connection()) for _ in range(concurrency)]
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        due.put_nowait(i)
    for _ in workers:
        due.put_nowait(None)
    await asyncio.gather(*workers)
    results["_elapsed"] = [time.perf_counter() - start]
    for kind, n in sorted(errors.items()):
        print(f"errors: {n} x {kind}")
    return results


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
delay = function() return %d end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d %%d %%.1f %%.1f %%.1f %%.1f\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
end
"""


def run_wrk(port: int, mix: list[tuple[str, str]], rate: float, duration: float, concurrency: int) -> None:
    """The same URL list through wrk; prints its numbers as one table row."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    paths = ", ".join(f'"{path}"' for _, path in mix)
    # wrk pauses after each answer, so a connection's period is pause + latency: allow ~10 ms of latency.
    pause_ms = max(0, round(concurrency * 1000 / rate) - 10)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT % (paths, pause_ms))
    try:
        cmd = [wrk, "-t1", f"-c{concurrency}", f"-d{int(duration)}s", "--timeout", "30s", "-s", fh.name]
        out = subprocess.run(cmd + [f"http://{HOST}:{port}/"], capture_output=True, text=True, timeout=duration + 60)
    finally:
        os.unlink(fh.name)
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {out.stdout}{out.stderr}")
    n, micros, *errs, p50, p99, top, mean = line.split()[1:]
    seconds = int(micros) / 1e6
    errors = sum(int(x) for x in errs)
    print(
        f"wrk: {concurrency} connections, {pause_ms} ms pause each; sent {n} in {seconds:.1f} s "
        f"({int(n) / seconds:.1f}/s); latency from sending"
    )
    print()
    print("| endpoint | requests | errors | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| **all (wrk)** | {n} | {errors} | {p50} | {p99} | {top} |")
    print(
        f"\nmean {mean} ms; errors connect/read/write/status/timeout {'/'.join(errs)}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )


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
    parser.add_argument("--concurrency", type=int, default=32, help="most connections (requests in flight)")
    parser.add_argument("--articles", type=int, default=2000, help="generated articles in the database")
    parser.add_argument("--workers", type=int, default=2, help="server processes (serve --workers)")
    parser.add_argument("--tool", choices=("raw", "wrk"), default="raw", help="load generator")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    # Bounded on purpose: this is a load test of our own server, not a flood.
    rate, duration = min(args.rate, 1000.0), min(args.duration, 300.0)
    with tempfile.TemporaryDirectory(prefix="wirewatch-load-") as tmp:
        db = str(Path(tmp) / "load.db")
        ids, people = fill(db, args.articles)
        port = free_port()
        cmd = [sys.executable, "-m", "wirewatch", "serve", "--db", db, "--host", HOST, "--port", str(port)]
        cmd += ["--workers", str(args.workers)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            asyncio.run(wait_ready(port, proc))
            print(
                f"database: {args.articles} generated articles; server: http://{HOST}:{port} "
                f"({args.workers} uvicorn worker(s)); {os.cpu_count()} CPUs; "
                f"load average before {os.getloadavg()[0]:.2f}"
            )
            mix = targets(ids, people, random.Random(args.seed))
            if args.tool == "wrk":
                run_wrk(port, mix, rate, duration, args.concurrency)
                return
            results = asyncio.run(load(port, mix, rate, duration, args.concurrency))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        table(results, rate, duration)


if __name__ == "__main__":
    main()
