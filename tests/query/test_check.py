"""Checking a quotation (:func:`wirewatch.query.check.check`), its command and its API, on each
backend: a table of circulating versions of stored quotes, with the verdict each must get."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.store.builders import Q, build_record
from wirewatch.cli import cli
from wirewatch.errors import QueryError
from wirewatch.query.check import check
from wirewatch.serve import create_app
from wirewatch.store import Store, open_store

GENEVA = "We are ready to resume the talks in Geneva as soon as our partners confirm the date."
ROADS = "Our government will spend the coming year rebuilding the roads, schools and hospitals of the north."


def _fill(db: str) -> None:
    with open_store(db) as s:
        texts = [
            (
                f'Talks\n\nKremlin spokesman Dmitry Peskov said: "{GENEVA}" He spoke on Monday.\n',
                GENEVA,
                "Dmitry Peskov",
            ),
            (
                f'Talks again\n\nPeskov told reporters: "{GENEVA[:35]}..." Nothing else was said.\n',
                GENEVA[:35] + "...",
                "Dmitry Peskov",
            ),
            (f'Budget\n\nPrime Minister Jane Hart said: "{ROADS}" She was in Leeds.\n', ROADS, "Jane Hart"),
        ]
        for i, (text, quote, name) in enumerate(texts):
            s.add_record(build_record(text, [Q(quote, name)], published=f"2024-03-0{i + 1}", path=f"c{i}.txt"))


@pytest.fixture
def checked(store_url: str) -> Iterator[Store]:
    _fill(store_url)
    with open_store(store_url, readonly=True) as s:
        yield s


CASES = [
    (GENEVA, "Dmitry Peskov", "exact"),
    (GENEVA.upper().replace(".", "!"), "Peskov", "exact"),
    ("“We are ready to resume the talks in Geneva”", None, "trimmed"),
    ("We are ready to resume the talks … as soon as our partners confirm the date", "Peskov", "trimmed"),
    ("We are ready to resume the talks in Vienna as soon as our partners confirm the date.", "Peskov", "altered"),
    ("We are not ready to resume the talks in Geneva as soon as our partners confirm the date.", None, "altered"),
    (
        "We are ready to resume the talks in Geneva as soon as our partners confirm the date.",
        "Jane Hart",
        "misattributed",
    ),
    (ROADS, "Dmitry Peskov", "misattributed"),
    ("The cat sat on the mat while the rain kept falling over the quiet town.", None, "not found"),
    ("Geneva", None, "not found"),
    # The statement whole, with a clause of other words after it: most of the statement given.
    (GENEVA + " But only if the sanctions are lifted first.", "Peskov", "altered"),
    # Five words of a longer statement and two others: 5/7 of the sentence, but a phrase of the
    # statement rather than a report of it.
    ("He will spend the coming year abroad.", None, "not found"),
]


@pytest.mark.parametrize(("text", "speaker", "verdict"), CASES)
def test_verdicts(checked: Store, text: str, speaker: str | None, verdict: str) -> None:
    result = check(checked, text, speaker=speaker)
    assert result.verdict == verdict, result.reason
    if verdict == "not found":
        assert result.best is None and result.first is None
        return
    assert result.best is not None and result.first is not None
    if verdict == "misattributed":
        assert result.best.speaker_matches is False
    elif speaker is not None:
        assert result.best.speaker_matches is True


def test_the_diff_marks_what_was_changed_and_the_first_source_has_evidence(checked: Store) -> None:
    result = check(checked, "We are ready to resume the talks in Vienna as soon as our partners confirm the date.")
    assert result.best is not None and result.first is not None
    changed = [(p.ours, p.theirs) for p in result.diff if p.op != "equal"]
    assert changed == [(("Vienna",), ("Geneva",))]
    first = result.first
    assert first.source_path == "c0.txt" and first.date == "2024-03-01"
    record = checked.get_article(first.article_id)
    assert record is not None and first.start is not None
    assert record["text"][first.start : first.end] == GENEVA
    trimmed = check(checked, GENEVA[:35])
    assert trimmed.verdict == "exact"  # the words of the second, trimmed report exactly


def test_bad_input_is_a_query_error(checked: Store) -> None:
    for text in ("", "   ", "...!", "x\x00y", "w " * 2000):
        with pytest.raises(QueryError):
            check(checked, text)


def test_check_and_statements_commands(store_url: str) -> None:
    _fill(store_url)
    run = CliRunner().invoke
    vienna = GENEVA.replace("Geneva", "Vienna")
    out = run(cli, ["check", "--db", store_url, vienna, "--speaker", "Peskov"])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("verdict: altered")
    assert "[-Geneva-] {+Vienna+}" in out.stdout and "matches --speaker" in out.stdout
    assert "first reported: 2024-03-01" in out.stdout and "c0.txt" in out.stdout
    # nothing stored is a source: the verdict, then the nearest statement
    out = run(cli, ["check", "--db", store_url, "Our partners will confirm the date of the concert soon."])
    assert out.exit_code == 0 and out.stdout.startswith("verdict: not found"), out.output
    assert "closest" in out.stdout and "Geneva" in out.stdout
    out = run(cli, ["check", "--db", store_url, ROADS, "--speaker", "Peskov", "--json"])
    body = json.loads(out.stdout)
    assert body["verdict"] == "misattributed" and body["best"]["statement"]["speaker_name"] == "Jane Hart"
    out = run(cli, ["statements", "--db", store_url, "--min-reports", "2", "--reports"])
    assert out.exit_code == 0 and out.stdout.count("\n#") == 0 and "2 report(s)" in out.stdout
    assert "Dmitry Peskov" in out.stdout and "Jane Hart" not in out.stdout and "same words" in out.stdout
    out = run(cli, ["statements", "--db", store_url, "--speaker", "Jane Hart", "--json"])
    (line,) = out.stdout.splitlines()
    assert json.loads(line)["statement"]["text"] == ROADS
    assert run(cli, ["statements", "--db", store_url, "--from", "2024-13-01"]).exit_code != 0


def test_check_api_and_pages(store_url: str) -> None:
    _fill(store_url)
    client = TestClient(create_app(store_url), raise_server_exceptions=False)
    body = client.get("/api/check", params={"text": GENEVA, "speaker": "Jane Hart"}).json()
    assert body["verdict"] == "misattributed" and body["first"]["source_path"] == "c0.txt"
    assert body["best"]["diff"][0]["op"] == "equal"
    assert client.get("/api/check", params={"text": ""}).status_code == 400
    assert client.get("/api/check").status_code == 400
    page = client.get("/api/statements", params={"min_reports": 2}).json()
    assert [s["report_count"] for s in page["items"]] == [2]
    sid = page["items"][0]["id"]
    detail = client.get(f"/api/statements/{sid}").json()
    assert [r["quote"]["date"] for r in detail["reports"]] == ["2024-03-01", "2024-03-02"]
    assert client.get("/api/statements/424242").status_code == 404
    html = client.get("/check", params={"text": GENEVA.replace("Geneva", "Vienna"), "speaker": "<b>x</b>"})
    assert html.status_code == 200 and "<b>x</b>" not in html.text and "&lt;b&gt;x&lt;/b&gt;" in html.text
    assert '<del class="changed"' in html.text and '<ins class="changed"' in html.text
    assert "Geneva" in client.get("/statements").text and client.get(f"/statement/{sid}").status_code == 200
    assert client.get("/statements", params={"from": "2024-02-30"}).status_code == 400


def test_the_speakers_own_statement_is_the_source_among_equal_matches(store_url: str) -> None:
    """Two speakers reported saying the words circulated: the one they circulate under said
    them, even if the other's statement is the snugger fit (unless that one is an exact copy)."""
    short = "We will rebuild the roads of the north this year."
    long_ = "We will rebuild the roads of the north this year, and the schools after that, whatever it costs."
    with open_store(store_url) as s:
        s.add_record(build_record(f'Roads\n\nJane Hart said: "{short}" She was in Leeds.\n', [Q(short, "Jane Hart")]))
        s.add_record(
            build_record(f'Roads\n\nTom Reid said: "{long_}" He was in York.\n', [Q(long_, "Tom Reid")], path="b.txt")
        )
    with open_store(store_url, readonly=True) as s:
        trimmed = check(s, "We will rebuild the roads of the north", speaker="Tom Reid")
        assert trimmed.verdict == "trimmed" and trimmed.best is not None
        assert trimmed.best.statement.speaker_name == "Tom Reid"
        # An exact copy of a report is still the source before a statement that holds the words
        # among others (Tom Reid may be repeating Jane Hart).
        exact = check(s, short, speaker="Tom Reid")
        assert exact.verdict == "misattributed" and exact.best is not None
        assert exact.best.statement.speaker_name == "Jane Hart"
