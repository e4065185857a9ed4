"""The SQLite store: one file, WAL journal, FTS5 search over quotes and articles.

Writes are one transaction per article, so a run killed part-way never leaves half an article;
storing an article whose id is already there is a no-op, so re-running an ingest is safe. Every
query is parameterised, and user text reaches FTS5 only as quoted terms (:func:`fts_query`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from wirewatch.errors import StoreError
from wirewatch.models import SCHEMA_VERSION
from wirewatch.store.schema import LATEST_VERSION, MIGRATIONS

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another connection's lock before failing."""

_EVIDENCE_WINDOW = 400
_EVIDENCE_MAX = 700
_SENTENCE_END = re.compile(r"[.!?]+[\"”’»)]*(?=\s|$)|\n")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteHit:
    """One stored quote with what a reader needs to check it against its article."""

    article_id: str
    quote_id: str | None
    text: str
    kind: str | None
    speaker_name: str | None
    speaker_mention: str | None
    speaker_role: str | None
    cue: str | None
    addressee: str | None
    date: str | None
    confidence: float | None
    headline: str | None
    published: str | None
    source_path: str | None
    start: int | None
    end: int | None
    evidence: str
    """The sentence(s) around the quote, cut from the article text (usually includes the cue)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PersonRow:
    """A person merged across articles by :func:`name_key` (case- and diacritics-insensitive)."""

    name: str
    """The spelling seen most often."""
    key: str
    quote_count: int
    article_count: int
    roles: tuple[str, ...]
    names: tuple[str, ...]
    """Every spelling seen, most frequent first."""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["roles"] = list(self.roles)
        d["names"] = list(self.names)
        return d


def name_key(name: str | None) -> str | None:
    """Fold a name for matching: diacritics and case removed, punctuation to single spaces.

    ``"Sergéi LAVROV"`` and ``"Sergei Lavrov"`` give the same key, ``"sergei lavrov"``.
    """
    if not name:
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = " ".join(re.split(r"[\W_]+", stripped.casefold())).strip()
    return key or None


def fts_query(text: str) -> str | None:
    """Turn free user text into a safe FTS5 query: every word a quoted term, all required.

    FTS5 syntax (``AND``, ``OR``, ``NEAR``, ``"``, ``(``, ``*``, ``col:``) in the input is thus
    treated as plain words, so no input can raise a syntax error. Returns ``None`` when the text
    holds no word at all.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _span_text(value: Any) -> str | None:
    if isinstance(value, dict):
        text = value.get("text")
        return str(text) if text is not None else None
    return None


def evidence(text: str, start: int, end: int) -> str:
    """The sentence-ish context of ``text[start:end]``: from the previous sentence end (or line
    start) before ``start`` to the next one at or after ``end``, trimmed to a readable length."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    # Search from end - 1 so that a quote ending in its own full stop closes the sentence there.
    stop = _SENTENCE_END.search(text, max(start, end - 1))
    if stop:
        right = stop.end() if stop.group() != "\n" else stop.start()
    snippet = text[left:right].strip()
    if len(snippet) > _EVIDENCE_MAX:
        snippet = snippet[: _EVIDENCE_MAX - 1].rstrip() + "…"
    return snippet


class SqliteStore:
    """The article store in one SQLite file. Use as a context manager, or call :meth:`close`.

    Opening creates the file if needed and applies any pending migration.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so the transaction boundary
            # is exactly one article (the sqlite3 module's implicit transactions are not).
            self._conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open database: {err}") from err
        self._conn.row_factory = sqlite3.Row
        try:
            self._configure()
            self._migrate()
        except sqlite3.Error as err:
            self._conn.close()
            raise StoreError(f"{self.path}: cannot open database: {err}") from err
        except StoreError:
            self._conn.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        # Closing twice is harmless; sqlite3 raises only for misuse we do not care about here.
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def _configure(self) -> None:
        c = self._conn
        mode = c.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            logger.warning("%s: journal mode is %s, not WAL", self.path, mode)
        c.execute("PRAGMA foreign_keys=ON")
        c.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS:d}")
        # NORMAL is durable across application crashes in WAL mode; only power loss can drop the
        # last commits, which a re-run of the idempotent ingest restores.
        c.execute("PRAGMA synchronous=NORMAL")
        try:
            c.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
            c.execute("DROP TABLE temp.fts5_probe")
        except sqlite3.OperationalError as err:
            raise StoreError(f"{self.path}: this SQLite has no FTS5 support ({err})") from err

    def _migrate(self) -> None:
        c = self._conn
        c.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
        )
        applied = {row[0] for row in c.execute("SELECT version FROM schema_migrations")}
        newer = [v for v in applied if v > LATEST_VERSION]
        if newer:
            raise StoreError(
                f"{self.path}: database schema version {max(newer)} is newer than this wirewatch "
                f"supports ({LATEST_VERSION}); upgrade wirewatch"
            )
        for migration in MIGRATIONS:
            if migration.version in applied:
                continue
            logger.info("%s: applying migration %d (%s)", self.path, migration.version, migration.name)
            # executescript runs many statements (triggers hold semicolons); wrapping it in one
            # BEGIN ... COMMIT makes the migration and its bookkeeping row atomic.
            script = (
                "BEGIN IMMEDIATE;\n"
                + migration.sql
                + "\nINSERT INTO schema_migrations(version, name) VALUES ("
                + str(int(migration.version))
                + ", "
                + _sql_literal(migration.name)
                + ");\nCOMMIT;"
            )
            try:
                c.executescript(script)
            except sqlite3.Error:
                if c.in_transaction:
                    c.execute("ROLLBACK")
                raise

    def schema_versions(self) -> list[int]:
        """Applied migration versions, ascending."""
        rows = self._query("SELECT version FROM schema_migrations ORDER BY version", ())
        return [int(row[0]) for row in rows]

    # -- writing -----------------------------------------------------------------------------

    def add_article(self, record: dict[str, Any]) -> bool:
        """Store one article record (``Article.to_dict()``). Returns ``False`` if already stored.

        The article, its quotes, entities and events are written in one transaction.
        """
        article_id = record.get("id")
        text = record.get("text")
        if not isinstance(article_id, str) or not article_id or not isinstance(text, str):
            raise StoreError("record has no article id or text; not an article record")
        schema = record.get("schema", SCHEMA_VERSION)
        if isinstance(schema, str) and schema.rsplit("/", 1)[0] != SCHEMA_VERSION.rsplit("/", 1)[0]:
            raise StoreError(f"{article_id}: unknown record schema {schema!r}")
        source = record.get("source") or {}
        c = self._conn
        try:
            c.execute("BEGIN IMMEDIATE")
            try:
                cur = c.execute(
                    "INSERT OR IGNORE INTO articles"
                    " (id, source_path, format, url, published, language, headline, text, record_json)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article_id,
                        source.get("path"),
                        source.get("format"),
                        source.get("url"),
                        record.get("published"),
                        record.get("language"),
                        _span_text(record.get("headline")),
                        text,
                        json.dumps(record, ensure_ascii=False, sort_keys=False),
                    ),
                )
                if cur.rowcount == 0:
                    c.execute("ROLLBACK")
                    return False
                self._insert_children(article_id, record)
                c.execute("COMMIT")
            except BaseException:
                # BaseException too: a KeyboardInterrupt mid-article must not leave it half-written.
                if c.in_transaction:
                    c.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot store article {article_id}: {err}") from err
        except (AttributeError, TypeError, ValueError) as err:
            raise StoreError(f"{self.path}: article {article_id} is not a valid record: {err}") from err
        return True

    def _insert_children(self, article_id: str, record: dict[str, Any]) -> None:
        c = self._conn
        quote_rows = []
        for ord_, q in enumerate(record.get("quotes") or []):
            speaker = q.get("speaker") or {}
            quote_rows.append(
                (
                    q.get("id"),
                    article_id,
                    ord_,
                    q.get("start"),
                    q.get("end"),
                    q.get("kind"),
                    q.get("text") or "",
                    speaker.get("name"),
                    speaker.get("mention"),
                    speaker.get("role"),
                    speaker.get("entity"),
                    name_key(speaker.get("name")),
                    name_key(speaker.get("mention")),
                    _span_text(q.get("cue")),
                    _span_text(q.get("addressee")),
                    q.get("date"),
                    q.get("confidence"),
                )
            )
        c.executemany(
            'INSERT INTO quotes (id, article_id, ord, start, "end", kind, text, speaker_name,'
            " speaker_mention, speaker_role, speaker_entity, speaker_key, mention_key, cue, addressee,"
            " date, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            quote_rows,
        )
        c.executemany(
            # OR IGNORE: a duplicated entity id inside one record is a pipeline slip, not a reason
            # to lose the article.
            "INSERT OR IGNORE INTO entities (article_id, entity_id, type, name, name_key, role, lat, lon,"
            " country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        )
        c.executemany(
            'INSERT INTO events (article_id, ord, kind, text, start, "end", date, date_inferred, place,'
            " participants_json, topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        )

    # -- reading -----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return bool(row)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored record exactly as it was added, or ``None``."""
        rows = self._query("SELECT record_json FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        record: dict[str, Any] = json.loads(rows[0]["record_json"])
        return record

    def search_quotes(
        self,
        *,
        text: str | None = None,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Quotes matching every given filter.

        ``text``: all words must occur in the quote (full-text, diacritics-insensitive; best
        matches first). ``speaker``: whole words of the speaker's canonical name or of the words
        written next to the cue (``Peskov``, ``Dmitry Peskov``, ``spokesman``).
        ``kind``: ``direct``, ``indirect`` or ``mixed``. Without ``text`` the newest come first.
        """
        where: list[str] = []
        params: list[Any] = []
        order = "a.published IS NULL, a.published DESC, q.article_id, q.start"
        join = ""
        if text is not None and text.strip():
            query = fts_query(text)
            if query is None:
                return []
            join = "JOIN quotes_fts ON quotes_fts.rowid = q.pk"
            # FTS5 MATCH needs the table name itself on the left; an alias is not accepted.
            where.append("quotes_fts MATCH ?")
            params.append("{text} : (" + query + ")")
            order = "quotes_fts.rank, " + order
        if speaker is not None and speaker.strip():
            key = name_key(speaker)
            if key is None:
                return []
            pattern = "% " + _like_escape(key) + " %"
            where.append(
                "((' ' || q.speaker_key || ' ') LIKE ? ESCAPE '\\' OR (' ' || q.mention_key || ' ') LIKE ? ESCAPE '\\')"
            )
            params.extend([pattern, pattern])
        if kind is not None:
            where.append("q.kind = ?")
            params.append(kind)
        sql = (
            "SELECT q.*, a.headline, a.published, a.source_path,"
            " substr(a.text, max(1, coalesce(q.start, 0) + 1 - ?), ?) AS window,"
            " max(0, coalesce(q.start, 0) - ?) AS window_start"
            f" FROM quotes q JOIN articles a ON a.id = q.article_id {join}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order} LIMIT ? OFFSET ?"
        )
        # The window is cut in SQL so that a hit never loads a whole long article into Python.
        head = [_EVIDENCE_WINDOW, 2 * _EVIDENCE_WINDOW + _EVIDENCE_MAX, _EVIDENCE_WINDOW]
        rows = self._query(sql, tuple(head + params + [max(0, int(limit)), max(0, int(offset))]))
        return [self._hit(row) for row in rows]

    @staticmethod
    def _hit(row: sqlite3.Row) -> QuoteHit:
        start, end = row["start"], row["end"]
        if start is not None and end is not None:
            ws = row["window_start"]
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
        )

    def people(self, *, limit: int = 100) -> list[PersonRow]:
        """People across articles, merged by :func:`name_key`, most quoted first.

        A person is a ``person`` entity or a named quote speaker (unless that speaker resolves to
        an entity of another type, e.g. an organisation).
        """
        mentions = (
            "SELECT e.name_key AS key, e.name AS name, e.role AS role, e.article_id AS article_id,"
            " 0 AS is_quote FROM entities e WHERE e.type = 'person' AND e.name_key IS NOT NULL"
            " UNION ALL "
            "SELECT q.speaker_key, q.speaker_name, q.speaker_role, q.article_id, 1"
            " FROM quotes q LEFT JOIN entities e"
            "   ON e.article_id = q.article_id AND e.entity_id = q.speaker_entity"
            " WHERE q.speaker_key IS NOT NULL AND (e.type IS NULL OR e.type = 'person')"
        )
        rows = self._query(
            f"WITH m AS ({mentions})"
            " SELECT key, sum(is_quote) AS quotes, count(DISTINCT article_id) AS articles"
            " FROM m GROUP BY key ORDER BY quotes DESC, articles DESC, key LIMIT ?",
            (max(0, int(limit)),),
        )
        if not rows:
            return []
        keys = [row["key"] for row in rows]
        marks = ",".join("?" * len(keys))
        names: dict[str, Counter[str]] = {k: Counter() for k in keys}
        roles: dict[str, dict[str, None]] = {k: {} for k in keys}
        for r in self._query(
            f"WITH m AS ({mentions}) SELECT key, name, role FROM m WHERE key IN ({marks})", tuple(keys)
        ):
            names[r["key"]][r["name"]] += 1
            if r["role"]:
                roles[r["key"]].setdefault(r["role"], None)
        out = []
        for row in rows:
            ranked = sorted(names[row["key"]].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
            out.append(
                PersonRow(
                    name=ranked[0][0],
                    key=row["key"],
                    quote_count=int(row["quotes"]),
                    article_count=int(row["articles"]),
                    roles=tuple(roles[row["key"]]),
                    names=tuple(n for n, _ in ranked),
                )
            )
        return out

    def stats(self) -> dict[str, int]:
        """Row counts: articles, quotes, entities, events, people, schema_version."""
        one = self._scalar
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "entities": one("SELECT count(*) FROM entities"),
            "events": one("SELECT count(*) FROM events"),
            "people": one(
                "SELECT count(*) FROM (SELECT name_key FROM entities WHERE type = 'person'"
                " AND name_key IS NOT NULL UNION SELECT speaker_key FROM quotes"
                " WHERE speaker_key IS NOT NULL)"
            ),
            "schema_version": one("SELECT coalesce(max(version), 0) FROM schema_migrations"),
        }

    def _scalar(self, sql: str) -> int:
        rows = self._query(sql, ())
        return int(rows[0][0]) if rows else 0

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: query failed: {err}") from err


def _sql_literal(value: str) -> str:
    """Quote a constant for the migration script (executescript cannot take parameters)."""
    return "'" + value.replace("'", "''") + "'"
