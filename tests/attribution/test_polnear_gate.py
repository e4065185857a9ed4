"""Accuracy gate on PolNeAR dev: every measure stays at or above its pinned floor.

Floors live in ``polnear_floor.json`` and only ever rise: when a change improves a measure,
raise its floor in the same commit. The data is read at run time from ``Settings.eval_dir``
(``tests/gates.py``: skips when that folder is absent, fails when a file in it is missing).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..benches import load_bench
from ..gates import eval_path

pytestmark = pytest.mark.gate
FLOORS = json.loads((Path(__file__).with_name("polnear_floor.json")).read_text())


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    dev = eval_path("polnear", "dev.jsonl")
    eval_path("score.py")
    bench = load_bench("attribution")
    scorer = bench.load_scorer()
    gold = scorer.load(str(dev))
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
