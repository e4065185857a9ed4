"""Where article records are kept and searched. Only SQLite for now."""

from __future__ import annotations

from wirewatch.store.sqlite import PersonRow, QuoteHit, SqliteStore, evidence, fts_query, name_key

__all__ = ["PersonRow", "QuoteHit", "SqliteStore", "evidence", "fts_query", "name_key"]
