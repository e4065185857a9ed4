"""The behaviour both stores share, written once in the SQL that SQLite and PostgreSQL agree on.

:class:`SqlStore` holds every query and write; a subclass supplies the connection, its
transactions, its migrations and the two things that really differ: full-text matching (FTS5 vs
``tsvector``) and the extra columns PostgreSQL's search needs. Statements use ``?`` placeholders;
the PostgreSQL store rewrites them to ``%s``. Every value reaches the database as a parameter.

Writes are one transaction per article (or per batch with :meth:`SqlStore.add_many`), so a run
killed part-way never leaves half an article. Storing an article whose id is already there is a
no-op that may record a copy, so re-running an ingest is safe.
"""

from __future__ import annotations

import abc
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Self

from wirewatch.config import Settings
from wirewatch.errors import StoreError
from wirewatch.models import SCHEMA_VERSION
from wirewatch.store import dedup
from wirewatch.store.base import (
    AddResult,
    ArticleRow,
    CoMention,
    CopyRow,
    EventRow,
    MergeRow,
    PersonDetail,
    PersonRow,
    QuoteFilter,
    QuoteHit,
    RoleSpan,
    TimelineBucket,
    evidence,
    fold_words,
    match_key,
    name_key,
    same_person_name,
)
from wirewatch.store.schema import Migration

logger = logging.getLogger(__name__)

EVIDENCE_WINDOW = 400
RANK_WINDOW = 2000
"""A words-only search ranks the most recently stored this-many matches: exact for all but very
common words, and bounded in time however many quotes a word occurs in."""
_EVIDENCE_MAX = 700
ALIAS_TYPES = ("person", "organization")
EXPORT_TABLES = ("quotes", "articles", "people")

Row = Mapping[str, Any]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _span_text(value: Any) -> str | None:
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


