"""What is watched, and the entries a feed's answer lists.

``FEED_OR_FILE`` is an http(s) URL of an RSS or Atom feed or a sitemap, or a local file: an
OPML outline (its ``xmlUrl``s), a feed or sitemap file itself (read again at every poll), or a
text file of feed URLs, one a line (``#`` starts a comment).

:func:`parse_entries` reads RSS and Atom with feedparser and sitemaps (``<urlset>``, news
sitemaps included) with lxml; a ``<sitemapindex>`` gives its child sitemaps (:class:`Listing`'s
``children``), which are read in the same poll. A feed with no entries and a parse error is an
error; a feed that parses with a complaint is read for the entries it still lists with an id or
a link.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urldefrag, urlsplit

from wirewatch.errors import InputError
from wirewatch.ingest.feed import entry_date

_SITEMAP_ROOT = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(urlset|sitemapindex)[\s>]")
_OPML_ROOT = re.compile(rb"<opml[\s>]", re.IGNORECASE)
_XML_URL = re.compile(rb"""xmlUrl\s*=\s*["']([^"']+)["']""")
MAX_CHILD_SITEMAPS = 50


@dataclass(frozen=True)
class Entry:
    """One item of a feed: what identifies it, where its article is, and the feed's own text."""

    feed: str
    id: str | None
    url: str | None
    title: str | None = None
    summary: str = ""
    """The entry's own text (content or summary, HTML stripped)."""
    published: date | None = None
    author: str | None = None

    def keys(self) -> tuple[str, ...]:
        """What the entry is known by: its id (within its feed) and its URL (anywhere)."""
        out = []
        if self.id:
            out.append(f"id:{self.feed} {self.id}")
        if self.url:
            out.append(url_key(self.url))
        return tuple(out)


@dataclass(frozen=True)
class Listing:
    """What one feed answer lists."""

    entries: tuple[Entry, ...]
    children: tuple[str, ...] = ()
    """Child sitemaps of a sitemap index."""


def url_key(url: str) -> str:
    """A URL as entries are matched by: no fragment, host lower case, no trailing slash."""
    bare = urldefrag(url.strip())[0]
    p = urlsplit(bare)
    return f"url:{p.scheme.lower()}://{p.netloc.lower()}{p.path.rstrip('/') or '/'}" + (
        f"?{p.query}" if p.query else ""
    )


def is_http(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def expand_sources(names: Iterable[str]) -> list[str]:
    """The feeds to watch: URLs as given, local files read for the feed URLs they list (or kept
    when they are feeds themselves). Order kept, duplicates dropped. Raises
    :class:`InputError` for a file that cannot be read."""
    out: list[str] = []
    for name in names:
        if is_http(name):
            out.append(name)
            continue
        try:
            with open(name, "rb") as fh:
                head = fh.read(1_000_000)
        except OSError as err:
            raise InputError(name, f"cannot read: {err.strerror or err}") from err
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if _OPML_ROOT.search(head[:4096]):
            out.extend(m.group(1).decode("utf-8", "replace").replace("&amp;", "&") for m in _XML_URL.finditer(head))
        elif stripped.startswith(b"<"):
            out.append(os.path.abspath(name))  # a feed file itself
        else:
            for line in head.decode("utf-8", "replace").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    out.append(line)
    return list(dict.fromkeys(out))


def parse_entries(feed: str, data: bytes) -> Listing | InputError:
    """The entries (or child sitemaps) in one answer of ``feed``."""
    if _SITEMAP_ROOT.search(data[:4096]):
        return _sitemap(feed, data)
    import feedparser  # type: ignore[import-untyped]  # feedparser ships no type hints

    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = [_entry(feed, e) for e in parsed.entries]
    if parsed.get("bozo"):
        # feedparser recovers what it can; an entry with neither id nor link is debris
        entries = [e for e in entries if e.keys()]
        if not entries:
            return InputError(feed, f"malformed feed: {parsed.get('bozo_exception')}")
    if not entries and not parsed.get("version"):
        return InputError(feed, "not an RSS or Atom feed, nor a sitemap")
    return Listing(tuple(entries))


def _entry(feed: str, e: Any) -> Entry:
    from wirewatch.ingest.html import html_to_text

    contents = [c.get("value", "") for c in e.get("content", []) or []]
    raw = max(contents, key=len) if contents else ""
    if len(raw) < len(e.get("summary", "") or ""):
        raw = e.get("summary", "")
    title = e.get("title") or None
    if title and "<" in title:
        title = html_to_text(title)
    return Entry(
        feed=feed,
        id=(e.get("id") or e.get("guid") or None),
        url=(e.get("link") or None),
        title=" ".join(title.split()) if title else None,
        summary=html_to_text(raw) if raw else "",
        published=entry_date(e),
        author=e.get("author") or None,
    )


def _sitemap(feed: str, data: bytes) -> Listing | InputError:
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        return InputError(feed, f"malformed sitemap: {err}")
    local = etree.QName(root).localname
    locs: list[tuple[str, str | None]] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = lastmod = None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "loc" and child.text:
                loc = child.text.strip()
            elif name == "lastmod" and child.text:
                lastmod = child.text.strip()
            elif name == "news":
                for sub in child.iter():
                    if isinstance(sub.tag, str) and etree.QName(sub).localname == "publication_date" and sub.text:
                        lastmod = lastmod or sub.text.strip()
        if loc:
            locs.append((loc, lastmod))
    if local == "sitemapindex":
        return Listing((), tuple(loc for loc, _ in locs[:MAX_CHILD_SITEMAPS]))
    return Listing(tuple(Entry(feed=feed, id=None, url=loc, published=_iso_date(mod)) for loc, mod in locs))


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
