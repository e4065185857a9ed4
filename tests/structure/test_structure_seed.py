"""The shared seed article (a scraped TASS page), read at run time from ../shared/seed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import Settings
from wirewatch.structure import analyse_structure

# tests/structure/ -> repo root -> its sibling "shared" folder.
SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "000_e6d9ad67c2e2589a.txt"

pytestmark = [
    pytest.mark.gate,
    pytest.mark.skipif(
        not SEED.is_file(), reason=f"shared seed article not found at {SEED}: get ../shared/seed beside the repository"
    ),
]


def _kinds(text: str, published: date | None) -> dict[str, tuple[str, bool]]:
    s = analyse_structure(text, published, Settings())
    return {text[p.start : p.end]: (p.kind, p.truncated) for p in s.paragraphs}


def test_seed_structure() -> None:
    text = SEED.read_text(encoding="utf-8")
    s = analyse_structure(text, date(2016, 12, 9), Settings())
    assert s.headline is not None
    assert (
        s.headline.text == "Kremlin warns obtaining of US MANPADS by Syrian militants dangerous for Russian Air Force"
    )
    assert s.dateline is not None
    assert (s.dateline.text, s.dateline.place, s.dateline.date, s.dateline.agency) == (
        "MOSCOW, December 9. /TASS/.",
        "Moscow",
        "2016-12-09",
        "TASS",
    )
    assert not s.dateline.date_inferred and s.warnings == ()
    kinds = _kinds(text, date(2016, 12, 9))
    assert kinds["All news"] == ("set_aside", False)
    assert kinds["The Kremlin hopes Russia and US will reach an agreement on Syria"] == ("lead", False)
    assert kinds["Agreement on Syria"] == ("subheading", False)
    cut = [line for line, (_, truncated) in kinds.items() if truncated]
    assert len(cut) == 1 and cut[0].startswith("According to earlier reports")
    assert sum(kind == "body" for kind, _ in kinds.values()) == 10


def test_seed_without_publication_date_marks_the_year_inferred() -> None:
    text = SEED.read_text(encoding="utf-8")
    s = analyse_structure(text, None, Settings())
    assert s.dateline is not None and s.dateline.date_inferred
    assert s.dateline.date is not None and s.dateline.date.endswith("-12-09")
    assert any("2016" in w and "Friday" in w for w in s.warnings)
