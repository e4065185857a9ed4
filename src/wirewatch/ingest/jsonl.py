"""JSON Lines exports of other tools -> one :class:`RawDocument` per line.

Which key holds what is set by ``Settings.jsonl_fields`` (``--field text=body,url=link``); a
dotted name reaches into nested objects (``date=meta.published``). A field the mapping does not
name is looked for under common names (:data:`DEFAULT_KEYS`). A line with ``text`` is plain text,
read verbatim; a line with only ``html`` goes through the HTML reader. Each document's path is the
file plus the line number, ``export.jsonl#line-3``. A line that is not a JSON object, or holds no
text, is reported as an error and the file goes on.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from wirewatch.config import Settings
from wirewatch.errors import EmptyInput, InputError, InputTooLarge
from wirewatch.ingest.html import compose_text, html_document
from wirewatch.models import RawDocument

logger = logging.getLogger(__name__)

__all__ = ["DEFAULT_KEYS", "FIELDS", "field_mapping", "iter_jsonl"]

#: The fields a line may map, and the keys tried for each when the mapping leaves it out.
DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "body", "content", "articleBody", "article"),
    "html": ("html", "raw_html", "content_html", "page"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "uri"),
    "date": ("date", "published", "date_publish", "publish_date", "datePublished", "pubdate"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
FIELDS = tuple(DEFAULT_KEYS)


def field_mapping(specs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "url=link"]`` (or ``"text=body,url=link"`` items) -> ``{"text": "body", ...}``.

    Raises :class:`ValueError` naming the bad item, for the CLI to turn into a usage error.
    """
    mapping: dict[str, str] = {}
    for spec in specs:
        for item in (s.strip() for s in spec.split(",")):
            if not item:
                continue
            ours, sep, theirs = item.partition("=")
            if not sep or ours.strip() not in DEFAULT_KEYS or not theirs.strip():
                raise ValueError(f"bad field mapping {item!r}: use FIELD=KEY with FIELD one of {', '.join(FIELDS)}")
            mapping[ours.strip()] = theirs.strip()
    return mapping


def iter_jsonl(name: str, lines: Iterable[bytes], settings: Settings) -> Iterator[RawDocument | InputError]:
    """Yield a document or an error per non-blank line of ``lines`` (raw bytes, as read)."""
    mapping = field_mapping(settings.jsonl_fields)
    limit = settings.max_input_bytes
    for number, raw in enumerate(lines, start=1):
        path = f"{name}#line-{number}"
        if len(raw) > limit:
            yield InputTooLarge(path, f"line is over the limit of {limit} bytes (max_input_bytes)")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError as err:
            yield InputError(path, f"not valid JSON ({err})")
            continue
        if not isinstance(record, dict):
            yield InputError(path, f"not a JSON object but {type(record).__name__}")
            continue
        record, mended = _mend_surrogates(record)
        doc = _line_document(path, record, mapping, settings)
        if mended and isinstance(doc, RawDocument):
            doc = replace(doc, warnings=(*doc.warnings, "lone UTF-16 surrogates in the JSON replaced by U+FFFD"))
        yield doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def _mend_surrogates(value: Any) -> tuple[Any, bool]:
    """JSON may escape half a UTF-16 pair ("\\ud800"), which no text encoding can write: replace it."""
    if isinstance(value, str):
        mended = _SURROGATE.sub("\ufffd", value)
        return mended, mended != value
    if isinstance(value, dict):
        changed = False
        out: dict[Any, Any] = {}
        for k, v in value.items():
            out[k], c = _mend_surrogates(v)
            changed = changed or c
        return out, changed
    if isinstance(value, list):
        items = [_mend_surrogates(v) for v in value]
        return [v for v, _ in items], any(c for _, c in items)
    return value, False


def _line_document(
    path: str, record: dict[str, Any], mapping: dict[str, str], settings: Settings
) -> RawDocument | InputError:
    values = {f: _lookup(record, mapping[f]) if f in mapping else _first(record, DEFAULT_KEYS[f]) for f in FIELDS}
    title = _string(values["title"])
    url = _string(values["url"])
    published = _date(values["date"])
    author = _string(values["author"])
    language = _string(values["language"])
    text = values["text"]
    if isinstance(text, str) and text.strip():
        return RawDocument(
            path=path,
            text=compose_text(title, text) if title else text,
            format="jsonl",
            url=url,
            published=published,
            title=title,
            author=author,
            language_hint=language,
        )
    html = values["html"]
    if isinstance(html, str) and html.strip():
        doc = html_document(path, html.encode("utf-8"), settings, url=url, source_format="jsonl")
        if isinstance(doc, RawDocument):
            doc = replace(
                doc,
                title=doc.title or title,
                published=published or doc.published,
                author=doc.author or author,
                language_hint=language or doc.language_hint,
            )
        return doc
    wanted = mapping.get("text") or "/".join(DEFAULT_KEYS["text"])
    return EmptyInput(path, f"no text in the line (looked for key {wanted!r} and html)")


def _lookup(record: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(record, dict) or part not in record:
            return None
        record = record[part]
    return record


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[k] for k in keys if record.get(k) not in (None, "", [])), None)


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(value: Any) -> date | None:
    """An ISO date or datetime string's calendar date (``2016-12-09T10:00:00Z`` -> 2016-12-09)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("unreadable date %r", value)
        return None
