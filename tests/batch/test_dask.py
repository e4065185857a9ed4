"""The Dask runner on a two-process LocalCluster bound to 127.0.0.1: same records as one worker."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from wirewatch.batch import run_ingest
from wirewatch.batch.synthetic import write_corpus
from wirewatch.config import Settings


def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6)
    (corpus / "empty.txt").write_text("\n")
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    settings = Settings.load()
    a = run_ingest([str(corpus)], one, settings)
    b = run_ingest([str(corpus)], two, settings, workers=2)
    assert (b.stored, b.had, b.errors) == (a.stored, a.had, a.errors) == (6, 0, 1)
    assert 1 <= len(b.peak_rss) <= 2 and os.getpid() not in b.peak_rss  # the work ran in worker processes

    def records(db: str) -> list[tuple[str, str]]:
        rows = sqlite3.connect(db).execute("SELECT id, record_json FROM articles ORDER BY id").fetchall()
        return [(str(i), str(r)) for i, r in rows]

    assert records(one) == records(two)
    again = run_ingest([str(corpus)], two, settings, workers=2)
    assert (again.stored, again.had, again.skipped_inputs) == (0, 6, 6)

    # A republished copy with its last sentence cut is found as a near-duplicate from the
    # signature a worker computed, just as from the writer's own.
    later = tmp_path / "later"
    later.mkdir()
    story = sorted(corpus.glob("*.txt"))[1].read_text(encoding="utf-8")
    (later / "republished.txt").write_text(story.rsplit(".", 2)[0] + ".", encoding="utf-8")
    for db, workers in ((one, 1), (two, 2)):
        summary = run_ingest([str(later)], db, settings, workers=workers)
        assert (summary.stored, summary.had) == (0, 1)

    def copies(db: str) -> list[tuple[str, str, str, float]]:
        rows = sqlite3.connect(db).execute("SELECT article_id, copy_id, kind, similarity FROM copies ORDER BY copy_id")
        return [(str(a), str(c), str(k), float(s)) for a, c, k, s in rows]

    assert copies(one) == copies(two) and [c[2] for c in copies(two)] == ["near"]


@pytest.mark.parametrize(
    ("remaining", "window", "most", "expected"),
    [(1000, 4, 4, 4), (40, 4, 4, 4), (31, 4, 4, 3), (16, 4, 4, 2), (15, 4, 4, 1), (1, 4, 4, 1), (0, 4, 4, 1)],
)
def test_tasks_take_several_inputs_until_near_the_end(remaining: int, window: int, most: int, expected: int) -> None:
    from wirewatch.batch.cluster import chunk_size

    assert chunk_size(remaining, window, most) == expected
