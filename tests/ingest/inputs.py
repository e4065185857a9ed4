"""Synthetic inputs for the format readers, written by hand for these tests (no real news)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from wirewatch.config import Settings

SETTINGS = Settings.load()

PARAGRAPHS = (
    "GRAYPORT, Nov. 21 (Wire Service) - The harbour authority of Grayport said on Tuesday it would "
    "close the northern pier for six weeks of repairs after a winter storm damaged its pilings.",
    '"We cannot let ferries dock at a pier that may not hold," harbour master Elena Voss told '
    "reporters at a briefing, adding that the southern pier would take all passenger traffic.",
    "The closure will delay about forty sailings a week, according to the ferry operator, which "
    "said it would add evening crossings to make up for the lost capacity during the works.",
    "Local shop owners near the northern pier said they feared a drop in visitors during the "
    "busiest weeks before the holidays, and asked the town council for help with their rents.",
)
TITLE = "Grayport closes northern pier for storm repairs"


def article_html(
    title: str = TITLE,
    paragraphs: Sequence[str] = PARAGRAPHS,
    *,
    url: str = "https://news.example.org/2023/11/21/grayport-pier",
    charset: str = "utf-8",
) -> str:
    """A news article page with navigation, metadata and a footer, as sites serve them."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Okafor">
<meta property="article:published_time" content="2023-11-21T09:30:00Z">
<link rel="canonical" href="{url}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jane Okafor</p>
{body}
</article></main>
<footer><p>Copyright 2023 Example News. All rights reserved.</p></footer>
</body></html>
"""


def listing_html(n: int = 12) -> str:
    """An index page: teaser headlines linking to articles, each with a one-line summary."""
    items = "\n".join(
        f'<article class="teaser"><h2><a href="/story-{i}">Council votes on harbour plan number {i} today</a></h2>'
        f"<p>Short summary of the story number {i} about the harbour.</p></article>"
        for i in range(n)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>Latest news | Example News</title>
<meta property="og:type" content="website"></head>
<body><nav><a href="/">Home</a></nav><main><h1>Latest news</h1>
{items}
</main></body></html>
"""


def rss_feed(entries: Sequence[tuple[str, str, str]]) -> str:
    """RSS 2.0 with one item per (title, link, html description)."""
    items = "\n".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Tue, 21 Nov 2023 09:30:00 GMT</pubDate>"
        f"<author>desk@example.org (Jane Okafor)</author><description><![CDATA[{d}]]></description></item>"
        for t, link, d in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example.org/</link>
<description>Test feed</description>
{items}
</channel></rss>
"""


def atom_feed(title: str, content_html: str) -> str:
    """Atom 1.0 with one entry carrying full HTML content."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:x</id>
<updated>2023-11-21T09:30:00Z</updated>
<entry><title>{title}</title><id>urn:e1</id><link href="https://news.example.org/a1"/>
<updated>2023-11-21T09:30:00Z</updated><published>2023-11-20T08:00:00Z</published>
<content type="html"><![CDATA[{content_html}]]></content></entry>
</feed>
"""


def warc_bytes(pages: Sequence[tuple[str, bytes, str]], *, gzip: bool = True) -> bytes:
    """A WARC (one gzip member per record when ``gzip``) of HTTP responses: (url, body, content type)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()
