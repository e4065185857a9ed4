"""The input options of ``wirewatch extract``: --format, --field, and many records per file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from wirewatch.cli import cli

from .inputs import PARAGRAPHS, TITLE, article_html, listing_html, warc_bytes


def test_extract_warc_prints_one_record_per_page_and_a_reason_per_skip(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(
        warc_bytes(
            [
                ("https://e.org/a", article_html().encode(), "text/html"),
                ("https://e.org/", listing_html().encode(), "text/html"),
            ]
        )
    )
    result = CliRunner().invoke(cli, ["extract", str(p)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    rec = records[0]
    assert rec["source"] == {"path": f"{p}#record-2", "format": "warc", "url": "https://e.org/a"}
    assert rec["headline"]["text"] == TITLE
    assert rec["text"][rec["headline"]["start"] : rec["headline"]["end"]] == TITLE
    assert rec["dateline"]["agency"] == "Wire Service"
    assert f"{p}#record-3: not an article" in result.stderr


def test_extract_jsonl_with_field_mapping(tmp_path: Path) -> None:
    p = tmp_path / "export.jsonl"
    p.write_text(json.dumps({"headline": TITLE, "story": "\n".join(PARAGRAPHS)}) + "\n")
    result = CliRunner().invoke(cli, ["extract", "--field", "text=story,title=headline", str(p)])
    assert result.exit_code == 0, result.output
    (rec,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert rec["source"]["format"] == "jsonl" and rec["headline"]["text"] == TITLE


def test_bad_field_mapping_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "--field", "colour=red", str(tmp_path)])
    assert result.exit_code == 2 and "bad field mapping" in result.output


def test_format_forces_text(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(article_html())
    result = CliRunner().invoke(cli, ["extract", "--format", "text", str(p)])
    assert result.exit_code == 0, result.output
    (rec,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert rec["source"]["format"] == "text" and rec["text"].startswith("<!DOCTYPE html>")
