"""Accuracy gate: the time stage on TempEval-3 platinum must not fall below the pinned floors.

Reads ``../shared/eval/time/te3-platinum`` at run time (the texts are never copied into the
repository) through ``bench/time.py``, whose docstring defines the matching; skips when the data
is absent. The floors live in ``te3_floor.json`` beside this file and only ever move up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..benches import load_bench

FLOOR = Path(__file__).with_name("te3_floor.json")


def test_te3_platinum_dates_stay_above_the_floor() -> None:
    bench = load_bench("time")
    data: Path = bench.DATA
    if not data.is_dir() or not any(data.glob("*.tml")):
        pytest.skip(f"TempEval-3 platinum data not found at {data}")
    floors = json.loads(FLOOR.read_text())
    result = bench.evaluate(data)
    assert result["gold"] >= 90, "the gold set shrank: is the data complete?"
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        assert result[key] >= floor, f"{key} {result[key]:.3f} fell below its floor {floor}"
