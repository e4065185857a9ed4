from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirewatch.errors import InputError
from wirewatch.watch.sources import Entry, Listing, expand_sources, parse_entries, url_key

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One &amp; two</title><link>https://example.org/a#top</link><guid>g-1</guid>
<description>&lt;p&gt;Short &lt;b&gt;teaser&lt;/b&gt;&lt;/p&gt;</description>
<pubDate>Tue, 02 May 2023 10:00:00 GMT</pubDate></item>
<item><title>No link</title><description>Text only.</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><id>urn:x:1</id><title>Atom one</title><link href="https://example.org/atom/1"/><updated>2024-01-05T00:00:00Z</updated>
<content type="html">&lt;p&gt;Full text here.&lt;/p&gt;</content></entry></feed>"""
SITEMAP = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.org/s/1</loc><lastmod>2024-02-03</lastmod></url>
<url><loc>https://example.org/s/2</loc><news:news><news:publication_date>2024-02-04T10:00:00Z</news:publication_date></news:news></url>
</urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.org/sm-1.xml</loc></sitemap></sitemapindex>"""


def test_rss_entries_carry_id_link_title_text_and_date() -> None:
    listing = parse_entries("F", RSS)
    assert isinstance(listing, Listing)
    first, second = listing.entries
    assert (first.id, first.url, first.title) == ("g-1", "https://example.org/a#top", "One & two")
    assert first.summary == "Short teaser" and first.published == date(2023, 5, 2)
    assert first.keys() == ("id:F g-1", "url:https://example.org/a")
    assert second.url is None and second.summary == "Text only."


def test_atom_and_sitemaps() -> None:
    atom = parse_entries("F", ATOM)
    assert isinstance(atom, Listing)
    assert [(e.id, e.url, e.summary) for e in atom.entries] == [
        ("urn:x:1", "https://example.org/atom/1", "Full text here.")
    ]
    sm = parse_entries("S", SITEMAP)
    assert isinstance(sm, Listing)
    assert [(e.url, e.published) for e in sm.entries] == [
        ("https://example.org/s/1", date(2024, 2, 3)),
        ("https://example.org/s/2", date(2024, 2, 4)),
    ]
    index = parse_entries("S", INDEX)
    assert isinstance(index, Listing) and index.children == ("https://example.org/sm-1.xml",)


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0'?><rss><channel><item><title>oops</titl",
        b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>x</url>",
        b"just some text, not a feed",
    ],
)
def test_a_broken_feed_is_an_error_not_an_exception(data: bytes) -> None:
    assert isinstance(parse_entries("F", data), InputError)


def test_url_key_ignores_fragment_case_of_host_and_trailing_slash() -> None:
    assert url_key("HTTPS://Example.ORG/a/b/#x") == url_key("https://example.org/a/b") == "url:https://example.org/a/b"
    assert url_key("https://example.org/?q=1") == "url:https://example.org/?q=1"
    assert Entry("F", None, None).keys() == ()


def test_expand_sources_reads_lists_opml_and_keeps_feed_files(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# agencies\nhttps://a.example/rss\n\nhttps://b.example/atom  # b\nhttps://a.example/rss\n")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="https://c.example/x?a=1&amp;b=2"/></body></opml>'
    )
    feed = tmp_path / "local.xml"
    feed.write_bytes(RSS)
    got = expand_sources([str(listing), str(opml), str(feed), "https://d.example/feed"])
    assert got == [
        "https://a.example/rss",
        "https://b.example/atom",
        "https://c.example/x?a=1&b=2",
        str(feed),
        "https://d.example/feed",
    ]
    with pytest.raises(InputError):
        expand_sources([str(tmp_path / "missing.txt")])