def _preferred_name(names: Counter[str], own: str | None) -> str | None:
    """The spelling to show: a full name before a bare surname, then the most frequent, then
    the one the person was first stored under."""
    ranked = sorted(names.items(), key=lambda kv: (-(len(kv[0].split()) > 1), -kv[1], kv[0] != own, -len(kv[0]), kv[0]))
    return ranked[0][0] if ranked else None


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SqlStore(abc.ABC):
    """A store over one database connection. Use as a context manager, or call :meth:`close`."""

    location: str
    """The file path or URL (password removed) the store was opened from, for messages."""
    migrations: tuple[Migration, ...]
    greatest: str = "max"
    """The SQL name of the two-argument maximum: ``max`` in SQLite, ``GREATEST`` in PostgreSQL."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        threshold = min(max(self.settings.near_duplicate_percent, 1), 100) / 100
        self._threshold = threshold
        # The bands only pick candidates (each is checked against the real threshold), and
        # datasketch cannot band a threshold near 1: cap the layout's threshold at 0.9.
        self._layout = dedup.layout(min(threshold, 0.9), self.settings.minhash_num_perm)
        # Aliases known to exist (they are never deleted), so a long ingest stops asking for them.
        self._known_aliases: set[tuple[str, str]] = set()
        self._current = ""
        """The id of the article being stored, for error messages."""

    # -- what a dialect supplies -----------------------------------------------------------------

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection (idempotent)."""

    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; return the driver's cursor."""

    @abc.abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """One write transaction: committed on success, rolled back on any exception."""

    def _write_transaction(self) -> AbstractContextManager[None]:
        """The transaction articles are written in (PostgreSQL adds pipelining)."""
        return self._transaction()

    @abc.abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a large result, fetched lazily."""

    @abc.abstractmethod
    def _db_errors(self) -> tuple[type[BaseException], ...]: ...

    @abc.abstractmethod
    def _text_match(self, words: list[str]) -> tuple[str, list[Any]]:
        """A condition on ``q``: every word occurs in the quote text."""

    @abc.abstractmethod
    def _speaker_match(self, words: list[str]) -> tuple[str, list[Any]]:
        """A condition: the words occur as a phrase in the speaker's name or mention."""

    def _quote_extra(self, quote: Mapping[str, Any]) -> dict[str, Any]:
        """Extra quote columns a dialect fills (PostgreSQL's folded search text)."""
        return {}

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            rows: list[Row] = self._execute(sql, params).fetchall()
            return rows
        except self._db_errors() as err:
            raise StoreError(f"{self.location}: query failed: {err}") from err

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = self._one(sql, params)
        return int(row["n"] or 0) if row else 0

    def _migrate_with(self, applied: set[int], run_sql: Any) -> None:
        """Apply each pending migration: ``run_sql(migration)`` inside a transaction, then the
        backfill (if any) and the bookkeeping row, all in that same transaction."""
        latest = self.migrations[-1].version
        newer = [v for v in applied if v > latest]
        if newer:
            raise StoreError(
                f"{self.location}: database schema version {max(newer)} is newer than this wirewatch "
                f"supports ({latest}); upgrade wirewatch"
            )
        for migration in self.migrations:
            if migration.version in applied:
                continue
            logger.info("%s: applying migration %d (%s)", self.location, migration.version, migration.name)
            with self._transaction():
                run_sql(migration)
                if migration.backfill:
                    self._backfill()
                self._execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (migration.version, migration.name)
                )
        self._check_layout()

    def schema_versions(self) -> list[int]:
        """Applied migration versions, ascending."""
        rows = self._query("SELECT version FROM schema_migrations ORDER BY version")
        return [int(row["version"]) for row in rows]

    def _check_layout(self) -> None:
        """Rebuild the LSH band table when the band layout changed since it was written (a
        different threshold or permutation count); signatures of another size are recomputed."""
        want = self._layout.describe()
        row = self._one("SELECT value FROM store_meta WHERE key = 'lsh'")
        if row is not None and row["value"] == want:
            return
        with self._transaction():
            if row is not None:
                logger.info("%s: LSH layout changed (%s -> %s); rebuilding the band table", self.location, row, want)
                self._execute("DELETE FROM lsh_bands")
                self._execute("DELETE FROM article_signatures")
                for art in self._query("SELECT id, record_json FROM articles"):
                    self._index_signature(art["id"], json.loads(art["record_json"]))
            self._execute(
                "INSERT INTO store_meta (key, value) VALUES ('lsh', ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                (want, want),
            )

    def _backfill(self) -> None:
        """Fill the version-2 tables and columns from the records already stored."""
        cache: dict[tuple[str, str], int] = {}
        for art in self._query("SELECT id, record_json FROM articles ORDER BY pk"):
            record = json.loads(art["record_json"])
            dl = record.get("dateline") or {}
            self._execute(
                "UPDATE articles SET agency = ?, place = ? WHERE id = ?", (dl.get("agency"), dl.get("place"), art["id"])
            )
            types = self._speaker_types(record)
            for ord_ in range(len(types)):
                self._execute(
                    "UPDATE quotes SET speaker_type = ? WHERE article_id = ? AND ord = ?",
                    (types[ord_], art["id"], ord_),
                )
            self._index_people(art["id"], record, types, cache)
            self._index_signature(art["id"], record)

    # -- writing ---------------------------------------------------------------------------------

    def add_article(self, record: dict[str, Any]) -> bool:
        """Store one article record (``Article.to_dict()``). Returns ``False`` if it was not
        stored: the same article (or a near-duplicate of one) is already there."""
        return self.add_record(record).stored

    def add_record(self, record: dict[str, Any]) -> AddResult:
        """Store one record, or link it as a copy of a stored article; says which happened."""
        return self.add_many([record])[0]

    def add_many(
        self, records: Sequence[dict[str, Any]], *, dedup: bool = True, signatures: Sequence[Any] | None = None
    ) -> list[AddResult]:
        """Store several records in one transaction (the fast path for bulk loads).

        ``signatures`` are the records' :meth:`signature` values when they were computed
        elsewhere (on the batch workers, so that the one SQLite writer does not); without them
        they are computed here. ``dedup=False`` skips the near-duplicate check and signatures
        (exact duplicates are still stored once): for generated data only.
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
                results.append(self._store_one(record, sig, cache))
        return results

    @staticmethod
    def _validate(record: Mapping[str, Any]) -> None:
        article_id = record.get("id")
        text = record.get("text")
        if not isinstance(article_id, str) or not article_id or not isinstance(text, str):
            raise StoreError("record has no article id or text; not an article record")
        schema = record.get("schema", SCHEMA_VERSION)
        if isinstance(schema, str) and schema.rsplit("/", 1)[0] != SCHEMA_VERSION.rsplit("/", 1)[0]:
            raise StoreError(f"{article_id}: unknown record schema {schema!r}")

    def signature(self, record: Mapping[str, Any]) -> Any:
        """The record's MinHash signature under this store's band layout (``None``: no words)."""
        return dedup.signature(body_text(record), self._layout.num_perm, max(1, self.settings.shingle_words))

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
            "INSERT INTO articles (id, source_path, format, url, published, language, headline, text, record_json,"
            " agency, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING pk",
            self._article_row(record),
        )
        # RETURNING, not rowcount: in PostgreSQL's pipeline mode rowcount is unknown until a sync.
        if not cur.fetchall():  # already stored (or stored by another writer meanwhile)
            return self._copy_of(record, article_id, 1.0)
        types = self._speaker_types(record)
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

    @staticmethod
    def _article_row(record: Mapping[str, Any]) -> tuple[Any, ...]:
        """``articles`` values: id, source_path, format, url, published, language, headline, text,
        record_json, agency, place."""
        source = record.get("source") or {}
        dl = record.get("dateline") or {}
        return (
            str(record["id"]),
            source.get("path"),
            source.get("format"),
            source.get("url"),
            record.get("published"),
            record.get("language"),
            _span_text(record.get("headline")),
            record["text"],
            json.dumps(record, ensure_ascii=False),
            dl.get("agency"),
            dl.get("place"),
        )

    @staticmethod
    def _speaker_types(record: Mapping[str, Any]) -> list[str]:
        """Per quote: the type of entity its speaker resolves to (``person`` when unknown)."""
        by_id = {str(e.get("id")): e.get("type") for e in record.get("entities") or [] if isinstance(e, dict)}
        out = []
        for q in record.get("quotes") or []:
            speaker = q.get("speaker") or {}
            out.append(str(by_id.get(str(speaker.get("entity"))) or "person"))
        return out

    def _insert_children(self, article_id: str, record: Mapping[str, Any], types: list[str]) -> None:
        quote_rows = self._quote_rows(article_id, record, types)
        if quote_rows:
            cols = list(quote_rows[0])
            self._executemany(
                f"INSERT INTO quotes ({', '.join(cols)}) VALUES ({_marks(len(cols))})",
                [tuple(r[c] for c in cols) for r in quote_rows],
            )
        entity_rows = self._entity_rows(article_id, record)
        if entity_rows:
            # ON CONFLICT DO NOTHING: a duplicated entity id inside one record is a pipeline slip,
            # not a reason to lose the article.
            self._executemany(
                "INSERT INTO entities (article_id, entity_id, type, name, name_key, role, lat, lon, country)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                entity_rows,
            )
        event_rows = self._event_rows(article_id, record)
        if event_rows:
            self._executemany(
                'INSERT INTO events (article_id, ord, kind, text, start, "end", date, date_inferred, place,'
                " participants_json, topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event_rows,
            )

    def _quote_rows(self, article_id: str, record: Mapping[str, Any], types: list[str]) -> list[dict[str, Any]]:
        """One ``quotes`` row per quote, keyed by column name (``"end"`` quoted)."""
        quote_rows: list[dict[str, Any]] = []
        for ord_, q in enumerate(record.get("quotes") or []):
            speaker = q.get("speaker") or {}
            row = {
                "id": q.get("id"),
                "article_id": article_id,
                "ord": ord_,
                "start": q.get("start"),
                '"end"': q.get("end"),
                "kind": q.get("kind"),
                "text": q.get("text") or "",
                "speaker_name": speaker.get("name"),
                "speaker_mention": speaker.get("mention"),
                "speaker_role": speaker.get("role"),
                "speaker_entity": speaker.get("entity"),
                "speaker_key": name_key(speaker.get("name")),
                "mention_key": name_key(speaker.get("mention")),
                "speaker_type": types[ord_],
                "cue": _span_text(q.get("cue")),
                "addressee": _span_text(q.get("addressee")),
                "date": q.get("date"),
                "confidence": q.get("confidence"),
                "type": q.get("type") or "statement",  # records from before types: statements
            }
            row.update(self._quote_extra(row))
            quote_rows.append(row)
        return quote_rows

    @staticmethod
    def _entity_rows(article_id: str, record: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """``entities`` rows: article_id, entity_id, type, name, name_key, role, lat, lon, country."""
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

    @staticmethod
    def _event_rows(article_id: str, record: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """``events`` rows: article_id, ord, kind, text, start, end, date, date_inferred, place,
        participants_json, topic."""
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

    # -- people across articles ------------------------------------------------------------------

    def _index_people(
        self, article_id: str, record: Mapping[str, Any], types: list[str], cache: dict[tuple[str, str], int]
    ) -> None:
        """Give every named speaker, person and organisation an alias (merging new spellings into
        known people), and record the people each quote names inside its own words."""
        wanted, mention_rows = self._people_rows(article_id, record, types)
        self._ensure_aliases(wanted, cache)
        if mention_rows:
            self._executemany(
                "INSERT INTO quote_mentions (article_id, ord, speaker_type, speaker_key, mentioned_key,"
                " mentioned_name) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                mention_rows,
            )

    @staticmethod
    def _people_rows(
        article_id: str, record: Mapping[str, Any], types: list[str]
    ) -> tuple[dict[tuple[str, str], str], list[tuple[Any, ...]]]:
        """The aliases an article needs (``(type, key) -> name``) and its ``quote_mentions`` rows
        (article_id, ord, speaker_type, speaker_key, mentioned_key, mentioned_name)."""
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

    def _ensure_aliases(self, wanted: dict[tuple[str, str], str], cache: dict[tuple[str, str], int]) -> None:
        """Make sure every ``(type, key) -> name`` alias exists; a new one gets a person, merged
        into a known one when that is unambiguous (see :meth:`_auto_merge`).

        Three statements for a whole article (look up, insert people, insert aliases) however
        many names it has: round trips are what a networked database charges for.
        """
        todo = self._alias_todo(wanted, cache)
        if not todo:
            return
        pool = self._alias_pool(self._query(*self._alias_pool_sql(todo)), cache)
        new = [(t, k, n) for t, k, n in todo if (t, k) not in cache]
        if not new:
            return
        created = self._query(
            f"INSERT INTO persons (type, name) VALUES {', '.join('(?, ?)' for _ in new)} RETURNING id, type, name",
            [v for t, _, n in new for v in (t, n)],
        )
        # RETURNING order is not promised; distinct keys have distinct names, so match on those.
        ids = {(str(r["type"]), str(r["name"])): int(r["id"]) for r in created}
        self._executemany(
            "INSERT INTO person_aliases (type, key, name, match_key, words, person_id) VALUES (?, ?, ?, ?, ?, ?)",
            [(t, k, n, match_key(t, k), len(k.split()), ids[(t, n)]) for t, k, n in new],
        )
        self._settle_people(new, ids, pool, cache)

    def _alias_todo(
        self, wanted: dict[tuple[str, str], str], cache: dict[tuple[str, str], int]
    ) -> list[tuple[str, str, str]]:
        """The wanted aliases not yet known to exist: ``(type, key, name)``."""
        known = self._known_aliases
        return [(t, k, n) for (t, k), n in wanted.items() if (t, k) not in cache and (t, k) not in known]

    @staticmethod
    def _alias_pool_sql(todo: Sequence[tuple[str, str, str]]) -> tuple[str, list[Any]]:
        """The aliases sharing a type and match key with ``todo``: the new names' merge candidates
        (and, by the way, whether a wanted alias exists already)."""
        types = sorted({t for t, _, _ in todo})
        mkeys = sorted({match_key(t, k) for t, k, _ in todo})
        return (
            "SELECT type, key, person_id, words, name, match_key FROM person_aliases"
            f" WHERE type IN ({_marks(len(types))}) AND match_key IN ({_marks(len(mkeys))})",
            [*types, *mkeys],
        )

    @staticmethod
    def _alias_pool(
        rows: Sequence[Row], cache: dict[tuple[str, str], int]
    ) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Merge candidates by ``(type, match_key)``; every alias read is noted in ``cache``."""
        pool: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            pool[(str(r["type"]), str(r["match_key"]))].append(dict(r))
            cache[(str(r["type"]), str(r["key"]))] = int(r["person_id"])
        return pool

    @staticmethod
    def _may_merge(new: Sequence[tuple[str, str, str]], pool: Mapping[tuple[str, str], list[dict[str, Any]]]) -> bool:
        """Whether :meth:`_settle_people` may merge anyone (and so write): some new name has a
        candidate, known or new in the same article."""
        seen: set[tuple[str, str]] = set()
        for t, k, _ in new:
            group = (t, match_key(t, k))
            if pool.get(group) or group in seen:
                return True
            seen.add(group)
        return False

    def _settle_people(
        self,
        new: Sequence[tuple[str, str, str]],
        ids: Mapping[tuple[str, str], int],
        pool: dict[tuple[str, str], list[dict[str, Any]]],
        cache: dict[tuple[str, str], int],
    ) -> None:
        """Merge each new person (id ``ids[(type, name)]``, alias stored) into a known one when
        unambiguous; writes only when :meth:`_may_merge` says so."""
        for t, k, n in new:
            pid = ids[(t, n)]
            cands = pool[(t, match_key(t, k))]
            final = self._auto_merge(t, k, n, pid, cands, cache) if cands else pid
            cache[(t, k)] = final
            cands.append({"type": t, "key": k, "person_id": final, "words": len(k.split()), "name": n})

    def _auto_merge(
        self,
        type_: str,
        key: str,
        name: str,
        pid: int,
        cands: list[dict[str, Any]],
        cache: dict[tuple[str, str], int],
    ) -> int:
        """Merge new person ``pid`` (alias ``key``) with the known ones sharing its match key,
        when unambiguous; returns the person the alias now belongs to.

        A new full name joins the one known person with the same last name and a compatible
        given name (Dmitry/Dmitri, D. Peskov); a bare surname joins the one known full name
        ending in it; a new full name adopts bare-surname people no other full name claims.
        Every automatic merge is recorded and can be undone.
        """

        def only(targets: dict[int, str]) -> tuple[int, str] | None:
            return next(iter(targets.items())) if len(targets) == 1 else None

        if type_ != "person":
            hit = only({int(c["person_id"]): str(c["name"]) for c in cands})
            if hit is None:
                return pid
            self._merge(pid, hit[0], f"same organisation as {hit[1]!r}", automatic=True)
            return hit[0]
        full = [c for c in cands if int(c["words"]) >= 2]
        if len(key.split()) == 1:
            hit = only({int(c["person_id"]): str(c["name"]) for c in full})
            if hit is None:
                return pid
            self._merge(pid, hit[0], f"{name!r} is the surname of {hit[1]!r}", automatic=True)
            return hit[0]
        same = {int(c["person_id"]): str(c["name"]) for c in full if same_person_name(type_, key, str(c["key"]))}
        hit = only(same)
        if hit is not None:
            self._merge(pid, hit[0], f"{name!r} is a spelling of {hit[1]!r}", automatic=True)
            return hit[0]
        if not same and not full:
            # Only bare surnames so far: they were waiting for a full name to belong to.
            for lone, lone_name in {int(c["person_id"]): str(c["name"]) for c in cands}.items():
                self._merge(lone, pid, f"{lone_name!r} is the surname of {name!r}", automatic=True)
                for c in cands:
                    if int(c["person_id"]) == lone:
                        c["person_id"] = pid
                for k, v in list(cache.items()):
                    if v == lone:
                        cache[k] = pid
        return pid

    def _merge(self, from_person: int, into_person: int, reason: str, *, automatic: bool) -> int:
        keys = [
            str(r["key"]) for r in self._query("SELECT key FROM person_aliases WHERE person_id = ?", (from_person,))
        ]
        type_row = self._one("SELECT type FROM persons WHERE id = ?", (into_person,))
        type_ = str(type_row["type"]) if type_row else "person"
        self._execute("UPDATE person_aliases SET person_id = ? WHERE person_id = ?", (into_person, from_person))
        cur = self._execute(
            "INSERT INTO merges (type, from_person, into_person, keys_json, reason, automatic, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (type_, from_person, into_person, json.dumps(keys), reason, int(automatic), _now()),
        )
        merge_id = int(cur.fetchone()["id"])
        logger.info("%s: merge %d: %s", self.location, merge_id, reason)
        return merge_id

    def merge_people(self, from_person: int, into_person: int, reason: str = "merged by hand") -> MergeRow:
        """Merge every spelling of ``from_person`` into ``into_person`` (recorded; undoable)."""
        rows = {
            int(r["id"]): str(r["type"])
            for r in self._query("SELECT id, type FROM persons WHERE id IN (?, ?)", (from_person, into_person))
        }
        for pid in (from_person, into_person):
            if pid not in rows:
                raise StoreError(f"{self.location}: no person with id {pid}")
        if from_person == into_person or rows[from_person] != rows[into_person]:
            raise StoreError(f"{self.location}: cannot merge {from_person} into {into_person}")
        if self._one("SELECT 1 AS x FROM person_aliases WHERE person_id = ?", (from_person,)) is None:
            raise StoreError(f"{self.location}: person {from_person} has no names left to merge")
        with self._transaction():
            merge_id = self._merge(from_person, into_person, reason, automatic=False)
        return self._merge_row(merge_id)

    def undo_merge(self, merge_id: int) -> MergeRow:
        """Point the spellings a merge moved back at the person they came from."""
        row = self._one("SELECT * FROM merges WHERE id = ?", (merge_id,))
        if row is None:
            raise StoreError(f"{self.location}: no merge with id {merge_id}")
        if row["undone_at"]:
            raise StoreError(f"{self.location}: merge {merge_id} was already undone at {row['undone_at']}")
        keys = json.loads(row["keys_json"])
        with self._transaction():
            if keys:
                self._execute(
                    f"UPDATE person_aliases SET person_id = ? WHERE person_id = ? AND key IN ({_marks(len(keys))})",
                    (row["from_person"], row["into_person"], *keys),
                )
            self._execute("UPDATE merges SET undone_at = ? WHERE id = ?", (_now(), merge_id))
        return self._merge_row(merge_id)

    def merges(self) -> list[MergeRow]:
        """Every merge, newest first (undone ones included, marked)."""
        ids = [int(r["id"]) for r in self._query("SELECT id FROM merges ORDER BY id DESC")]
        return [self._merge_row(i) for i in ids]

    def _merge_row(self, merge_id: int) -> MergeRow:
        row = self._one("SELECT * FROM merges WHERE id = ?", (merge_id,))
        if row is None:
            raise StoreError(f"{self.location}: no merge with id {merge_id}")
        names = self._display_names(
            [int(row["from_person"]), int(row["into_person"])], keys=json.loads(row["keys_json"])
        )
        return MergeRow(
            id=int(row["id"]),
            type=str(row["type"]),
            from_person=int(row["from_person"]),
            from_name=names.get(int(row["from_person"]), "?"),
            into_person=int(row["into_person"]),
            into_name=names.get(int(row["into_person"]), "?"),
            keys=tuple(json.loads(row["keys_json"])),
            reason=str(row["reason"]),
            automatic=bool(row["automatic"]),
            created_at=str(row["created_at"]),
            undone_at=row["undone_at"],
        )

    def _display_names(self, pids: Sequence[int], keys: Sequence[str] = ()) -> dict[int, str]:
        """A readable name per person: its longest full-name spelling (the alias table is small)."""
        if not pids:
            return {}
        out: dict[int, tuple[int, int, str]] = {}
        rows = self._query(
            f"SELECT person_id, name, words FROM person_aliases WHERE person_id IN ({_marks(len(pids))})"
            + (f" OR key IN ({_marks(len(keys))})" if keys else ""),
            (*pids, *keys),
        )
        for r in rows:
            rank = (min(int(r["words"]), 2), len(str(r["name"])), str(r["name"]))
            pid = int(r["person_id"])
            if pid not in out or rank > out[pid]:
                out[pid] = rank
        names = {pid: rank[2] for pid, rank in out.items()}
        for pid in pids:
            if pid not in names:
                row = self._one("SELECT name FROM persons WHERE id = ?", (pid,))
                if row is not None:
                    names[pid] = str(row["name"])
        return names

    def find_person(self, name: str, type: str = "person") -> int | None:
        """The id of the person a name (any merged spelling, or a person id) belongs to."""
        if name.strip().isdigit():
            row = self._one("SELECT id FROM persons WHERE id = ?", (int(name),))
            return int(row["id"]) if row else None
        key = name_key(name)
        if key is None:
            return None
        row = self._one("SELECT person_id FROM person_aliases WHERE type = ? AND key = ?", (type, key))
        if row is None:
            # A bare last name finds the one person it can mean.
            rows = self._query(
                "SELECT DISTINCT person_id FROM person_aliases WHERE type = ? AND match_key = ?",
                (type, match_key(type, key)),
            )
            return int(rows[0]["person_id"]) if len(rows) == 1 else None
        return int(row["person_id"])

    def _alias_keys(self, person_id: int) -> tuple[str, list[str]]:
        rows = self._query("SELECT type, key FROM person_aliases WHERE person_id = ? ORDER BY key", (person_id,))
        ptype = self._one("SELECT type FROM persons WHERE id = ?", (person_id,))
        return (str(ptype["type"]) if ptype else "person"), [str(r["key"]) for r in rows]

    # -- near-duplicates -------------------------------------------------------------------------

    def _near_duplicate(self, sig: Any, article_id: str = "") -> tuple[str, float] | None:
        return self._closest(self._query(*self._near_sql(sig)), sig, article_id)

    def _near_sql(self, sig: Any) -> tuple[str, list[Any]]:
        """The stored signatures sharing a band with ``sig``: the near-duplicate candidates."""
        bands = dedup.band_hashes(sig, self._layout)
        cond = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
        return (
            "SELECT s.article_id, s.sig FROM article_signatures s WHERE s.article_id IN"
            f" (SELECT article_id FROM lsh_bands WHERE {cond})",
            [v for pair in bands for v in pair],
        )

    def _closest(self, rows: Sequence[Row], sig: Any, article_id: str) -> tuple[str, float] | None:
        """The candidate most like ``sig`` at or over the threshold (the article itself first)."""
        best: tuple[str, float] | None = None
        for r in rows:
            if r["article_id"] == article_id:
                return article_id, 1.0  # the article itself
            sim = dedup.similarity(sig, dedup.from_bytes(r["sig"]))
            if sim >= self._threshold and (best is None or sim > best[1]):
                best = (str(r["article_id"]), sim)
        return best

    def _index_signature(self, article_id: str, record: Mapping[str, Any]) -> None:
        sig = self.signature(record)
        if sig is not None:
            self._write_signature(article_id, sig)

    def _write_signature(self, article_id: str, sig: Any) -> None:
        self._execute(
            "INSERT INTO article_signatures (article_id, sig) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (article_id, dedup.to_bytes(sig)),
        )
        self._executemany(
            "INSERT INTO lsh_bands (band, hash, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(b, h, article_id) for b, h in dedup.band_hashes(sig, self._layout)],
        )

    def _add_copy(
        self, article_id: str, copy_id: str, path: str | None, url: str | None, kind: str, sim: float
    ) -> bool:
        if not path:
            return False
        if self.stored_from(article_id, path):
            return False  # the canonical article itself, read again
        cur = self._execute(
            "INSERT INTO copies (article_id, copy_id, source_path, url, kind, similarity, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, source_path) DO NOTHING RETURNING pk",
            (article_id, copy_id, path, url, kind, round(sim, 4), _now()),
        )
        return bool(cur.fetchall())

    def stored_from(self, article_id: str, source_path: str) -> bool:
        """Whether ``article_id`` is stored with ``source_path`` as its own source (not a copy)."""
        row = self._one("SELECT 1 AS x FROM articles WHERE id = ? AND source_path = ?", (article_id, source_path))
        return bool(row)

    def note_copy(self, article_id: str, source_path: str | None, url: str | None = None) -> bool:
        """Record that ``source_path`` holds the same article as stored ``article_id`` (exact).

        For a caller that skipped extraction because the id was already stored. Returns whether
        a new copy was recorded (not for the article's own path, nor one already noted)."""
        if not self.has_article(article_id):
            return False
        try:
            with self._transaction():
                return self._add_copy(article_id, article_id, source_path, url, "exact", 1.0)
        except self._db_errors() as err:
            raise StoreError(f"{self.location}: cannot record copy of {article_id}: {err}") from err

    def copies(self, article_id: str | None = None, *, limit: int = 100) -> list[CopyRow]:
        """Copies of one article (or all), newest first."""
        where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
        rows = self._query(f"SELECT * FROM copies {where} ORDER BY pk DESC LIMIT ?", (*params, max(0, int(limit))))
        return [
            CopyRow(
                article_id=str(r["article_id"]),
                copy_id=str(r["copy_id"]),
                source_path=r["source_path"],
                url=r["url"],
                kind=str(r["kind"]),
                similarity=float(r["similarity"]),
                added_at=str(r["added_at"]),
            )
            for r in rows
        ]

    # -- reading ---------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)) is not None

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored record exactly as it was added, or ``None``."""
        row = self._one("SELECT record_json FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        record: dict[str, Any] = json.loads(row["record_json"])
        return record

    def search_quotes(
        self,
        filter: QuoteFilter | None = None,
        *,
        text: str | None = None,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
        order: str | None = None,
    ) -> list[QuoteHit]:
        """Quotes matching every filter of ``filter`` (and the keyword shortcuts).

        Order: a search by words alone gives the best matches first (ranked among the
        :data:`RANK_WINDOW` most recently stored matches, so a very common word stays fast);
        anything else, newest first; ``order="oldest"`` gives a timeline.
        """
        f = filter or QuoteFilter()
        text = text if text is not None else f.text
        speaker = speaker if speaker is not None else f.speaker
        kind = kind if kind is not None else f.kind
        limit, offset = max(0, int(limit)), max(0, int(offset))
        where: list[str] = []
        params: list[Any] = []
        needs_articles = False
        words: list[str] = []
        if text is not None and text.strip():
            words = fold_words(text)
            if not words:
                return []
            cond, cparams = self._text_match(words)
            where.append(cond)
            params.extend(cparams)
        if speaker is not None and speaker.strip():
            swords = fold_words(speaker)
            if not swords:
                return []
            cond, cparams = self._speaker_match(swords)
            expanded = self._expand_name(" ".join(swords))
            if expanded:
                cond = f"({cond} OR q.speaker_key IN ({_marks(len(expanded))}))"
                cparams = [*cparams, *expanded]
            where.append(cond)
            params.extend(cparams)
        if f.person is not None:
            ptype, keys = self._alias_keys(f.person)
            if not keys:
                return []
            where.append(f"q.speaker_key IN ({_marks(len(keys))}) AND q.speaker_type = ?")
            params.extend([*keys, ptype])
        if kind is not None:
            where.append("q.kind = ?")
            params.append(kind)
        for etype, value in (("organization", f.organization), ("place", f.place)):
            if value is None or not value.strip():
                continue
            key = name_key(value)
            if key is None:
                return []
            keys = [key, *self._expand_name(key, etype)]
            where.append(
                "q.article_id IN (SELECT article_id FROM entities"
                f" WHERE type = ? AND name_key IN ({_marks(len(keys))}))"
            )
            params.extend([etype, *keys])
        if f.agency:
            where.append("lower(a.agency) = lower(?)")
            params.append(f.agency)
            needs_articles = True
        if f.date_from:
            where.append("coalesce(q.date, a.published) >= ?")
            params.append(f.date_from)
            needs_articles = True
        if f.date_to:
            # "<= 2024-03-31" must keep "2024-03-31" itself: compare on the date part.
            where.append("substr(coalesce(q.date, a.published), 1, 10) <= ?")
            params.append(f.date_to)
            needs_articles = True
        if f.article:
            where.append("q.article_id = ?")
            params.append(f.article)
        if f.type is not None:
            where.append("q.type = ?")
            params.append(f.type)
        if words and len(where) == 1 and order in (None, "rank"):
            pks = self._ranked_text(words, limit, offset)
        else:
            # Two steps: find one page of quote keys (sorting narrow rows, maybe from an index),
            # then fetch what a hit shows for that page only.
            order_sql = "q.date ASC NULLS LAST, q.pk ASC" if order == "oldest" else "q.date DESC NULLS LAST, q.pk DESC"
            sql = (
                "SELECT q.pk FROM quotes q"
                + (" JOIN articles a ON a.id = q.article_id" if needs_articles else "")
                + (" WHERE " + " AND ".join(where) if where else "")
                + f" ORDER BY {order_sql} LIMIT ? OFFSET ?"
            )
            pks = [int(r["pk"]) for r in self._query(sql, [*params, limit, offset])]
        return self._hits(pks)

    def _ranked_text(self, words: list[str], limit: int, offset: int) -> list[int]:
        """Quote keys for a words-only search, best match first (see :data:`RANK_WINDOW`)."""
        return [int(r["pk"]) for r in self._query(*self._ranked_sql(words, limit, offset))]

    @abc.abstractmethod
    def _ranked_sql(self, words: list[str], limit: int, offset: int) -> tuple[str, list[Any]]:
        """SQL and parameters giving ``pk`` of one page of a ranked words-only search."""

    def _hits(self, pks: list[int]) -> list[QuoteHit]:
        if not pks:
            return []
        g = self.greatest
        sql = (
            "SELECT q.pk, q.id, q.article_id, q.text, q.kind, q.speaker_name, q.speaker_mention, q.speaker_role,"
            ' q.cue, q.addressee, q.date, q.confidence, q.start, q."end", q.speaker_type, q.speaker_key,'
            " q.type, a.headline, a.published, a.source_path, a.url, a.agency,"
            f" substr(a.text, {g}(1, coalesce(q.start, 0) + 1 - ?), ?) AS window,"
            f" {g}(0, coalesce(q.start, 0) - ?) AS window_start"
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.pk IN ({_marks(len(pks))})"
        )
        # The window is cut in SQL so that a hit never loads a whole long article into Python.
        head = [EVIDENCE_WINDOW, 2 * EVIDENCE_WINDOW + _EVIDENCE_MAX, EVIDENCE_WINDOW]
        rows = {int(r["pk"]): r for r in self._query(sql, [*head, *pks])}
        ordered = [rows[pk] for pk in pks if pk in rows]
        pids = self._person_ids({(str(r["speaker_type"]), str(r["speaker_key"])) for r in ordered if r["speaker_key"]})
        return [self._hit(row, pids) for row in ordered]

    def _expand_name(self, key: str, type_: str | None = None) -> list[str]:
        """Every alias key of the person(s) whose alias is exactly ``key``."""
        cond = "type = ? AND key = ?" if type_ else "key = ?"
        args: tuple[Any, ...] = (type_, key) if type_ else (key,)
        rows = self._query(
            "SELECT DISTINCT key FROM person_aliases WHERE person_id IN"
            f" (SELECT person_id FROM person_aliases WHERE {cond})",
            args,
        )
        return [str(r["key"]) for r in rows]

    def _person_ids(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        if not pairs:
            return {}
        keys = sorted({k for _, k in pairs})
        rows = self._query(f"SELECT type, key, person_id FROM person_aliases WHERE key IN ({_marks(len(keys))})", keys)
        return {(str(r["type"]), str(r["key"])): int(r["person_id"]) for r in rows}

    @staticmethod
    def _hit(row: Row, pids: dict[tuple[str, str], int]) -> QuoteHit:
        start, end = row["start"], row["end"]
        if start is not None and end is not None:
            ws = int(row["window_start"])
            ev = evidence(row["window"], start - ws, end - ws)
        else:
            ev = row["text"]
        return QuoteHit(
            article_id=row["article_id"],
            quote_id=row["id"],
            text=row["text"],
            kind=row["kind"],
            speaker_name=row["speaker_name"],
            speaker_mention=row["speaker_mention"],
            speaker_role=row["speaker_role"],
            cue=row["cue"],
            addressee=row["addressee"],
            date=row["date"],
            confidence=row["confidence"],
            headline=row["headline"],
            published=row["published"],
            source_path=row["source_path"],
            start=start,
            end=end,
            evidence=ev,
            person_id=pids.get((str(row["speaker_type"]), str(row["speaker_key"]))),
            agency=row["agency"],
            url=row["url"],
            type=row["type"],
        )

    @staticmethod
    def _type_cond(quote_type: str | None) -> tuple[str, list[Any]]:
        """SQL (`` AND q.type = ?``) and parameters keeping quotes of one attribution type."""
        return (" AND q.type = ?", [quote_type]) if quote_type is not None else ("", [])

    def _mentions_sql(self, quote_type: str | None = None) -> tuple[str, list[Any]]:
        """Every appearance of a merged person: as a speaker (is_quote 1) or an entity (0); the
        quotes only of ``quote_type`` when given."""
        cond, params = self._type_cond(quote_type)
        sql = (
            "SELECT pa.person_id AS pid, q.article_id AS article_id, 1 AS is_quote,"
            " q.speaker_name AS name, q.speaker_role AS role, q.date AS date"
            " FROM quotes q JOIN person_aliases pa ON pa.type = q.speaker_type AND pa.key = q.speaker_key"
            f"{cond} UNION ALL "
            "SELECT pa.person_id, e.article_id, 0, e.name, e.role, a.published"
            " FROM entities e JOIN person_aliases pa ON pa.type = e.type AND pa.key = e.name_key"
            " JOIN articles a ON a.id = e.article_id"
        )
        return sql, params

    def people(
        self, *, limit: int = 100, offset: int = 0, type: str = "person", quote_type: str | None = "statement"
    ) -> list[PersonRow]:
        """People (or organisations) across articles, merged, most quoted first; quotes count
        those of ``quote_type`` (statements unless told otherwise; None: every type)."""
        msql, mparams = self._mentions_sql(quote_type)
        rows = self._query(
            f"WITH m AS ({msql})"
            " SELECT m.pid, sum(m.is_quote) AS quotes, count(DISTINCT m.article_id) AS articles"
            " FROM m JOIN persons p ON p.id = m.pid WHERE p.type = ?"
            " GROUP BY m.pid ORDER BY quotes DESC, articles DESC, m.pid LIMIT ? OFFSET ?",
            (*mparams, type, max(0, int(limit)), max(0, int(offset))),
        )
        return self._person_rows(rows, type, quote_type)

    def _person_rows(self, rows: Sequence[Row], type_: str, quote_type: str | None = None) -> list[PersonRow]:
        if not rows:
            return []
        pids = [int(r["pid"]) for r in rows]
        names: dict[int, Counter[str]] = defaultdict(Counter)
        roles: dict[int, Counter[str]] = defaultdict(Counter)
        msql, mparams = self._mentions_sql(quote_type)
        for r in self._query(
            f"WITH m AS ({msql}) SELECT pid, name, role, count(*) AS n FROM m"
            f" WHERE pid IN ({_marks(len(pids))}) GROUP BY pid, name, role",
            [*mparams, *pids],
        ):
            names[int(r["pid"])][str(r["name"])] += int(r["n"])
            if r["role"]:
                roles[int(r["pid"])][str(r["role"])] += int(r["n"])
        # Ties between spellings go to the one the person was first stored under.
        first_names = {
            int(r["id"]): str(r["name"])
            for r in self._query(f"SELECT id, name FROM persons WHERE id IN ({_marks(len(pids))})", pids)
        }
        out = []
        for r in rows:
            pid = int(r["pid"])
            name = _preferred_name(names[pid], first_names.get(pid)) or self._display_names([pid]).get(pid, "?")
            out.append(
                PersonRow(
                    name=name,
                    key=name_key(name) or "",
                    quote_count=int(r["quotes"] or 0),
                    article_count=int(r["articles"] or 0),
                    roles=tuple(role for role, _ in roles[pid].most_common()),
                    names=tuple(n for n, _ in sorted(names[pid].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))),
                    id=pid,
                    type=type_,
                )
            )
        return out

    def person(self, person_id: int, *, quote_type: str | None = "statement") -> PersonDetail | None:
        """One merged person with every spelling and the roles they held over time; quotes count
        those of ``quote_type`` (statements unless told otherwise; None: every type)."""
        ptype, keys = self._alias_keys(person_id)
        if not keys:
            return None
        cond, cparams = self._type_cond(quote_type)
        mentions = (
            "SELECT q.article_id AS article_id, 1 AS is_quote, q.speaker_role AS role, q.speaker_name AS name,"
            f" q.date AS date FROM quotes q WHERE q.speaker_key IN ({_marks(len(keys))}) AND q.speaker_type = ?"
            f"{cond} UNION ALL SELECT e.article_id, 0, e.role, e.name, a.published FROM entities e"
            f" JOIN articles a ON a.id = e.article_id WHERE e.type = ? AND e.name_key IN ({_marks(len(keys))})"
        )
        args = (*keys, ptype, *cparams, ptype, *keys)
        # One grouped pass gives counts, spellings, roles and dates; only the article count
        # needs a second (distinct) pass.
        groups = self._query(
            f"WITH m AS ({mentions}) SELECT role, name, sum(is_quote) AS quotes, count(*) AS n,"
            " min(date) AS first, max(date) AS last FROM m GROUP BY role, name",
            args,
        )
        # DISTINCT in a subquery, not count(DISTINCT ...): hashed rather than sorted in PostgreSQL.
        articles = self._scalar(
            f"WITH m AS ({mentions}) SELECT count(*) AS n FROM (SELECT DISTINCT article_id FROM m) d", args
        )
        names: Counter[str] = Counter()
        role_counts: Counter[str] = Counter()
        spans: dict[str, tuple[str | None, str | None, int]] = {}
        dates = [d for g in groups for d in (g["first"], g["last"]) if d]
        for g in groups:
            names[str(g["name"])] += int(g["n"])
            role = g["role"]
            if not role:
                continue
            first, last, n = spans.get(role, (None, None, 0))
            firsts = [d for d in (first, g["first"]) if d]
            lasts = [d for d in (last, g["last"]) if d]
            spans[role] = (min(firsts) if firsts else None, max(lasts) if lasts else None, n + int(g["n"]))
            role_counts[role] += int(g["n"])
        own = self._one("SELECT name FROM persons WHERE id = ?", (person_id,))
        name = _preferred_name(names, str(own["name"]) if own else None) or self._display_names([person_id])[person_id]
        row = PersonRow(
            name=name,
            key=name_key(name) or "",
            quote_count=sum(int(g["quotes"] or 0) for g in groups),
            article_count=articles,
            roles=tuple(r for r, _ in role_counts.most_common()),
            names=tuple(n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))),
            id=person_id,
            type=ptype,
        )
        roles = sorted(spans.items(), key=lambda kv: (kv[1][0] or "", kv[0]))
        return PersonDetail(
            person=row,
            aliases=tuple(keys),
            roles=tuple(RoleSpan(role, first, last, n) for role, (first, last, n) in roles),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
        )

    def timeline(self, person_id: int, *, quote_type: str | None = "statement") -> list[TimelineBucket]:
        """How many quotes (of ``quote_type``; None: every type) the person gave per month, oldest
        first."""
        ptype, keys = self._alias_keys(person_id)
        if not keys:
            return []
        cond, cparams = self._type_cond(quote_type)
        rows = self._query(
            "SELECT substr(q.date, 1, 7) AS month, count(*) AS n FROM quotes q"
            f" WHERE q.speaker_type = ? AND q.speaker_key IN ({_marks(len(keys))}){cond}"
            " GROUP BY substr(q.date, 1, 7) ORDER BY month",
            (ptype, *keys, *cparams),
        )
        return [TimelineBucket(r["month"], int(r["n"])) for r in rows]

    def co_mentions(self, person_id: int | None = None, *, limit: int = 50) -> list[CoMention]:
        """Who is quoted about whom: speaker -> person named inside the quote, most often first."""
        where, params = ("WHERE sp.person_id = ?", [person_id]) if person_id is not None else ("", [])
        rows = self._query(
            "SELECT sp.person_id AS sid, mp.person_id AS mid, m.mentioned_key AS mkey, count(*) AS n"
            " FROM quote_mentions m"
            " JOIN person_aliases sp ON sp.type = m.speaker_type AND sp.key = m.speaker_key"
            " LEFT JOIN person_aliases mp ON mp.type = 'person' AND mp.key = m.mentioned_key"
            f" {where} GROUP BY sp.person_id, mp.person_id, m.mentioned_key",
            params,
        )
        merged: Counter[tuple[int, int | None, str]] = Counter()
        for r in rows:
            mid = int(r["mid"]) if r["mid"] is not None else None
            merged[(int(r["sid"]), mid, "" if mid is not None else str(r["mkey"]))] += int(r["n"])
        pids = sorted({k[0] for k in merged} | {k[1] for k in merged if k[1] is not None})
        names = self._display_names(pids)
        out = [
            CoMention(sid, names.get(sid, "?"), mid, names.get(mid, "?") if mid is not None else mkey, n)
            for (sid, mid, mkey), n in merged.items()
        ]
        out.sort(key=lambda c: (-c.count, c.speaker, c.mentioned))
        return out[: max(0, int(limit))]

    def events(self, *, limit: int = 50, offset: int = 0) -> list[EventRow]:
        """Stored events, newest first."""
        rows = self._query(
            "SELECT ev.article_id, ev.kind, ev.text, ev.date, ev.date_inferred, ev.place, ev.participants_json,"
            ' ev.topic, ev.start, ev."end", a.headline, a.published'
            " FROM events ev JOIN articles a ON a.id = ev.article_id"
            " ORDER BY coalesce(ev.date, a.published) DESC NULLS LAST, ev.article_id, ev.ord LIMIT ? OFFSET ?",
            (max(0, int(limit)), max(0, int(offset))),
        )
        return [
            EventRow(
                article_id=str(r["article_id"]),
                kind=r["kind"],
                text=r["text"],
                date=r["date"],
                date_inferred=bool(r["date_inferred"]),
                place=r["place"],
                participants=tuple(json.loads(r["participants_json"] or "[]")),
                topic=r["topic"],
                headline=r["headline"],
                start=r["start"],
                end=r["end"],
            )
            for r in rows
        ]

    def articles(self, *, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
        """Stored articles, newest first, with their quote counts."""
        rows = self._query(
            "SELECT a.id, a.headline, a.published, a.source_path, a.url, a.agency, a.place,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n"
            " FROM articles a ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT ? OFFSET ?",
            (max(0, int(limit)), max(0, int(offset))),
        )
        return [
            ArticleRow(
                str(r["id"]),
                r["headline"],
                r["published"],
                r["source_path"],
                r["url"],
                r["agency"],
                r["place"],
                int(r["n"]),
            )
            for r in rows
        ]

    def stats(self) -> dict[str, int]:
        """Row counts: articles, quotes, entities, events, people, copies, merges, schema_version."""
        one = self._scalar
        return {
            "articles": one("SELECT count(*) AS n FROM articles"),
            "quotes": one("SELECT count(*) AS n FROM quotes"),
            "entities": one("SELECT count(*) AS n FROM entities"),
            "events": one("SELECT count(*) AS n FROM events"),
            "people": one(
                "SELECT count(DISTINCT pa.person_id) AS n FROM person_aliases pa"
                " JOIN persons p ON p.id = pa.person_id WHERE p.type = 'person'"
            ),
            "copies": one("SELECT count(*) AS n FROM copies"),
            "merges": one("SELECT count(*) AS n FROM merges WHERE undone_at IS NULL"),
            "schema_version": one("SELECT coalesce(max(version), 0) AS n FROM schema_migrations"),
        }

    # -- export ----------------------------------------------------------------------------------

    def iter_table(self, what: str) -> Iterator[dict[str, Any]]:
        """Every row of ``quotes`` (flat, one per quote), ``articles`` (the SCHEMA.md records) or
        ``people`` (merged), streamed."""
        if what == "articles":
            for r in self._stream("SELECT record_json FROM articles ORDER BY pk"):
                yield json.loads(r["record_json"])
        elif what == "quotes":
            sql = (
                "SELECT q.article_id, q.id AS quote_id, q.ord, q.text, q.kind, q.speaker_name, q.speaker_mention,"
                ' q.speaker_role, pa.person_id, q.cue, q.addressee, q.date, q.confidence, q.start, q."end",'
                " a.headline, a.published, a.source_path, a.url, a.agency"
                " FROM quotes q JOIN articles a ON a.id = q.article_id"
                " LEFT JOIN person_aliases pa ON pa.type = q.speaker_type AND pa.key = q.speaker_key"
                " ORDER BY q.pk"
            )
            for r in self._stream(sql):
                yield dict(r)
        elif what == "people":
            page = 0
            while True:
                rows = self.people(limit=1000, offset=page * 1000)
                for p in rows:
                    d = p.to_dict()
                    d["roles"] = "; ".join(p.roles)
                    d["names"] = "; ".join(p.names)
                    yield d
                if len(rows) < 1000:
                    break
                page += 1
        else:
            raise StoreError(f"cannot export {what!r}: choose one of {', '.join(EXPORT_TABLES)}")
