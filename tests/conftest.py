"""Shared fixtures: a ``store`` opened on each backend (SQLite in a temporary folder, and
PostgreSQL in a fresh schema when ``WIREWATCH_TEST_PG`` names a server).

The ``gate`` marker names the accuracy gates (``tests/gates.py``). When ``CI_GATE_REPORT``
names a file, the session writes there, as JSON, every gate test collected, those that ran and
those that skipped with the reason; ``.ci/run`` reads it.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from wirewatch.store import Store, open_store

PG_URL = os.environ.get("WIREWATCH_TEST_PG", "")
RUN = secrets.token_hex(4)
_SCHEMAS = count()
BACKENDS = ["sqlite", "postgres"]
GATE_REPORT = os.environ.get("CI_GATE_REPORT", "")
_gates: dict[str, dict[str, str]] = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "gate: an accuracy gate on the evaluation data (tests/gates.py)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("gate") is not None:
            _gates[item.nodeid] = {"test": item.nodeid, "outcome": "not run"}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    gate = _gates.get(report.nodeid)
    if gate is None:
        return
    if report.skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        gate.update(outcome="skipped", reason=reason.removeprefix("Skipped: "))
    elif (report.when == "call" or report.failed) and gate["outcome"] != "failed":
        gate["outcome"] = report.outcome


def pytest_sessionfinish(session: pytest.Session) -> None:
    if GATE_REPORT:
        Path(GATE_REPORT).write_text(json.dumps(sorted(_gates.values(), key=lambda g: g["test"]), indent=1) + "\n")


def pg_admin_execute(sql: str) -> None:
    """Run one statement on the test server outside any test schema."""
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql.encode("utf-8"))


def with_schema(url: str, schema: str) -> str:
    """``url`` with its ``search_path`` set to ``schema`` (libpq's ``options`` parameter)."""
    return url + ("&" if "?" in url else "?") + "options=-csearch_path%3D" + schema


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh, empty schema, dropped after the test."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need WIREWATCH_TEST_PG=postgresql://user@host:port/db (see .ci/run)")
    schema = f"ww_test_{RUN}_{next(_SCHEMAS)}"
    pg_admin_execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(PG_URL, schema)
    finally:
        pg_admin_execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database location for each backend: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def empty_store(store_url: str) -> Iterator[Store]:
    """An empty, migrated store on each backend."""
    with open_store(store_url) as s:
        yield s
