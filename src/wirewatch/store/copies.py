"""Which stored article is which: articles by id, MinHash signatures and their LSH bands, and
the copies (exact or near-duplicate) recorded against a stored article.

A layer of :class:`~wirewatch.store.sql.SqlStore`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from wirewatch.errors import StoreError
from wirewatch.store import dedup
from wirewatch.store.base import CopyRow
from wirewatch.store.connection import Row, SqlConnection, logger, marks, utc_now
from wirewatch.store.rows import body_text


class SqlCopies(SqlConnection):
    """Articles by id, near-duplicate detection and copies."""

    # -- articles by id --------------------------------------------------------------------------

    def article_ids_by_url(self, urls: Sequence[str]) -> dict[str, str]:
        """For each of ``urls`` that a stored article, or a copy recorded against one, was read
        from (``source.url``), that article's id (the first stored where several were)."""
        wanted = sorted({u for u in urls if u})
        out: dict[str, str] = {}
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            rows = self._query(
                f"SELECT url, id AS article_id, pk, 0 AS from_copy FROM articles WHERE url IN ({marks(len(chunk))})"
                f" UNION ALL SELECT url, article_id, pk, 1 AS from_copy FROM copies WHERE url IN ({marks(len(chunk))})"
                " ORDER BY from_copy, pk",
                [*chunk, *chunk],
            )
            for r in rows:
                out.setdefault(r["url"], r["article_id"])
        return out

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)) is not None

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The stored record exactly as it was added, or ``None``."""
        row = self._one("SELECT record_json FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        record: dict[str, Any] = json.loads(row["record_json"])
        return record

    def stored_from(self, article_id: str, source_path: str) -> bool:
        """Whether ``article_id`` is stored with ``source_path`` as its own source (not a copy)."""
        row = self._one("SELECT 1 AS x FROM articles WHERE id = ? AND source_path = ?", (article_id, source_path))
        return bool(row)

    # -- near-duplicates -------------------------------------------------------------------------

    def signature(self, record: Mapping[str, Any]) -> Any:
        """The record's MinHash signature under this store's band layout (``None``: no words)."""
        return dedup.signature(body_text(record), self._layout.num_perm, max(1, self.settings.shingle_words))

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

    # -- copies ----------------------------------------------------------------------------------

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
            (article_id, copy_id, path, url, kind, round(sim, 4), utc_now()),
        )
        return bool(cur.fetchall())

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
