"""The attribution-type filter and people counts through the query layer, the CLI and the HTTP API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from wirewatch import query
from wirewatch.cli import cli
from wirewatch.serve import create_app
from wirewatch.store import open_store

from ..store.test_quote_types import typed_record


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "types.db")
    with open_store(path) as s:
        s.add_article(typed_record())
    return path


def test_make_filter_and_quote_type() -> None:
    assert query.make_filter(type="belief").type == "belief"
    assert query.make_filter(type="all").type is None
    assert query.make_filter().type is None
    assert query.quote_type(None) == "statement"
    assert query.quote_type("all") is None
    with pytest.raises(query.QueryError):
        query.make_filter(type="rumour")


def test_timeline_statements_unless_told(db: str) -> None:
    with open_store(db) as s:
        pid = s.people()[0].id
        t = query.timeline(s, pid)
        assert t is not None and [h.type for h in t.quotes.items] == ["statement"]
        t_all = query.timeline(s, pid, type=None)
        assert t_all is not None and len(t_all.quotes.items) == 3 and t_all.person.person.quote_count == 3


def test_cli_quotes_people_timeline(db: str) -> None:
    run = CliRunner().invoke
    out = run(cli, ["quotes", "--db", db, "--type", "belief", "--json"], catch_exceptions=False).output
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["the deal is close"]
    out = run(cli, ["quotes", "--db", db], catch_exceptions=False).output
    assert len(out.splitlines()) == 3 and "“the deal is close” — belief," in out
    assert "1 quote in 1 article" in run(cli, ["people", "--db", db], catch_exceptions=False).output
    assert "3 quotes in 1 article" in run(cli, ["people", "--db", db, "--type", "all"], catch_exceptions=False).output
    out = run(cli, ["timeline", "--db", db, "Peskov", "--type", "all", "--json"], catch_exceptions=False).output
    assert len(json.loads(out)["quotes"]) == 3
    bad = run(cli, ["quotes", "--db", db, "--type", "rumour"])
    assert bad.exit_code == 2


def test_api_and_pages(db: str) -> None:
    client = TestClient(create_app(db), raise_server_exceptions=False)
    items = client.get("/api/quotes", params={"quote_type": "intention"}).json()["items"]
    assert [(i["text"], i["type"]) for i in items] == [("a meeting in May", "intention")]
    assert len(client.get("/api/quotes").json()["items"]) == 3
    assert client.get("/api/quotes", params={"quote_type": "rumour"}).status_code == 400
    (person,) = client.get("/api/people").json()
    assert person["quote_count"] == 1
    assert client.get("/api/people", params={"quote_type": "all"}).json()[0]["quote_count"] == 3
    detail = client.get(f"/api/people/{person['id']}", params={"quote_type": "all"}).json()
    assert len(detail["quotes"]["items"]) == 3
    page = client.get("/", params={"quote_type": "belief"}).text
    assert "the deal is close" in page and "a meeting in May" not in page
    assert '<option value="belief" selected>' in page
    person_page = client.get(f"/person/{person['id']}").text
    assert "the talks would go on" in person_page and "the deal is close" not in person_page
    assert "the deal is close" in client.get(f"/person/{person['id']}", params={"quote_type": "all"}).text
    assert client.get("/", params={"quote_type": "<script>"}).status_code == 400
