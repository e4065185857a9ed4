"""HTML pages -> :class:`RawDocument`: the main text and the page's own metadata.

The main text comes from trafilatura (``bare_extraction``, comments left out, the mode and its fast
setting chosen on ``bench/extraction.py``); title, author, site name and URL from the page's meta tags and
JSON-LD (trafilatura's readers); the publication date from htmldate in its fast mode, which only
takes a date the page states (meta tags, JSON-LD, URL, ``<time>``), never one guessed from text.

The HTML is parsed once: the tree is read for metadata and the listing check, and trafilatura
works on its own copy. A page that is not an article (an index or listing page, a page with no
main text) gives no record but a :class:`NotAnArticle` error carrying the reason, because a
concatenation of teasers would be a pseudo-article with no author and no story.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import unescape as html_unescape
from itertools import islice
from typing import Any

# lxml ships no type hints (lxml-stubs is not a dependency); the few calls here are simple.
from lxml.etree import ParserError, XPath  # type: ignore[import-untyped]
from lxml.html import HtmlElement, fragment_fromstring  # type: ignore[import-untyped]

from wirewatch.config import Settings
from wirewatch.errors import EmptyInput, InputError, NotAnArticle
from wirewatch.models import RawDocument, SourceFormat
from wirewatch.structure.titles import same_headline
from wirewatch.wordcount import count_words

logger = logging.getLogger(__name__)

__all__ = ["HtmlPage", "NotAnArticle", "compose_text", "decode_html", "html_document", "html_to_text", "read_html"]

# trafilatura and htmldate log every discarded page at WARNING; the reason reaches the user
# through NotAnArticle instead.
for _noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


@dataclass(frozen=True)
class HtmlPage:
    """What :func:`read_html` takes from one page; ``body`` is trafilatura's main text."""

    body: str
    title: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    page_type: str | None = None


_TITLE_LINES = 3  # how far down the body its own heading is looked for
_MODES = {"precision": (True, False), "balanced": (False, False), "recall": (False, True)}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer figure "
    "figcaption dd dt hr".split()
)


