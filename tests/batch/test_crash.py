"""Crash safety: ``wirewatch ingest`` killed with SIGKILL mid-run, then resumed.

Every article must end up stored exactly once, the ledger must cover every input, and the
database (tables and both FTS5 indexes) must pass SQLite's integrity checks.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from wirewatch.batch.synthetic import write_corpus

ARTICLES = 40


def stored(db: Path) -> int:
    """Articles committed so far, read without disturbing the writer (a failed read counts 0)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux's /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WIREWATCH_BATCH_COMMIT_ARTICLES": "2"}
    cmd = [sys.executable, "-m", "wirewatch", "ingest", str(corpus), "--db", str(db)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_sigkill_then_resume_stores_every_article_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = write_corpus(corpus, ARTICLES)
    db = tmp_path / "news.db"

    proc = ingest(corpus, db)
    deadline = time.monotonic() + 120
    while stored(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; the corpus is too small"
    workers = children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # its worker processes do not outlive it, holding a model's memory each
    gone = time.monotonic() + 20
    while any(alive(w) for w in workers) and time.monotonic() < gone:
        time.sleep(0.2)
    assert not [w for w in workers if alive(w)], "worker processes outlived the killed ingest"
    before = stored(db)
    assert 3 <= before < ARTICLES

    resumed = ingest(corpus, db)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    summary = err.decode().strip().splitlines()[-1]
    stored_now = int(summary.split()[1].rstrip(","))
    assert stored_now == ARTICLES - before, summary
    assert "skipped" in err.decode()  # the inputs committed before the kill were not read again

    conn = sqlite3.connect(db)
    ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
    paths = sorted(row[0] for row in conn.execute("SELECT source_path FROM articles"))
    assert len(ids) == len(set(ids)) == ARTICLES  # each story once
    assert paths == sorted(str(f) for f in files)
    assert conn.execute("SELECT count(*) FROM batch_ledger WHERE outcome = 'stored'").fetchone() == (ARTICLES,)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # FTS5 raises SQLITE_CORRUPT_VTAB here if an index disagrees with its content table.
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    n_quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert n_quotes > 0
    assert conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'percent'").fetchone()[0] > 0
