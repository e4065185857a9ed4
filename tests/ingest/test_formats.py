"""Feeds, WARC, JSON Lines and archives: many documents per file, each path naming its part."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import sys
import zipfile
from datetime import date
from pathlib import Path

import httpx
import pytest

from wirewatch.config import Settings
from wirewatch.errors import EmptyInput, InputError, InputTooLarge
from wirewatch.ingest import NotAnArticle, iter_inputs, read_input
from wirewatch.ingest.feed import Fetcher, iter_feed
from wirewatch.ingest.jsonl import field_mapping
from wirewatch.ingest.sniff import sniff_format
from wirewatch.models import RawDocument

from .inputs import PARAGRAPHS, SETTINGS, TITLE, article_html, atom_feed, listing_html, rss_feed, warc_bytes

URL = "https://news.example.org/2023/11/21/grayport-pier"


def run(paths: list[str], settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_inputs(paths, settings))


def docs(items: list[RawDocument | InputError]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


# -- sniffing -------------------------------------------------------------------------------------

SNIFF = [
    (b"WARC/1.0\r\nWARC-Type: warcinfo", "x.bin", "warc"),
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "x.txt", "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "", "feed"),
    (b"<!DOCTYPE html><html><head>", "x.txt", "html"),
    (b"  <html lang=en>", "", "html"),
    (b"<p>A fragment</p>", "", "html"),
    (b'{"text": "hello"}\n{"text": "again"}', "", "jsonl"),
    (b"Plain words, a headline\n\nLONDON (Reuters) - Body.", "a.html", "text"),
    (b"<b>odd</b> start", "page.htm", "html"),
    (b"Plain words", "notes.txt", "text"),
    (b"{not json", "", "text"),
]


@pytest.mark.parametrize(("head", "name", "fmt"), SNIFF)
def test_sniff_format(head: bytes, name: str, fmt: str) -> None:
    assert sniff_format(head, name) == fmt


# -- feeds ----------------------------------------------------------------------------------------


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    feed = rss_feed(
        [
            (TITLE, URL, "".join(f"<p>{p}</p>" for p in PARAGRAPHS)),
            ("Second story &amp; more", "https://news.example.org/b", "<p>Only a <b>short</b> summary.</p>"),
        ]
    )
    p = tmp_path / "news.rss"
    p.write_text(feed, encoding="utf-8")
    items = run([str(p)])
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    first, second = docs(items)
    assert first.path == f"{p}#entry-1" and second.path == f"{p}#entry-2"
    assert first.format == "feed" and first.url == URL
    assert first.published == date(2023, 11, 21)
    assert first.title == TITLE and first.text.startswith(TITLE + "\n\n")
    assert PARAGRAPHS[1] in first.text and "<p>" not in first.text
    assert second.text == "Second story & more\n\nOnly a short summary."


def test_atom_full_content(tmp_path: Path) -> None:
    p = tmp_path / "feed.atom"
    p.write_text(atom_feed(TITLE, "<div><p>" + "</p><p>".join(PARAGRAPHS) + "</p></div>"))
    (doc,) = docs(run([str(p)]))
    assert doc.path.endswith("#entry-1") and doc.published == date(2023, 11, 20)
    assert doc.text.split("\n") == [TITLE, "", *PARAGRAPHS]


def test_feed_with_no_entries(tmp_path: Path) -> None:
    p = tmp_path / "empty.xml"
    p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    (err,) = run([str(p)])
    assert isinstance(err, EmptyInput) and "no entries" in err.reason


def test_short_entry_reads_linked_page_from_the_page_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "crawl.warc.gz").write_bytes(warc_bytes([(URL, article_html().encode(), "text/html; charset=utf-8")]))
    feed = tmp_path / "feed.xml"
    feed.write_text(rss_feed([(TITLE, URL + "#top", "<p>Teaser only.</p>")]))
    (doc,) = run([str(feed)], SETTINGS.replace(page_store=str(store)))
    assert isinstance(doc, RawDocument), doc
    assert doc.format == "feed" and doc.path == f"{feed}#entry-1"
    assert PARAGRAPHS[2] in doc.text and "Teaser only" not in doc.text
    assert doc.author == "Jane Okafor"


def test_fetch_uses_the_transport_once_with_a_user_agent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/down"):
            return httpx.Response(503)
        return httpx.Response(200, content=article_html().encode(), headers={"Content-Type": "text/html"})

    settings = SETTINGS.replace(fetch=True)
    fetcher = Fetcher(settings, transport=httpx.MockTransport(handler))
    feed = rss_feed([(TITLE, URL, "<p>Teaser.</p>"), ("Other", "https://news.example.org/down", "<p>Tease.</p>")])
    first, second = iter_feed("feed.xml", feed.encode(), settings, fetcher=fetcher)
    assert isinstance(first, RawDocument) and PARAGRAPHS[0] in first.text
    assert isinstance(second, RawDocument) and second.text == "Other\n\nTease."
    assert any("HTTP 503" in w for w in second.warnings)
    assert len(seen) == 2  # one try each: no retries
    assert seen[0].headers["User-Agent"] == settings.user_agent
    # A host that keeps failing is not asked again.
    for _ in range(5):
        fetcher.get("https://news.example.org/down")
    assert len(seen) == 4


def test_no_fetch_without_the_setting(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss_feed([(TITLE, URL, "<p>Teaser only.</p>")]))
    (doc,) = run([str(feed)])  # would fail loudly if it tried the network: there is none
    assert isinstance(doc, RawDocument) and doc.text == f"{TITLE}\n\nTeaser only."


# -- WARC -----------------------------------------------------------------------------------------


def test_warc_response_records_with_html(tmp_path: Path) -> None:
    data = warc_bytes(
        [
            (URL, article_html().encode(), "text/html; charset=utf-8"),
            ("https://news.example.org/logo.png", b"\x89PNG\r\n", "image/png"),
            ("https://news.example.org/", listing_html().encode(), "text/html"),
        ]
    )
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(data)
    items = run([str(p)])
    # warcinfo is record 1, the article record 2, the image 3 (skipped), the listing 4.
    assert [type(i).__name__ for i in items] == ["RawDocument", "NotAnArticle"]
    doc, listing = items
    assert isinstance(doc, RawDocument) and doc.path == f"{p}#record-2"
    assert doc.format == "warc" and doc.url == URL and doc.title == TITLE
    assert isinstance(listing, NotAnArticle) and listing.path == f"{p}#record-4"


def test_uncompressed_warc_and_warc_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = warc_bytes([(URL, article_html().encode(), "text/html")], gzip=False)
    p = tmp_path / "crawl.warc"
    p.write_bytes(data)
    assert len(docs(run([str(p)]))) == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(data))))
    (doc,) = run(["-"])
    assert isinstance(doc, RawDocument) and doc.path == "<stdin>#record-2"


def test_warc_with_a_corrupt_record_keeps_the_others(tmp_path: Path) -> None:
    pages = [(f"https://news.example.org/{i}", article_html(title=f"Story number {i} of the day").encode(), "text/html")
             for i in range(3)]  # fmt: skip
    data = bytearray(warc_bytes(pages))
    # Find the gzip members and wreck the middle of the second page's member.
    starts = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    assert len(starts) == 4  # warcinfo + 3 pages
    bad_from, bad_to = starts[2], starts[3]
    mid = (bad_from + bad_to) // 2
    data[mid : mid + 40] = b"\x00" * 40
    p = tmp_path / "bad.warc.gz"
    p.write_bytes(bytes(data))
    items = run([str(p)])
    good = docs(items)
    errors = [i for i in items if not isinstance(i, RawDocument)]
    assert [d.title for d in good] == ["Story number 0 of the day", "Story number 2 of the day"]
    assert len(errors) == 1 and "corrupt WARC record" in errors[0].reason


# -- JSON Lines -----------------------------------------------------------------------------------


def test_jsonl_default_keys_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "First", "text": "LONDON (Reuters) - A body.", "url": "https://e.org/1",
                    "date": "2023-11-21T10:00:00Z"}),
        "{broken",
        "",
        json.dumps({"html": article_html(), "url": URL}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"nothing": "here"}),
    ]  # fmt: skip
    p = tmp_path / "export.jsonl"
    p.write_text("\n".join(lines) + "\n")
    items = run([str(p)])
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument", "InputError", "EmptyInput"]
    first, third = docs(items)
    assert first.path == f"{p}#line-1" and first.format == "jsonl"
    assert first.text == "First\n\nLONDON (Reuters) - A body." and first.published == date(2023, 11, 21)
    assert third.path == f"{p}#line-4" and third.title == TITLE and PARAGRAPHS[0] in third.text
    assert items[1].path == f"{p}#line-2"


def test_jsonl_field_mapping(tmp_path: Path) -> None:
    p = tmp_path / "other.ndjson.gz"
    record = {"headline": "Mapped", "article": {"body": "Text of it."}, "link": "https://e.org/x", "when": "2020-05-01"}
    p.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    settings = SETTINGS.replace(jsonl_fields=("text=article.body,title=headline", "url=link", "date=when"))
    (doc,) = run([str(p)], settings)
    assert isinstance(doc, RawDocument), doc
    assert (doc.text, doc.url, doc.published) == ("Mapped\n\nText of it.", "https://e.org/x", date(2020, 5, 1))


def test_field_mapping_rejects_nonsense() -> None:
    assert field_mapping(["text=body, url=link"]) == {"text": "body", "url": "link"}
    with pytest.raises(ValueError, match="bad field mapping"):
        field_mapping(["colour=red"])


def test_jsonl_line_over_the_limit_is_skipped_not_held(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small one"}) + "\n")
    items = run([str(p)], SETTINGS.replace(max_input_bytes=1000))
    assert [type(i).__name__ for i in items] == ["InputTooLarge", "RawDocument"]


# -- archives -------------------------------------------------------------------------------------


def test_zip_members_each_read(tmp_path: Path) -> None:
    p = tmp_path / "bundle.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("b/page.html", article_html())
        zf.writestr("a.txt", "Headline here\n\nLONDON (Reuters) - Text.\n")
        zf.writestr("__MACOSX/._a.txt", "junk")
        zf.writestr("c/feed.rss", rss_feed([("One", "https://e.org/1", "Summary.")]))
    items = run([str(p)])
    assert [i.path for i in items] == [f"{p}#a.txt", f"{p}#b/page.html", f"{p}#c/feed.rss#entry-1"]
    assert [i.format for i in docs(items)] == ["text", "html", "feed"]


def test_bz2_text_and_truncated_bz2(tmp_path: Path) -> None:
    good = tmp_path / "a.txt.bz2"
    good.write_bytes(bz2.compress(b"Headline\n\nBody text here.\n"))
    cut = tmp_path / "b.txt.bz2"
    cut.write_bytes(bz2.compress(b"Headline\n\nBody text here.\n" * 200)[:-30])
    first, second = run([str(good), str(cut)])
    assert isinstance(first, RawDocument) and first.text == "Headline\n\nBody text here.\n"
    assert isinstance(second, InputError) and "bzip2" in second.reason


def test_truncated_gzip_html_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    cut = tmp_path / "page.html.gz"
    cut.write_bytes(gzip.compress(article_html().encode())[:-25])
    good = tmp_path / "good.html"
    good.write_text(article_html())
    first, second = run([str(cut), str(good)])
    assert isinstance(first, InputError) and "gzip" in first.reason
    assert isinstance(second, RawDocument)


def test_folder_walk_reads_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(article_html())
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Some text."}) + "\n")
    (tmp_path / "c.warc.gz").write_bytes(warc_bytes([(URL, article_html().encode(), "text/html")]))
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    assert [Path(i.path).name for i in run([str(tmp_path)])] == ["a.html", "b.jsonl#line-1", "c.warc.gz#record-2"]


def test_forced_format(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text("<p>not really html, but read as text</p>")
    (doc,) = run([str(p)], SETTINGS.replace(input_format="text"))
    assert isinstance(doc, RawDocument) and doc.format == "text" and doc.text.startswith("<p>")


def test_read_input_refuses_many_documents_with_a_pointer(tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_text(rss_feed([("One", "https://e.org/1", "A."), ("Two", "https://e.org/2", "B.")]))
    err = read_input(str(p), SETTINGS)
    assert isinstance(err, InputError) and "iter_inputs" in err.reason
    single = tmp_path / "a.html"
    single.write_text(article_html())
    assert isinstance(read_input(str(single), SETTINGS), RawDocument)


# -- bad input ------------------------------------------------------------------------------------


def test_50_mb_single_line_is_refused_quickly(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        chunk = b"word " * 200_000  # 1 MB, no newline
        for _ in range(50):
            fh.write(chunk)
    assert p.stat().st_size == 50_000_000
    (default_limit,) = run([str(p)])
    assert isinstance(default_limit, InputTooLarge) and "max_input_bytes" in default_limit.reason
    (raised_limit,) = run([str(p)], SETTINGS.replace(max_input_bytes=60_000_000))
    assert isinstance(raised_limit, InputTooLarge) and "max_line_chars" in raised_limit.reason


def test_mixed_encodings_in_one_batch(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_text("Caf\u00e9 story\n\nBody \u201cquoted\u201d.\n", encoding="utf-8")
    cp = tmp_path / "b.txt"
    cp.write_bytes("Caf\u00e9 story\n\nBody \u201cquoted\u201d.\n".encode("cp1252"))
    mixed = tmp_path / "c.txt"
    mixed.write_bytes("Caf\u00e9 ".encode() + "na\u00efve \u2013 dash".encode("cp1252"))
    a, b, c = run([str(utf8), str(cp), str(mixed)])
    assert isinstance(a, RawDocument) and a.warnings == ()
    assert isinstance(b, RawDocument) and b.text == a.text and any("cp1252" in w for w in b.warnings)
    assert isinstance(c, RawDocument) and c.warnings and "dash" in c.text
