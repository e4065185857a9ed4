"""Inputs: files, folders, globs and standard input -> :class:`RawDocument`.

:func:`iter_inputs` is the one entry point: it expands the paths and, for each file, yields every
document in it (:func:`wirewatch.ingest.dispatch.read_documents` tells the format: plain text,
HTML, feeds, WARC, JSON Lines, gzip/bzip2/zip archives) with the byte-level reading of
:mod:`wirewatch.ingest.reading` (size limits, standard input, gzip, text decoding).

The reader never raises for a bad input. Each problem becomes an :class:`InputError` subclass that
is *yielded* in the input's place, so that a batch can report it on one line and go on with the
next input. ``text`` of a document is exactly the decoded bytes: no newline translation, no
stripping, because every offset in the article record points into it.
"""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from wirewatch.config import Settings
from wirewatch.errors import (
    EmptyInput,
    InputError,
    InputNotFound,
    NoArticlesFound,
)
from wirewatch.ingest.dispatch import read_documents
from wirewatch.ingest.reading import STDIN, STDIN_NAME, decode_bytes, read_error
from wirewatch.models import RawDocument

__all__ = [
    "STDIN",
    "STDIN_NAME",
    "decode_bytes",
    "expand_paths",
    "iter_inputs",
    "read_error",
    "read_input",
]

_GLOB_CHARS = frozenset("*?[")


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
