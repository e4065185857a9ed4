"""Text the HTML reader has already cleaned: the body is kept, the headline shown once, the byline found.

The pages are invented for these tests: each has the shapes that real pages show (a table, a
closing list, a tweet, a site name in the title, authors only in metadata).
"""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.config import Settings
from wirewatch.ingest.html import compose_text, html_document
from wirewatch.models import RawDocument
from wirewatch.pipeline import prepare_document
from wirewatch.structure import analyse_structure
from wirewatch.structure.byline import split_authors
from wirewatch.structure.titles import same_headline

SETTINGS = Settings.load()

EXTRACTED = """Harbour board sets new ferry timetable

The harbour board of Grayport approved a new winter timetable for the ferries on Monday, after weeks of delays.
Share
| Route | Departures | First | Last |
| Grayport - Millhaven | 12 | 06:10 | 22:40 |
| Grayport - Stoneby | 8 | 07:00 | 21:15 |
The board said the changes start on December 4.
Passengers can find the full list at
https://ferries.example.org/winter
Related stories
Millhaven pier repairs finished
Stoneby ferry gets new engine
"""


def _kinds(text: str, extracted: bool) -> dict[str, str]:
    s = analyse_structure(text, date(2023, 11, 20), SETTINGS, title="Harbour board sets new ferry timetable",
                          extracted=extracted)  # fmt: skip
    return {text[p.start : p.end]: p.kind for p in s.paragraphs}


def test_extracted_text_keeps_tables_lists_and_links_but_not_furniture() -> None:
    kinds = _kinds(EXTRACTED, extracted=True)
    assert kinds["Harbour board sets new ferry timetable"] == "headline"
    assert kinds["| Grayport - Millhaven | 12 | 06:10 | 22:40 |"] in ("body", "subheading")
    assert kinds["| Grayport - Stoneby | 8 | 07:00 | 21:15 |"] in ("body", "subheading")
    assert kinds["Passengers can find the full list at"] in ("body", "subheading")
    assert kinds["The board said the changes start on December 4."] == "body"
    # strong evidence still sets aside: a share button, a related-links block
    assert kinds["Share"] == "set_aside"
    assert kinds["Related stories"] == "set_aside"
    assert kinds["Millhaven pier repairs finished"] == "set_aside"
    assert kinds["Stoneby ferry gets new engine"] == "set_aside"


def test_plain_text_keeps_its_stricter_rules() -> None:
    # Without the reader's cleaning, short lines after the last prose are still page furniture.
    kinds = _kinds(EXTRACTED, extracted=False)
    assert kinds["Stoneby ferry gets new engine"] == "set_aside"


def test_non_latin_paragraph_with_numbers_is_not_a_timestamp() -> None:
    text = "Новость о рецептах\n\nДля теста: 175 г муки, 1 ч. л. соли и 2 яйца, смешать, оставить на 30 минут.\n"
    s = analyse_structure(text, None, SETTINGS, title="Новость о рецептах", extracted=True)
    assert [p.kind for p in s.paragraphs] == ["headline", "body"]


@pytest.mark.parametrize(
    ("title", "line", "same"),
    [
        ("Pier reopens after storm repairs - Example News", "Pier reopens after storm repairs", True),
        ("Example News | Pier reopens after storm repairs", "Pier reopens after storm repairs", True),
        ("Pier reopens after storm repairs", "PIER REOPENS AFTER STORM REPAIRS!", True),
        ("Pier reopens after storm repairs - Example News", "Photos", False),
        ("Pier reopens after storm repairs", "Pier closes for storm repairs", False),
    ],
)
def test_same_headline(title: str, line: str, same: bool) -> None:
    assert same_headline(title, line) is same


