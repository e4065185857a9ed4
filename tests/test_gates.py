"""The gates' data lookup (tests/gates.py): no folder skips with how to get the data; a folder
with a file missing fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from .gates import HOW_TO_GET, eval_path


def test_no_evaluation_folder_skips_saying_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_EVAL_DIR", str(tmp_path / "absent"))
    with pytest.raises(pytest.skip.Exception, match="evaluation data not found at .*absent: get it into"):
        eval_path("polnear", "dev.jsonl")
    assert "WIREWATCH_EVAL_DIR" in HOW_TO_GET


def test_a_file_missing_from_the_evaluation_folder_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_EVAL_DIR", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="dev.jsonl is missing from the evaluation data"):
        eval_path("polnear", "dev.jsonl")
    (tmp_path / "time" / "te3-platinum").mkdir(parents=True)
    with pytest.raises(pytest.fail.Exception, match=r"te3-platinum/\*.tml is missing"):
        eval_path("time", "te3-platinum", glob="*.tml")
    (tmp_path / "time" / "te3-platinum" / "a.tml").write_text("<TimeML/>")
    assert eval_path("time", "te3-platinum", glob="*.tml") == tmp_path / "time" / "te3-platinum"
