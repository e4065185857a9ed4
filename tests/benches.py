"""The benchmark scripts in ``bench/``, loaded as modules, so the accuracy gates score with the
very code the benchmarks report with."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load_bench(name: str) -> ModuleType:
    """``bench/<name>.py`` as a module named ``wirewatch_bench_<name>`` (loaded by path under
    that name: ``bench/time.py`` as "time" would shadow the standard library)."""
    spec = importlib.util.spec_from_file_location(f"wirewatch_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module
