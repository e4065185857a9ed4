"""One input (a file or standard input) -> the documents in it, whatever its format.

:func:`read_documents` opens the input, undoes gzip/bzip2 compression (told by magic bytes),
opens zip archives member by member, tells the format by content and suffix
(:mod:`wirewatch.ingest.sniff`, or ``Settings.input_format`` when it is not ``auto``) and hands the
bytes to the reader for that format:

=========  ==============================================  ==========================================
format     reader                                          documents, path of each
=========  ==============================================  ==========================================
text       :func:`wirewatch.ingest.reading.decode_bytes`   one, ``a.txt``
html       :func:`wirewatch.ingest.html.html_document`     one, ``page.html``
feed       :func:`wirewatch.ingest.feed.iter_feed`         one per entry, ``feed.xml#entry-3``
warc       :func:`wirewatch.ingest.warc.iter_warc`         one per HTML page, ``c.warc.gz#record-12``
jsonl      :func:`wirewatch.ingest.jsonl.iter_jsonl`       one per line, ``x.jsonl#line-3``
zip        each member as above                            ``a.zip#dir/page.html``
=========  ==============================================  ==========================================

WARC and JSON Lines files are streamed (their size is bounded by ``max_archive_bytes``, each
document by ``max_input_bytes``); everything else is read whole, up to ``max_input_bytes``.
Nothing here raises for a bad input: each problem is yielded as an :class:`InputError`.
"""

from __future__ import annotations

import bz2
import gzip
import io
import logging
import os
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from wirewatch.config import Settings
from wirewatch.errors import InputError, InputTooLarge
from wirewatch.ingest.feed import iter_feed
from wirewatch.ingest.html import html_document
from wirewatch.ingest.jsonl import iter_jsonl
from wirewatch.ingest.reading import (
    STDIN,
    STDIN_NAME,
    bunzip,
    decode_bytes,
    error_detail,
    gunzip_if_needed,
    read_error,
    read_file,
    read_stdin,
)
from wirewatch.ingest.sniff import FORMATS, compression_of, sniff_format
from wirewatch.ingest.warc import iter_warc
from wirewatch.models import RawDocument, SourceFormat

logger = logging.getLogger(__name__)

__all__ = ["documents_from_bytes", "read_documents"]

_HEAD = 8192
_STREAMED: frozenset[str] = frozenset({"warc", "jsonl"})


