"""The HTTP API and the pages through FastAPI's test client, on each backend."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from wirewatch.serve import create_app

from .conftest import SCRIPT


@pytest.fixture
def client(served_db: tuple[str, dict[str, str]]) -> TestClient:
    return TestClient(create_app(served_db[0]), raise_server_exceptions=False)


def test_search_and_filters(client: TestClient) -> None:
    page = client.get("/api/quotes", params={"q": "date"}).json()
    assert len(page["items"]) == 1 and "There is no date yet" in page["items"][0]["text"]
    hit = page["items"][0]
    assert hit["speaker_name"].endswith("Peskov") and hit["agency"] == "TASS" and hit["person_id"]
    assert client.get("/api/quotes", params={"agency": "reuters"}).json()["items"]
    assert not client.get("/api/quotes", params={"to": "2016-01-01"}).json()["items"]
    paged = client.get("/api/quotes", params={"limit": 1}).json()
    assert len(paged["items"]) == 1 and paged["has_more"] is True


@pytest.mark.parametrize(
    "params",
    [{"from": "2016-02-30"}, {"kind": "loud"}, {"limit": "0"}, {"limit": "x"}, {"offset": "-1"}, {"q": "a" * 600}],
)
def test_bad_parameters_are_400_json(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/api/quotes", params=params)
    assert r.status_code == 400
    body = r.json()
    assert body["status"] == 400 and body["error"]


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR (", "NEAR(x", "*", "col:x", "'; DROP TABLE quotes; --", "%_\\"])
def test_malformed_search_strings_are_never_500(client: TestClient, q: str) -> None:
    r = client.get("/api/quotes", params={"q": q, "speaker": q})
    assert r.status_code == 200 and isinstance(r.json()["items"], list)


def test_people_timeline_article_events(client: TestClient, served_db: tuple[str, dict[str, str]]) -> None:
    people = client.get("/api/people").json()
    peskov = [p for p in people if p["name"].endswith("Peskov")]
    assert len(peskov) == 1 and peskov[0]["quote_count"] >= 2
    detail = client.get(f"/api/people/{peskov[0]['id']}").json()
    assert [m["month"] for m in detail["months"]] == ["2016-12"]
    dates = [q["date"] for q in detail["quotes"]["items"]]
    assert dates == sorted(dates)
    assert client.get("/api/people/99999").status_code == 404
    assert client.get("/api/people/abc").status_code == 400
    article_id = served_db[1]["Hostile page"]
    art = client.get(f"/api/articles/{article_id}").json()
    assert SCRIPT in art["record"]["text"] and art["copies"] == []
    assert client.get("/api/articles/nope").json() == {"error": "no article with id nope", "status": 404}
    assert isinstance(client.get("/api/events").json(), list)
    assert isinstance(client.get("/api/merges").json(), list)
    assert client.get("/api/stats").json()["counts"]["articles"] == 3
    assert client.get("/api/co-mentions").status_code == 200


def test_openapi_lists_the_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/quotes", "/api/people", "/api/people/{person_id}", "/api/articles/{article_id}", "/api/events"):
        assert path in spec["paths"]


def test_pages_escape_everything(client: TestClient, served_db: tuple[str, dict[str, str]]) -> None:
    for url in ("/", "/?q=plan", "/people", "/events", "/merges", f"/article/{served_db[1]['Hostile page']}"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert SCRIPT not in r.text and "<img src=x" not in r.text
    page = client.get(f"/article/{served_db[1]['Hostile page']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    r = client.get("/?from=nonsense")
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text
    assert client.get("/person/424242").status_code == 404
