"""Every row of a table, streamed, for ``wirewatch export``: quotes (flat), articles (the
records of docs/schema.md), people (merged) or statements (each with its reports in time order).

A layer of :class:`~wirewatch.store.sql.SqlStore`.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Iterator
from typing import Any

from wirewatch.errors import StoreError
from wirewatch.store.views import SqlViews

EXPORT_TABLES = ("quotes", "articles", "people", "statements")


class SqlExports(SqlViews):
    """Streaming whole tables out."""

    @abc.abstractmethod
    def iter_statements(self) -> Iterator[dict[str, Any]]:
        """Every statement with its reports (:class:`~wirewatch.store.statements.SqlStatements`)."""

    def iter_table(self, what: str) -> Iterator[dict[str, Any]]:
        """Every row of ``quotes`` (flat, one per quote), ``articles`` (the records, docs/schema.md) or
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
        elif what == "statements":
            yield from self.iter_statements()
        else:
            raise StoreError(f"cannot export {what!r}: choose one of {', '.join(EXPORT_TABLES)}")