def read_documents(path: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    """Yield every document in the file ``path`` (``-``: standard input), or errors in their place."""
    name = STDIN_NAME if path == STDIN else path
    try:
        if path == STDIN:
            yield from documents_from_bytes(name, read_stdin(settings.max_input_bytes), settings)
            return
        head, inner = _peek(path)
        compression = compression_of(head)
        fmt = _format(settings, inner, path)
        if compression == "zip":
            _check_archive_size(path, settings)
            with zipfile.ZipFile(path) as zf:
                yield from _iter_zip(name, zf, settings)
        elif fmt in _STREAMED and compression != "bz2":
            _check_archive_size(path, settings)
            with open(path, "rb") as fh:
                if fmt == "warc":
                    yield from iter_warc(name, fh, settings)
                else:
                    stream: IO[bytes] = fh
                    if compression == "gzip":
                        stream = gzip.GzipFile(fileobj=fh)  # type: ignore[assignment]  # a binary stream too
                    yield from iter_jsonl(name, _lines(name, stream, settings.max_input_bytes), settings)
        else:
            yield from documents_from_bytes(name, read_file(path, settings.max_input_bytes), settings, hint=path)
    except InputError as err:
        logger.debug("skipping %s: %s", name, err.reason)
        yield err
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as err:
        yield InputError(name, f"cannot read: {error_detail(err)}")


def documents_from_bytes(
    name: str, data: bytes, settings: Settings, *, hint: str | None = None
) -> Iterator[RawDocument | InputError]:
    """The documents in ``data``, read whole (standard input, a zip member, a small file)."""
    limit = settings.max_input_bytes
    compression = compression_of(data[:4])
    if compression == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            yield from _iter_zip(name, zf, settings)
        return
    if compression == "gzip":
        data = gunzip_if_needed(name, data, limit)
    elif compression == "bz2":
        data = bunzip(name, data, limit)
    fmt = _format(settings, data[:_HEAD], hint or name)
    if fmt == "html":
        yield html_document(name, data, settings)
    elif fmt == "feed":
        yield from iter_feed(name, data, settings)
    elif fmt == "warc":
        yield from iter_warc(name, io.BytesIO(data), settings)
    elif fmt == "jsonl":
        yield from iter_jsonl(name, io.BytesIO(data), settings)
    else:
        yield _text_document(name, data, settings)


def _text_document(name: str, data: bytes, settings: Settings) -> RawDocument | InputError:
    try:
        text, encoding, warnings = decode_bytes(name, data, settings)
    except InputError as err:
        return err
    longest = _longest_line(text, settings.max_line_chars)
    if longest > settings.max_line_chars:
        return InputTooLarge(
            name,
            f"a line of {longest} characters, over max_line_chars ({settings.max_line_chars}): "
            "data or markup on one line, not article text",
        )
    return RawDocument(path=name, text=text, format="text", encoding=encoding, warnings=warnings)


def _longest_line(text: str, limit: int) -> int:
    """Length of the longest line (``str.find`` steps: no copy of a huge text)."""
    if len(text) <= limit:
        return len(text)  # cannot exceed the limit; the exact figure is not needed
    longest = start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


def _format(settings: Settings, head: bytes, name: str) -> SourceFormat:
    forced = settings.input_format
    if forced != "auto":
        for fmt in FORMATS:
            if fmt == forced:
                return fmt
        raise InputError(name, f"unknown input_format {forced!r} (use auto, {', '.join(FORMATS)})")
    return sniff_format(head, name)


def _peek(path: str) -> tuple[bytes, bytes]:
    """The first bytes of the file and of its decompressed content (the latter empty if unreadable)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError as err:
        raise read_error(path, err) from err
    kind = compression_of(head)
    if kind not in ("gzip", "bz2"):
        return head, head
    try:
        opener = gzip.open if kind == "gzip" else bz2.open
        with opener(path, "rb") as inner:
            return head, inner.read(_HEAD)
    except (OSError, EOFError, zlib.error, ValueError):
        # A broken archive: the whole-file reader below reports it with a clear reason.
        return head, b""


def _check_archive_size(path: str, settings: Settings) -> None:
    size = os.stat(path).st_size
    if size > settings.max_archive_bytes:
        raise InputTooLarge(
            path, f"file is {size} bytes, over the limit of {settings.max_archive_bytes} (max_archive_bytes)"
        )


def _iter_zip(name: str, zf: zipfile.ZipFile, settings: Settings) -> Iterator[RawDocument | InputError]:
    limit = settings.max_input_bytes
    members = sorted(
        (i for i in zf.infolist() if not i.is_dir() and not os.path.basename(i.filename).startswith(".")),
        key=lambda i: i.filename,
    )
    members = [i for i in members if not i.filename.startswith("__MACOSX/")]
    if not members:
        yield InputError(name, "zip archive holds no files")
    for info in members:
        member = f"{name}#{info.filename}"
        if info.file_size > limit:
            yield InputTooLarge(
                member, f"member is {info.file_size} bytes, over the limit of {limit} (max_input_bytes)"
            )
            continue
        try:
            with zf.open(info) as fh:
                data = fh.read(limit + 1)  # the declared size can lie; the read cannot
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as err:
            yield InputError(member, f"cannot read zip member: {error_detail(err)}")
            continue
        if len(data) > limit:
            yield InputTooLarge(member, f"member is over the limit of {limit} bytes (max_input_bytes)")
            continue
        try:
            yield from documents_from_bytes(member, data, settings, hint=info.filename)
        except InputError as err:
            yield err


def _lines(name: str, stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """Lines of ``stream``, each cut at ``limit + 1`` bytes so one huge line cannot fill memory.

    A line longer than the limit is yielded as its first ``limit + 1`` bytes (the reader reports
    it as too large) and the rest of it is skipped.
    """
    try:
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
            yield line
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(name, f"truncated or corrupt data: {error_detail(err)}") from err