def test_headline_once_when_the_body_repeats_the_title_with_the_site() -> None:
    title = "Pier reopens after storm repairs - Example News"
    body = "Pier reopens after storm repairs\nThe northern pier of Grayport reopened on Friday after six weeks of work."
    text = compose_text(title, body)
    assert text == body  # the title is not added a second time
    s = analyse_structure(text, None, SETTINGS, title=title, extracted=True)
    assert s.headline is not None and s.headline.text == "Pier reopens after storm repairs"
    assert [p.kind for p in s.paragraphs].count("headline") == 1


@pytest.mark.parametrize(
    ("raw", "site", "authors"),
    [
        ("By Jane Smith and John Doe, Reuters", None, ("Jane Smith", "John Doe")),
        ("Victor Okoro; Futurewire", "Futurewire", ("Victor Okoro",)),
        ("Finn Carter Example International", "Example International", ("Finn Carter",)),
        ("Example News", "Example News", ()),
        ("Admin", None, ()),
        ("Staff Reporter", None, ()),
        ("Reuters", None, ()),
        ("Sarah E Needle & Tom Brook", None, ("Sarah E Needle", "Tom Brook")),
        ("Ursula von der Linden", None, ("Ursula von der Linden",)),
        ("NEWSDESK", None, ()),
    ],
)
def test_split_authors(raw: str, site: str | None, authors: tuple[str, ...]) -> None:
    assert split_authors(raw, site) == authors


PAGE = """<!DOCTYPE html><html lang="en"><head><title>Ferry fares rise in Grayport | Example News</title>
<meta property="og:title" content="Ferry fares rise in Grayport">
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Ferry fares rise in Grayport", "datePublished": "2023-11-21",
 "author": [{{"@type": "Person", "name": "Jane Okafor"}}, {{"@type": "Person", "name": "Tomas Berg"}}]}}</script>
</head><body><article><h1>Ferry fares rise in Grayport</h1>
{byline}
<p>Ferry fares in Grayport will rise by eight percent in January, the operator said on Tuesday.</p>
<p>"We held prices for two years, and we cannot do it any longer," the operator's chief executive told reporters.</p>
<p>The town council said it would ask the operator to keep a discount for pupils and pensioners during the winter.</p>
</article></body></html>"""


def _prepared(byline_html: str) -> tuple[RawDocument, object]:
    doc = html_document("fares.html", PAGE.format(byline=byline_html).encode(), SETTINGS)
    assert isinstance(doc, RawDocument), doc
    return doc, prepare_document(doc, SETTINGS).structure


def test_byline_from_metadata_only_has_no_offsets() -> None:
    doc, s = _prepared("")
    byline = s.byline  # type: ignore[attr-defined]
    assert byline is not None
    assert byline.authors == ("Jane Okafor", "Tomas Berg")
    assert byline.start is None and byline.end is None
    assert "Example News" not in byline.authors


def test_byline_line_in_the_text_gives_the_span() -> None:
    text = (
        "Ferry fares rise in Grayport\n\nBy Jane Okafor and Tomas Berg\n\n"
        "Ferry fares in Grayport will rise by eight percent in January, the operator said on Tuesday.\n"
    )
    s = analyse_structure(text, None, SETTINGS, title="Ferry fares rise in Grayport", author="Jane Okafor; Tomas Berg",
                          site="Example News", extracted=True)  # fmt: skip
    assert s.byline is not None and s.byline.start is not None and s.byline.end is not None
    assert text[s.byline.start : s.byline.end] == s.byline.text == "By Jane Okafor and Tomas Berg"
    assert s.byline.authors == ("Jane Okafor", "Tomas Berg")


def test_a_line_naming_the_metadata_author_is_the_byline() -> None:
    text = (
        "Ferry fares rise in Grayport\n\nJane Okafor, Transport Correspondent\n\n"
        "Ferry fares in Grayport will rise by eight percent in January, the operator said.\n"
    )
    s = analyse_structure(text, None, SETTINGS, title="Ferry fares rise in Grayport", author="Jane Okafor",
                          extracted=True)  # fmt: skip
    assert s.byline is not None and s.byline.text == "Jane Okafor, Transport Correspondent"
    assert s.byline.authors == ("Jane Okafor",)
