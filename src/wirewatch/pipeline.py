"""Runs the stages in order: the only module that knows the order.

structure -> language -> parse -> entities -> attribution -> dates -> events -> Article
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from wirewatch.config import Settings
from wirewatch.models import Article, RawDocument, Structure


def article_id(text: str) -> str:
    """sha256 of the normalised body (whitespace collapsed, case folded), 16 hex chars."""
    body = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


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
    """Read one plain-text article and return its record (SCHEMA.md)."""
    doc = RawDocument(path=path, text=text, published=_as_date(published))
    return extract_document(doc, settings)


def extract_document(doc: RawDocument, settings: Settings | None = None) -> Article:
    """Run every stage over one raw document. (Skeleton: stages are being filled in.)"""
    settings = settings or Settings.load()
    return Article(
        id=article_id(doc.text),
        source_path=doc.path,
        source_format=doc.format,
        source_url=doc.url,
        text=doc.text,
        language="en",
        structure=Structure(headline=None, byline=None, dateline=None, paragraphs=()),
        published=doc.published.isoformat() if doc.published else None,
    )
