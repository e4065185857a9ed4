#!/usr/bin/env python3
"""Quote checking on a real corpus: verdict accuracy by kind, top-1 retrieval, ``check`` latency.

Usage::

    python bench/check.py                                   # 1,600 BBC articles stored, SQLite and PostgreSQL
    python bench/check.py --quotes 1000000                  # and a store grown to a million quotes
    python bench/check.py --backend sqlite --articles 400 --cases 100

Corpus: ``<Settings.eval_dir>/corpus/bbc/*.txt`` (default ``../shared/eval/corpus/bbc``; never
copied into the repository), sorted names shuffled with seed 7: the first ``--articles`` are
ingested through the real pipeline (``wirewatch.batch.run_ingest``, one worker per core) into a
SQLite file under ``--out``; the same records are then stored in a scratch PostgreSQL schema of
``--pg`` (dropped at the end). The rest are held out.

Cases, ``--cases`` of each kind, from stored quotes of eight words or more with a named speaker
(one quote per statement, drawn with ``--seed``):

* **exact**: the quote's words, in other quotation marks, under its speaker's name;
* **trimmed**: a run of 40-80% of its words kept (an ellipsis where words were cut), no
  negation dropped, under its speaker;
* **altered**: one or two words (not negations, not the first or last) replaced by other words
  of the corpus, under its speaker;
* **misattributed**: the quote's words under the name of another stored speaker;
* **unrelated**: a sentence of eight words or more from a held-out article (no quotation marks),
  with no speaker, that shares no run of :data:`COPIED_RUN` words with the text of any stored
  article. The corpus holds copies and retellings of its own stories (96 files are byte-for-byte
  copies of others), so a held-out sentence can be a sentence of a stored article, whose words
  the grown store's synthetic quotes then give verbatim (half of it each): checking it finds a
  real source, which is not what this kind tests. Phrases shorter than that ("world number one
  Lindsay Davenport and") stay: sharing them is what an unrelated sentence does.

Expected: the verdict named by the kind (``not found`` for unrelated), and for the first four the
statement the quote was stored in ranked first. Latency is of ``wirewatch.query.check.check``
(what the CLI, the API and the web page call), every case timed once after one warm-up pass.

``--quotes N`` then grows each store to N quotes with synthetic rows bulk-inserted directly
(articles of 10 quotes; each quote a new statement with its keys, its report and its quote row;
the quote full-text index, which ``check`` never reads, is not built for them): sentences of the
stored articles recombined (the first half of one, the second of another) under the cases'
speakers, so the key index holds the corpus's own common runs of words many times over. The
cases are checked again on the grown store: accuracy and latency. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirewatch.batch import run_ingest  # noqa: E402
from wirewatch.batch.jobs import default_jobs  # noqa: E402
from wirewatch.config import Settings  # noqa: E402
from wirewatch.query.check import check  # noqa: E402
from wirewatch.store import Store, open_store  # noqa: E402
from wirewatch.store.wording import text_keys, words  # noqa: E402

KINDS = ("exact", "trimmed", "altered", "misattributed", "unrelated")
EXPECTED = {"exact": "exact", "trimmed": "trimmed", "altered": "altered", "misattributed": "misattributed"}
EXPECTED["unrelated"] = "not found"
NEGATIONS = {"not", "no", "never", "nor", "neither", "nothing", "none", "without", "t"}
COPIED_RUN = 8
"""Folded words in a row that a held-out sentence may not share with the stored text to count as
unrelated: as long as the shortest quote a case is made from, well past shared stock phrases."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_QUOTE_MARKS = re.compile(r"[\"“”‘’«»]|''|``")


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    speaker: str | None
    report: tuple[str, int] | None
    """The stored quote (article id, ord) it was made from: its statement is the right one, in
    whichever store (the stores number statements each their own way)."""


def corpus_files(settings: Settings) -> list[Path]:
    corpus = Path(settings.eval_dir) / "corpus" / "bbc"
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no corpus at {corpus} (set WIREWATCH_EVAL_DIR)")
    random.Random(7).shuffle(files)
    return files


