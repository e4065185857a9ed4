"""Fuzzing: no input crashes wirewatch.

At the ingest boundary every input yields documents or :class:`InputError` values with a clear
one-line reason naming the input; nothing else may escape. The pipeline must return a record
for any decoded text, however odd. The examples are spread by :func:`conftest.share`.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import share
from tests.fuzz.corpus import VALID, fixed_corpus
from wirewatch.batch.work import process_input
from wirewatch.config import Settings
from wirewatch.errors import InputError
from wirewatch.ingest import iter_inputs
from wirewatch.models import RawDocument
from wirewatch.pipeline import extract_document

SETTINGS = Settings.load()
NO_LANGUAGE = SETTINGS.replace(language_check=False)  # so that gibberish still reaches the parser
PIPELINE_MAX_CHARS = 4000
"""Longer decoded texts are only read and structured, not parsed: the parse is the slow part."""

ODD = (
    "\u200f\u200e\u202e\u202c\u2066\u2069"  # direction marks and isolates
    "\u0301\u0308\u0327\u20dd"  # combining marks
    "\x00\x01\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\ufffd"  # NUL, controls, odd line breaks, BOM
    "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a"  # quotation marks of every kind
    "\U0001f600\u4e2d\u0627\u05d0\u0416 \n\t-.,:;"
)
FRAGMENTS = (
    " said ",
    " told reporters ",
    " according to ",
    "GENEVA (Reuters) - ",
    "MOSCOW, December 9. /TASS/. ",
    "\u201cWe will ",
    '"It is ',
    " he added.",
    "Sergei Lavrov, the foreign minister,",
    "\n\n",
    "on Friday",
    "last week",
    "2016-12-09",
)
texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ODD, max_size=12), st.text(max_size=30)),
    max_size=40,
).map("".join)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # One folder for the module: hypothesis runs many examples per test function call.
    with tempfile.TemporaryDirectory(prefix="wirewatch-fuzz-") as name:
        yield Path(name)


def check_boundary(path: Path, data: bytes) -> None:
    """Read ``data`` as the file ``path``; only documents and clear InputErrors may come out."""
    path.write_bytes(data)
    for item in iter_inputs([str(path)], SETTINGS):
        if isinstance(item, InputError):
            message = str(item)
            assert message.startswith(str(path)), message
            assert item.reason.strip() and "\n" not in item.reason, message
            continue
        assert isinstance(item, RawDocument) and isinstance(item.text, str)
        if len(item.text) <= PIPELINE_MAX_CHARS and not has_surrogates(item.text):
            record = extract_document(item, SETTINGS).to_dict()
            assert record["text"] == item.text


def has_surrogates(text: str) -> bool:
    """Lone surrogates: JSON Lines lets them in through ``\\ud800`` escapes (see the xfail below)."""
    return any("\ud800" <= c <= "\udfff" for c in text)


def check_batch(path: Path) -> None:
    """The batch's unit of work turns every problem into error results, never an exception."""
    result = process_input(str(path), SETTINGS, None, known=lambda _: True)
    for doc in result.docs:
        assert doc.status in ("known", "error")
        if doc.status == "error":
            assert doc.error and doc.error.startswith(str(path)), doc.error


@pytest.mark.parametrize(("name", "data"), fixed_corpus(), ids=[n for n, _ in fixed_corpus()])
def test_malformed_corpus(folder: Path, name: str, data: bytes) -> None:
    check_boundary(folder / name, data)
    check_batch(folder / name)


@settings(max_examples=share(0.3))
@given(
    prefix=st.sampled_from(
        [b"", b"\x1f\x8b", b"BZh9", b"PK\x03\x04", b"WARC/1.0\r\n", b"<html>", b"<?xml", b"{", b"\xff\xfe"]
    ),
    body=st.binary(max_size=2000),
    suffix=st.sampled_from([".txt", ".gz", ".html", ".warc", ".jsonl", ".xml", ".zip", ".bz2", ""]),
)
def test_any_bytes_at_the_ingest_boundary(folder: Path, prefix: bytes, body: bytes, suffix: str) -> None:
    check_boundary(folder / f"bytes{suffix}", prefix + body)


@settings(max_examples=share(0.3))
@given(name=st.sampled_from(sorted(VALID)), cut=st.floats(0, 1), flips=st.lists(st.integers(0, 10**9), max_size=4))
def test_truncated_and_corrupted_formats(folder: Path, name: str, cut: float, flips: list[int]) -> None:
    data = bytearray(VALID[name][: int(len(VALID[name]) * cut)])
    for f in flips:
        if data:
            data[f % len(data)] ^= 1 << (f % 8)
    check_boundary(folder / name, bytes(data))


@settings(max_examples=share(0.3))
@given(text=texts)
def test_the_pipeline_never_raises_on_any_text(text: str) -> None:
    record = extract_document(RawDocument(path="fuzz.txt", text=text), NO_LANGUAGE).to_dict()
    assert record["text"] == text
    for q in record["quotes"]:
        assert 0 <= q["start"] <= q["end"] <= len(text)


@settings(max_examples=share(0.1))
@given(text=texts, seed=st.integers(0, 2**32 - 1))
def test_the_pipeline_never_raises_with_language_detection(text: str, seed: int) -> None:
    # Shuffled words of a real story keep the detector saying English, so the parse runs too.
    words = "We will never say it, the minister said on Friday in Geneva".split()
    random.Random(seed).shuffle(words)
    full = text + " " + " ".join(words) + "."
    record = extract_document(RawDocument(path="fuzz.txt", text=full), SETTINGS).to_dict()
    assert record["text"] == full


@pytest.mark.parametrize("text", ["\ud800", "He said \udc80 it on Friday."])
def test_the_pipeline_on_lone_surrogates(text: str) -> None:
    extract_document(RawDocument(path="fuzz.txt", text=text), NO_LANGUAGE)
