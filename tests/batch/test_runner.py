"""The batch runner in one process: counts, resume, re-runs, errors, multi-document files,
and (with ``WIREWATCH_TEST_PG``) the same against PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.batch import Ledger, Reporter, run_ingest
from wirewatch.batch.synthetic import story, write_corpus
from wirewatch.cli import cli
from wirewatch.config import Settings
from wirewatch.store import open_store


class Collect(Reporter):
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.advanced = 0

    def error(self, message: str) -> None:
        self.errors.append(message)

    def advance(self, inputs: int = 1) -> None:
        self.advanced += inputs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 5)
    return folder


def test_run_then_rerun_changes_nothing(corpus: Path, store_url: str) -> None:
    settings = Settings.load()
    first = run_ingest([str(corpus)], store_url, settings)
    assert (first.stored, first.had, first.errors, first.read) == (5, 0, 0, 5)
    second = run_ingest([str(corpus)], store_url, settings)
    assert (second.stored, second.had, second.errors, second.skipped_inputs) == (0, 5, 0, 5)
    assert second.line() == "stored 0, already had 5, errors 0"
    with open_store(store_url) as store:
        assert store.stats()["articles"] == 5


def test_no_resume_reads_again_but_stores_nothing_twice(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run_ingest([str(corpus)], db, Settings.load())
    again = run_ingest([str(corpus)], db, Settings.load(), resume=False)
    assert (again.stored, again.had, again.skipped_inputs) == (0, 5, 0)


def test_resume_does_only_what_is_left(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    files = sorted(corpus.iterdir())
    run_ingest([str(f) for f in files[:2]], db, Settings.load())
    rest = run_ingest([str(corpus)], db, Settings.load())
    assert (rest.stored, rest.had, rest.skipped_inputs) == (3, 2, 2)


def test_articles_committed_before_their_ledger_rows_are_resumed_as_stored(corpus: Path, tmp_path: Path) -> None:
    # A kill between the articles' commit and the ledger's leaves articles with no ledger rows.
    db = str(tmp_path / "n.db")
    run_ingest([str(corpus)], db, Settings.load())
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM batch_ledger")
    again = run_ingest([str(corpus)], db, Settings.load())
    assert (again.stored, again.had, again.skipped_inputs) == (0, 5, 0)
    with Ledger(db) as ledger:
        assert sorted((e.outcome, e.stored, e.duplicates) for e in ledger.entries()) == [("stored", 1, 0)] * 5
    with open_store(db) as store:
        assert store.copies() == []  # an input read again is not a copy of its own article


def test_errors_are_reported_in_order_and_retried_next_run(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    good = tmp_path / "good.txt"
    good.write_text(story(1))
    paths = [str(empty), str(tmp_path / "gone.txt"), str(good)]
    seen = Collect()
    s = run_ingest(paths, db, Settings.load(), reporter=seen)
    assert (s.stored, s.errors) == (1, 2)
    assert seen.errors[0].startswith(f"{empty}: ") and seen.errors[1].startswith(f"{tmp_path / 'gone.txt'}: ")
    assert seen.advanced == 3
    with Ledger(db) as ledger:
        outcomes = {Path(e.key.path).name: (e.outcome, e.reason) for e in ledger.entries()}
    assert outcomes["good.txt"] == ("stored", None)
    assert outcomes["empty.txt"][0] == "error" and "whitespace" in str(outcomes["empty.txt"][1])
    again = run_ingest(paths, db, Settings.load(), reporter=Collect())
    assert (again.stored, again.had, again.errors, again.skipped_inputs) == (0, 1, 2, 1)


def test_a_file_of_many_documents_is_one_ledger_row(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    lines = tmp_path / "wire.jsonl"
    lines.write_text("\n".join(json.dumps({"text": story(i)}) for i in range(3)) + "\n")
    s = run_ingest([str(lines)], db, Settings.load())
    assert (s.stored, s.errors) == (3, 0)
    with Ledger(db) as ledger:
        [row] = list(ledger.entries())
    assert (row.documents, row.stored, row.outcome) == (3, 3, "stored")


def test_a_copy_in_another_file_is_linked_not_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    (tmp_path / "a.txt").write_text(story(3))
    (tmp_path / "b.txt").write_text(story(3))
    s = run_ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db, Settings.load())
    assert (s.stored, s.had) == (1, 1)
    with open_store(db) as store:
        assert [c.source_path for c in store.copies()] == [str(tmp_path / "b.txt")]


def test_the_cli_says_what_it_skipped(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(corpus), "--db", db]).exit_code == 0
    again = runner.invoke(cli, ["ingest", str(corpus), "--db", db])
    assert again.exit_code == 0
    assert again.stderr.splitlines() == [
        "skipped 5 inputs finished by an earlier run (--no-resume reads them again)",
        "stored 0, already had 5, errors 0",
    ]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM batch_ledger").fetchone() == (5,)


def test_the_cli_refuses_a_scheduler_that_is_not_tcp(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "--scheduler", "x:1"])
    assert result.exit_code == 2 and "tcp://HOST:PORT" in result.stderr
