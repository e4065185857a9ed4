"""The byte-level reading every input format shares: size limits, standard input, gzip and
bzip2 decompression, text decoding, and the one-line error for an operating-system error.

:mod:`.dispatch` reads inputs with these; :mod:`.files` turns paths into inputs.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import logging
import os
import sys
import zlib
from typing import BinaryIO

from wirewatch.config import Settings
from wirewatch.errors import BinaryInput, EmptyInput, InputError, InputNotFound, InputTooLarge

logger = logging.getLogger(__name__)

STDIN = "-"
"""The path that means standard input."""

STDIN_NAME = "<stdin>"
"""How standard input is named in records and error messages."""

_GZIP_MAGIC = b"\x1f\x8b"
# Bytes that never occur in text: C0 controls other than tab, newline, vertical tab, form feed and
# carriage return, plus DEL. Escape (0x1b) is left out because ANSI-coloured text is still text.
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | set(range(0x0E, 0x20)) - {0x1B} | {0x7F})
_BINARY_SAMPLE = 65_536
_BINARY_CONTROL_SHARE = 0.05


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


def read_file(path: str, limit: int) -> bytes:
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


def read_stdin(limit: int) -> bytes:
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


def gunzip_if_needed(path: str, data: bytes, limit: int) -> bytes:
    """Decompress gzip data (told by its magic bytes, not the suffix), stopping past ``limit``."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as gz:
            # read(n) decompresses only as far as needed, so a gzip bomb stops at the limit.
            out = gz.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as err:
        raise InputError(path, f"truncated or corrupt gzip data ({error_detail(err)})") from err
    if len(out) > limit:
        raise InputTooLarge(path, f"decompresses to more than {limit} bytes (max_input_bytes)")
    return out


def bunzip(name: str, data: bytes, limit: int) -> bytes:
    decompressor = bz2.BZ2Decompressor()
    try:
        # max_length stops a bzip2 bomb at the limit.
        out = decompressor.decompress(data, max_length=limit + 1)
    except (OSError, ValueError, EOFError) as err:
        raise InputError(name, f"truncated or corrupt bzip2 data ({error_detail(err)})") from err
    if len(out) > limit:
        raise InputTooLarge(name, f"decompresses to more than {limit} bytes (max_input_bytes)")
    if not decompressor.eof:
        raise InputError(name, "truncated or corrupt bzip2 data (stream ends early)")
    return out


def error_detail(err: BaseException) -> str:
    """The first line of an error's message (its type when it has none)."""
    return str(err).splitlines()[0] if str(err) else type(err).__name__
