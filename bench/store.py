#!/usr/bin/env python3
"""Store speed on generated data: quote search and person timeline latency, ingest rate.

Usage: python bench/store.py [--quotes N] [--backend sqlite|postgres|both] [--pg URL] [--queries Q]

Generates N synthetic quotes (10 per article; 5,000 speakers with skewed popularity; quote words
drawn from a skewed vocabulary, so some searches match many rows and most match few), bulk
loads them into each store (``add_many(dedup=False)``), then times ``wirewatch.query.search``
(1-2 word full-text searches, first page of 20) and ``wirewatch.query.timeline`` (person detail,
months, first 50 quotes, co-mentions) through the same code the CLI and API use.

The ingest rate stores real pipeline output: short generated articles run through
``wirewatch.extract`` (timed: the pipeline) and then ``add_record`` with near-duplicate
checking and people merging (timed: the store), one transaction per article as ``ingest`` does.
Both are timed ``--rounds`` times (the store into a fresh database each round, before the bulk
load, whose write-back would otherwise be timed with it) and the median is reported: one round
of 60 articles takes well under a second and is noisy on a busy machine.

PostgreSQL runs in a scratch schema (dropped at the end) of ``--pg`` (default: the
``WIREWATCH_TEST_PG`` environment variable). After the bulk load it runs ``VACUUM (ANALYZE)``:
what autovacuum does to a live database after a million inserts (its visibility map is what lets
a person's page count quotes from an index alone). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import wirewatch  # noqa: E402
from wirewatch.query import make_filter, search, timeline  # noqa: E402
from wirewatch.store import Store, open_store  # noqa: E402

QUOTES_PER_ARTICLE = 10
SPEAKERS = 5000
VOCABULARY = 20000
SYLLABLES = "ka lo mi ra ne to vi sa du pe ri an ol ev us ta mo li ze bo".split()


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def make_world(seed: int) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(seed)
    vocab = sorted({word(rng, rng.randint(2, 4)) for _ in range(VOCABULARY * 2)})[:VOCABULARY]
    rng.shuffle(vocab)
    people = sorted({f"{word(rng, 2).title()} {word(rng, 3).title()}" for _ in range(SPEAKERS * 2)})[:SPEAKERS]
    rng.shuffle(people)
    roles = ["minister", "spokesman", "president", "analyst", "chairman", "governor", "envoy", "senator"]
    return vocab, people, roles


def zipf_index(rng: random.Random, n: int, s: float = 1.1) -> int:
    """A skewed index into 0..n-1: low indexes far more often (Zipf-like, via a power law)."""
    return min(n - 1, int(n * rng.random() ** (1 + 3 * s)))


def synthetic_records(n_quotes: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """SCHEMA-shaped records built directly (no pipeline): fast to make in bulk."""
    vocab, people, roles = make_world(seed)
    rng = random.Random(seed + 1)
    n_articles = max(1, n_quotes // QUOTES_PER_ARTICLE)
    for a in range(n_articles):
        year = 2014 + a * 10 // n_articles
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        parts: list[str] = [f"Synthetic story {a}\n\n"]
        quotes = []
        speakers = [people[zipf_index(rng, len(people), 0.6)] for _ in range(QUOTES_PER_ARTICLE)]
        for i, who in enumerate(speakers):
            words = " ".join(vocab[zipf_index(rng, len(vocab))] for _ in range(rng.randint(8, 16)))
            offset = sum(len(p) for p in parts)
            sentence = f'"{words}," {who} said. '
            parts.append(sentence)
            quotes.append(
                {
                    "id": f"{a}-{i}",
                    "text": words,
                    "start": offset + 1,
                    "end": offset + 1 + len(words),
                    "pieces": [[offset + 1, offset + 1 + len(words)]],
                    "kind": "direct",
                    "speaker": {
                        "mention": who,
                        "start": offset + len(words) + 4,
                        "end": offset + len(words) + 4 + len(who),
                        "name": who,
                        "entity": None,
                        "role": roles[hash(who) % len(roles)],
                        "resolved_by": "name",
                    },
                    "cue": None,
                    "addressee": None,
                    "date": published,
                    "confidence": 0.9,
                }
            )
        text = "".join(parts) + "\n"
        yield {
            "schema": "wirewatch.article/1",
            "id": f"{a:016x}",
            "source": {"path": f"synthetic/{a}.txt", "format": "text", "url": None},
            "language": "en",
            "text": text,
            "headline": {"text": f"Synthetic story {a}", "start": 0, "end": len(f"Synthetic story {a}")},
            "byline": None,
            "dateline": {
                "text": "",
                "start": 0,
                "end": 0,
                "place": None,
                "date": published,
                "date_inferred": False,
                "agency": ["TASS", "Reuters", "AP", "AFP"][a % 4],
            },
            "published": published,
            "paragraphs": [],
            "quotes": quotes,
            "entities": [],
            "dates": [],
            "events": [],
            "warnings": [],
        }


def load(store: Store, n_quotes: int, batch: int = 1000) -> float:
    """Bulk-load the generated records; returns seconds."""
    t0 = time.perf_counter()
    buf: list[dict[str, Any]] = []
    done = 0
    for record in synthetic_records(n_quotes):
        buf.append(record)
        if len(buf) == batch:
            store.add_many(buf, dedup=False)
            done += len(buf)
            buf = []
            if done % 20000 == 0:
                rate = done * QUOTES_PER_ARTICLE / (time.perf_counter() - t0)
                print(f"  loaded {done * QUOTES_PER_ARTICLE:,} quotes ({rate:,.0f}/s)", file=sys.stderr)
    if buf:
        store.add_many(buf, dedup=False)
    return time.perf_counter() - t0


def timed(fn: Callable[[], Any], runs: list[float]) -> Any:
    t0 = time.perf_counter()
    out = fn()
    runs.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latencies(store: Store, queries: int, seed: int = 11) -> dict[str, list[float]]:
    vocab, people, _ = make_world(7)
    rng = random.Random(seed)
    out: dict[str, list[float]] = {"search": [], "timeline": []}
    # Warm the caches the way a running server would be warm.
    search(store, make_filter(text=vocab[0]), limit=20)
    for _ in range(queries):
        words = " ".join(vocab[zipf_index(rng, len(vocab), 0.5)] for _ in range(rng.randint(1, 2)))
        timed(lambda w=words: search(store, make_filter(text=w), limit=20), out["search"])  # type: ignore[misc]
    pids = []
    for _ in range(queries):
        pid = store.find_person(people[zipf_index(rng, len(people), 0.6)])
        if pid is not None:
            pids.append(pid)
    for pid in pids:
        timed(lambda p=pid: timeline(store, p, limit=50), out["timeline"])  # type: ignore[misc]
    return out


ARTICLE = (
    "{place}, {month} {day}. /{agency}/. {first} {last}, the {role}, said on Monday that talks on {topic} "
    'would resume. "We are ready to discuss {topic} with all parties," {last} told reporters in {place}. '
    "{other} said the {org} had not yet received a proposal.\n"
    'The {org} will meet on {day2} {month}, {last} added. "Nothing is agreed until everything is agreed," '
    "he said.\n"
)


def pipeline_records(articles: int, rounds: int = 1) -> tuple[list[dict[str, Any]], float]:
    """Generated articles run through the real pipeline; returns the records and articles/s
    (the median of ``rounds`` timings)."""
    rng = random.Random(3)
    vocab, people, roles = make_world(7)
    places = ["Moscow", "Geneva", "Paris", "Berlin", "Ankara", "Vienna", "Cairo", "Tokyo"]
    texts = []
    for i in range(articles):
        first, last = people[i].split()
        texts.append(
            ARTICLE.format(
                place=rng.choice(places).upper(),
                month=rng.choice(["March", "April", "May"]),
                day=rng.randint(1, 27),
                day2=rng.randint(1, 27),
                agency=rng.choice(["TASS", "Reuters"]),
                first=first,
                last=last,
                role=rng.choice(roles),
                topic=" ".join(vocab[j] for j in rng.sample(range(200, 5000), 3)),
                other=people[i + 1000],
                org=rng.choice(["Foreign Ministry", "European Commission", "Security Council"]),
            )
        )
    for t in texts[:3]:  # load the models and warm the caches outside the timing
        wirewatch.extract(t, published="2024-03-01")
    rates = []
    for _ in range(max(1, rounds)):
        t0 = time.perf_counter()
        records = [
            wirewatch.extract(t, published="2024-03-01", path=f"gen/{i}.txt").to_dict() for i, t in enumerate(texts)
        ]
        rates.append(articles / (time.perf_counter() - t0))
    return records, statistics.median(rates)


def store_rate(db: str, records: list[dict[str, Any]]) -> float:
    """Articles/s of ``add_record`` (near-duplicate check, people merging; one transaction each)."""
    with open_store(db) as store:
        t0 = time.perf_counter()
        for r in records:
            store.add_record(r)
        return len(records) / (time.perf_counter() - t0)


def median_rate(fresh: Callable[[], str], records: list[dict[str, Any]], rounds: int) -> float:
    """The median :func:`store_rate` over ``rounds`` fresh databases (``fresh()`` makes one)."""
    return statistics.median(store_rate(fresh(), records) for _ in range(max(1, rounds)))


def run_backend(name: str, db: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"{name}: loading {args.quotes:,} quotes", file=sys.stderr)
    with open_store(db) as store:
        load_s = load(store, args.quotes)
        if name == "postgres":
            # Statistics and the visibility map, as autovacuum would give a live database.
            store._execute("VACUUM (ANALYZE)")
        stats = store.stats()
        lat = latencies(store, args.queries)
    return {
        "name": name,
        "quotes": stats["quotes"],
        "load_s": load_s,
        "search": lat["search"],
        "timeline": lat["timeline"],
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quotes", type=int, default=1_000_000, help="Quotes to generate (default 1,000,000).")
    p.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--pg", default=os.environ.get("WIREWATCH_TEST_PG", ""), help="PostgreSQL URL.")
    p.add_argument("--queries", type=int, default=300, help="Searches and timelines timed per store.")
    p.add_argument("--ingest-articles", type=int, default=60, help="Articles for the ingest rate.")
    p.add_argument("--rounds", type=int, default=5, help="Timings of the ingest rate; the median is shown.")
    p.add_argument("--out", default=str(ROOT / "bench" / "out"), help="Folder for the SQLite files.")
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    ingest: dict[str, float] = {}
    print(f"pipeline: extracting {args.ingest_articles} generated articles", file=sys.stderr)
    records, pipeline_rate = pipeline_records(args.ingest_articles, args.rounds)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if backend == "sqlite":
            db = out / f"bench-{args.quotes}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)

            def fresh_file() -> str:
                small = out / "ingest.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(str(small) + suffix).unlink(missing_ok=True)
                return str(small)

            # Before the bulk load: its write-back (a checkpoint of a gigabyte) is not ingest.
            ingest["sqlite"] = median_rate(fresh_file, records, args.rounds)
            rows.append(run_backend("sqlite", str(db), args))
        else:
            if not args.pg:
                print("postgres: skipped (no --pg URL and no WIREWATCH_TEST_PG)", file=sys.stderr)
                continue
            import psycopg

            schema = f"ww_bench_{secrets.token_hex(3)}"
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {schema}".encode())
            sep = "&" if "?" in args.pg else "?"
            url = f"{args.pg}{sep}options=-csearch_path%3D{schema}"
            try:

                def fresh_schema(schema: str = schema, url: str = url) -> str:
                    with psycopg.connect(args.pg, autocommit=True) as conn:
                        conn.execute(f"DROP SCHEMA {schema} CASCADE; CREATE SCHEMA {schema}".encode())
                    return url

                ingest["postgres"] = median_rate(fresh_schema, records, args.rounds)
                fresh_schema()
                rows.append(run_backend("postgres", url, args))
            finally:
                with psycopg.connect(args.pg, autocommit=True) as conn:
                    conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE".encode())
    print()
    print("| store | quotes | bulk load | search p50 | search p95 | timeline p50 | timeline p95 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['name']} | {r['quotes']:,} | {r['load_s']:.0f} s | {statistics.median(r['search']):.1f} ms"
            f" | {pct(r['search'], 95):.1f} ms | {statistics.median(r['timeline']):.1f} ms"
            f" | {pct(r['timeline'], 95):.1f} ms |"
        )
    print()
    print("| store | pipeline (extract) | store (add_record) | store's share of ingest time |")
    print("| --- | ---: | ---: | ---: |")
    for name, rate in ingest.items():
        share = (1 / rate) / (1 / rate + 1 / pipeline_rate)
        print(f"| {name} | {pipeline_rate:.1f} articles/s | {rate:.1f} articles/s | {100 * share:.1f} % |")


if __name__ == "__main__":
    main()
