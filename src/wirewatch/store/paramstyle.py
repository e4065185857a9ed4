"""How a statement's parameters are marked, in one place for every dialect.

The store's SQL is written once with ``?`` marks (DB-API's ``qmark`` style), which SQLite's
driver takes as they are. psycopg takes ``%s`` (``format`` style) and reads every ``%`` in the
text as the start of one, so :func:`to_format` rewrites a statement for it: a ``?`` becomes
``%s`` only where it is a parameter, not inside a string literal, a quoted identifier, a
dollar-quoted string or a comment, and every literal ``%`` is doubled (psycopg reads ``%%`` back
as ``%`` wherever it stands, literals included). The rewrite is cached per statement text, so
the hot write path pays it once per distinct statement.

A ``?`` outside those is always a parameter: the store never uses PostgreSQL's ``jsonb ?``
operators, whose spelling would clash (``jsonb_exists`` is the function to use instead).
"""

from __future__ import annotations

import functools
import re

# A dollar-quote tag: $$ or $name$ (a $ after an identifier character is part of the name).
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")


@functools.lru_cache(maxsize=4096)
def to_format(sql: str) -> str:
    """``sql`` written with ``?`` marks, as psycopg's ``%s`` style (see the module docstring)."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch == "?":
            out.append("%s")
            i += 1
        elif ch == "%":
            out.append("%%")
            i += 1
        elif ch in "'\"":
            # E'...' strings take backslash escapes; '' (or "") inside is the quote itself.
            escapes = ch == "'" and i > 0 and sql[i - 1] in "eE" and (i < 2 or not _word(sql[i - 2]))
            j = i + 1
            while j < n:
                if escapes and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == ch:
                    if j + 1 < n and sql[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i : j + 1].replace("%", "%%"))
            i = j + 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        elif ch == "$" and (i == 0 or not _word(sql[i - 1])) and (m := _DOLLAR_TAG.match(sql, i)):
            tag = m.group()
            j = sql.find(tag, m.end())
            j = n if j < 0 else j + len(tag)
            out.append(sql[i:j].replace("%", "%%"))
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
