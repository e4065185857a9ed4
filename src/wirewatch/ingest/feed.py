"""RSS and Atom feeds -> one :class:`RawDocument` per entry (feedparser).

An entry's text is its full content when the feed carries it (``content:encoded``, Atom
``content``), else its summary, with the HTML stripped (:func:`wirewatch.ingest.html.html_to_text`)
and the entry title first. When the entry holds only a short summary and links to its article,
the linked page is read instead, from a local page store (``Settings.page_store``: a folder of
saved HTML pages or WARC files, looked up by URL) or, only when ``Settings.fetch`` is set
(``--fetch``), over HTTP: one try per page with a timeout and a user agent, and a host that
fails three times is not asked again, so a dead site cannot cause a retry storm.

Each document's path is the feed plus the entry's number, ``feed.xml#entry-3`` (from 1).
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urldefrag, urlsplit

from wirewatch.config import Settings
from wirewatch.errors import EmptyInput, InputError, InputTooLarge
from wirewatch.ingest.html import compose_text, html_document, html_to_text
from wirewatch.models import RawDocument

logger = logging.getLogger(__name__)

__all__ = ["Fetcher", "PageStore", "iter_feed"]

#: An entry with fewer words than this is a teaser: its linked page is read when available.
SUMMARY_WORDS = 120
_HOST_FAILURES = 3
_URL_IN_PAGE_RE = re.compile(
    rb"""<(?:link[^>]*rel=["']canonical["'][^>]*href|meta[^>]*property=["']og:url["'][^>]*content)=["']([^"']+)""",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+")


def iter_feed(
    name: str,
    data: bytes,
    settings: Settings,
    *,
    store: PageStore | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[RawDocument | InputError]:
    """Yield one document (or error) per entry of the RSS/Atom feed in ``data``."""
    import feedparser  # type: ignore[import-untyped]  # feedparser ships no type hints

    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.entries)
    if not entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield EmptyInput(name, f"feed holds no entries{why}")
        return
    if store is None and settings.page_store:
        store = PageStore(settings.page_store, settings)
    own_fetcher = fetcher is None and settings.fetch
    if own_fetcher:
        fetcher = Fetcher(settings)
    try:
        for i, entry in enumerate(entries, start=1):
            yield _entry_document(f"{name}#entry-{i}", entry, settings, store, fetcher)
    finally:
        if own_fetcher and fetcher is not None:
            fetcher.close()


def _entry_document(
    path: str, entry: Any, settings: Settings, store: PageStore | None, fetcher: Fetcher | None
) -> RawDocument | InputError:
    title = _plain(entry.get("title"))
    body = _entry_body(entry)
    link = entry.get("link") or None
    published = entry_date(entry)
    author = _plain(entry.get("author"))
    warnings: list[str] = []
    if link and len(_WORD_RE.findall(body)) < SUMMARY_WORDS and (store is not None or fetcher is not None):
        page = store.get(link) if store is not None else None
        if page is None and fetcher is not None:
            page = fetcher.get(link)
        if isinstance(page, bytes):
            doc = html_document(path, page, settings, url=link, source_format="feed")
            if isinstance(doc, RawDocument):
                return replace(
                    doc,
                    title=doc.title or title,
                    author=doc.author or author,
                    published=doc.published or published,
                )
            page = doc
        if isinstance(page, InputError):
            warnings.append(f"linked page not used ({page.reason}); text is the feed's summary")
    if not body and not title:
        return EmptyInput(path, "feed entry has no title, content or summary")
    return RawDocument(
        path=path,
        text=compose_text(title, body),
        format="feed",
        url=link,
        published=published,
        warnings=tuple(warnings),
        title=title,
        author=author,
        language_hint=(entry.get("language") or None),
    )


def _entry_body(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    raw = max(contents, key=len) if contents else ""
    if len(raw) < len(entry.get("summary", "") or ""):
        raw = entry.get("summary", "")
    return html_to_text(raw or "")


def entry_date(entry: Any) -> date | None:
    """A feedparser entry's date: published, else updated, else created (None if none parses)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _plain(value: str | None) -> str | None:
    if not value:
        return None
    text = html_to_text(value) if "<" in value else " ".join(value.split())
    return " ".join(text.split()) or None


