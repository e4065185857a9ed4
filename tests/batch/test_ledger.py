"""The ledger: what identifies a finished input, and when it counts as done."""

from __future__ import annotations

import os
from pathlib import Path

from wirewatch.batch import InputKey, Ledger, LedgerEntry, fingerprint
from wirewatch.batch.ledger import Outcome


def entry(path: Path, outcome: Outcome = "stored") -> LedgerEntry:
    return LedgerEntry(fingerprint(str(path)), outcome, 1, int(outcome == "stored"), 0, int(outcome == "error"))


def test_fingerprint_names_the_real_path_and_hashes_the_bytes(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"hello")
    key = fingerprint(str(tmp_path / "." / "a.txt"))
    assert key == InputKey(os.path.realpath(f), 5, f.stat().st_mtime_ns, key.sha256)
    assert key.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"


def test_done_until_the_file_changes(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("one story")
    with Ledger(str(tmp_path / "n.db")) as ledger:
        assert ledger.is_done(str(f)) is None
        ledger.record([entry(f)])
        assert ledger.is_done(str(f)) is not None
        f.write_text("another story, longer")
        assert ledger.is_done(str(f)) is None


def test_touched_but_unchanged_is_still_done(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("one story")
    with Ledger(str(tmp_path / "n.db")) as ledger:
        ledger.record([entry(f)])
        os.utime(f, ns=(1, 1))
        assert ledger.is_done(str(f)) is not None
        got = ledger.get(str(f))
        assert got is not None and got.key.mtime_ns == 1  # the new mtime is remembered


def test_same_size_other_bytes_is_not_done(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("aaaa")
    with Ledger(str(tmp_path / "n.db")) as ledger:
        ledger.record([entry(f)])
        f.write_text("bbbb")
        os.utime(f, ns=(5, 5))
        assert ledger.is_done(str(f)) is None


def test_an_error_outcome_is_not_done_and_keeps_its_reason(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x")
    with Ledger(str(tmp_path / "n.db")) as ledger:
        e = entry(f, "error")
        ledger.record([LedgerEntry(e.key, "error", 1, 0, 0, 1, "a.txt: empty")])
        assert ledger.is_done(str(f)) is None
        assert [x.reason for x in ledger.entries()] == ["a.txt: empty"]


def test_the_ledger_lives_in_the_article_database(tmp_path: Path) -> None:
    from wirewatch.store import open_store

    db = str(tmp_path / "n.db")
    with open_store(db):
        pass
    f = tmp_path / "a.txt"
    f.write_text("x")
    with Ledger(db) as ledger:
        ledger.record([entry(f)])
    with Ledger(db) as again:
        assert len(list(again.entries())) == 1
