"""The feed watcher against a local news site (127.0.0.1 only); prints a markdown table.

    .venv/bin/python bench/watch.py                        # all three measures, 10,000-entry soak
    .venv/bin/python bench/watch.py --entries 2000 --no-kill

The site is the tests' (``tests/watch/wires.py``): feeds that gain entries, short synthetic
article pages (one attributed quote each, wording drawn from a fixed vocabulary), ETags.

**Unchanged feeds.** 100 feeds on one host (a local site in a process of its own) are polled
once (each answers with its ETag), then ``--rounds`` more times, with the default concurrency
(16 requests at once, 8 per host); every later answer is a 304. The table gives the median and the
slowest of those polls, each one whole :meth:`Watcher.poll` (requests on the watcher's threads,
then each feed's state saved).

**Soak.** ``--entries`` entries reach the watcher over polls of 10 feeds (each gains
``--per-poll`` / 10 entries before each poll); each entry's page is fetched and read (trafilatura)
and its record stored in SQLite, with an alert matching every quote, delivered to a file. As in
``bench/throughput.py``'s store soak, the NLP is bypassed by default: the records are built from
the templates of :mod:`wirewatch.batch.synthetic` (``--nlp`` runs the full pipeline, spaCy
included, at about 7 articles/s on one core). RSS is sampled after each poll; the growth is from
the first sample at or past ``--warmup`` entries to the end.

**Kill.** A ``wirewatch watch`` process follows a feed that gains an entry after every answer
for 50 polls, is killed with SIGKILL after 10 articles and started again for the rest; then
every entry listed must be stored once and every alert delivered once.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.watch.wires import Wires, serve_wires  # noqa: E402  # the tests' local site
from wirewatch.batch import synthetic  # noqa: E402
from wirewatch.config import Settings  # noqa: E402
from wirewatch.models import RawDocument  # noqa: E402
from wirewatch.store import open_store  # noqa: E402
from wirewatch.watch.db import WatchDb  # noqa: E402
from wirewatch.watch.deliver import DeliveryOptions  # noqa: E402
from wirewatch.watch.fetch import FetchOptions  # noqa: E402
from wirewatch.watch.poller import Extractor, Watcher, WatchOptions, extract_records  # noqa: E402

MB = 1024 * 1024


def template_records(docs: list[RawDocument], settings: Settings) -> list[dict[str, Any] | Exception]:
    """Each page's record built from the synthetic templates (no NLP), seeded by its number."""
    out: list[dict[str, Any] | Exception] = []
    for doc in docs:
        r = synthetic.record(int(str(doc.url).rsplit("/", 1)[1]))
        r["source"] = {"path": doc.path, "format": "feed", "url": doc.url}
        out.append(r)
    return out


def watcher(
    db: str, feeds: list[str], settings: Settings, tmp: Path, extract: Extractor = extract_records
) -> tuple[Watcher, WatchDb, object]:
    store = open_store(db, settings)
    wdb = WatchDb(db)
    options = WatchOptions(
        every=300,
        fetch=FetchOptions(timeout=10.0),
        delivery=DeliveryOptions(dead_letter=str(tmp / "dead.jsonl")),
    )
    return Watcher(store, wdb, feeds, settings, options, extract=extract), wdb, store


def _site(feeds: int, urls: Any, stop: Any) -> None:
    """A site with ``feeds`` feeds, in a process of its own (as a real site would be)."""
    with serve_wires() as wires:
        urls.put([wires.add_feed(f"f{i}") for i in range(feeds)])
        stop.wait()


def unchanged(rounds: int, tmp: Path) -> tuple[float, float]:
    settings = Settings.load()
    db = str(tmp / "unchanged.db")
    ctx = multiprocessing.get_context("spawn")
    urls, stop = ctx.Queue(), ctx.Event()
    site = ctx.Process(target=_site, args=(100, urls, stop), daemon=True)
    site.start()
    try:
        feeds = urls.get(timeout=60)
        w, wdb, store = watcher(db, feeds, settings, tmp)
        w.poll(force=True)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            w.poll(force=True)
            times.append(time.perf_counter() - t)
        assert w.progress.not_modified == 100 * rounds, w.progress
        w.close()
        wdb.close()
        store.close()  # type: ignore[attr-defined]
    finally:
        stop.set()
        site.join(timeout=10)
    return statistics.median(times), max(times)


