"""HTML pages: main text and metadata, listings refused with a reason, bad pages reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wirewatch.errors import EmptyInput, InputError
from wirewatch.ingest import NotAnArticle, iter_inputs
from wirewatch.ingest.html import compose_text, html_document, html_to_text
from wirewatch.models import RawDocument
from wirewatch.structure import analyse_structure

from .inputs import PARAGRAPHS, SETTINGS, TITLE, article_html, listing_html


def read_one(path: Path) -> RawDocument | InputError:
    items = list(iter_inputs([str(path)], SETTINGS))
    assert len(items) == 1, items
    return items[0]


def test_article_page_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "pier.html"
    p.write_text(article_html(), encoding="utf-8")
    doc = read_one(p)
    assert isinstance(doc, RawDocument), doc
    assert doc.format == "html"
    assert doc.title == TITLE
    assert doc.author == "Jane Okafor"
    assert doc.site == "Example News"
    assert doc.url == "https://news.example.org/2023/11/21/grayport-pier"
    assert doc.published == date(2023, 11, 21)
    assert doc.language_hint == "en"
    # The headline first, then the main text: navigation and footer are gone.
    assert doc.text.startswith(TITLE + "\n")
    for para in PARAGRAPHS:
        assert para in doc.text
    assert "All rights reserved" not in doc.text and "Sport" not in doc.text


def test_structure_takes_the_metadata_title_as_headline(tmp_path: Path) -> None:
    doc = html_document("pier.html", article_html().encode(), SETTINGS)
    assert isinstance(doc, RawDocument)
    s = analyse_structure(doc.text, doc.published, SETTINGS, title=doc.title)
    assert s.headline is not None and s.headline.text == TITLE
    assert doc.text[s.headline.start : s.headline.end] == TITLE
    assert s.dateline is not None
    assert (s.dateline.place, s.dateline.agency, s.dateline.date) == ("Grayport", "Wire Service", "2023-11-21")


def test_listing_page_is_not_an_article(tmp_path: Path) -> None:
    p = tmp_path / "index.html"
    p.write_text(listing_html(), encoding="utf-8")
    err = read_one(p)
    assert isinstance(err, NotAnArticle), err
    assert isinstance(err, InputError)
    assert "listing" in err.reason or "not an article" in err.reason


def test_page_with_no_body_text(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_text("<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>")
    err = read_one(p)
    assert isinstance(err, NotAnArticle | EmptyInput), err
    assert str(p) in str(err)


def test_page_declaring_utf8_but_in_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    html = article_html(paragraphs=[p.replace("harbour", "harbour caf\u00e9") for p in PARAGRAPHS])
    p = tmp_path / "mixed.html"
    p.write_bytes(html.encode("cp1252"))
    doc = read_one(p)
    assert isinstance(doc, RawDocument), doc
    assert "caf\u00e9" in doc.text
    assert any("cp1252" in w for w in doc.warnings)


def test_latin1_declared_page_decodes_as_windows_1252(tmp_path: Path) -> None:
    html = article_html(paragraphs=[p + " \u201cQuoted\u201d." for p in PARAGRAPHS], charset="iso-8859-1")
    doc = html_document("x.html", html.encode("cp1252"), SETTINGS)
    assert isinstance(doc, RawDocument), doc
    assert "\u201cQuoted\u201d" in doc.text and doc.warnings == ()


def test_html_to_text_keeps_blocks_apart() -> None:
    assert html_to_text("<p>One <b>two</b>.</p><p>Three<br>four</p><script>x()</script>") == "One two.\nThree\nfour"
    assert html_to_text("plain   words\n\nmore") == "plain words\nmore"


def test_compose_text_does_not_repeat_the_title() -> None:
    assert compose_text("A title", "A title\nBody.") == "A title\nBody."
    assert compose_text("A title", "Body.") == "A title\n\nBody."
    assert compose_text(None, "Body.") == "Body."


def _json_ld_page(json_ld: str) -> bytes:
    """The article page with its author and site name given only in a JSON-LD block."""
    page = article_html()
    page = page.replace('<meta name="author" content="Jane Okafor">\n', "")
    page = page.replace('<meta property="og:site_name" content="Example News">\n', "")
    page = page.replace("</head>", f'<script type="application/ld+json">{json_ld}</script>\n</head>')
    return page.encode()


def test_json_ld_fills_author_and_site_with_markup_and_entities_cleaned() -> None:
    json_ld = (
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Grayport closes pier",'
        ' "author": {"@type": "Person", "name": "Jane <b>Okafor</b>"},'
        ' "publisher": {"@type": "Organization", "name": "Harbour &amp; Coast News"}}'
    )
    doc = html_document("ld.html", _json_ld_page(json_ld), SETTINGS)
    assert isinstance(doc, RawDocument), doc
    assert doc.author == "Jane Okafor"
    assert doc.site == "Harbour & Coast News"


def test_json_ld_that_does_not_parse_still_gives_the_article() -> None:
    # A trailing comma and an unclosed brace: trafilatura's tolerant reader takes what it can.
    json_ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Okafor"},'
    doc = html_document("ld.html", _json_ld_page(json_ld), SETTINGS)
    assert isinstance(doc, RawDocument), doc
    assert doc.title == TITLE
    assert doc.author == "Jane Okafor"
    assert all(p in doc.text for p in PARAGRAPHS)
