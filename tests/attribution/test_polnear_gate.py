"""Accuracy gate on PolNeAR dev: every measure stays at or above its pinned floor.

Floors live in ``polnear_floor.json`` and only ever rise: when a change improves a measure,
raise its floor in the same commit. The data is read from ../shared at run time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..benches import load_bench

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
FLOORS = json.loads((Path(__file__).with_name("polnear_floor.json")).read_text())


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    if not DEV.exists():
        pytest.skip(f"PolNeAR dev set not found at {DEV}")
    bench = load_bench("attribution")
    scorer = bench.load_scorer()
    gold = scorer.load(str(DEV))
    preds, _ = bench.predictions(gold)
    return {
        "all": scorer.score(gold, preds)["hung"],
        "direct_mixed": scorer.score(gold, preds, {"direct", "mixed"})["hung"],
    }


@pytest.mark.parametrize(
    ("subset", "measure"),
    [(s, m) for s, ms in FLOORS.items() if isinstance(ms, dict) for m in ms],
)
def test_measure_at_or_above_floor(scores: dict[str, Any], subset: str, measure: str) -> None:
    got = scores[subset][measure]
    assert got >= FLOORS[subset][measure], f"{subset} {measure} fell to {got} (floor {FLOORS[subset][measure]})"
