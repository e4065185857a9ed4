"""What the store shows besides quote hits: people (merged, with their spellings, roles and
timelines), who is quoted about whom, events, articles and row counts.

A layer of :class:`~wirewatch.store.sql.SqlStore`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from wirewatch.names import name_key
from wirewatch.store.base import (
    ArticleRow,
    CoMention,
    EventRow,
    PersonDetail,
    PersonRow,
    RoleSpan,
    TimelineBucket,
)
from wirewatch.store.connection import Row, marks
from wirewatch.store.people import SqlPeople


def _preferred_name(names: Counter[str], own: str | None) -> str | None:
    """The spelling to show: a full name before a bare surname, then the most frequent, then
    the one the person was first stored under."""
    ranked = sorted(names.items(), key=lambda kv: (-(len(kv[0].split()) > 1), -kv[1], kv[0] != own, -len(kv[0]), kv[0]))
    return ranked[0][0] if ranked else None


class SqlViews(SqlPeople):
    """People, co-mentions, events, articles and counts."""

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
            " q.speaker_name AS name, q.speaker_role AS role, q.date AS date, r.statement_id AS sid"
            " FROM quotes q JOIN person_aliases pa ON pa.type = q.speaker_type AND pa.key = q.speaker_key"
            " LEFT JOIN statement_reports r ON r.article_id = q.article_id AND r.ord = q.ord"
            f"{cond} UNION ALL "
            "SELECT pa.person_id, e.article_id, 0, e.name, e.role, a.published, CAST(NULL AS BIGINT)"
            " FROM entities e JOIN person_aliases pa ON pa.type = e.type AND pa.key = e.name_key"
            " JOIN articles a ON a.id = e.article_id"
        )
        return sql, params

    def people(
        self, *, limit: int = 100, offset: int = 0, type: str = "person", quote_type: str | None = "statement"
    ) -> list[PersonRow]:
        """People (or organisations) across articles, merged, most quoted first; quotes count
        those of ``quote_type`` (statements unless told otherwise; None: every type), and count
        statements, not reports: the same words reported by three articles count once."""
        msql, mparams = self._mentions_sql(quote_type)
        rows = self._query(
            f"WITH m AS ({msql})"
            " SELECT m.pid, count(DISTINCT m.sid) AS quotes, count(DISTINCT m.article_id) AS articles"
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
            f" WHERE pid IN ({marks(len(pids))}) GROUP BY pid, name, role",
            [*mparams, *pids],
        ):
            names[int(r["pid"])][str(r["name"])] += int(r["n"])
            if r["role"]:
                roles[int(r["pid"])][str(r["role"])] += int(r["n"])
        # Ties between spellings go to the one the person was first stored under.
        first_names = {
            int(r["id"]): str(r["name"])
            for r in self._query(f"SELECT id, name FROM persons WHERE id IN ({marks(len(pids))})", pids)
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
            " q.date AS date, r.statement_id AS sid FROM quotes q"
            " LEFT JOIN statement_reports r ON r.article_id = q.article_id AND r.ord = q.ord"
            f" WHERE q.speaker_key IN ({marks(len(keys))}) AND q.speaker_type = ?"
            f"{cond} UNION ALL SELECT e.article_id, 0, e.role, e.name, a.published, CAST(NULL AS BIGINT)"
            " FROM entities e"
            f" JOIN articles a ON a.id = e.article_id WHERE e.type = ? AND e.name_key IN ({marks(len(keys))})"
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
        # Statements, not reports: one statement reported by three articles counts once.
        said = self._scalar(
            f"WITH m AS ({mentions}) SELECT count(*) AS n FROM (SELECT DISTINCT sid FROM m WHERE sid IS NOT NULL) d",
            args,
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
            quote_count=said,
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
        """How many statements (quotes of ``quote_type``; None: every type) the person gave per
        month, oldest first: reports of one statement count once, in the month of its earliest
        report."""
        ptype, keys = self._alias_keys(person_id)
        if not keys:
            return []
        cond, cparams = self._type_cond(quote_type)
        rows = self._query(
            "SELECT month, count(*) AS n FROM (SELECT r.statement_id, min(substr(q.date, 1, 7)) AS month"
            " FROM quotes q JOIN statement_reports r ON r.article_id = q.article_id AND r.ord = q.ord"
            f" WHERE q.speaker_type = ? AND q.speaker_key IN ({marks(len(keys))}){cond}"
            " GROUP BY r.statement_id) s GROUP BY month ORDER BY month",
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
