"""Writing articles: one transaction per article (or per batch with :meth:`SqlWrites.add_many`),
so a run killed part-way never leaves half an article; the article's quotes join their
statements (:mod:`.statements`) in that same transaction. Storing an article whose id is already
there is a no-op that may record a copy, so re-running an ingest is safe.

A layer of :class:`~wirewatch.store.sql.SqlStore`; what goes in each row is :mod:`.rows`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from wirewatch.errors import StoreError
from wirewatch.models import SCHEMA_VERSION
from wirewatch.store.base import AddResult, SideWrites
from wirewatch.store.connection import marks
from wirewatch.store.copies import SqlCopies
from wirewatch.store.people import SqlPeople
from wirewatch.store.rows import (
    ARTICLE_COLS,
    ENTITY_COLS,
    EVENT_COLS,
    article_row,
    column_list,
    entity_rows,
    event_rows,
    quote_rows,
    speaker_types,
)


class SqlWrites(SqlPeople, SqlCopies):
    """Storing records: rows for the article and its quotes, entities and events, an alias for
    every name, and the near-duplicate check before any of it."""

    _side: list[SideWrites] = []
    """The side writes of the batch being stored, one per record (set by :meth:`add_many`)."""

    def _quote_extra(self, quote: Mapping[str, Any]) -> dict[str, Any]:
        """Extra quote columns a dialect fills (PostgreSQL's folded search text)."""
        return {}

    def add_article(self, record: dict[str, Any]) -> bool:
        """Store one article record (``Article.to_dict()``). Returns ``False`` if it was not
        stored: the same article (or a near-duplicate of one) is already there."""
        return self.add_record(record).stored

    def add_record(self, record: dict[str, Any]) -> AddResult:
        """Store one record, or link it as a copy of a stored article; says which happened."""
        return self.add_many([record])[0]

    def add_many(
        self,
        records: Sequence[dict[str, Any]],
        *,
        dedup: bool = True,
        signatures: Sequence[Any] | None = None,
        side: Sequence[SideWrites] | None = None,
    ) -> list[AddResult]:
        """Store several records in one transaction (the fast path for bulk loads).

        ``signatures`` are the records' :meth:`signature` values when they were computed
        elsewhere (on the batch workers, so that the one SQLite writer does not); without them
        they are computed here. ``dedup=False`` skips the near-duplicate check and signatures
        (exact duplicates are still stored once): for generated data only. ``side`` holds, per
        record, statements written in the same transaction (:class:`SideWrites`: the feed
        watcher's seen entries and alert outbox rows).
        """
        for record in records:
            self._validate(record)
        if not dedup:
            sigs: list[Any] = [None] * len(records)
        elif signatures is not None:
            if len(signatures) != len(records):
                raise ValueError(f"{len(signatures)} signatures for {len(records)} records")
            sigs = list(signatures)
        else:
            sigs = [self.signature(r) for r in records]
        if side is not None and len(side) != len(records):
            raise ValueError(f"{len(side)} side writes for {len(records)} records")
        self._side = list(side) if side is not None else [SideWrites()] * len(records)
        cache: dict[tuple[str, str], int] = {}
        self._current = ""
        try:
            results = self._store_batch(records, sigs, cache)
            self._known_aliases.update(cache)  # only once committed
        except self._db_errors() as err:
            raise StoreError(f"{self.location}: cannot store article {self._current}: {err}") from err
        except (AttributeError, TypeError, ValueError, KeyError) as err:
            raise StoreError(f"{self.location}: article {self._current} is not a valid record: {err}") from err
        return results

    def _store_batch(
        self, records: Sequence[dict[str, Any]], sigs: Sequence[Any], cache: dict[tuple[str, str], int]
    ) -> list[AddResult]:
        """Store the records in one write transaction, one after the other (a dialect may
        batch the round trips, with the same outcome). ``self._current`` names the article
        being stored, for error messages."""
        results: list[AddResult] = []
        with self._write_transaction():
            for record, sig in zip(records, sigs, strict=True):
                self._current = str(record["id"])
                result = self._store_one(record, sig, cache)
                self._write_side(len(results), result.stored)
                results.append(result)
            # The statements in the same transaction: a report is never stored without one.
            self._link_statements([r.article_id for r in results if r.stored])
        return results

    def _write_side(self, index: int, stored: bool) -> None:
        """The side writes of the ``index``-th record of the batch, inside its transaction."""
        side = self._side[index] if index < len(self._side) else SideWrites()
        for sql, params in (*side.always, *(side.if_stored if stored else ())):
            self._execute(sql, params)

    @staticmethod
    def _validate(record: Mapping[str, Any]) -> None:
        article_id = record.get("id")
        text = record.get("text")
        if not isinstance(article_id, str) or not article_id or not isinstance(text, str):
            raise StoreError("record has no article id or text; not an article record")
        schema = record.get("schema", SCHEMA_VERSION)
        if isinstance(schema, str) and schema.rsplit("/", 1)[0] != SCHEMA_VERSION.rsplit("/", 1)[0]:
            raise StoreError(f"{article_id}: unknown record schema {schema!r}")

    def _store_one(self, record: dict[str, Any], sig: Any, cache: dict[tuple[str, str], int]) -> AddResult:
        article_id = str(record["id"])
        # No separate "is it stored?" query: the band lookup finds an exact copy too (its own id,
        # similarity 1), and without a signature the insert's conflict tells. Round trips are
        # what a networked database charges for.
        if sig is not None and self._threshold < 1.0:
            found = self._near_duplicate(sig, article_id)
            if found is not None:
                return self._copy_of(record, *found)
        cur = self._execute(
            f"INSERT INTO articles ({column_list(ARTICLE_COLS)}) VALUES ({marks(len(ARTICLE_COLS))})"
            " ON CONFLICT (id) DO NOTHING RETURNING pk",
            article_row(record),
        )
        # RETURNING, not rowcount: in PostgreSQL's pipeline mode rowcount is unknown until a sync.
        if not cur.fetchall():  # already stored (or stored by another writer meanwhile)
            return self._copy_of(record, article_id, 1.0)
        types = speaker_types(record)
        self._insert_children(article_id, record, types)
        self._index_people(article_id, record, types, cache)
        if sig is not None:
            self._write_signature(article_id, sig)
        return AddResult("stored", article_id)

    def _copy_of(self, record: Mapping[str, Any], canonical: str, sim: float) -> AddResult:
        """Record ``record`` as a copy of stored ``canonical`` (itself: an exact duplicate)."""
        article_id = str(record["id"])
        source = record.get("source") or {}
        if canonical == article_id:
            self._add_copy(article_id, article_id, source.get("path"), source.get("url"), "exact", 1.0)
            return AddResult("duplicate", article_id)
        self._add_copy(canonical, article_id, source.get("path"), source.get("url"), "near", sim)
        return AddResult("near_duplicate", canonical, sim)

    def _insert_children(self, article_id: str, record: Mapping[str, Any], types: list[str]) -> None:
        quotes = self._quote_rows(article_id, record, types)
        if quotes:
            cols = list(quotes[0])
            self._executemany(
                f"INSERT INTO quotes ({column_list(cols)}) VALUES ({marks(len(cols))})",
                [tuple(r[c] for c in cols) for r in quotes],
            )
        entities = entity_rows(article_id, record)
        if entities:
            # ON CONFLICT DO NOTHING: a duplicated entity id inside one record is a pipeline slip,
            # not a reason to lose the article.
            self._executemany(
                f"INSERT INTO entities (article_id, {column_list(ENTITY_COLS)})"
                f" VALUES ({marks(1 + len(ENTITY_COLS))}) ON CONFLICT DO NOTHING",
                entities,
            )
        events = event_rows(article_id, record)
        if events:
            self._executemany(
                f"INSERT INTO events (article_id, {column_list(EVENT_COLS)}) VALUES ({marks(1 + len(EVENT_COLS))})",
                events,
            )

    def _quote_rows(self, article_id: str, record: Mapping[str, Any], types: list[str]) -> list[dict[str, Any]]:
        """One ``quotes`` row per quote, keyed by column name, with this dialect's extra columns."""
        return quote_rows(article_id, record, types, self._quote_extra)

    # -- migrations ------------------------------------------------------------------------------

    def _backfill(self) -> None:
        """Fill the version-2 tables and columns from the records already stored."""
        cache: dict[tuple[str, str], int] = {}
        for art in self._query("SELECT id, record_json FROM articles ORDER BY pk"):
            record = json.loads(art["record_json"])
            dl = record.get("dateline") or {}
            self._execute(
                "UPDATE articles SET agency = ?, place = ? WHERE id = ?", (dl.get("agency"), dl.get("place"), art["id"])
            )
            types = speaker_types(record)
            for ord_ in range(len(types)):
                self._execute(
                    "UPDATE quotes SET speaker_type = ? WHERE article_id = ? AND ord = ?",
                    (types[ord_], art["id"], ord_),
                )
            self._index_people(art["id"], record, types, cache)
            self._index_signature(art["id"], record)
