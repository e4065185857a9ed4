"""Write the store's quotes, articles, people or statements as JSON Lines, CSV or Parquet.

Rows are streamed from the store, so an export of millions of quotes holds one batch in memory.
``quotes`` and ``people`` are flat rows; ``articles`` are the records of docs/schema.md (in CSV and
Parquet the nested parts are JSON text columns, since those formats want flat columns); a
statement carries its reports, a JSON text column in CSV and Parquet too.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TextIO

from wirewatch.errors import StoreError
from wirewatch.store import Store

Format = Literal["jsonl", "csv", "parquet"]
What = Literal["quotes", "articles", "people", "statements"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")
WHATS: tuple[What, ...] = ("quotes", "articles", "people", "statements")
_BATCH = 10_000

_QUOTE_COLUMNS = (
    "article_id quote_id ord text kind speaker_name speaker_mention speaker_role person_id cue addressee date"
    " confidence start end headline published source_path url agency"
).split()
_ARTICLE_SCALARS = ("schema", "id", "language", "text", "published")
_PEOPLE_COLUMNS = ("id", "type", "name", "key", "quote_count", "article_count", "roles", "names")
_STATEMENT_COLUMNS = (
    "id text speaker_name speaker_key speaker_type report_count article_count first_date last_date complete"
    " person_id reports"
).split()


def _flat_article(record: dict[str, Any]) -> dict[str, Any]:
    row = {k: record.get(k) for k in _ARTICLE_SCALARS}
    source = record.get("source") or {}
    row["source_path"] = source.get("path")
    row["source_format"] = source.get("format")
    row["source_url"] = source.get("url")
    headline = record.get("headline") or {}
    row["headline"] = headline.get("text") if isinstance(headline, dict) else None
    for key in ("dateline", "byline", "paragraphs", "quotes", "entities", "dates", "events", "warnings"):
        row[key] = json.dumps(record.get(key), ensure_ascii=False)
    return row


def rows(store: Store, what: What, *, flat: bool) -> Iterator[dict[str, Any]]:
    """The rows of ``what``; ``flat`` turns article records into one level of columns."""
    if what not in WHATS:
        raise StoreError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")
    for row in store.iter_table(what):
        if what == "articles" and flat:
            yield _flat_article(row)
        elif what == "quotes":
            yield {c: row.get(c) for c in _QUOTE_COLUMNS}
        elif what == "people":
            yield {c: row.get(c) for c in _PEOPLE_COLUMNS}
        elif what == "statements" and flat:
            yield {**row, "reports": json.dumps(row["reports"], ensure_ascii=False)}
        else:
            yield row


def _columns(what: What) -> list[str]:
    if what == "quotes":
        return list(_QUOTE_COLUMNS)
    if what == "people":
        return list(_PEOPLE_COLUMNS)
    if what == "statements":
        return list(_STATEMENT_COLUMNS)
    return [
        *_ARTICLE_SCALARS,
        "source_path",
        "source_format",
        "source_url",
        "headline",
        "dateline",
        "byline",
        "paragraphs",
        "quotes",
        "entities",
        "dates",
        "events",
        "warnings",
    ]


def _write_jsonl(it: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in it:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(it: Iterator[dict[str, Any]], out: TextIO, columns: list[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in it:
        writer.writerow(row)
        n += 1
    return n


def _arrow_schema(what: What) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]  # no stubs

    ints = {"ord", "start", "end", "person_id", "id", "quote_count", "article_count", "report_count"}
    bools = {"complete"} if what == "statements" else set()
    floats = {"confidence"}
    fields = []
    for c in _columns(what):
        if c in floats:
            fields.append(pa.field(c, pa.float64()))
        elif c in bools:
            fields.append(pa.field(c, pa.bool_()))
        elif c in ints and not (what == "articles" and c == "id"):
            fields.append(pa.field(c, pa.int64()))
        else:
            fields.append(pa.field(c, pa.string()))
    return pa.schema(fields)


def _write_parquet(it: Iterator[dict[str, Any]], path: Path, what: What) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no stubs

    schema = _arrow_schema(what)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch := list(islice(it, _BATCH)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def write_export(store: Store, what: What, fmt: Format, out: Path | TextIO) -> int:
    """Write every row of ``what`` to ``out`` (a path, or for text formats an open stream).
    Returns the number of rows written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    it = rows(store, what, flat=fmt != "jsonl")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StoreError("Parquet is binary: give a file with --out")
        return _write_parquet(it, out, what)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return _write_jsonl(it, fh) if fmt == "jsonl" else _write_csv(it, fh, _columns(what))
    return _write_jsonl(it, out) if fmt == "jsonl" else _write_csv(it, out, _columns(what))
