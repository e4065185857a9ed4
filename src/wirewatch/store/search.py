"""Finding quotes: by words, speaker, person, organisation, place, agency, dates, article and
type; a words-only search ranked, anything else newest first; each hit with its evidence window.

A layer of :class:`~wirewatch.store.sql.SqlStore`; a dialect supplies the full-text matching
(FTS5 in SQLite, ``tsvector`` in PostgreSQL).
"""

from __future__ import annotations

import abc
from typing import Any

from wirewatch.names import fold_words, name_key
from wirewatch.store.base import QuoteFilter, QuoteHit, evidence
from wirewatch.store.connection import Row, marks
from wirewatch.store.people import SqlPeople

EVIDENCE_WINDOW = 400
RANK_WINDOW = 2000
"""A words-only search ranks the most recently stored this-many matches: exact for all but very
common words, and bounded in time however many quotes a word occurs in."""
_EVIDENCE_MAX = 700


class SqlSearch(SqlPeople):
    """Quote search."""

    # -- what a dialect supplies -----------------------------------------------------------------

    @abc.abstractmethod
    def _text_match(self, words: list[str]) -> tuple[str, list[Any]]:
        """A condition on ``q``: every word occurs in the quote text."""

    @abc.abstractmethod
    def _speaker_match(self, words: list[str]) -> tuple[str, list[Any]]:
        """A condition: the words occur as a phrase in the speaker's name or mention."""

    @abc.abstractmethod
    def _ranked_sql(self, words: list[str], limit: int, offset: int) -> tuple[str, list[Any]]:
        """SQL and parameters giving ``pk`` of one page of a ranked words-only search."""

    # -- searching -------------------------------------------------------------------------------

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
                cond = f"({cond} OR q.speaker_key IN ({marks(len(expanded))}))"
                cparams = [*cparams, *expanded]
            where.append(cond)
            params.extend(cparams)
        if f.person is not None:
            ptype, keys = self._alias_keys(f.person)
            if not keys:
                return []
            where.append(f"q.speaker_key IN ({marks(len(keys))}) AND q.speaker_type = ?")
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
                f"q.article_id IN (SELECT article_id FROM entities WHERE type = ? AND name_key IN ({marks(len(keys))}))"
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
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.pk IN ({marks(len(pks))})"
        )
        # The window is cut in SQL so that a hit never loads a whole long article into Python.
        head = [EVIDENCE_WINDOW, 2 * EVIDENCE_WINDOW + _EVIDENCE_MAX, EVIDENCE_WINDOW]
        rows = {int(r["pk"]): r for r in self._query(sql, [*head, *pks])}
        ordered = [rows[pk] for pk in pks if pk in rows]
        pids = self._person_ids({(str(r["speaker_type"]), str(r["speaker_key"])) for r in ordered if r["speaker_key"]})
        return [self._hit(row, pids) for row in ordered]

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