def read_html(html: str | bytes, settings: Settings, *, url: str | None = None, name: str = "<html>") -> HtmlPage:
    """Extract the main text and metadata of one HTML page.

    Raises :class:`NotAnArticle` (with the reason) for a page that holds no article, and
    :class:`EmptyInput` for markup that is no HTML document at all.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise EmptyInput(name, "no HTML document in the input (empty or not HTML)")
    precision, recall = _MODES.get(settings.html_precision, _MODES["recall"])
    # trafilatura copies a tree passed in, so ``tree`` stays whole for the metadata below.
    extracted: Any = bare_extraction(
        tree,
        url=url,
        include_comments=False,
        favor_precision=precision,
        favor_recall=recall,
        fast=settings.html_fast,
    )
    body = (extracted.text or "").strip() if extracted is not None else ""
    if not body:
        raise NotAnArticle(name, "not an article: no main text found on the page")
    meta = _metadata(tree, url)
    words = count_words(body, settings.html_min_words)
    if words < settings.html_min_words:
        raise NotAnArticle(
            name, f"not an article: main text has {words} words (html_min_words {settings.html_min_words})"
        )
    listing = _listing_reason(tree, body, settings, meta["page_type"])
    if listing is not None:
        raise NotAnArticle(name, f"not an article: {listing}")
    return HtmlPage(body=body, **meta)  # page_type is kept for callers that sort pages


def html_document(
    path: str,
    data: bytes,
    settings: Settings,
    *,
    url: str | None = None,
    declared_encoding: str | None = None,
    source_format: SourceFormat = "html",
    warnings: Iterable[str] = (),
) -> RawDocument | InputError:
    """Read HTML bytes into a :class:`RawDocument`, or the :class:`InputError` saying why not.

    ``text`` is the title (when the page names one and the main text does not open with it), a
    blank line, then the main text; the metadata fills ``title``, ``author``, ``site``, ``url``,
    ``published`` and ``language_hint``.
    """
    try:
        html, encoding, decode_warnings = decode_html(path, data, declared_encoding, settings)
        page = read_html(html, settings, url=url, name=path)
    except InputError as err:
        return err
    except Exception as err:  # lxml/trafilatura failures on hostile markup must not sink the batch
        logger.debug("HTML extraction failed on %s", path, exc_info=True)
        return InputError(path, f"cannot read HTML: {type(err).__name__}: {err}")
    return RawDocument(
        path=path,
        text=compose_text(page.title, page.body),
        format=source_format,
        url=page.url or url,
        published=page.published,
        encoding=encoding,
        warnings=tuple(warnings) + decode_warnings,
        title=page.title,
        author=page.author,
        site=page.site,
        language_hint=page.language,
        extracted=True,
    )


def compose_text(title: str | None, body: str) -> str:
    """The record's text: ``title``, a blank line, ``body`` (the title only if the body lacks it).

    The body "has" the title when one of its first lines is the same headline, perhaps without
    the site's name the page's title carries ("Pier reopens - Example News"): the headline then
    appears once, as the body's own heading, which the structure stage takes as the headline.
    """
    if not title:
        return body
    first_lines = [line for line in islice(body.split("\n"), _TITLE_LINES) if line.strip()]
    if first_lines and _norm(first_lines[0]) == _norm(title):
        return body
    if any(same_headline(title, line) for line in first_lines):
        return body
    return f"{title}\n\n{body}"


def decode_html(path: str, data: bytes, declared: str | None, settings: Settings) -> tuple[str, str, tuple[str, ...]]:
    """Decode page bytes: the declared charset (HTTP header or ``<meta>``), UTF-8, then the fallback.

    A page that says one encoding but is not valid in it is still read, with a warning naming
    what was used, because mislabelled pages are common and the text is still worth having.
    """
    if not data.strip():
        raise EmptyInput(path, "empty page")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET_RE.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    warnings: list[str] = []
    for i, enc in enumerate([*candidates, "utf-8"]):
        try:
            text = data.decode(_python_codec(enc))
        except (LookupError, UnicodeDecodeError):
            continue
        if i and candidates and enc == "utf-8":
            warnings.append(f"page declares {candidates[0]!r} but is UTF-8; decoded as UTF-8")
        return text.lstrip("\ufeff"), _python_codec(enc), tuple(warnings)
    # Mixed or mislabelled bytes: the fallback maps nearly every byte; latin-1 maps all.
    for enc in (settings.fallback_encoding, "latin-1"):
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        said = f"declares {candidates[0]!r}, " if candidates else ""
        warnings.append(f"page {said}is not valid UTF-8; decoded as {enc}")
        return text, enc, tuple(warnings)
    raise InputError(path, "cannot decode page")  # pragma: no cover  # latin-1 decodes any bytes


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one line per block element."""
    if "<" not in fragment:
        return "\n".join(line for line in (_SPACE_RE.sub(" ", x).strip() for x in fragment.splitlines()) if line)
    try:
        root = fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return _SPACE_RE.sub(" ", re.sub(r"<[^>]*>", " ", fragment)).strip()
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            # A newline after each block keeps paragraphs apart once the tags are gone.
            el.tail = "\n" + (el.tail or "")
    lines = (_SPACE_RE.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _python_codec(name: str) -> str:
    import codecs

    codec = codecs.lookup(name).name
    # Browsers read a page labelled ISO-8859-1 or ASCII as windows-1252 (WHATWG encoding spec).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    """Title, author, site, URL, date and language as the page states them.

    trafilatura's meta-tag and JSON-LD readers give title, author and site; its slow author
    search over the body is skipped (it is most of the metadata cost and guesses). The date is
    htmldate's fast search, ``original_date`` first.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_title, extract_url

    doc = examine_meta(tree)
    if not (doc.title and doc.author and doc.sitename and doc.pagetype):
        # JSON-LD fills what the meta tags left out; read only then, as it is the costlier part.
        try:
            doc = _json_ld_metadata(tree, doc)
        except Exception as err:  # trafilatura's JSON-LD reader trips on odd JSON; meta tags remain
            logger.debug("JSON-LD metadata unreadable: %s", err)
    title = doc.title or extract_title(tree)
    # Where the page was fetched from (a WARC record's target, a feed link) wins over what the
    # page says of itself: it is the provenance of the record.
    page_url = url or doc.url or extract_url(tree, None)
    published: date | None = None
    try:
        found = find_date(tree, extensive_search=False, original_date=True, url=page_url)
        published = date.fromisoformat(found) if found else None
    except Exception as err:  # htmldate's own parsing errors
        logger.debug("htmldate failed: %s", err)
    lang = tree.get("lang") or None
    return {
        "title": _clean(title),
        "author": _clean(doc.author),
        "site": _clean(doc.sitename),
        "url": page_url,
        "published": published,
        "language": lang.split("-")[0].lower() if lang else None,
        "page_type": doc.pagetype,
    }


# <article> elements holding no other: teaser cards on an index page (the XPath runs in C).
_LEAF_ARTICLES = XPath("//article[not(descendant::article)]")
_JSON_LD_XPATH = XPath('.//script[@type="application/ld+json" or @type="application/settings+json"]')
_TAG_RE = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def _json_ld_metadata(tree: HtmlElement, doc: Any) -> Any:
    """trafilatura's JSON-LD reading (``extract_meta_json``) with the parse done first.

    trafilatura minifies and unescapes the whole script text with Python-level regexes before
    ``json.loads``; on large blocks that is most of the metadata cost. Well-formed JSON is parsed
    as it is and only its strings are cleaned the same way (markup and entities out, spaces
    trimmed); a block that does not parse goes to trafilatura's own tolerant path.
    """
    from trafilatura.json_metadata import extract_json, extract_json_parse_error, normalize_json

    for script in _JSON_LD_XPATH(tree):
        text = script.text
        if not text:
            continue
        try:
            schema = json.loads(text, strict=False)
        except ValueError:
            doc = extract_json_parse_error(normalize_json(text), doc)
            continue
        doc = extract_json(_clean_json_strings(schema), doc)
    return doc


def _clean_json_strings(value: Any) -> Any:
    """``value`` with every string cleaned as trafilatura's ``normalize_json`` cleans the raw text."""
    if isinstance(value, str):
        if "<" in value:
            value = _TAG_RE.sub("", value)
        if "&" in value:
            value = html_unescape(value)
        # lone surrogates (from a broken \ud83d escape) cannot be encoded later; drop them
        return " ".join(value.encode("utf-8", "surrogatepass").decode("utf-8", "ignore").split())
    if isinstance(value, dict):
        return {k: _clean_json_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_json_strings(v) for v in value]
    return value


def _listing_reason(tree: HtmlElement, body: str, settings: Settings, page_type: str | None = None) -> str | None:
    """Why the main text is a list of teasers for other pages (an index), or None for an article.

    Two signs, either enough: (1) many main-text lines are the text of links (teaser headlines
    kept by the extractor); (2) the main text is spread over several ``<article>`` elements, none
    holding most of it (teaser summaries, each in its own card) -- an article page keeps its story
    in one. Sign (2) is not applied to a page whose metadata says it is an article
    (``og:type``), since blogs show a post above teaser cards of other posts.
    """
    lines = [_norm(line) for line in body.split("\n") if line.strip()]
    if len(lines) < settings.listing_min_links:
        return None
    # A teaser headline is a short line without a closing full stop; without enough of those to
    # reach both thresholds below the link scan (the costly part) is skipped.
    teasers = [line for line in lines if len(line) < 200 and not line.endswith((".", '."', ".”"))]
    needed = max(settings.listing_min_links, settings.listing_link_percent * len(lines) / 100)
    if len(teasers) >= needed:
        anchors = {text for a in tree.iter("a") if len(text := _norm(a.text_content())) >= 12 and text.count(" ") >= 2}
        linked = sum(1 for line in teasers if line in anchors)
        if linked >= settings.listing_min_links and linked * 100 >= settings.listing_link_percent * len(lines):
            return f"looks like a listing or index page: {linked} of {len(lines)} lines are links to other pages"
    # Only lines long enough to be found in one place only: a short phrase occurs everywhere.
    prose = [line for line in lines if len(line) >= 40]
    if (page_type or "").lower() == "article":
        return None
    cards = _LEAF_ARTICLES(tree)
    if len(cards) < settings.listing_min_links or len(prose) < settings.listing_min_links:
        return None
    texts = [_norm(a.text_content()) for a in cards]
    held = [sum(1 for line in prose if line in t) for t in texts]
    holders = sum(1 for h in held if h)
    if holders >= settings.listing_min_links and max(held) * 2 < len(prose):
        return f"looks like a listing or index page: its text is spread over {holders} separate <article> teasers"
    return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACE_RE.sub(" ", value).strip()
    return value or None
