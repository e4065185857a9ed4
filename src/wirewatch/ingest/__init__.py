"""Readers that turn inputs into :class:`wirewatch.models.RawDocument` values.

:func:`iter_inputs` is the one entry point: files, folders, globs and standard input, in any of
the formats :mod:`wirewatch.ingest.dispatch` tells apart (plain text, HTML, RSS/Atom feeds, WARC,
JSON Lines, and gzip, bzip2 or zip archives of them). Each format's reader sits in its own
module (:mod:`~wirewatch.ingest.html`, :mod:`~wirewatch.ingest.feed`, :mod:`~wirewatch.ingest.warc`,
:mod:`~wirewatch.ingest.jsonl`) and yields the same types.
"""

from __future__ import annotations

from wirewatch.ingest.dispatch import read_documents
from wirewatch.ingest.files import expand_paths, iter_inputs, read_input
from wirewatch.ingest.html import NotAnArticle
from wirewatch.ingest.reading import STDIN, STDIN_NAME, decode_bytes

__all__ = [
    "STDIN",
    "STDIN_NAME",
    "NotAnArticle",
    "decode_bytes",
    "expand_paths",
    "iter_inputs",
    "read_documents",
    "read_input",
]
