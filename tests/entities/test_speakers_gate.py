"""Accuracy gate on canonical speakers: the BBC speakers gold and MEANTIME speech events.

Scores with ``bench/speakers.py`` (whose docstring defines every figure) over
``Settings.eval_dir`` (default ``../shared/eval``; the texts are read there at run time, never
copied into the repository). Skips when that folder is absent; a missing or broken file inside
it fails. The floors live in ``speakers_floor.json`` beside this file and only ever rise: raise
a floor in the commit that improves its measure.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..benches import load_bench
from ..gates import eval_dir as find_eval_dir
from ..gates import eval_path

pytestmark = pytest.mark.gate

FLOORS: dict[str, Any] = json.loads(Path(__file__).with_name("speakers_floor.json").read_text())


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("speakers")


@pytest.fixture(scope="module")
def eval_dir(bench: ModuleType) -> Path:
    root = find_eval_dir()
    eval_path("speakers", "texts", glob="*.txt")
    eval_path("speakers", "gold", glob="*.json")
    eval_path("speakers", "score.py")
    eval_path("time", "meantime", "intra-doc_annotation", glob="*/*.xml")
    return root


@pytest.fixture(scope="module")
def speakers(bench: ModuleType, eval_dir: Path) -> dict[str, float]:
    result: dict[str, float] = bench.score_speakers(eval_dir)
    assert result["articles"] >= 60, "the speakers gold shrank: is the data complete?"
    assert result["records"] == result["articles"], "an article gave no record"
    return result


@pytest.fixture(scope="module")
def meantime(bench: ModuleType, eval_dir: Path) -> dict[str, float]:
    result: dict[str, float] = bench.score_meantime(eval_dir)
    assert result["docs"] >= 120, "the MEANTIME article set shrank: is the data complete?"
    assert result["speech_events"] >= 100, "fewer gold speech events than expected: is the data complete?"
    return result


@pytest.mark.parametrize("measure", sorted(FLOORS["speakers"]))
def test_speakers_measure_at_or_above_floor(speakers: dict[str, float], measure: str) -> None:
    floor = FLOORS["speakers"][measure]
    assert speakers[measure] >= floor, f"speakers {measure} fell to {speakers[measure]:.3f} (floor {floor})"


@pytest.mark.parametrize("measure", sorted(FLOORS["meantime"]))
def test_meantime_speaker_measure_at_or_above_floor(meantime: dict[str, float], measure: str) -> None:
    floor = FLOORS["meantime"][measure]
    assert meantime[measure] >= floor, f"MEANTIME {measure} fell to {meantime[measure]:.3f} (floor {floor})"
