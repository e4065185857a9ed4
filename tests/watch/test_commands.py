"""``wirewatch watch`` and ``wirewatch alert`` through click's CliRunner, on real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wirewatch.cli import cli
from wirewatch.watch.commands import parse_duration

from .wires import Wires


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("text", "seconds"), [("5m", 300.0), ("30s", 30.0), ("1h", 3600.0), ("250ms", 0.25), ("2", 2.0), ("1.5d", 129600.0)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "5 minutes", "-1s", "m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("command", [["watch"], ["alert"], ["alert", "add"], ["alert", "list"], ["alert", "remove"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    assert len(result.output.split("\n\n")[1].strip()) > 10


def test_alert_add_list_remove(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "hart.jsonl"
    assert invoke("alert", "add", "hart", "--db", store_url, "--speaker", "Jane Hart", "--to", str(out)).exit_code == 0
    assert (
        invoke(
            "alert",
            "add",
            "hook",
            "--db",
            store_url,
            "--search",
            "bridge",
            "--kind",
            "direct",
            "--to",
            "http://127.0.0.1:9/hook",
        ).exit_code
        == 0
    )
    dup = invoke("alert", "add", "hart", "--db", store_url, "--speaker", "X")
    assert dup.exit_code == 1 and "exists already" in dup.output
    assert invoke("alert", "add", "empty", "--db", store_url).exit_code == 2  # no condition at all
    listed = invoke("alert", "list", "--db", store_url)
    assert listed.output.splitlines() == [
        f"hart: speaker 'Jane Hart' -> {out}",
        "hook: search 'bridge', kind 'direct' -> http://127.0.0.1:9/hook",
    ]
    rows = [json.loads(x) for x in invoke("alert", "list", "--db", store_url, "--json").output.splitlines()]
    assert [r["name"] for r in rows] == ["hart", "hook"]
    assert invoke("alert", "remove", "hart", "--db", store_url).exit_code == 0
    gone = invoke("alert", "remove", "hart", "--db", store_url)
    assert gone.exit_code == 1 and "no alert named 'hart'" in gone.output
    assert [r.split(":")[0] for r in invoke("alert", "list", "--db", store_url).output.splitlines()] == ["hook"]


def test_watch_once_ingests_delivers_to_stdout_and_reports_bad_feeds(wires: Wires, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    good = wires.add_feed("good", entries=3)
    bad = wires.add_feed("bad", entries=1, mode="malformed")
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{good}\n{bad}  # broken\n")
    assert invoke("alert", "add", "hart", "--db", db, "--speaker", "Hart", "--kind", "direct").exit_code == 0
    result = CliRunner().invoke(cli, ["watch", str(listing), "--db", db, "--once"], catch_exceptions=False)
    assert result.exit_code == 0
    alerts = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(a["alert"], a["speaker"]) for a in alerts] == [("hart", "Jane Hart")]  # page 3 is Jane Hart's
    assert f"wirewatch: error: {bad}: malformed feed" in result.stderr
    assert "new articles 3" in result.stderr and "alerts 1" in result.stderr
    again = CliRunner().invoke(cli, ["watch", good, "--db", db, "--once"], catch_exceptions=False)
    assert again.stdout == "" and "new articles 0" in again.stderr and "(1 unchanged)" in again.stderr


def test_watch_refuses_what_it_cannot_watch(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert "cannot read" in invoke("watch", str(tmp_path / "missing.txt"), "--db", db, "--once").output
    empty = tmp_path / "none.txt"
    empty.write_text("# nothing\n")
    assert "no feed to watch" in invoke("watch", str(empty), "--db", db, "--once").output
    assert invoke("watch", "https://x.example/rss", "--db", db, "--every", "soon").exit_code == 2
