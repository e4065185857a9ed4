from __future__ import annotations

import json
from typing import Any

import pytest

from wirewatch.watch.alerts import OUTBOX_INSERT, Matcher, outbox_statements
from wirewatch.watch.db import AlertRow


def alert(speaker: str | None = None, search: str | None = None, kind: str | None = None) -> AlertRow:
    return AlertRow(7, "a", speaker, search, kind, "-", "2024-01-01T00:00:00Z")


def quote(text: str, name: str | None, mention: str | None, kind: str = "direct") -> dict[str, Any]:
    return {"text": text, "kind": kind, "type": "statement", "speaker": {"name": name, "mention": mention}}


Q = quote("We are ready to meet in Genève next week", "Dmitry Peskov", "Kremlin spokesman Dmitry Peskov")

CASES = [
    (alert(speaker="Peskov"), Q, True),
    (alert(speaker="dmitry PESKOV"), Q, True),
    (alert(speaker="Kremlin spokesman"), Q, True),  # the words that name him
    (alert(speaker="spokesman Kremlin"), Q, False),  # a phrase, in order
    (alert(speaker="Lavrov"), Q, False),
    (alert(speaker="Pesk"), Q, False),  # whole words only
    (alert(search="geneve meet"), Q, True),  # every word, any order, diacritics folded
    (alert(search="meet Paris"), Q, False),
    (alert(kind="direct"), Q, True),
    (alert(kind="indirect"), Q, False),
    (alert(speaker="Peskov", search="ready", kind="direct"), Q, True),
    (alert(speaker="Peskov", search="ready", kind="mixed"), Q, False),
    (alert(speaker="Peskov"), quote("x", None, None), False),  # no speaker at all
]


@pytest.mark.parametrize(("a", "q", "expected"), CASES)
def test_matching(a: AlertRow, q: dict[str, Any], expected: bool) -> None:
    assert Matcher.of(a).matches(q) is expected


def test_outbox_rows_one_per_alert_and_quote() -> None:
    record = {
        "id": "abc",
        "source": {"url": "https://example.org/x"},
        "headline": {"text": "Talks go on"},
        "published": "2016-12-09",
        "quotes": [Q, quote("Nothing to add", "Maria Zakharova", None), quote("Ready, as I said", "Peskov", None)],
    }
    matchers = [Matcher.of(alert(speaker="Peskov")), Matcher.of(AlertRow(8, "b", None, "ready", None, "-", ""))]
    rows = outbox_statements(matchers, record, "2024-01-01T00:00:00Z")
    assert [(sql, p[:3]) for sql, p in rows] == [
        (OUTBOX_INSERT, (7, "abc", 0)),
        (OUTBOX_INSERT, (8, "abc", 0)),
        (OUTBOX_INSERT, (7, "abc", 2)),
        (OUTBOX_INSERT, (8, "abc", 2)),
    ]
    body = json.loads(rows[0][1][3])
    assert body["quote"] == Q["text"] and body["speaker"] == "Dmitry Peskov" and body["headline"] == "Talks go on"
    assert body["url"] == "https://example.org/x" and body["alert"] == "a"
    assert outbox_statements([], record, "t") == ()
