"""``?`` marks in psycopg's style: parameters only, never a ``?`` that is part of the SQL text."""

from __future__ import annotations

import pytest

from wirewatch.store.paramstyle import to_format


@pytest.mark.parametrize(
    ("qmark", "formatted"),
    [
        ("SELECT * FROM quotes WHERE id = ? AND ord IN (?,?)", "SELECT * FROM quotes WHERE id = %s AND ord IN (%s,%s)"),
        ("SELECT 'why?' AS q, ?", "SELECT 'why?' AS q, %s"),
        ("SELECT 'it''s ? here', ?", "SELECT 'it''s ? here', %s"),
        ('SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = %s'),
        ("SELECT 1 -- a comment? yes\nWHERE x = ?", "SELECT 1 -- a comment? yes\nWHERE x = %s"),
        ("SELECT /* why? */ ?", "SELECT /* why? */ %s"),
        ("SELECT $$a ? b$$, $tag$c ? 'd$tag$, ?", "SELECT $$a ? b$$, $tag$c ? 'd$tag$, %s"),
        ("SELECT E'a\\'?b', ?", "SELECT E'a\\'?b', %s"),
        # every % is doubled, literals included: psycopg reads %% back as % wherever it stands
        (
            "SELECT strftime('%Y', x) WHERE a LIKE '5%' AND b = ? % 2",
            "SELECT strftime('%%Y', x) WHERE a LIKE '5%%' AND b = %s %% 2",
        ),
        ("SELECT price$1 FROM t WHERE a = ?", "SELECT price$1 FROM t WHERE a = %s"),
    ],
)
def test_only_parameter_marks_are_rewritten(qmark: str, formatted: str) -> None:
    assert to_format(qmark) == formatted


def test_psycopg_reads_the_rewrite_back(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        row = conn.execute(to_format("SELECT 'why?' AS a, ? AS b, '5%' AS c, ? || '?' AS d"), ("x", "y")).fetchone()
    assert row == ("why?", "x", "5%", "y?")
