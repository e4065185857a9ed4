"""Accuracy gate: events on NewsReader MEANTIME must not fall below the pinned floors.

Reads ``EVAL_DIR/time/meantime`` at run time (``Settings.eval_dir``; the texts are never copied
into the repository) through ``bench/events.py``, whose docstring defines every figure; skips
when the folder is absent, fails when the data in it is missing (``tests/gates.py``). Only the
events the pipeline keeps are scored here. The floors live in ``meantime_floor.json`` beside
this file and only ever move up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..benches import load_bench
from ..gates import eval_path

pytestmark = pytest.mark.gate

FLOOR = Path(__file__).with_name("meantime_floor.json")


def test_meantime_events_stay_above_the_floor() -> None:
    data = eval_path("time", "meantime", "intra-doc_annotation", glob="*/*.xml")
    bench = load_bench("events")
    floors = json.loads(FLOOR.read_text())
    result = bench.evaluate(data, labels=("kept",))["kept"]
    assert result["docs"] >= 100, "the article set shrank: is the data complete?"
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        assert result[key] >= floor, f"{key} {result[key]:.3f} fell below its floor {floor}"
