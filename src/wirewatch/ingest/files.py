"""Inputs: files, folders, globs and standard input -> :class:`RawDocument`.

:func:`iter_inputs` is the one entry point: it expands the paths and, for each file, yields every
document in it (:func:`wirewatch.ingest.dispatch.read_documents` tells the format: plain text,
HTML, feeds, WARC, JSON Lines, gzip/bzip2/zip archives). This module holds the byte-level
reading every format shares: size limits, standard input, gzip, text decoding.

The reader never raises for a bad input. Each problem becomes an :class:`InputError` subclass that
is *yielded* in the input's place, so that a batch can report it on one line and go on with the
next input. ``text`` of a document is exactly the decoded bytes: no newline translation, no
stripping, because every offset in the article record points into it.
"""

from __future__ import annotations

import codecs
import dataclasses
import glob
import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from wirewatch.config import Settings
from wirewatch.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    NoArticlesFound,
)
from wirewatch.models import RawDocument

logger = logging.getLogger(__name__)

STDIN = "-"
"""The path that means standard input."""

STDIN_NAME = "<stdin>"
"""How standard input is named in records and error messages."""

_GZIP_MAGIC = b"\x1f\x8b"
_GLOB_CHARS = frozenset("*?[")
# Bytes that never occur in text: C0 controls other than tab, newline, vertical tab, form feed and
# carriage return, plus DEL. Escape (0x1b) is left out because ANSI-coloured text is still text.
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | set(range(0x0E, 0x20)) - {0x1B} | {0x7F})
_BINARY_SAMPLE = 65_536
_BINARY_CONTROL_SHARE = 0.05


def iter_inputs(
    paths: Sequence[str],
    settings: Settings | None = None,
    *,
    published: date | None = None,
) -> Iterator[RawDocument | InputError]:
    """Yield one :class:`RawDocument` per document read, an :class:`InputError` per bad one.

    One file may hold many documents (a feed, a WARC file, JSON Lines, a zip archive); each
    document's ``path`` then names the file and the part (``feed.xml#entry-3``).
    ``paths`` may name files (read whatever their suffix), folders (walked recursively; only files
    whose suffix is in ``settings.text_suffixes`` or ``settings.document_suffixes``, in sorted
    order), glob patterns
    (``articles/*.txt``) and ``-`` for standard input. A file named twice is read once.
    ``published`` is stamped on every document (the publication date given on the command line).
    """
    settings = settings or Settings.load()
    for item in expand_paths(paths, settings):
        if isinstance(item, InputError):
            yield item
            continue
        for doc in _documents(item, settings):
            if published is not None and isinstance(doc, RawDocument):
                doc = dataclasses.replace(doc, published=published)
            yield doc