def _url_key(url: str) -> str:
    """A URL as looked up: no fragment, no trailing slash, host lower case."""
    bare = urldefrag(url.strip())[0]
    parts = urlsplit(bare)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}" + (
        f"?{parts.query}" if parts.query else ""
    )


@dataclass
class PageStore:
    """Saved pages found by URL: HTML files (by their canonical / og:url) and WARC records.

    The index is built on the first lookup, from ``root`` (a folder, walked, or one file).
    """

    root: str
    settings: Settings
    _index: dict[str, tuple[str, int | None]] | None = field(default=None, init=False, repr=False)

    def get(self, url: str) -> bytes | InputError | None:
        """The saved page for ``url``, an error if it cannot be read, or None if not stored."""
        if self._index is None:
            self._index = self._build()
        found = self._index.get(_url_key(url))
        if found is None:
            return None
        path, offset = found
        try:
            return self._read_warc(path, offset) if offset is not None else self._read_html(path)
        except (OSError, EOFError, ValueError) as err:
            return InputError(path, f"cannot read stored page for {url}: {err}")

    def _build(self) -> dict[str, tuple[str, int | None]]:
        files: list[str] = []
        if os.path.isdir(self.root):
            for folder, _dirs, names in os.walk(self.root):
                files.extend(os.path.join(folder, n) for n in sorted(names) if not n.startswith("."))
        elif os.path.isfile(self.root):
            files.append(self.root)
        else:
            logger.warning("page store %s does not exist", self.root)
        index: dict[str, tuple[str, int | None]] = {}
        for path in sorted(files):
            lower = path.lower()
            try:
                if ".warc" in lower:
                    self._index_warc(path, index)
                elif lower.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
                    head = self._read_html(path)[:65536]
                    m = _URL_IN_PAGE_RE.search(head)
                    if m:
                        index.setdefault(_url_key(m.group(1).decode("utf-8", "replace")), (path, None))
            except Exception as err:  # one unreadable stored file must not hide the others
                logger.warning("page store: cannot index %s: %s", path, err)
        logger.info("page store %s: %d pages", self.root, len(index))
        return index

    def _index_warc(self, path: str, index: dict[str, tuple[str, int | None]]) -> None:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # no hints

        with open(path, "rb") as fh:
            iterator: Any = ArchiveIterator(fh)
            for record in iterator:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "response" and uri:
                    index.setdefault(_url_key(uri), (path, iterator.get_record_offset()))

    def _read_html(self, path: str) -> bytes:
        limit = self.settings.max_input_bytes
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        if data.startswith(b"\x1f\x8b"):
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(limit + 1)
        if len(data) > limit:
            raise ValueError(f"over the limit of {limit} bytes (max_input_bytes)")
        return data

    def _read_warc(self, path: str, offset: int) -> bytes:
        from warcio.archiveiterator import ArchiveIterator

        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            data: bytes = record.content_stream().read(self.settings.max_input_bytes + 1)
        return data


class Fetcher:
    """HTTP GET of linked pages for ``--fetch``: one try each, timeouts, a size cap, a user agent.

    ``transport`` replaces the network (tests use ``httpx.MockTransport``).
    """

    def __init__(self, settings: Settings, transport: Any = None) -> None:
        import httpx

        self.settings = settings
        self._failures: dict[str, int] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=True,
            transport=transport,
        )

    def get(self, url: str) -> bytes | InputError:
        """The page at ``url``, or an :class:`InputError` saying why not (never raises)."""
        import httpx

        host = urlsplit(url).netloc.lower()
        if urlsplit(url).scheme not in ("http", "https"):
            return InputError(url, "not an http(s) URL")
        if self._failures.get(host, 0) >= _HOST_FAILURES:
            return InputError(url, f"not fetched: {host} failed {_HOST_FAILURES} times already")
        limit = self.settings.max_input_bytes
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    self._failures[host] = self._failures.get(host, 0) + 1
                    return InputError(url, f"HTTP {response.status_code}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        return InputTooLarge(url, f"page is over the limit of {limit} bytes (max_input_bytes)")
                    chunks.append(chunk)
        except httpx.HTTPError as err:
            self._failures[host] = self._failures.get(host, 0) + 1
            return InputError(url, f"fetch failed: {type(err).__name__}: {err}")
        return b"".join(chunks)

    def close(self) -> None:
        self._client.close()
