"""The founding seed article, read as a careful reader does (../shared/tools/check_seed.py)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHECKER = SHARED / "tools" / "check_seed.py"

pytestmark = pytest.mark.gate


@pytest.mark.skipif(
    not CHECKER.exists(),
    reason=f"shared seed checker not found at {CHECKER}: get ../shared (tools/, seed/) beside the repository",
)
def test_seed_all_items_found() -> None:
    cmd = f"{shlex.quote(sys.executable)} -m wirewatch extract"
    run = subprocess.run([sys.executable, str(CHECKER), "--cmd", cmd], capture_output=True, text=True, timeout=300)
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    missing = [line for line in run.stdout.splitlines() if line.startswith("MISSING")]
    assert run.returncode == 0, f"{last}\n" + "\n".join(missing)
    assert last.startswith("seed: ") and last.split()[1].split("/")[0] == last.split()[1].split("/")[1]
