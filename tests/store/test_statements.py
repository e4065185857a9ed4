"""Statements: reports of the same words by one speaker grouped across articles, on each backend.

The grouping set is a table of reports, each with the statement it belongs to: copies and
rewrites of one quote (case, punctuation and quotation marks changed; part of it quoted; trimmed
with an ellipsis; a word or two changed) and, against them, different statements that share many
of their words (another speaker's same words, a negation, another number, a sentence on the same
subject). Grouping is scored pairwise over the reports: precision and recall must both be 1.
"""

from __future__ import annotations

import json
import sqlite3
from itertools import combinations
from typing import Any

import psycopg
import pytest

from wirewatch.errors import StoreError
from wirewatch.store import Store, open_store
from wirewatch.store.schema import LATEST_VERSION

from .builders import Q, build_record

A = "We are ready to resume the talks in Geneva as soon as our partners confirm the date."
F = (
    "Our government will spend the coming year rebuilding the roads, schools and hospitals that were "
    "neglected for a decade, and we will ask every region to help"
)

# (speaker, words as reported, gold statement, published)
REPORTS: list[tuple[str, str, str, str]] = [
    ("Dmitry Peskov", A, "A", "2024-03-04"),
    (
        "Dmitry Peskov",
        "“We are ready to resume the talks in Geneva, as soon as our partners confirm the date”",
        "A",
        "2024-03-05",
    ),
    (
        "Peskov",
        "WE ARE READY to resume the talks in Geneva as soon as our partners confirm the date!",
        "A",
        "2024-03-05",
    ),
    ("Dmitry Peskov", "ready to resume the talks in Geneva", "A", "2024-03-06"),
    (
        "Dmitry Peskov",
        "We are ready to resume the talks ... as soon as our partners confirm the date.",
        "A",
        "2024-03-06",
    ),
    (
        "Dmitry Peskov",
        "We are ready to restart the talks in Geneva as soon as our partners confirm the date.",
        "A",
        "2024-03-07",
    ),
    (
        "Dmitry Peskov",
        "We are ready to restart the talks in Vienna as soon as our partners confirm the date.",
        "A",
        "2024-03-08",
    ),
    ("Dmitry Peskov", "The talks in Geneva will not resume until our partners confirm the date.", "B", "2024-03-05"),
    (
        "Dmitry Peskov",
        "We are not ready to resume the talks in Geneva as soon as our partners confirm the date.",
        "D",
        "2024-03-06",
    ),
    ("Sergei Lavrov", A, "C", "2024-03-04"),
    ("Boris Johnson", "No comment.", "E", "2024-03-04"),
    ("Boris Johnson", "No comment", "E", "2024-03-09"),
    ("Boris Johnson", "No comment at all", "G", "2024-03-09"),
    ("Joe Biden", F, "F", "2024-03-01"),
    ("Joe Biden", F.replace("coming year", "next year").replace("help", "contribute"), "F", "2024-03-02"),
    ("Joe Biden", F.split(", and")[0], "F", "2024-03-03"),
    ("Joe Biden", F.replace("a decade", "12 years"), "H", "2024-03-03"),
    ("Joe Biden", "Our government will spend the coming year rebuilding the army and the navy.", "I", "2024-03-03"),
]


def _record(i: int, speaker: str, words: str, published: str) -> dict[str, Any]:
    text = f"Report {i}\n\nIn a statement on day {i}, {speaker} said: {words} The agency number {i} reported it.\n"
    return build_record(text, [Q(words, speaker)], published=published, path=f"r{i}.txt")


def _groups(s: Store) -> dict[str, int]:
    """Article source path -> the statement its one quote was put in."""
    out: dict[str, int] = {}
    for row in s.statements(limit=500):
        for hit in s.statement_reports(row.id):
            assert hit.source_path is not None
            out[hit.source_path] = row.id
    return out


def pairwise(gold: dict[str, str], got: dict[str, int]) -> tuple[float, float]:
    """Precision and recall of grouping, over every pair of reports."""
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_got = gold[a] == gold[b], got[a] == got[b]
        tp += same_gold and same_got
        fp += same_got and not same_gold
        fn += same_gold and not same_got
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def test_reports_of_one_statement_are_grouped_and_no_two_statements_merged(empty_store: Store) -> None:
    for i, (speaker, words, _, published) in enumerate(REPORTS):
        assert empty_store.add_record(_record(i, speaker, words, published)).stored
    got = _groups(empty_store)
    gold = {f"r{i}.txt": g for i, (_, _, g, _) in enumerate(REPORTS)}
    assert set(got) == set(gold)
    precision, recall = pairwise(gold, got)
    print(
        f"statement grouping: {len(gold)} reports, {len(set(gold.values()))} statements, "
        f"pairwise precision {precision:.3f}, recall {recall:.3f}"
    )
    assert (precision, recall) == (1.0, 1.0)


def test_a_statement_has_its_canonical_text_first_report_and_counts(empty_store: Store) -> None:
    s = empty_store
    for i, (speaker, words, gold, published) in enumerate(REPORTS):
        if gold == "A":
            s.add_record(_record(i, speaker, words, published))
    (row,) = s.statements()
    assert row.text == A  # the longest complete report (the trimmed ones are shorter or cut)
    assert (row.report_count, row.article_count, row.first_date, row.last_date) == (7, 7, "2024-03-04", "2024-03-08")
    assert row.speaker_name == "Dmitry Peskov" and row.person_id is not None
    reports = s.statement_reports(row.id)
    assert [h.date for h in reports] == sorted(h.date or "" for h in reports)
    first = reports[0]
    assert first.source_path == "r0.txt" and first.start is not None and first.end is not None
    record = s.get_article(first.article_id)
    assert record is not None and record["text"][first.start : first.end] == A
    assert s.statements(min_reports_filter(8)) == []


