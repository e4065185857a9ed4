"""The accuracy gates' evaluation data, found through one setting (``Settings.eval_dir``,
``WIREWATCH_EVAL_DIR``; by default ``../shared/eval`` beside the repository).

A gate module sets ``pytestmark = pytest.mark.gate`` and asks for its data here. When the folder
is absent, the gate skips with one line saying how to get the data; when it exists, a missing
file fails the gate (a broken copy must not pass as "no data"). ``tests/conftest.py`` writes
which gates ran and which skipped to ``$CI_GATE_REPORT``, and ``.ci/run`` fails a run with
the data present in which any gate skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.config import Settings

HOW_TO_GET = "get it into ../shared/eval beside the repository, or point WIREWATCH_EVAL_DIR at it (see .ci/run)"


def eval_dir() -> Path:
    """The evaluation data folder; skips the test when it does not exist."""
    path = Path(Settings.load().eval_dir)
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path}: {HOW_TO_GET}")
    return path


def eval_path(*parts: str, glob: str | None = None) -> Path:
    """``eval_dir()/parts``; fails the test when it is missing, or when ``glob`` matches nothing
    in it."""
    root = eval_dir()
    path = root.joinpath(*parts)
    if not path.exists() or (glob is not None and not any(path.glob(glob))):
        what = f"{path}/{glob}" if glob else str(path)
        pytest.fail(f"{what} is missing from the evaluation data at {root}: the copy is incomplete", pytrace=False)
    return path
