"""Plain-text ingest: every bad input is yielded as a typed error and the batch goes on."""

from __future__ import annotations

import gzip
import io
import sys
from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import Settings
from wirewatch.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    NoArticlesFound,
)
from wirewatch.formats import COMPRESSION_SUFFIXES, SUFFIX_FORMATS
from wirewatch.ingest import expand_paths, iter_inputs
from wirewatch.models import RawDocument

ARTICLE = "Headline here\n\nLONDON (Reuters) - Someone said something, officials said.\n"
SETTINGS = Settings.load()


def run(paths: list[str], settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_inputs(paths, settings))


def only_doc(items: list[RawDocument | InputError]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def only_error(items: list[RawDocument | InputError], kind: type[InputError]) -> InputError:
    assert len(items) == 1, items
    err = items[0]
    assert type(err) is kind, err
    assert "\n" not in str(err)
    return err


def test_plain_file_is_read_verbatim(tmp_path: Path) -> None:
    raw = "Title\r\n\r\nBody line one.\r\nBody “two”.\n"
    p = tmp_path / "a.txt"
    p.write_bytes(raw.encode("utf-8"))
    doc = only_doc(run([str(p)]))
    assert doc.text == raw  # no newline translation: offsets must point into the input
    assert doc.path == str(p)
    assert doc.encoding == "utf-8"
    assert doc.warnings == ()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    assert only_doc(run([str(p)])).text == ARTICLE


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    err = only_error(run([missing]), InputNotFound)
    assert str(err).startswith(missing + ": ")
    assert "no such file" in str(err)


def test_glob_matching_nothing(tmp_path: Path) -> None:
    err = only_error(run([str(tmp_path / "*.txt")]), InputNotFound)
    assert "no files match" in str(err)


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    err = only_error(run([str(tmp_path)]), NoArticlesFound)
    assert str(tmp_path) in str(err)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    err = only_error(run([str(p)]), BinaryInput)
    assert str(p) in str(err)


def test_binary_file_with_control_characters(tmp_path: Path) -> None:
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(1, 32)) * 20 + b"some text")
    assert "control characters" in str(only_error(run([str(p)]), BinaryInput))


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    only_error(run([str(p)]), EmptyInput)


def test_invalid_utf8_decodes_with_fallback_and_warning(tmp_path: Path) -> None:
    p = tmp_path / "cp1252.txt"
    p.write_bytes("The minister said: \u201cWe agree\u201d \u2013 caf\u00e9.".encode("cp1252"))
    doc = only_doc(run([str(p)]))
    assert doc.text == "The minister said: \u201cWe agree\u201d \u2013 caf\u00e9."
    assert doc.encoding == "cp1252"
    assert any("cp1252" in w for w in doc.warnings)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    p = tmp_path / "odd.txt"
    p.write_bytes(b"Text with an undefined cp1252 byte \x81 here.")
    doc = only_doc(run([str(p)]))
    assert doc.encoding == "latin-1"
    assert any("latin-1" in w for w in doc.warnings)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("x" * 200)
    err = only_error(run([str(p)], SETTINGS.replace(max_input_bytes=100)), InputTooLarge)
    assert "max_input_bytes" in str(err)


def test_gzip_over_the_limit_after_decompression(tmp_path: Path) -> None:
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 10_000))  # compresses to far less than the limit
    assert p.stat().st_size < 1000
    only_error(run([str(p)], SETTINGS.replace(max_input_bytes=1000)), InputTooLarge)


def test_gzip_is_decompressed(tmp_path: Path) -> None:
    p = tmp_path / "article.txt.gz"
    p.write_bytes(gzip.compress(ARTICLE.encode()))
    assert only_doc(run([str(p)])).text == ARTICLE


def test_gzip_detected_by_magic_bytes_not_suffix(tmp_path: Path) -> None:
    p = tmp_path / "article.txt"
    p.write_bytes(gzip.compress(ARTICLE.encode()))
    assert only_doc(run([str(p)])).text == ARTICLE


def test_truncated_gzip(tmp_path: Path) -> None:
    p = tmp_path / "cut.txt.gz"
    p.write_bytes(gzip.compress((ARTICLE * 50).encode())[:-20])
    err = only_error(run([str(p)]), InputError)
    assert "gzip" in str(err) and str(p) in str(err)


def test_glob(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"{name} {ARTICLE}")
    items = run([str(tmp_path / "*.txt")])
    assert [Path(d.path).name for d in items if isinstance(d, RawDocument)] == ["a.txt", "b.txt"]


def test_folder_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "z.txt").write_text("z " + ARTICLE)
    (tmp_path / "sub" / "m.txt").write_text("m " + ARTICLE)
    (tmp_path / "sub" / "deeper" / "a.txt.gz").write_bytes(gzip.compress(b"a " + ARTICLE.encode()))
    (tmp_path / "sub" / "skip.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("hidden " + ARTICLE)
    items = run([str(tmp_path)])
    assert all(isinstance(d, RawDocument) for d in items)
    rel = [Path(d.path).relative_to(tmp_path).as_posix() for d in items]
    assert rel == ["sub/deeper/a.txt.gz", "sub/m.txt", "z.txt"]


def test_folder_walk_reads_every_suffix_the_sniffer_knows() -> None:
    """One list of suffixes: the walk's defaults cover every format ending, plus the compressed
    and archive endings."""
    walked = set(SETTINGS.text_suffixes) | set(SETTINGS.document_suffixes)
    assert set(SUFFIX_FORMATS) | set(COMPRESSION_SUFFIXES) | {".zip"} == walked
    assert {s for s, f in SUFFIX_FORMATS.items() if f == "text"} < set(SETTINGS.text_suffixes)


@pytest.mark.parametrize("name", [f"page{suffix}" for suffix in SUFFIX_FORMATS])
def test_folder_walk_finds_each_format_suffix(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("x")
    (tmp_path / "skip.json").write_text("{}")
    assert list(expand_paths([str(tmp_path)], SETTINGS)) == [str(tmp_path / name)]


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    assert len(run([str(p), str(tmp_path), str(tmp_path / "*.txt")])) == 1


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "Title\r\nBody from a pipe, caf\u00e9.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw.encode("utf-8"))))
    doc = only_doc(run(["-"]))
    assert doc.path == "<stdin>"
    assert doc.text == raw


def test_gzipped_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(ARTICLE.encode()))))
    assert only_doc(run(["-"])).text == ARTICLE


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert str(only_error(run(["-"]), EmptyInput)).startswith("<stdin>: ")


def test_published_is_stamped(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    (doc,) = iter_inputs([str(p)], SETTINGS, published=date(2020, 5, 1))
    assert isinstance(doc, RawDocument) and doc.published == date(2020, 5, 1)


def test_batch_goes_on_after_each_error(tmp_path: Path) -> None:
    good1 = tmp_path / "good1.txt"
    good1.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 30)
    good2 = tmp_path / "good2.txt"
    good2.write_text("Other " + ARTICLE)
    items = run([str(good1), str(tmp_path / "missing.txt"), str(empty), str(binary), str(good2)])
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["RawDocument", "InputNotFound", "EmptyInput", "BinaryInput", "RawDocument"]


def test_samples_folder_reads_cleanly() -> None:
    samples = Path(__file__).resolve().parents[2] / "samples"
    docs = run([str(samples)])
    assert len(docs) >= 4
    for doc in docs:
        assert isinstance(doc, RawDocument)
        assert doc.warnings == ()
