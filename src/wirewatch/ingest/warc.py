"""WARC files (web archives, e.g. Common Crawl News) -> one :class:`RawDocument` per HTML page.

Records are streamed with warcio (gzip members are decompressed one at a time, so a crawl file of
any size takes little memory). Only ``response`` and ``resource`` records whose content type is
HTML and whose HTTP status is 2xx are read; requests, metadata, images and redirects are passed
over silently. Each page goes through :func:`wirewatch.ingest.html.html_document`, and its path
is the file plus the record's number, ``crawl.warc.gz#record-12`` (counting every record, from 1).

One corrupt record does not lose the rest of the file: the reader reports it as an
:class:`InputError` and starts again at the next record boundary (the next gzip member, or the
next ``WARC/1.`` header line of an uncompressed file).
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from wirewatch.config import Settings
from wirewatch.errors import InputError, InputTooLarge
from wirewatch.ingest.html import html_document
from wirewatch.ingest.sniff import compression_of
from wirewatch.models import RawDocument

logger = logging.getLogger(__name__)

__all__ = ["iter_warc"]

_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = b"\nWARC/1."
_SCAN_CHUNK = 1 << 20


def iter_warc(name: str, fh: BinaryIO, settings: Settings) -> Iterator[RawDocument | InputError]:
    """Yield a document (or the error that stood in its way) per HTML page of the WARC ``fh``.

    ``fh`` must be seekable (a file, or bytes in a ``BytesIO``); it is read from its position.
    """
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # no hints

    start = fh.tell()
    head = fh.read(4)
    gzipped = compression_of(head) == "gzip"
    index = 0
    reported = False  # one error per bad stretch, not one per failed resynchronisation
    while True:
        fh.seek(start)
        iterator: Any = ArchiveIterator(fh)
        try:
            for record in iterator:
                index += 1
                item = _record_document(name, index, record, settings)
                if item is not None:
                    reported = False
                    yield item
            return
        except Exception as err:  # warcio raises many kinds (ArchiveLoadFailed, zlib, EOF, parse errors)
            bad_at = int(iterator.offset)
            if not reported:
                index += 1
                detail = str(err).splitlines()[0] if str(err) else type(err).__name__
                logger.warning("%s: corrupt WARC record at byte %d skipped: %s", name, bad_at, detail)
                yield InputError(f"{name}#record-{index}", f"corrupt WARC record at byte {bad_at} skipped ({detail})")
                reported = True
            nxt = _next_boundary(fh, max(bad_at, start) + 1, gzipped)
            if nxt is None:
                return
            start = nxt


def _record_document(name: str, index: int, record: Any, settings: Settings) -> RawDocument | InputError | None:
    """The page in one record, an error, or None for a record that holds no page."""
    if record.rec_type not in ("response", "resource"):
        return None
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http is not None else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )
    if "html" not in content_type.lower():
        return None
    path = f"{name}#record-{index}"
    if http is not None:
        status = str(http.get_statuscode() or "")
        if not status.startswith("2"):
            logger.debug("%s: HTTP status %s, no page", path, status)
            return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    limit = settings.max_input_bytes
    try:
        data = record.content_stream().read(limit + 1)
    except (OSError, EOFError, ValueError, zlib.error) as err:
        return InputError(path, f"cannot read the record's content ({err})")
    if len(data) > limit:
        return InputTooLarge(path, f"page is over the limit of {limit} bytes (max_input_bytes)")
    m = _CHARSET_RE.search(content_type)
    return html_document(
        path, data, settings, url=url, declared_encoding=m.group(1) if m else None, source_format="warc"
    )


def _next_boundary(fh: BinaryIO, pos: int, gzipped: bool) -> int | None:
    """Offset of the next record start at or after ``pos``, or None at the end of the file."""
    marker = _GZIP_MEMBER if gzipped else _WARC_HEADER
    skip = 0 if gzipped else 1  # the header match starts at its newline
    fh.seek(pos)
    carry = b""
    base = pos
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        at = window.find(marker)
        if at >= 0:
            return base - len(carry) + at + skip
        carry = window[-(len(marker) - 1) :]
        base += len(chunk)
