"""The source formats' file name endings: the one list both the folder walk and the format
sniffer read.

A folder walk reads the files ending in one of :data:`TEXT_SUFFIXES` or
:data:`DOCUMENT_SUFFIXES` (the defaults of ``Settings.text_suffixes`` and
``Settings.document_suffixes``); :func:`wirewatch.ingest.sniff.sniff_format` falls back on
:data:`SUFFIX_FORMATS` when the content leaves the format open.
"""

from __future__ import annotations

from wirewatch.models import SourceFormat

__all__ = ["COMPRESSION_SUFFIXES", "DOCUMENT_SUFFIXES", "SUFFIX_FORMATS", "TEXT_SUFFIXES"]

SUFFIX_FORMATS: dict[str, SourceFormat] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}
"""Each format's endings, as written before any compression suffix."""

COMPRESSION_SUFFIXES = (".gz", ".bz2")
"""Endings of compressed files (the format is read from the name without them)."""

TEXT_SUFFIXES: tuple[str, ...] = (*(s for s, f in SUFFIX_FORMATS.items() if f == "text"), ".gz")
"""Plain-text endings, and gzip (``.txt.gz``, ``.warc.gz``, ...; told by content once read)."""

DOCUMENT_SUFFIXES: tuple[str, ...] = (*(s for s, f in SUFFIX_FORMATS.items() if f != "text"), ".bz2", ".zip")
"""Every other format's endings, and the bzip2 and zip archives that may hold any of them."""
