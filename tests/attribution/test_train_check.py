"""``scripts/train_attribution.py --check``'s comparison of a rebuilt model with the shipped one,
on temporary copies of the shipped artefact (the rebuild itself runs in .ci/run)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "wirewatch" / "data" / "frame_model.json"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_attribution", ROOT / "scripts" / "train_attribution.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rebuilt(tmp_path: Path, bias: float = 0.0, candidates: int = 0) -> Path:
    data = json.loads(SHIPPED.read_text("utf-8"))
    data["weights"]["bias"] = round(data["weights"]["bias"] + bias, 3)
    data["candidates"] += candidates
    path = tmp_path / "frame_model.json"
    path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    return path


def test_identical_bytes_pass(tmp_path: Path) -> None:
    copy = tmp_path / "frame_model.json"
    shutil.copy(SHIPPED, copy)
    assert script().compare_models(SHIPPED, copy) == ([], "frame_model.json: identical bytes")


def test_a_rounding_difference_passes_within_the_tolerance(tmp_path: Path) -> None:
    problems, verdict = script().compare_models(SHIPPED, rebuilt(tmp_path, bias=0.001))
    assert problems == []
    assert "every weight within 0.002 (largest 0.001)" in verdict


def test_moved_weights_and_counts_fail_with_a_summary(tmp_path: Path) -> None:
    problems, _ = script().compare_models(SHIPPED, rebuilt(tmp_path, bias=0.5, candidates=3))
    assert any("candidates: shipped" in p for p in problems)
    assert any("1 of" in p and "weights differ by more than 0.002" in p and "bias" in p for p in problems)