def _documents(path: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    # Imported here because the format readers build on the byte-level helpers of this module.
    from wirewatch.ingest.dispatch import read_documents

    return read_documents(path, settings)


def expand_paths(paths: Sequence[str], settings: Settings) -> Iterator[str | InputError]:
    """Turn the command-line ``paths`` into the files to read, in order, or errors.

    Split from reading so that a caller can count the files first (for a progress bar) without
    holding any text in memory.
    """
    seen: set[str] = set()

    def once(path: str) -> bool:
        if path == STDIN:
            return True
        key = os.path.realpath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == STDIN:
            yield STDIN
        elif os.path.isdir(raw):
            files = list(_walk(raw, _suffixes(settings)))
            if not files:
                yield NoArticlesFound(raw, f"folder holds no article files ({_suffix_list(settings)})")
            yield from (f for f in files if once(f))
        elif os.path.lexists(raw):
            # An existing file is read whatever its suffix: the user named it on purpose.
            if once(raw):
                yield raw
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield InputNotFound(raw, "no files match this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from (f for f in _walk(match, _suffixes(settings)) if once(f))
                elif once(match):
                    yield match
        else:
            yield InputNotFound(raw, "no such file or directory")


def read_input(path: str, settings: Settings) -> RawDocument | InputError:
    """Read a one-document file (or ``-`` for standard input) into a :class:`RawDocument`, or an error.

    A file holding several documents (feed, WARC, JSON Lines, zip) gives an error that says so:
    read those with :func:`iter_inputs`, which yields each of them.
    """
    items = _documents(path, settings)
    first = next(items, None)
    if first is None:
        return EmptyInput(STDIN_NAME if path == STDIN else path, "no documents in the input")
    if next(items, None) is not None:
        name = STDIN_NAME if path == STDIN else path
        return InputError(name, "holds several documents (feed, WARC, JSON Lines or zip): read it with iter_inputs")
    return first


def decode_bytes(path: str, data: bytes, settings: Settings) -> tuple[str, str, tuple[str, ...]]:
    """Decode ``data`` as text: UTF-8 first, then the fallback encoding, then Latin-1.

    Returns ``(text, encoding, warnings)``. Raises :class:`EmptyInput` or :class:`BinaryInput`.
    Bytes that are not valid UTF-8 are never an error: they are decoded with the fallback and a
    warning names the encoding used, because cp1252 wire copy is common and still readable.
    """
    if not data:
        raise EmptyInput(path, "empty file")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 holds NUL bytes by design, so it must be recognised before the binary check.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise BinaryInput(path, "binary data, not text (broken UTF-16)") from err
        encoding = "utf-16"
        warnings.append("input decoded as utf-16 (byte order mark)")
    else:
        _check_not_binary(path, data)
        text, encoding = _decode_8bit(data, settings.fallback_encoding)
        if encoding != "utf-8":
            warnings.append(f"input is not valid UTF-8; decoded as {encoding}")
            logger.info("%s: not valid UTF-8, decoded as %s", path, encoding)
    if not text.strip():
        raise EmptyInput(path, "file holds only whitespace")
    return text, encoding, tuple(warnings)


def _decode_8bit(data: bytes, fallback: str) -> tuple[str, str]:
    try:
        # utf-8-sig drops a leading byte order mark, which would otherwise shift every offset.
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(fallback), codecs.lookup(fallback).name
    except (UnicodeDecodeError, LookupError):
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this cannot fail.
        return data.decode("latin-1"), "latin-1"


def _check_not_binary(path: str, data: bytes) -> None:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInput(path, "binary data, not text (contains NUL bytes)")
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls / len(sample) > _BINARY_CONTROL_SHARE:
        share = round(100 * controls / len(sample))
        raise BinaryInput(path, f"binary data, not text ({share}% control characters)")


def read_error(path: str, err: OSError) -> InputError:
    """The one-line input error for an operating-system error while opening or reading ``path``."""
    if isinstance(err, FileNotFoundError):
        return InputNotFound(path, "no such file or directory")
    if isinstance(err, IsADirectoryError):
        return InputError(path, "is a directory")
    return InputError(path, f"cannot read: {err.strerror or err}")


def _read_file(path: str, limit: int) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > limit:
            # Checked before reading so that a huge file costs nothing.
            raise InputTooLarge(path, f"file is {size} bytes, over the limit of {limit} (max_input_bytes)")
        with open(path, "rb") as fh:
            # Read one byte past the limit: a file that grew (or a pipe) is still caught.
            data = fh.read(limit + 1)
    except OSError as err:
        raise read_error(path, err) from err
    if len(data) > limit:
        raise InputTooLarge(path, f"file is over the limit of {limit} bytes (max_input_bytes)")
    return data


def _read_stdin(limit: int) -> bytes:
    stream = sys.stdin
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    try:
        # A text-only stream (e.g. a StringIO) has no .buffer: it is already decoded.
        data = buffer.read(limit + 1) if buffer is not None else stream.read(limit + 1).encode("utf-8")
    except OSError as err:
        raise InputError(STDIN_NAME, f"cannot read: {err.strerror or err}") from err
    if len(data) > limit:
        raise InputTooLarge(STDIN_NAME, f"input is over the limit of {limit} bytes (max_input_bytes)")
    return data


def _gunzip_if_needed(path: str, data: bytes, limit: int) -> bytes:
    """Decompress gzip data (told by its magic bytes, not the suffix), stopping past ``limit``."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as gz:
            # read(n) decompresses only as far as needed, so a gzip bomb stops at the limit.
            out = gz.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as err:
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(path, f"truncated or corrupt gzip data ({detail})") from err
    if len(out) > limit:
        raise InputTooLarge(path, f"decompresses to more than {limit} bytes (max_input_bytes)")
    return out


def _walk(folder: str, suffixes: Sequence[str]) -> Iterator[str]:
    """Files under ``folder`` whose suffix is an article suffix, sorted, hidden entries skipped."""
    wanted = tuple(s.lower() for s in suffixes)
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(wanted):
                found.append(os.path.join(root, name))
    yield from sorted(found, key=lambda p: Path(p).parts)


def _suffixes(settings: Settings) -> tuple[str, ...]:
    return tuple(settings.text_suffixes) + tuple(settings.document_suffixes)


def _suffix_list(settings: Settings) -> str:
    return "looked for " + ", ".join(_suffixes(settings))