def min_reports_filter(n: int) -> Any:
    from wirewatch.store.base import StatementFilter

    return StatementFilter(min_reports=n)


def test_reingesting_adds_no_report_and_a_later_earlier_report_becomes_first(empty_store: Store) -> None:
    s = empty_store
    first = _record(1, "Dmitry Peskov", A, "2024-03-05")
    assert s.add_record(first).stored
    assert s.add_record(first).status == "duplicate"
    assert s.add_many([first, first])[0].status == "duplicate"
    (row,) = s.statements()
    assert row.report_count == 1
    s.add_record(_record(2, "Dmitry Peskov", A.upper(), "2024-03-01"))  # stored later, said earlier
    (row,) = s.statements()
    assert (row.report_count, row.first_date) == (2, "2024-03-01")
    assert s.statement_reports(row.id)[0].source_path == "r2.txt"


def test_a_person_counts_statements_not_reports(empty_store: Store) -> None:
    s = empty_store
    for i in range(3):
        s.add_record(_record(i, "Dmitry Peskov", A, f"2024-03-0{i + 1}"))
    s.add_record(_record(9, "Dmitry Peskov", "The weather in Moscow is grey and cold all winter long.", "2024-04-02"))
    pid = s.find_person("Dmitry Peskov")
    assert pid is not None
    person = s.person(pid)
    assert person is not None and person.person.quote_count == 2
    assert [p.quote_count for p in s.people() if p.id == pid] == [2]
    assert [(m.month, m.count) for m in s.timeline(pid)] == [("2024-03", 1), ("2024-04", 1)]


def _fail_on_statement_reports(url: str) -> None:
    """A database-level failure while the article's statements are written."""
    if url.startswith("postgresql://"):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE FUNCTION ww_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$"
                " LANGUAGE plpgsql"
            )
            conn.execute(
                "CREATE TRIGGER ww_fail BEFORE INSERT ON statement_reports FOR EACH ROW EXECUTE FUNCTION ww_fail()"
            )
    else:
        with sqlite3.connect(url) as conn:
            conn.execute(
                "CREATE TRIGGER ww_fail BEFORE INSERT ON statement_reports"
                " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
            )
        conn.close()


def _heal(url: str) -> None:
    if url.startswith("postgresql://"):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TRIGGER ww_fail ON statement_reports")
    else:
        with sqlite3.connect(url) as conn:
            conn.execute("DROP TRIGGER ww_fail")
        conn.close()


def test_a_failure_while_linking_loses_the_whole_article_and_a_rerun_stores_it_once(store_url: str) -> None:
    records = [_record(i, "Dmitry Peskov", A, "2024-03-0" + str(i + 1)) for i in range(3)]
    with open_store(store_url) as s:
        s.add_record(records[0])
    _fail_on_statement_reports(store_url)
    with open_store(store_url) as s:
        with pytest.raises(StoreError, match="disk on fire"):
            s.add_record(records[1])
        assert not s.has_article(records[1]["id"])  # nothing of it: no quotes without statements
        assert s.stats()["quotes"] == 1
    _heal(store_url)
    with open_store(store_url) as s:
        for r in records:  # the re-run
            s.add_record(r)
        for r in records:
            s.add_record(r)
        (row,) = s.statements()
        assert row.report_count == 3 and s.stats()["quotes"] == 3


def test_a_version_4_database_gets_its_quotes_grouped_when_migrated(store_url: str) -> None:
    """Made by the version-4 DDL as it shipped, with two articles reporting one statement and
    quotes rows as version 4 wrote them: opening it applies versions 5 and on and links every quote."""
    from wirewatch.names import fold_words, name_key
    from wirewatch.store.paramstyle import to_format

    from .test_schema import _old_database

    backend = "postgres" if store_url.startswith("postgresql://") else "sqlite"
    _old_database(backend, store_url, 4)
    records = [_record(i, "Dmitry Peskov", words, f"2024-03-0{i + 1}") for i, words in enumerate([A, A.lower(), F])]
    insert_article = "INSERT INTO articles (id, source_path, text, record_json, published) VALUES (?, ?, ?, ?, ?)"
    insert_quote = "INSERT INTO quotes (article_id, ord, text, speaker_name, speaker_key, speaker_type, date)"
    insert_quote += " VALUES (?, ?, ?, ?, ?, ?, ?)"

    articles = [(r["id"], r["source"]["path"], r["text"], json.dumps(r), r["published"]) for r in records]
    quotes = [
        (r["id"], 0, r["quotes"][0]["text"], "Dmitry Peskov", name_key("Dmitry Peskov"), "person", r["published"])
        for r in records
    ]
    if backend == "sqlite":
        with sqlite3.connect(store_url) as conn:
            conn.executemany(insert_article, articles)
            conn.executemany(insert_quote, quotes)
        conn.close()
    else:
        insert_quote = insert_quote.replace(") VALUES (", ", text_fold, speaker_fold) VALUES (?, ?, ")
        folded = [(*q, " ".join(fold_words(q[2])), "dmitry peskov") for q in quotes]
        with psycopg.connect(store_url, autocommit=True) as pg, pg.cursor() as cur:
            cur.executemany(to_format(insert_article), articles)
            cur.executemany(to_format(insert_quote), folded)
    with open_store(store_url) as s:
        assert s.schema_versions()[-1] == LATEST_VERSION
        rows = s.statements()
        assert sorted(r.report_count for r in rows) == [1, 2]
        assert {r.text for r in rows} == {A, F}
        s.add_record(_record(7, "Dmitry Peskov", A, "2024-02-01"))  # new writes keep linking
        assert max(r.report_count for r in s.statements()) == 3
