"""What an article record becomes in each table: the column lists and the row builders.

Both write paths read these, so SQLite (one ``INSERT`` per table) and PostgreSQL (one JSON array
per table inside a single statement) store the same columns from the same values. Every function
here is pure: a record in, rows out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from wirewatch.names import name_key

ALIAS_TYPES = ("person", "organization")
"""The entity types that get a person (an alias and, maybe, merges) across articles."""

ARTICLE_COLS = (
    "id",
    "source_path",
    "format",
    "url",
    "published",
    "language",
    "headline",
    "text",
    "record_json",
    "agency",
    "place",
)
# The columns each child table gets from a record, besides article_id (which comes first in a row).
QUOTE_COLS = (
    "id",
    "ord",
    "start",
    "end",
    "kind",
    "text",
    "speaker_name",
    "speaker_mention",
    "speaker_role",
    "speaker_entity",
    "speaker_key",
    "mention_key",
    "speaker_type",
    "cue",
    "addressee",
    "date",
    "confidence",
    "type",
)
ENTITY_COLS = ("entity_id", "type", "name", "name_key", "role", "lat", "lon", "country")
EVENT_COLS = (
    "ord",
    "kind",
    "text",
    "start",
    "end",
    "date",
    "date_inferred",
    "place",
    "participants_json",
    "topic",
)
MENTION_COLS = ("ord", "speaker_type", "speaker_key", "mentioned_key", "mentioned_name")


def column_list(cols: Sequence[str]) -> str:
    """``"a", "b"``: column names quoted (``end`` is a keyword in both dialects)."""
    return ", ".join(f'"{c}"' for c in cols)


def span_text(value: Any) -> str | None:
    """The ``text`` of a span object (``{"text": ..., "start": ...}``), or ``None``."""
    if isinstance(value, dict):
        text = value.get("text")
        return str(text) if text is not None else None
    return None


def body_text(record: Mapping[str, Any]) -> str:
    """The article prose (lead and body paragraphs) that near-duplicates are compared on."""
    text = str(record.get("text") or "")
    paras = [p for p in record.get("paragraphs") or [] if isinstance(p, dict) and p.get("kind") in ("body", "lead")]
    body = "\n".join(text[int(p["start"]) : int(p["end"])] for p in paras)
    return body or text


def article_row(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """``articles`` values, in :data:`ARTICLE_COLS` order."""
    source = record.get("source") or {}
    dl = record.get("dateline") or {}
    return (
        str(record["id"]),
        source.get("path"),
        source.get("format"),
        source.get("url"),
        record.get("published"),
        record.get("language"),
        span_text(record.get("headline")),
        record["text"],
        json.dumps(record, ensure_ascii=False),
        dl.get("agency"),
        dl.get("place"),
    )


def speaker_types(record: Mapping[str, Any]) -> list[str]:
    """Per quote: the type of entity its speaker resolves to (``person`` when unknown)."""
    by_id = {str(e.get("id")): e.get("type") for e in record.get("entities") or [] if isinstance(e, dict)}
    out = []
    for q in record.get("quotes") or []:
        speaker = q.get("speaker") or {}
        out.append(str(by_id.get(str(speaker.get("entity"))) or "person"))
    return out


def quote_rows(
    article_id: str,
    record: Mapping[str, Any],
    types: list[str],
    extra: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One ``quotes`` row per quote, keyed by column name: ``article_id``, :data:`QUOTE_COLS`,
    then whatever ``extra(row)`` adds (a dialect's own columns)."""
    rows: list[dict[str, Any]] = []
    for ord_, q in enumerate(record.get("quotes") or []):
        speaker = q.get("speaker") or {}
        row = {
            "article_id": article_id,
            "id": q.get("id"),
            "ord": ord_,
            "start": q.get("start"),
            "end": q.get("end"),
            "kind": q.get("kind"),
            "text": q.get("text") or "",
            "speaker_name": speaker.get("name"),
            "speaker_mention": speaker.get("mention"),
            "speaker_role": speaker.get("role"),
            "speaker_entity": speaker.get("entity"),
            "speaker_key": name_key(speaker.get("name")),
            "mention_key": name_key(speaker.get("mention")),
            "speaker_type": types[ord_],
            "cue": span_text(q.get("cue")),
            "addressee": span_text(q.get("addressee")),
            "date": q.get("date"),
            "confidence": q.get("confidence"),
            "type": q.get("type") or "statement",  # records from before types: statements
        }
        if extra is not None:
            row.update(extra(row))
        rows.append(row)
    return rows


def entity_rows(article_id: str, record: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """``entities`` rows: article_id, then :data:`ENTITY_COLS`."""
    return [
        (
            article_id,
            str(e.get("id") or f"e{i}"),
            e.get("type"),
            e.get("name"),
            name_key(e.get("name")),
            e.get("role"),
            e.get("lat"),
            e.get("lon"),
            e.get("country"),
        )
        for i, e in enumerate(record.get("entities") or [])
    ]


def event_rows(article_id: str, record: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """``events`` rows: article_id, then :data:`EVENT_COLS`."""
    return [
        (
            article_id,
            i,
            ev.get("kind"),
            ev.get("text"),
            ev.get("start"),
            ev.get("end"),
            ev.get("date"),
            int(bool(ev.get("date_inferred"))),
            ev.get("place"),
            json.dumps(list(ev.get("participants") or []), ensure_ascii=False),
            ev.get("topic"),
        )
        for i, ev in enumerate(record.get("events") or [])
    ]


def people_rows(
    article_id: str, record: Mapping[str, Any], types: list[str]
) -> tuple[dict[tuple[str, str], str], list[tuple[Any, ...]]]:
    """The aliases an article needs (``(type, key) -> name``) and its ``quote_mentions`` rows
    (article_id, then :data:`MENTION_COLS`)."""
    entities = [e for e in record.get("entities") or [] if isinstance(e, dict)]
    wanted: dict[tuple[str, str], str] = {}
    for e in entities:
        key = name_key(e.get("name"))
        if key and e.get("type") in ALIAS_TYPES:
            wanted.setdefault((str(e["type"]), key), str(e["name"]))
    mention_rows: list[tuple[Any, ...]] = []
    people = [e for e in entities if e.get("type") == "person" and name_key(e.get("name"))]
    for ord_, q in enumerate(record.get("quotes") or []):
        speaker = q.get("speaker") or {}
        skey = name_key(speaker.get("name"))
        if not skey or types[ord_] not in ALIAS_TYPES:
            continue
        wanted.setdefault((types[ord_], skey), str(speaker["name"]))
        pieces = [tuple(p) for p in q.get("pieces") or []] or [(q.get("start"), q.get("end"))]
        pieces = [(int(a), int(b)) for a, b in pieces if a is not None and b is not None]
        seen: set[str] = set()
        for e in people:
            mkey = name_key(e.get("name"))
            if not mkey or mkey == skey or mkey in seen or e.get("id") == speaker.get("entity"):
                continue
            inside = any(a <= int(m[0]) and int(m[1]) <= b for m in e.get("mentions") or [] for a, b in pieces)
            if inside:
                seen.add(mkey)
                mention_rows.append((article_id, ord_, types[ord_], skey, mkey, str(e["name"])))
    return wanted, mention_rows