def soak(entries: int, per_poll: int, warmup: int, tmp: Path, nlp: bool) -> dict[str, float]:
    settings = Settings.load()
    db = str(tmp / "soak.db")
    proc = psutil.Process()
    open_store(db).close()
    with WatchDb(db) as wdb:
        wdb.add_alert("all", None, None, "direct", str(tmp / "alerts.jsonl"))
    with serve_wires() as wires:
        feeds = [wires.add_feed(f"s{i}") for i in range(10)]
        w, wdb, store = watcher(db, feeds, settings, tmp, extract_records if nlp else template_records)
        added = 0
        samples: list[tuple[int, float]] = []
        start = time.perf_counter()
        while added < entries:
            for i in range(10):
                n = min(per_poll // 10, entries - added)
                if n > 0:
                    wires.grow(f"s{i}", n)
                    added += n
            w.poll(force=True)
            samples.append((w.progress.new_articles, proc.memory_info().rss / MB))
            print(f"  {w.progress.line()}  rss {samples[-1][1]:.0f} MiB", file=sys.stderr)
        wall = time.perf_counter() - start
        stored = w.progress.new_articles
        alerts = w.progress.alerts
        w.close()
        wdb.close()
        store.close()  # type: ignore[attr-defined]
    base = next(((n, r) for n, r in samples if n >= warmup), samples[0])
    end = samples[-1]
    delivered = len((tmp / "alerts.jsonl").read_text().splitlines())
    return {
        "entries": added,
        "stored": stored,
        "alerts": alerts,
        "delivered": delivered,
        "per_s": stored / wall,
        "rss_warm": base[1],
        "warm_at": base[0],
        "rss_end": end[1],
        "growth": (end[1] - base[1]) / base[1] * 100,
        "peak": max(r for _, r in samples),
    }


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _watch(db: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "wirewatch", "watch", *args, "--db", str(db)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill(tmp: Path, polls: int = 50) -> dict[str, int]:
    db = tmp / "kill.db"
    out = tmp / "kill-alerts.jsonl"
    open_store(str(db)).close()
    with WatchDb(str(db)) as wdb:
        wdb.add_alert("winter", None, "winter", None, str(out))
    wires: Wires
    with serve_wires() as wires:
        feed = wires.add_feed("live", entries=2, grow_by=1)
        first = _watch(db, feed, "--every", "0.05s", "--polls", str(polls))
        while _count(db, "SELECT count(*) FROM articles") < 10 and first.poll() is None:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        done = _count(db, "SELECT polls FROM watch_feeds")
        second = _watch(db, feed, "--every", "0.05s", "--polls", str(polls - done))
        second.communicate()
        listed = len(wires.feeds["live"].entries) - 1
        fetched = sum(wires.pages_served.values())
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    return {
        "polls_before": done,
        "polls_after": polls - done,
        "listed": listed,
        "articles": _count(db, "SELECT count(*) FROM articles"),
        "distinct": _count(db, "SELECT count(DISTINCT url) FROM articles"),
        "copies": _count(db, "SELECT count(*) FROM copies"),
        "fetched": fetched,
        "outbox": _count(db, "SELECT count(*) FROM alert_outbox"),
        "delivered": len(lines),
        "distinct_delivered": len({(x["article_id"], x["quote_ord"]) for x in lines}),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=10, help="Polls of the 100 unchanged feeds timed.")
    ap.add_argument("--entries", type=int, default=10_000, help="Entries in the soak.")
    ap.add_argument("--per-poll", type=int, default=500, help="New entries per soak poll (over 10 feeds).")
    ap.add_argument("--warmup", type=int, default=2_000, help="Entries before the soak's RSS baseline.")
    ap.add_argument("--nlp", action="store_true", help="Soak through the full pipeline (spaCy included).")
    ap.add_argument("--no-soak", action="store_true")
    ap.add_argument("--no-kill", action="store_true")
    args = ap.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-watch-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.no_kill:
            k = kill(tmp)
            once = k["articles"] == k["distinct"] == k["listed"] and k["copies"] == 0
            delivered_once = k["delivered"] == k["distinct_delivered"] == k["outbox"] == k["articles"]
            rows.append(
                (
                    "entries ingested exactly once, 50 polls, SIGKILL in the middle",
                    f"{k['articles']} stored of {k['listed']} listed ({k['polls_before']} + {k['polls_after']} polls;"
                    f" {k['copies']} duplicates; {k['fetched']} page fetches)",
                    "all",
                    "yes" if once else "NO",
                )
            )
            rows.append(
                (
                    "alerts delivered exactly once each (same run)",
                    f"{k['delivered']} lines, {k['distinct_delivered']} distinct, {k['outbox']} in the outbox",
                    "all",
                    "yes" if delivered_once else "NO",
                )
            )
        median, worst = unchanged(args.rounds, tmp)
        rows.append(
            (
                "poll of 100 unchanged feeds (304)",
                f"median {median:.3f} s, slowest {worst:.3f} s ({args.rounds} polls)",
                "< 1 s",
                "yes" if worst < 1 else "NO",
            )
        )
        if not args.no_soak:
            s = soak(args.entries, args.per_poll, args.warmup, tmp, args.nlp)
            how = "full pipeline" if args.nlp else "NLP bypassed"
            rows.append(
                (
                    f"RSS growth over a {s['entries']:,.0f}-entry soak ({how})",
                    f"{s['growth']:+.1f}% ({s['rss_warm']:.0f} MiB at {s['warm_at']:,.0f} entries -> "
                    f"{s['rss_end']:.0f} MiB; peak {s['peak']:.0f} MiB; {s['stored']:,.0f} stored, "
                    f"{s['per_s']:.1f}/s; alerts {s['alerts']:,.0f}, delivered {s['delivered']:,.0f})",
                    "< 10% after warm-up",
                    "yes" if s["growth"] < 10 else "NO",
                )
            )
    print("| measure | result | target | met |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
