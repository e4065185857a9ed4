"""What an input is: compression by magic bytes, format by content first and suffix second.

Content wins over the name because files travel under the wrong suffix (an ``.html`` that is a
feed, a ``.txt`` that is gzip); the suffix decides only what the content leaves open (an HTML
fragment without ``<html>``).
"""

from __future__ import annotations

import json
import re
from typing import Literal

from wirewatch.formats import COMPRESSION_SUFFIXES, SUFFIX_FORMATS
from wirewatch.models import SourceFormat

__all__ = ["Compression", "FORMATS", "compression_of", "sniff_format", "strip_compression_suffix"]

Compression = Literal["gzip", "bz2", "zip", "none"]

#: Values ``Settings.input_format`` accepts besides ``auto``.
FORMATS: tuple[SourceFormat, ...] = ("text", "html", "feed", "warc", "jsonl")

_FEED_RE = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h1)\b", re.IGNORECASE)


def compression_of(head: bytes) -> Compression:
    """The container told by the first bytes: gzip, bzip2, zip, or none."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh") and head[3:4].isdigit():
        return "bz2"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    return "none"


def strip_compression_suffix(name: str) -> str:
    """``crawl.warc.gz`` -> ``crawl.warc`` (the name the format suffix is read from)."""
    lower = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def sniff_format(head: bytes, name: str = "") -> SourceFormat:
    """The format of decompressed content starting with ``head`` (a few KiB), ``name`` as a hint."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/") or start.startswith(b"filedesc://"):
        return "warc"
    if start.startswith(b"<"):
        window = start[:4096]
        if _FEED_RE.search(window) and not re.search(rb"<html\b", window, re.IGNORECASE):
            return "feed"
        if _HTML_RE.match(start) or _HTML_RE.search(window[:1024]) or start[:5].lower() == b"<?xml":
            return "html"
    if start.startswith(b"{") and _first_line_is_object(start):
        return "jsonl"
    base = strip_compression_suffix(name).lower()
    for suffix, fmt in SUFFIX_FORMATS.items():
        if base.endswith(suffix):
            if fmt in ("feed", "html") and not start.startswith(b"<"):
                break  # a file that holds no markup is text, whatever its name says
            return fmt
    return "text"


def _first_line_is_object(start: bytes) -> bool:
    line = start.split(b"\n", 1)[0]
    if len(line) == len(start) and len(start) >= 4096:
        return True  # a first line longer than the sample: trust the brace
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
