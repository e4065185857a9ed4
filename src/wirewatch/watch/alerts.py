"""Saved searches matched against each new record as it is stored, never by re-scanning.

A quote matches an alert when every condition the alert gives holds: ``speaker``, a phrase of
the speaker's name or of the words naming them (``Peskov``, ``Kremlin spokesman``); ``search``,
words that all occur in the quote; ``kind``, the quote's kind (direct, indirect, mixed). Words
are folded as both stores fold them for search (case and diacritics removed,
:func:`wirewatch.names.fold_words`), so an alert matches what ``wirewatch quotes`` with the same
options finds in that article.

:func:`outbox_statements` turns the matches of one record into outbox rows, written in the
article's own transaction; :mod:`.deliver` sends them afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wirewatch.names import fold_words
from wirewatch.store.base import Statement
from wirewatch.watch.db import AlertRow

OUTBOX_INSERT = (
    "INSERT INTO alert_outbox (alert_id, article_id, quote_ord, payload_json, created_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (alert_id, article_id, quote_ord) DO NOTHING"
)


@dataclass(frozen=True)
class Matcher:
    """An alert with its conditions folded once."""

    alert: AlertRow
    speaker: tuple[str, ...]
    search: frozenset[str]

    @classmethod
    def of(cls, alert: AlertRow) -> Matcher:
        return cls(alert, tuple(fold_words(alert.speaker)), frozenset(fold_words(alert.search)))

    def matches(self, quote: Mapping[str, Any]) -> bool:
        if self.alert.kind and quote.get("kind") != self.alert.kind:
            return False
        if self.search and not self.search <= set(fold_words(quote.get("text"))):
            return False
        if self.speaker:
            speaker = quote.get("speaker") or {}
            if not any(_has_phrase(fold_words(speaker.get(k)), self.speaker) for k in ("name", "mention")):
                return False
        return True


def _has_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


def payload(alert: AlertRow, record: Mapping[str, Any], ord_: int, quote: Mapping[str, Any]) -> dict[str, Any]:
    """What a delivery carries: the alert, the quote and where to check it."""
    speaker = quote.get("speaker") or {}
    headline = record.get("headline") or {}
    source = record.get("source") or {}
    return {
        "alert": alert.name,
        "article_id": record.get("id"),
        "quote_ord": ord_,
        "quote": quote.get("text"),
        "kind": quote.get("kind"),
        "type": quote.get("type"),
        "speaker": speaker.get("name"),
        "speaker_mention": speaker.get("mention"),
        "speaker_role": speaker.get("role"),
        "date": quote.get("date"),
        "headline": headline.get("text") if isinstance(headline, Mapping) else None,
        "published": record.get("published"),
        "url": source.get("url"),
    }


def outbox_statements(matchers: Sequence[Matcher], record: Mapping[str, Any], now: str) -> tuple[Statement, ...]:
    """One outbox row per (alert, quote) that matches, for the record's transaction."""
    out: list[Statement] = []
    for ord_, quote in enumerate(record.get("quotes") or ()):
        for m in matchers:
            if m.matches(quote):
                body = json.dumps(payload(m.alert, record, ord_, quote), ensure_ascii=False, sort_keys=True)
                out.append((OUTBOX_INSERT, (m.alert.id, record["id"], ord_, body, now)))
    return tuple(out)