def sentences(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    body = text.split("\n", 1)[-1]
    out = []
    for para in body.splitlines():
        out.extend(s.strip() for s in _SENTENCE.split(para) if s.strip())
    return out


# -- the stores ------------------------------------------------------------------------------------


def build_sqlite(db: Path, files: list[Path], settings: Settings) -> float:
    if db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    summary = run_ingest([str(p) for p in files], str(db), settings, jobs=default_jobs())
    print(f"ingested: {summary.line()} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return time.perf_counter() - t0


def copy_records(src: Path, dest: Store) -> None:
    """The SQLite store's records, in the order stored, into another store."""
    conn = sqlite3.connect(src)
    import json

    rows = [json.loads(r[0]) for r in conn.execute("SELECT record_json FROM articles ORDER BY pk")]
    conn.close()
    for i in range(0, len(rows), 50):
        dest.add_many(rows[i : i + 50])


# -- the cases -------------------------------------------------------------------------------------


def stored_quotes(db: Path) -> list[tuple[tuple[str, int], str, str, str]]:
    """((article id, ord), quote text, speaker name, speaker key): one report per statement."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT r.statement_id, q.text, q.speaker_name, q.speaker_key, r.article_id, r.ord FROM statement_reports r"
        " JOIN quotes q ON q.article_id = r.article_id AND q.ord = r.ord"
        " WHERE q.speaker_key IS NOT NULL AND q.speaker_key != '' ORDER BY r.statement_id, r.article_id, r.ord"
    ).fetchall()
    conn.close()
    seen: set[int] = set()
    out = []
    for sid, text, name, key, article_id, ord_ in rows:
        if sid in seen or len(words(text)) < 8:
            continue
        seen.add(sid)
        out.append(((str(article_id), int(ord_)), str(text), str(name), str(key)))
    return out


def _negated(tokens: list[str]) -> bool:
    """Whether cutting ``tokens`` drops a negation, judged on the words as ``check`` folds them
    ("No-one" is "no one", "don’t" is "don t")."""
    return any(w in NEGATIONS for t in tokens for w in words(t))


def _runs(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + COPIED_RUN]) for i in range(len(tokens) - COPIED_RUN + 1)}


def stored_runs(db: Path) -> set[tuple[str, ...]]:
    """Every run of :data:`COPIED_RUN` folded words in the stored articles' text."""
    conn = sqlite3.connect(db)
    out: set[tuple[str, ...]] = set()
    for (text,) in conn.execute("SELECT text FROM articles"):
        out |= _runs(words(text))
    conn.close()
    return out


def make_cases(db: Path, held_out: list[Path], n: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    quotes = stored_quotes(db)
    rng.shuffle(quotes)
    vocab = sorted({w for _, t, _, _ in quotes for w in re.findall(r"[A-Za-z]{4,}", t)})
    speakers = sorted({(name, key) for _, _, name, key in quotes})
    cases: list[Case] = []
    picks = iter(quotes)

    def take() -> tuple[tuple[str, int], str, str, str]:
        return next(picks)

    for _ in range(n):
        sid, text, name, _ = take()
        cases.append(Case("exact", f"“{_QUOTE_MARKS.sub('', text).strip()}”", name, sid))
    for _ in range(n):
        sid, text, name, _ = take()
        toks = _QUOTE_MARKS.sub("", text).split()
        keep = max(5, int(len(toks) * rng.uniform(0.4, 0.8)))
        start = rng.randint(0, len(toks) - keep)
        cut = toks[start : start + keep]
        gone = toks[:start] + toks[start + keep :]
        if _negated(gone):
            cut, start, keep = toks, 0, len(toks)
            mid = len(toks) // 2
            cut = toks[:mid] + ["..."] + toks[mid + 2 :]
            if _negated(toks[mid : mid + 2]):
                cut = toks[:-2]
        else:
            cut = (["..."] if start > 0 else []) + cut + (["..."] if start + keep < len(toks) else [])
        cases.append(Case("trimmed", " ".join(cut), name, sid))
    for _ in range(n):
        sid, text, name, _ = take()
        toks = _QUOTE_MARKS.sub("", text).split()
        spots = [i for i in range(1, len(toks) - 1) if toks[i].strip(".,;:!?").casefold() not in NEGATIONS]
        for i in rng.sample(spots, min(len(spots), rng.choice((1, 2)))):
            new = rng.choice(vocab)
            while new.casefold() == toks[i].strip(".,;:!?").casefold():
                new = rng.choice(vocab)
            toks[i] = new
        cases.append(Case("altered", " ".join(toks), name, sid))
    for _ in range(n):
        sid, text, name, key = take()
        other = rng.choice(speakers)
        while set(other[1].split()) & set(key.split()):
            other = rng.choice(speakers)
        cases.append(Case("misattributed", _QUOTE_MARKS.sub("", text).strip(), other[0], sid))
    copied = stored_runs(db)
    pool = [
        s
        for p in held_out
        for s in sentences(p)
        if len(words(s)) >= 8 and not _QUOTE_MARKS.search(s) and copied.isdisjoint(_runs(words(s)))
    ]
    for s in rng.sample(pool, min(n, len(pool))):
        cases.append(Case("unrelated", s, None, None))
    return cases


# -- scoring ---------------------------------------------------------------------------------------


def statement_of(store: Store, report: tuple[str, int]) -> int | None:
    """The statement a stored quote is a report of, in ``store`` (a bench-only look-up)."""
    row = store._one(  # type: ignore[attr-defined]
        "SELECT statement_id FROM statement_reports WHERE article_id = ? AND ord = ?", report
    )
    return int(row["statement_id"]) if row else None


def run_cases(store: Store, cases: list[Case]) -> dict[str, Any]:
    for c in cases[:20]:  # warm-up
        check(store, c.text, speaker=c.speaker)
    right: dict[str, int] = dict.fromkeys(KINDS, 0)
    top1: dict[str, int] = dict.fromkeys(KINDS, 0)
    counts: dict[str, int] = dict.fromkeys(KINDS, 0)
    times: list[float] = []
    wrong: list[str] = []
    for c in cases:
        t0 = time.perf_counter()
        result = check(store, c.text, speaker=c.speaker)
        times.append(time.perf_counter() - t0)
        counts[c.kind] += 1
        right[c.kind] += result.verdict == EXPECTED[c.kind]
        if c.report is not None:
            expected = statement_of(store, c.report)
            top1[c.kind] += bool(result.matches) and result.matches[0].statement.id == expected
        if result.verdict != EXPECTED[c.kind] and len(wrong) < 12:
            wrong.append(f"{c.kind} -> {result.verdict}: {c.text[:90]!r} ({result.reason})")
    times.sort()
    return {
        "counts": counts,
        "right": right,
        "top1": top1,
        "p50": statistics.median(times) * 1000,
        "p95": times[int(0.95 * (len(times) - 1))] * 1000,
        "max": times[-1] * 1000,
        "wrong": wrong,
    }


# -- growing a store -------------------------------------------------------------------------------


def synthetic(files: list[Path], speakers: list[str], n: int, seed: int) -> Iterator[tuple[str, str]]:
    """``n`` (quote text, speaker name): halves of corpus sentences recombined."""
    rng = random.Random(seed)
    halves: list[tuple[list[str], list[str]]] = []
    for p in files:
        for s in sentences(p):
            toks = s.split()
            if len(toks) >= 8:
                halves.append((toks[: len(toks) // 2], toks[len(toks) // 2 :]))
    for _ in range(n):
        a, b = rng.choice(halves)[0], rng.choice(halves)[1]
        yield " ".join(a + b), rng.choice(speakers)


@dataclass(frozen=True)
class Synthetic:
    """The rows of the synthetic quotes, made once and bulk-inserted into each store."""

    quotes: list[tuple[Any, ...]]
    folded: list[tuple[str, str]]
    """PostgreSQL's text_fold and speaker_fold of each quote."""
    articles: list[tuple[Any, ...]]
    statements: list[tuple[Any, ...]]
    reports: list[tuple[Any, ...]]
    keys: Any
    """An (n, 2) int64 array of (hash, statement offset), sorted."""


def make_synthetic(rows: Iterator[tuple[str, str]]) -> Synthetic:
    import numpy as np

    from wirewatch.names import fold_words, name_key

    arts: list[tuple[Any, ...]] = []
    quotes: list[tuple[Any, ...]] = []
    folded: list[tuple[str, str]] = []
    stmts: list[tuple[Any, ...]] = []
    reps: list[tuple[Any, ...]] = []
    hashes: list[int] = []
    owners: list[int] = []
    aid = ""
    for i, (text, speaker) in enumerate(rows):
        if i % 10 == 0:
            aid = f"syn{i // 10:012d}"
            arts.append((aid, f"synthetic/{aid}.txt", "text", "2005-01-01", "synthetic", aid, "{}"))
        toks = words(text)
        skey = name_key(speaker) or ""
        date = f"2005-{1 + i % 12:02d}-{1 + i % 28:02d}"
        quotes.append((aid, i % 10, 0, len(text), "direct", text, speaker, speaker, skey, skey, "person", date))
        folded.append((" ".join(toks), " ".join(fold_words(speaker))))
        stmts.append(("person", skey, speaker, text, 1, len(toks), 1, 1, date, date))
        reps.append((aid, i % 10, date))
        ks = set(text_keys(toks))
        hashes.extend(ks)
        owners.extend([i] * len(ks))
    keys = np.stack([np.array(hashes, dtype=np.int64), np.array(owners, dtype=np.int64)], axis=1)
    keys = keys[np.lexsort((keys[:, 1], keys[:, 0]))]
    return Synthetic(quotes, folded, arts, stmts, reps, keys)


def grow(url: str, dialect: str, syn: Synthetic) -> tuple[int, float]:
    """Bulk-insert the synthetic quotes (each a statement with its keys and report). The quote
    full-text index (FTS5 triggers, PostgreSQL's GIN indexes) is left out for them: ``check``
    never reads it, and building it for a million rows would only slow the set-up."""
    t0 = time.perf_counter()
    base = _max_id(url, dialect) + 1
    qcols = 'article_id, ord, start, "end", kind, text, speaker_name, speaker_mention, speaker_key, mention_key,'
    qcols += " speaker_type, date"
    scols = (
        "id, speaker_type, speaker_key, speaker_name, text, complete, words, report_count, article_count,"
        " first_date, last_date"
    )
    quotes: Iterator[tuple[Any, ...]] = iter(syn.quotes)
    if dialect == "postgresql":
        qcols += ", text_fold, speaker_fold"
        quotes = (q + f for q, f in zip(syn.quotes, syn.folded, strict=True))
    tables: list[tuple[str, Any]] = [
        ("articles (id, source_path, format, published, headline, text, record_json)", iter(syn.articles)),
        (f"quotes ({qcols})", quotes),
        (f"statements ({scols})", ((base + i, *r) for i, r in enumerate(syn.statements))),
        (
            "statement_reports (article_id, ord, statement_id, date)",
            ((a, o, base + i, d) for i, (a, o, d) in enumerate(syn.reports)),
        ),
        ("statement_keys (hash, statement_id)", ((int(h), base + int(o)) for h, o in syn.keys)),
    ]
    if dialect == "sqlite":
        conn = sqlite3.connect(url, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA cache_size=-2000000")
        conn.execute("DROP TRIGGER IF EXISTS quotes_ai")
        conn.execute("BEGIN")
        for head, data in tables:
            first = next(data)
            conn.execute(f"INSERT INTO {head} VALUES ({','.join('?' * len(first))})", first)
            conn.executemany(f"INSERT INTO {head} VALUES ({','.join('?' * len(first))})", data)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.close()
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP INDEX quotes_text_tsv")
            conn.execute("DROP INDEX quotes_speaker_tsv")
            conn.execute("ALTER TABLE statement_keys DROP CONSTRAINT statement_keys_pkey")
            for head, data in tables:
                with conn.cursor().copy(f"COPY {head} FROM STDIN".encode()) as cp:
                    for r in data:
                        cp.write_row(r)
            conn.execute("ALTER TABLE statement_keys ADD PRIMARY KEY (hash, statement_id)")
            conn.execute("SELECT setval(pg_get_serial_sequence('statements', 'id'), (SELECT max(id) FROM statements))")
            conn.execute("VACUUM (ANALYZE)")
    return len(syn.quotes), time.perf_counter() - t0


def _max_id(url: str, dialect: str) -> int:
    if dialect == "sqlite":
        conn = sqlite3.connect(url)
        n = conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
        conn.close()
        return int(n)
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()
        return int(row[0]) if row else 0


def quote_count(store: Store) -> int:
    return store.stats()["quotes"]


# -- output ----------------------------------------------------------------------------------------


def table(results: list[tuple[str, dict[str, Any]]]) -> str:
    head = "| store | quotes | " + " | ".join(f"verdict {k}" for k in KINDS) + " | top-1 (4 kinds) | p50 ms | p95 ms |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, r in results:
        c, right, top1 = r["counts"], r["right"], r["top1"]
        acc = [f"{right[k] / c[k]:.3f} ({right[k]}/{c[k]})" if c[k] else "-" for k in KINDS]
        n4 = sum(c[k] for k in KINDS if k != "unrelated")
        t4 = sum(top1[k] for k in KINDS if k != "unrelated")
        lines.append(
            f"| {name} | {r['quotes']:,} | " + " | ".join(acc) + f" | {t4 / n4:.3f} ({t4}/{n4}) |"
            f" {r['p50']:.1f} | {r['p95']:.1f} |"
        )
    return "\n".join(lines)


def measure(url: str, cases: list[Case], label: str, results: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Run the cases on the store at ``url``, add its row to ``results``, print the table so far
    and the store's misses; returns the row."""
    with open_store(url, readonly=True) as s:
        r = run_cases(s, cases)
        r["quotes"] = quote_count(s)
    results.append((label, r))
    print(table(results), file=sys.stderr)
    for line in r["wrong"]:
        print(f"  {label} miss: {line}", file=sys.stderr)
    return r


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=1600, help="Corpus articles ingested (the rest are held out).")
    p.add_argument("--cases", type=int, default=200, help="Cases of each kind.")
    p.add_argument("--quotes", type=int, default=0, help="Grow each store to this many quotes (0: do not).")
    p.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--pg", default=os.environ.get("WIREWATCH_TEST_PG", ""), help="PostgreSQL URL.")
    p.add_argument("--seed", type=int, default=17)
    p.add_argument("--out", default=str(ROOT / "bench" / "out"), help="Folder for the SQLite file.")
    p.add_argument("--reuse", action="store_true", help="Reuse the ingested SQLite file of an earlier run.")
    args = p.parse_args()
    settings = Settings.load()
    files = corpus_files(settings)
    stored, held_out = files[: args.articles], files[args.articles :]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "check.db"
    if not (args.reuse and db.exists()):
        build_sqlite(db, stored, settings)
    cases = make_cases(db, held_out, args.cases, args.seed)
    results: list[tuple[str, dict[str, Any]]] = []
    stores: list[tuple[str, str, str]] = []
    if args.backend in ("sqlite", "both"):
        stores.append(("SQLite", "sqlite", str(db)))
    schema = ""
    if args.backend in ("postgres", "both"):
        if not args.pg:
            sys.exit("--pg (or WIREWATCH_TEST_PG) is needed for PostgreSQL")
        import psycopg

        schema = f"ww_check_{secrets.token_hex(3)}"
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}".encode())
        sep = "&" if "?" in args.pg else "?"
        url = f"{args.pg}{sep}options=-csearch_path%3D{schema}"
        t0 = time.perf_counter()
        with open_store(url) as pg:
            copy_records(db, pg)
        print(f"copied the records to PostgreSQL in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        stores.append(("PostgreSQL", "postgresql", url))
    syn: Synthetic | None = None
    try:
        for name, dialect, url in stores:
            r = measure(url, cases, f"{name}, corpus", results)
            if args.quotes > r["quotes"]:
                if syn is None:
                    speakers = sorted({c.speaker for c in cases if c.speaker})
                    t0 = time.perf_counter()
                    syn = make_synthetic(synthetic(stored, speakers, args.quotes - r["quotes"], args.seed))
                    print(
                        f"made {len(syn.quotes):,} synthetic quotes in {time.perf_counter() - t0:.0f} s",
                        file=sys.stderr,
                    )
                if dialect == "sqlite":  # grow a copy: the ingested file stays reusable
                    grown = out / "check-grown.db"
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(grown) + suffix).unlink(missing_ok=True)
                    with sqlite3.connect(url) as src, sqlite3.connect(grown) as dst:
                        src.backup(dst)
                    url = str(grown)
                added, secs = grow(url, dialect, syn)
                print(f"{name}: {added:,} synthetic quotes bulk-inserted in {secs:.0f} s", file=sys.stderr)
                measure(url, cases, f"{name}, grown", results)
    finally:
        if schema:
            import psycopg

            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE".encode())
    print(f"\n{len(stored)} articles stored, {len(held_out)} held out; {args.cases} cases of each kind\n")
    print(table(results))


if __name__ == "__main__":
    main()
