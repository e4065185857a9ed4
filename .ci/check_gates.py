#!/usr/bin/env python3
"""Did every accuracy gate run? Reads the report tests/conftest.py wrote (CI_GATE_REPORT).

Usage: check_gates.py REPORT EVAL_DIR

With the evaluation data present (EVAL_DIR is a folder), exits 1 when any gate test skipped or
did not run, or when no gate was collected at all; a gate that failed is the test run's to
report. Without it, prints one line saying the gates skipped and how to get the data, and
exits 0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    report, eval_dir = Path(sys.argv[1]), Path(sys.argv[2])
    if not report.is_file():
        print(f"ci: no gate report at {report}: did the tests run?", file=sys.stderr)
        return 1
    gates = json.loads(report.read_text())
    skipped = [g for g in gates if g["outcome"] in {"skipped", "not run"}]
    if not eval_dir.is_dir():
        print(
            f"ci: evaluation data not found at {eval_dir}: {len(skipped)} of {len(gates)} accuracy gate tests "
            "skipped (get the data into ../shared/eval beside the repository, or set WIREWATCH_EVAL_DIR)"
        )
        return 0
    if not gates:
        print("ci: no accuracy gate was collected (tests marked @pytest.mark.gate)", file=sys.stderr)
        return 1
    if skipped:
        print(
            f"ci: {len(skipped)} of {len(gates)} accuracy gate tests did not run with {eval_dir} present:",
            file=sys.stderr,
        )
        for g in skipped:
            print(f"  {g['test']}: {g['outcome']} {g.get('reason', '')}".rstrip(), file=sys.stderr)
        return 1
    failed = sum(g["outcome"] == "failed" for g in gates)
    print(f"ci: all {len(gates)} accuracy gate tests ran ({failed} failed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
