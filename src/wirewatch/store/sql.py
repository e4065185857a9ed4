"""The behaviour both stores share, written once in the SQL that SQLite and PostgreSQL agree on.

:class:`SqlStore` holds every query and write; a subclass supplies the connection, its
transactions, its migrations and the two things that really differ: full-text matching (FTS5 vs
``tsvector``) and the extra columns PostgreSQL's search needs. Statements use ``?`` placeholders,
which :mod:`.paramstyle` puts in psycopg's style for PostgreSQL. Every value reaches the database
as a parameter. Both dialects' DDL comes from one description, :mod:`.schema`.

The class is put together from layers, each a module named for what it holds:

- :mod:`.connection`: the dialect's part, queries, migrations;
- :mod:`.rows`: what a record becomes in each table (column lists and row builders);
- :mod:`.copies`: articles by id, near-duplicate signatures, copies;
- :mod:`.people`: aliases, people and merges;
- :mod:`.writes`: storing records (one transaction per article or batch);
- :mod:`.search`: quote search;
- :mod:`.statements`: quotes grouped into statements (kept up to date by every write), and
  the candidates a quotation is checked against (:mod:`.wording` compares the words);
- :mod:`.views`: people, co-mentions, events, articles, counts;
- :mod:`.exports`: whole tables, streamed.
"""

from __future__ import annotations

from wirewatch.store.connection import Row, SqlConnection
from wirewatch.store.exports import EXPORT_TABLES, SqlExports
from wirewatch.store.rows import ALIAS_TYPES, body_text
from wirewatch.store.search import EVIDENCE_WINDOW, RANK_WINDOW
from wirewatch.store.statements import SqlStatements
from wirewatch.store.writes import SqlWrites

__all__ = [
    "ALIAS_TYPES",
    "EVIDENCE_WINDOW",
    "EXPORT_TABLES",
    "RANK_WINDOW",
    "Row",
    "SqlConnection",
    "SqlStore",
    "body_text",
]


class SqlStore(SqlWrites, SqlStatements, SqlExports):
    """A store over one database connection. Use as a context manager, or call :meth:`close`."""
