"""``extract --jobs``: worker processes give the same lines, in input order, errors in place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wirewatch.batch import jobs
from wirewatch.batch.jobs import extract_stream
from wirewatch.cli import cli
from wirewatch.config import Settings
from wirewatch.errors import InputError
from wirewatch.ingest import iter_inputs

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _inputs(tmp_path: Path) -> list[str]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    files = sorted(SAMPLES.glob("*.txt"))
    # an error among the articles, and the articles twice, so there are several chunks
    return [str(p) for p in files[:3]] + [str(empty)] + [str(p) for p in files[3:]] + [str(tmp_path / "missing.txt")]


def test_jobs_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    runner = CliRunner()
    one = runner.invoke(cli, ["extract", "--jobs", "1", *paths])
    two = runner.invoke(cli, ["extract", "--jobs", "2", *paths])
    default = runner.invoke(cli, ["extract", *paths])
    assert one.exit_code == two.exit_code == default.exit_code == 0
    assert len(one.stdout.splitlines()) == len(paths) - 2
    assert one.stdout == two.stdout == default.stdout
    assert one.stderr == two.stderr == default.stderr
    assert one.stderr.count("wirewatch: error: ") == 2


def test_small_chunks_keep_the_order(tmp_path: Path) -> None:
    settings = Settings.load()
    paths = _inputs(tmp_path)
    serial = list(extract_stream(iter_inputs(paths, settings), settings, 1, chunk=3))
    parallel = list(extract_stream(iter_inputs(paths, settings), settings, 2, chunk=1))
    assert [(str(a[1]) if isinstance(a[1], InputError) else a[1]) for a in serial] == [
        (str(b[1]) if isinstance(b[1], InputError) else b[1]) for b in parallel
    ]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the patch reaches workers only when they are forked")
def test_a_document_that_kills_its_worker_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = jobs.extract_records

    def deadly(docs: list[Any], settings: Settings) -> list[Any]:
        if any("KILL THE WORKER" in d.text for d in docs):
            os._exit(3)
        return real(docs, settings)

    monkeypatch.setattr(jobs, "extract_records", deadly)
    bad = tmp_path / "bad.txt"
    bad.write_text("KILL THE WORKER, the minister said on Monday.")
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    settings = Settings.load()
    out = list(extract_stream(iter_inputs([*files[:2], str(bad), *files[2:]], settings), settings, 2, chunk=2))
    outcomes = [o for _, o in out]
    assert len(outcomes) == len(files) + 1
    errors = [o for o in outcomes if isinstance(o, InputError)]
    assert len(errors) == 1 and errors[0].path == str(bad) and "worker failed" in str(errors[0])
    assert isinstance(outcomes[2], InputError)


def _stored(db: Path) -> list[dict[str, Any]]:
    from wirewatch.store import open_store

    with open_store(str(db), readonly=True) as store:
        ids = sorted(a.id for a in store.articles(limit=1000))
        return [store.get_article(i) or {} for i in ids]


def test_ingest_jobs_store_what_one_process_stores(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    runner = CliRunner()
    one = runner.invoke(cli, ["ingest", "--jobs", "1", "--db", str(tmp_path / "one.db"), *paths])
    two = runner.invoke(cli, ["ingest", "--jobs", "2", "--db", str(tmp_path / "two.db"), *paths])
    assert one.exit_code == two.exit_code == 0
    assert one.stderr == two.stderr
    assert "errors 2" in one.stderr
    stored = _stored(tmp_path / "one.db")
    assert len(stored) == len(paths) - 2
    assert stored == _stored(tmp_path / "two.db")
