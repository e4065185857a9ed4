"""Accuracy gate: the time stage on TempEval-3 platinum must not fall below the pinned floors.

Reads ``EVAL_DIR/time/te3-platinum`` at run time (``Settings.eval_dir``; the texts are never
copied into the repository) through ``bench/time.py``, whose docstring defines the matching;
skips when the folder is absent, fails when the data in it is missing (``tests/gates.py``). The
floors live in ``te3_floor.json`` beside this file and only ever move up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..benches import load_bench
from ..gates import eval_path

pytestmark = pytest.mark.gate

FLOOR = Path(__file__).with_name("te3_floor.json")


def test_te3_platinum_dates_stay_above_the_floor() -> None:
    data = eval_path("time", "te3-platinum", glob="*.tml")
    bench = load_bench("time")
    floors = json.loads(FLOOR.read_text())
    result = bench.evaluate(data)
    assert result["gold"] >= 90, "the gold set shrank: is the data complete?"
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        assert result[key] >= floor, f"{key} {result[key]:.3f} fell below its floor {floor}"
