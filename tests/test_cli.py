"""The command line through click's CliRunner, on real files and real SQLite databases."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wirewatch.cli import cli
from wirewatch.config import Settings
from wirewatch.store import SqliteStore, open_store

from .store.builders import Q, build_record

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
COMMANDS = ["extract", "ingest", "quotes", "people", "settings"]


def invoke(*args: str, stdin: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("wirewatch: error: ")]


@pytest.fixture
def built_db(tmp_path: Path) -> Path:
    """A database holding hand-built records, independent of extraction quality."""
    text = (
        "Kremlin comments\n\nMOSCOW, March 14. /TASS/. "
        '"The worst outcome would be silence," Dmitry Peskov told reporters. '
        "Peskov added that no date had been set.\n"
    )
    db = tmp_path / "built.db"
    with SqliteStore(db) as store:
        store.add_article(
            build_record(
                text,
                [
                    Q("The worst outcome would be silence", "Dmitry Peskov", role="spokesman", cue="told"),
                    Q(
                        "no date had been set",
                        "Dmitry Peskov",
                        mention="Peskov",
                        kind="indirect",
                        cue="added",
                    ),
                ],
                headline="Kremlin comments",
            )
        )
    return db


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    if command:
        # The first docstring line is shown, so no command is undocumented.
        assert len(result.output.split("\n\n")[1].strip()) > 10


def test_extract_prints_one_json_line_per_input(tmp_path: Path) -> None:
    result = invoke("extract", "--published", "2024-03-14", *map(str, SAMPLE_FILES))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(SAMPLE_FILES)
    records = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in records] == [str(p) for p in SAMPLE_FILES]
    for record, path in zip(records, SAMPLE_FILES, strict=True):
        assert record["schema"] == "wirewatch.article/1"
        assert record["text"] == path.read_text(encoding="utf-8")


def test_extract_keeps_non_ascii_unescaped(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Titre\n\nPARIS (AP) — Le ministre a parlé du café.\n", encoding="utf-8")
    result = invoke("extract", str(p))
    assert "café" in result.stdout and "—" in result.stdout


def test_extract_from_stdin() -> None:
    text = SAMPLE_FILES[0].read_text(encoding="utf-8")
    result = invoke("extract", "-", stdin=text.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    record = json.loads(line)
    assert record["source"]["path"] == "<stdin>" and record["text"] == text


def test_extract_gzipped_input(tmp_path: Path) -> None:
    p = tmp_path / "a.txt.gz"
    p.write_bytes(gzip.compress(SAMPLE_FILES[0].read_bytes()))
    assert len(invoke("extract", str(p)).stdout.splitlines()) == 1


def test_published_is_validated(tmp_path: Path) -> None:
    result = invoke("extract", "--published", "14/03/2024", str(SAMPLE_FILES[0]))
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert result.stdout == ""


def test_published_reaches_the_record() -> None:
    result = invoke("extract", "--published", "2024-03-14", str(SAMPLE_FILES[0]))
    assert json.loads(result.stdout)["published"] == "2024-03-14"


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff" * 50)
    missing = tmp_path / "missing.txt"
    nothing = tmp_path / "no_articles"
    nothing.mkdir()
    result = invoke("extract", str(empty), str(SAMPLE_FILES[0]), str(binary), str(missing), str(nothing))
    assert result.exit_code == 0  # one input was read, so the run succeeded
    assert len(result.stdout.splitlines()) == 1
    errors = error_lines(result)
    assert len(errors) == 4
    for path, line in zip([empty, binary, missing, nothing], errors, strict=True):
        assert line.startswith(f"wirewatch: error: {path}: ")


def test_exit_status_is_non_zero_when_nothing_could_be_read(tmp_path: Path) -> None:
    result = invoke("extract", str(tmp_path / "missing.txt"))
    assert result.exit_code != 0
    assert error_lines(result) == [f"wirewatch: error: {tmp_path / 'missing.txt'}: no such file or directory"]
    assert result.stdout == ""


def test_invalid_utf8_is_a_warning_not_an_error(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Headline\n\nThe caf\u00e9 owner said prices would rise.\n".encode("cp1252"))
    result = invoke("extract", str(p))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["text"].count("café") == 1
    assert f"wirewatch: warning: {p}: " in result.stderr and "cp1252" in result.stderr


def test_ingest_twice_stores_once(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    first = invoke("ingest", str(SAMPLES), "--db", str(db), "--published", "2024-03-14")
    assert first.exit_code == 0, first.stderr
    n = len(SAMPLE_FILES)
    assert first.stderr.strip().splitlines()[-1] == f"stored {n}, already had 0, errors 0"
    second = invoke("ingest", str(SAMPLES), "--db", str(db))
    assert second.exit_code == 0
    assert second.stderr.strip().splitlines()[-1] == f"stored 0, already had {n}, errors 0"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    conn.close()


def test_ingest_counts_errors_and_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    result = invoke("ingest", str(empty), str(SAMPLE_FILES[0]), str(tmp_path / "gone.txt"), "--db", str(db))
    assert result.exit_code == 0
    assert error_lines(result)[0].startswith(f"wirewatch: error: {empty}: ")
    assert result.stderr.strip().splitlines()[-1] == "stored 1, already had 0, errors 2"


def test_ingest_with_nothing_readable_fails(tmp_path: Path) -> None:
    result = invoke("ingest", str(tmp_path / "gone.txt"), "--db", str(tmp_path / "n.db"))
    assert result.exit_code != 0
    assert "stored 0, already had 0, errors 1" in result.stderr


def test_ingest_into_an_unopenable_database_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    result = invoke("ingest", str(SAMPLE_FILES[0]), "--db", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and str(bad) in result.stderr


def test_quotes_human_readable(built_db: Path) -> None:
    result = invoke("quotes", "--db", str(built_db), "--speaker", "peskov", "--kind", "direct")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert line.startswith("Dmitry Peskov (spokesman): “The worst outcome would be silence” — told, ")
    assert "Kremlin comments" in line and line.endswith("]")


def test_quotes_json_and_search(built_db: Path) -> None:
    result = invoke("quotes", "--db", str(built_db), "--search", 'date "unbalanced', "--json")
    assert result.exit_code == 0
    assert result.stdout == ""  # "unbalanced" is not in any quote; no crash
    result = invoke("quotes", "--db", str(built_db), "--search", "date", "--json")
    (hit,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["text"] == "no date had been set" and hit["kind"] == "indirect"
    assert "Peskov added" in hit["evidence"]


def test_quotes_rejects_a_bad_kind_and_a_missing_db(built_db: Path, tmp_path: Path) -> None:
    assert invoke("quotes", "--db", str(built_db), "--kind", "rumour").exit_code == 2
    missing = invoke("quotes", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2
    assert not (tmp_path / "none.db").exists()  # reading never creates a database


def test_people(built_db: Path) -> None:
    result = invoke("people", "--db", str(built_db))
    assert result.stdout.splitlines() == ["Dmitry Peskov (spokesman) — 2 quotes in 1 article"]
    row = json.loads(invoke("people", "--db", str(built_db), "--json").stdout)
    assert row["quote_count"] == 2 and row["names"] == ["Dmitry Peskov"]


def test_ingest_then_query_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert invoke("ingest", str(SAMPLES / "*.txt"), "--db", str(db)).exit_code == 0
    assert invoke("quotes", "--db", str(db), "--json").exit_code == 0
    assert invoke("people", "--db", str(db)).exit_code == 0


def test_settings_lists_every_setting() -> None:
    result = invoke("settings")
    assert result.exit_code == 0
    for name, help_text in Settings.help().items():
        assert f"{name} = " in result.stdout
        assert help_text in result.stdout


def test_model_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "spacy_model = 'en_core_web_md'" in invoke("settings", "--model", "en_core_web_md").stdout
    monkeypatch.setenv("WIREWATCH_SPACY_MODEL", "xx_custom")
    assert "spacy_model = 'xx_custom'" in invoke("settings").stdout


def test_quotes_keep_their_own_quotation_marks(tmp_path: Path) -> None:
    text = 'Head\n\nCITY (AP) — "We will rebuild," the mayor said.\n'
    db = tmp_path / "q.db"
    with SqliteStore(db) as store:
        store.add_article(build_record(text, [Q('"We will rebuild,"', None, mention="the mayor")]))
    (line,) = invoke("quotes", "--db", str(db)).stdout.splitlines()
    assert line.startswith('the mayor: "We will rebuild," — said')


# -- store, search and show commands (issue 6) ----------------------------------------------------

STORE_COMMANDS = ["timeline", "merges", "merge", "unmerge", "copies", "export", "serve", "check", "statements"]


@pytest.mark.parametrize("command", STORE_COMMANDS)
def test_store_commands_have_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    assert len(result.output.split("\n\n")[1].strip()) > 10


def _peskov_db(db: str) -> None:
    with open_store(db) as store:
        for n, name in enumerate(["Dmitry Peskov", "Dmitri Peskov"]):
            text = f"Story {n}\n\n{name} said the talks number {n} were over.\n"
            store.add_article(
                build_record(text, [Q(f"the talks number {n} were over", name, kind="indirect")], path=f"s{n}.txt")
            )


def test_people_merges_unmerge_timeline(store_url: str) -> None:
    _peskov_db(store_url)
    out = invoke("people", "--db", store_url)
    assert out.exit_code == 0 and out.stdout.count("Peskov —") == 1 and "also: Dmitri Peskov" in out.stdout
    merges = invoke("merges", "--db", store_url, "--json")
    rows = [json.loads(line) for line in merges.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["keys"] == ["dmitri peskov"]
    timeline = invoke("timeline", "--db", store_url, "Dmitri Peskov")
    assert timeline.exit_code == 0 and "2 quotes" in timeline.stdout
    undo = invoke("unmerge", "--db", store_url, str(rows[0]["id"]))
    assert undo.exit_code == 0 and "undid" in undo.stdout
    assert invoke("people", "--db", store_url).stdout.count("Peskov —") == 2
    again = invoke("unmerge", "--db", store_url, str(rows[0]["id"]))
    assert again.exit_code != 0 and "already undone" in again.stderr
    merged = invoke("merge", "--db", store_url, "Dmitri Peskov", "Dmitry Peskov")
    assert merged.exit_code == 0
    assert invoke("people", "--db", store_url).stdout.count("Peskov —") == 1
    missing = invoke("timeline", "--db", store_url, "Nobody Atall")
    assert missing.exit_code != 0 and "no person" in missing.stderr


def test_quotes_filters_and_bad_dates(store_url: str) -> None:
    _peskov_db(store_url)
    result = invoke("quotes", "--db", store_url, "--speaker", "Dmitri Peskov", "--from", "2024-03-14", "--json")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    bad = invoke("quotes", "--db", store_url, "--from", "2024-02-30")
    assert bad.exit_code != 0 and "calendar date" in bad.stderr


def test_export_formats(store_url: str, tmp_path: Path) -> None:
    _peskov_db(store_url)
    out = invoke("export", "--db", store_url, "--format", "jsonl")
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == 2
    target = tmp_path / "quotes.parquet"
    result = invoke("export", "--db", store_url, "--format", "parquet", "--out", str(target), "--what", "people")
    assert result.exit_code == 0 and target.stat().st_size > 0 and "exported 1 people" in result.stderr
    assert invoke("export", "--db", store_url, "--format", "parquet").exit_code != 0


def test_ingest_links_a_second_copy(tmp_path: Path) -> None:
    story = SAMPLE_FILES[0].read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b" / "copy.txt").write_text(story, encoding="utf-8")
    db = str(tmp_path / "n.db")
    assert invoke("ingest", str(tmp_path / "a"), "--db", db).exit_code == 0
    assert invoke("ingest", str(tmp_path / "b"), "--db", db).exit_code == 0
    copies = invoke("copies", "--db", db)
    assert "copy.txt" in copies.stdout and "exact" in copies.stdout


def test_db_url_is_not_checked_on_disk() -> None:
    result = invoke("people", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code != 0 and "cannot open database" in result.stderr and "Usage" not in result.stderr
