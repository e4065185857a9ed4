"""Statements: reports of the same words by the same speaker across articles, grouped.

Every stored quote is one *report* of one *statement* (``statement_reports``). A new quote joins
the statement of its speaker (or of anyone merged with them) whose canonical text it gives the
same words as, exactly or nearly (:func:`wirewatch.store.wording.same_statement`), and otherwise
starts a statement of its own. Candidates come from ``statement_keys``, an index of the hashes
of each wording's whole folded text and of its runs of three words, so finding them reads a few
index entries, however many statements are stored.

Linking runs inside the transaction that stores the article (:meth:`SqlStatements._link_statements`
is given the articles just written) and only links quotes not linked yet, so a re-run adds
nothing and a killed run leaves no report without its statement. PostgreSQL serialises it with a
transaction-level advisory lock, so two writers never both start the same statement.

A layer of :class:`~wirewatch.store.sql.SqlStore`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from wirewatch.names import fold_words, name_key
from wirewatch.store.base import QuoteHit, StatementCandidate, StatementFilter, StatementRow
from wirewatch.store.connection import Row, marks
from wirewatch.store.search import SqlSearch
from wirewatch.store.wording import is_complete, same_statement, text_keys, words

PER_KEY = 2000
"""A key shared by more wordings than this is read this far only: a very common run of words
("we will not") costs a bounded read, and the rarer runs of the same text find it anyway."""
EXPORT_BATCH = 500
"""Statements whose speakers are looked up together while exporting."""
_STATEMENT_COLS = (
    "s.id, s.text, s.speaker_name, s.speaker_key, s.speaker_type, s.report_count, s.article_count,"
    " s.first_date, s.last_date, s.complete"
)


def _earlier(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if (a or b) else None


def _later(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if (a or b) else None


class SqlStatements(SqlSearch):
    """Grouping quotes into statements, and reading them back."""

    def _lock_statements(self) -> None:
        """Serialise statement updates between writers (PostgreSQL; SQLite has one writer)."""

    # -- linking ---------------------------------------------------------------------------------

    def _link_statements(self, article_ids: Sequence[str] | None = None) -> None:
        if article_ids is not None and not article_ids:
            return
        self._lock_statements()
        where, params = "", []
        if article_ids is not None:
            where = f" AND q.article_id IN ({marks(len(article_ids))})"
            params = list(article_ids)
        rows = self._query(
            "SELECT q.article_id, q.ord, q.text, q.speaker_type, q.speaker_key, q.speaker_name,"
            " coalesce(q.date, a.published) AS date FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE NOT EXISTS (SELECT 1 FROM statement_reports r WHERE r.article_id = q.article_id AND r.ord = q.ord)"
            f"{where} ORDER BY coalesce(q.date, a.published), a.pk, q.ord",
            params,
        )
        speakers: dict[tuple[str, str], list[str]] = {}
        for row in rows:
            self._link_one(row, speakers)

    def _same_speaker_keys(self, stype: str, skey: str, cache: dict[tuple[str, str], list[str]]) -> list[str]:
        """Every name key of the speaker's merged person (just the key when not a person)."""
        found = cache.get((stype, skey))
        if found is None:
            pid = self._person_ids({(stype, skey)}).get((stype, skey)) if skey else None
            found = sorted({skey, *self._alias_keys(pid)[1]}) if pid is not None else [skey]
            cache[(stype, skey)] = found
        return found

    def _link_one(self, row: Row, speakers: dict[tuple[str, str], list[str]]) -> None:
        tokens = words(row["text"])
        if not tokens:
            return
        stype, skey = str(row["speaker_type"] or "person"), str(row["speaker_key"] or "")
        article_id, date = str(row["article_id"]), row["date"]
        keys = text_keys(tokens)
        same = self._same_speaker_keys(stype, skey, speakers)
        candidates = self._query(
            "SELECT s.id, s.text, s.complete, s.words, s.report_count, s.article_count, s.first_date, s.last_date,"
            " count(*) AS n FROM statement_keys k JOIN statements s ON s.id = k.statement_id"
            f" WHERE k.hash IN ({marks(len(keys))}) AND s.speaker_type = ? AND s.speaker_key IN ({marks(len(same))})"
            " GROUP BY s.id, s.text, s.complete, s.words, s.report_count, s.article_count, s.first_date, s.last_date"
            " ORDER BY n DESC, s.id LIMIT 10",
            [*keys, stype, *same],
        )
        best: Row | None = None
        best_matched = -1
        for cand in candidates:
            al = same_statement(tokens, words(cand["text"]))
            if al is not None and al.matched > best_matched:
                best, best_matched = cand, al.matched
        complete = is_complete(row["text"])
        if best is None:
            statement_id = int(
                self._query(
                    "INSERT INTO statements (speaker_type, speaker_key, speaker_name, text, complete, words,"
                    " report_count, article_count, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?)"
                    " RETURNING id",
                    (stype, skey, row["speaker_name"], row["text"], int(complete), len(tokens), date, date),
                )[0]["id"]
            )
        else:
            statement_id = int(best["id"])
            new_article = self._one(
                "SELECT 1 AS x FROM statement_reports WHERE statement_id = ? AND article_id = ?",
                (statement_id, article_id),
            )
            better = (complete, len(tokens)) > (bool(best["complete"]), int(best["words"]))
            self._execute(
                "UPDATE statements SET report_count = ?, article_count = ?, first_date = ?, last_date = ?"
                + (", text = ?, complete = ?, words = ?, speaker_name = ?" if better else "")
                + " WHERE id = ?",
                (
                    int(best["report_count"]) + 1,
                    int(best["article_count"]) + (0 if new_article else 1),
                    _earlier(best["first_date"], date),
                    _later(best["last_date"], date),
                    *((row["text"], int(complete), len(tokens), row["speaker_name"]) if better else ()),
                    statement_id,
                ),
            )
        self._executemany(
            "INSERT INTO statement_keys (hash, statement_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, statement_id) for k in keys],
        )
        self._execute(
            "INSERT INTO statement_reports (article_id, ord, statement_id, date) VALUES (?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (article_id, int(row["ord"]), statement_id, date),
        )

    # -- reading ---------------------------------------------------------------------------------

    def _statement_rows(self, rows: Sequence[Row]) -> list[StatementRow]:
        pids = self._person_ids({(str(r["speaker_type"]), str(r["speaker_key"])) for r in rows if r["speaker_key"]})
        return [
            StatementRow(
                id=int(r["id"]),
                text=str(r["text"]),
                speaker_name=r["speaker_name"],
                speaker_key=str(r["speaker_key"]),
                speaker_type=str(r["speaker_type"]),
                report_count=int(r["report_count"]),
                article_count=int(r["article_count"]),
                first_date=r["first_date"],
                last_date=r["last_date"],
                complete=bool(r["complete"]),
                person_id=pids.get((str(r["speaker_type"]), str(r["speaker_key"]))),
            )
            for r in rows
        ]

    def iter_statements(self) -> Iterator[dict[str, Any]]:
        """Every statement (:meth:`StatementRow.to_dict`) with its reports (article, quote,
        date) in time order, undated last, streamed: one pass over the reports joined to their
        statements, the speakers' people looked up a batch of statements at a time."""
        sql = (
            f"SELECT {_STATEMENT_COLS}, r.article_id, r.ord, r.date"
            " FROM statements s JOIN statement_reports r ON r.statement_id = s.id"
            " ORDER BY s.id, CASE WHEN r.date IS NULL THEN 1 ELSE 0 END, r.date, r.article_id, r.ord"
        )
        heads: list[Row] = []
        reports: dict[int, list[dict[str, Any]]] = {}

        def done() -> Iterator[dict[str, Any]]:
            for st in self._statement_rows(heads):
                yield {**st.to_dict(), "reports": reports[st.id]}
            heads.clear()
            reports.clear()

        for r in self._stream(sql):
            sid = int(r["id"])
            if sid not in reports:
                if len(heads) >= EXPORT_BATCH:
                    yield from done()  # rows come by statement: every one held is complete
                heads.append(r)
                reports[sid] = []
            reports[sid].append({"article_id": r["article_id"], "ord": int(r["ord"]), "date": r["date"]})
        yield from done()

    def statement_candidates(self, text: str, *, limit: int = 10) -> list[StatementCandidate]:
        """The statements sharing most keys with ``text`` (best first), each with its wordings.

        Index-driven: each key of the text reads at most :data:`PER_KEY` entries of
        ``statement_keys`` by its primary key, so the cost does not grow with the store."""
        tokens = words(text)
        keys = text_keys(tokens)
        if not keys:
            return []
        per_key = " UNION ALL ".join(
            f"SELECT statement_id FROM (SELECT statement_id FROM statement_keys WHERE hash = ? LIMIT {PER_KEY:d}) k{i}"
            for i in range(len(keys))
        )
        counted = self._query(
            f"SELECT statement_id, count(*) AS n FROM ({per_key}) u GROUP BY statement_id"
            " ORDER BY n DESC, statement_id LIMIT ?",
            [*keys, max(1, int(limit))],
        )
        if not counted:
            return []
        ids = [int(r["statement_id"]) for r in counted]
        rows = {
            int(r["id"]): r
            for r in self._query(f"SELECT {_STATEMENT_COLS} FROM statements s WHERE s.id IN ({marks(len(ids))})", ids)
        }
        texts: dict[int, dict[str, None]] = {i: {} for i in ids}
        for r in self._query(
            "SELECT r.statement_id, q.text FROM statement_reports r"
            " JOIN quotes q ON q.article_id = r.article_id AND q.ord = r.ord"
            f" WHERE r.statement_id IN ({marks(len(ids))}) ORDER BY r.date, r.article_id, r.ord",
            ids,
        ):
            texts[int(r["statement_id"])].setdefault(str(r["text"]), None)
        statements = {s.id: s for s in self._statement_rows([rows[i] for i in ids if i in rows])}
        return [
            StatementCandidate(statements[int(r["statement_id"])], int(r["n"]), tuple(texts[int(r["statement_id"])]))
            for r in counted
            if int(r["statement_id"]) in statements
        ]

    def statements(
        self, filter: StatementFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[StatementRow]:
        """Statements, most reported first (then the earliest), filtered by ``filter``."""
        f = filter or StatementFilter()
        where = ["s.report_count >= ?"]
        params: list[Any] = [max(1, int(f.min_reports))]
        if f.speaker:
            keys = self._speaker_keys(f.speaker)
            if not keys:
                return []
            where.append(f"s.speaker_key IN ({marks(len(keys))})")
            params.extend(keys)
        if f.text:
            folded = fold_words(f.text)
            if not folded:
                return []
            cond, cparams = self._text_match(folded)
            where.append(
                "s.id IN (SELECT r.statement_id FROM quotes q JOIN statement_reports r"
                f" ON r.article_id = q.article_id AND r.ord = q.ord WHERE {cond})"
            )
            params.extend(cparams)
        if f.date_from:
            where.append("s.last_date >= ?")
            params.append(f.date_from)
        if f.date_to:
            where.append("substr(s.first_date, 1, 10) <= ?")
            params.append(f.date_to)
        rows = self._query(
            f"SELECT {_STATEMENT_COLS} FROM statements s WHERE {' AND '.join(where)}"
            " ORDER BY s.report_count DESC, s.first_date ASC NULLS LAST, s.id LIMIT ? OFFSET ?",
            [*params, max(0, int(limit)), max(0, int(offset))],
        )
        return self._statement_rows(rows)

    def _speaker_keys(self, speaker: str) -> list[str]:
        """The name keys a speaker filter stands for: every spelling of the person it names."""
        key = name_key(speaker)
        if key is None:
            return []
        keys = {key, *self._expand_name(key)}
        for type_ in ("person", "organization"):
            pid = self.find_person(speaker, type_)
            if pid is not None:
                keys.update(self._alias_keys(pid)[1])
        return sorted(keys)

    def statement(self, statement_id: int) -> StatementRow | None:
        rows = self._query(f"SELECT {_STATEMENT_COLS} FROM statements s WHERE s.id = ?", (statement_id,))
        return self._statement_rows(rows)[0] if rows else None

    def statement_reports(self, statement_id: int, *, limit: int = 200) -> list[QuoteHit]:
        """The reports of a statement in time order (the first report first)."""
        rows = self._query(
            "SELECT q.pk FROM statement_reports r JOIN quotes q ON q.article_id = r.article_id AND q.ord = r.ord"
            " JOIN articles a ON a.id = r.article_id WHERE r.statement_id = ?"
            " ORDER BY r.date ASC NULLS LAST, a.pk, q.ord LIMIT ?",
            (statement_id, max(1, int(limit))),
        )
        return self._hits([int(r["pk"]) for r in rows])


__all__ = ["PER_KEY", "SqlStatements"]
