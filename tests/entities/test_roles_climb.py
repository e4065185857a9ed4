"""The role finders climb the parse to the root and stop there (a spaCy Token is made anew on
every access, so a loop that stopped on ``tok.head is tok`` never stopped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.config import Settings
from wirewatch.pipeline import extract

HUNG = Path(Settings.load().eval_dir) / "corpus" / "bbc" / "entertainment_365.txt"


def test_the_article_that_hung_gives_its_record() -> None:
    if not HUNG.exists():
        pytest.skip(f"BBC corpus not found at {HUNG}")
    record = extract(HUNG.read_text(encoding="utf-8"), settings=Settings.load())
    assert record.quotes
