#!/usr/bin/env python3
"""Whole-process speed of ``wirewatch extract`` against a bare spaCy ``nlp.pipe``, interleaved.

Usage::

    python bench/speed.py                       # 300 BBC articles, 3 rounds
    python bench/speed.py --articles 2196 --rounds 1
    python bench/speed.py --variants default,bare   # a checkout without --jobs

Texts: ``<Settings.eval_dir>/corpus/bbc/*.txt`` (default ``../shared/eval/corpus/bbc``), a fixed
sample of ``--articles`` of them (sorted names, shuffled with seed 7), copied to a temporary
folder for the run and deleted after; nothing is kept in the repository.

Each round runs, one after the other and in a rotating order, as fresh processes:

* **default**: ``python -m wirewatch extract DIR`` (all cores);
* **jobs1**: ``python -m wirewatch extract --jobs 1 DIR``;
* **bare**: a process that loads the same spaCy model with all its components and runs
  ``nlp.pipe`` over the same texts (whole articles, spaCy's default batch size), discarding the docs.

Every variant is timed whole: interpreter start, imports and model loading included. The table
gives characters/s (characters of the texts over wall seconds) per round and the median over the
rounds, each wirewatch variant's speed over bare spaCy's in the same round (and the median of
those ratios), and the peak RSS of the largest process of each run (``wait4``'s ``ru_maxrss``,
which for a parent covers its worker processes too). CPU seconds (user and system, the worker
processes' included) are given too: on a machine shared with other work they move less than
wall time, and their ratio is what one core's worth of work costs each variant. The records of ``default`` and ``jobs1``
are compared byte for byte in every round (every run with the same ``PYTHONHASHSEED``, 0 unless
set: some records still depend on it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wirewatch.config import Settings  # noqa: E402

BARE = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
for _ in nlp.pipe(texts):
    pass
"""


def sample(corpus: Path, n: int) -> list[Path]:
    files = sorted(corpus.glob("*.txt"))
    random.Random(7).shuffle(files)
    return sorted(files[:n])


def run(cmd: list[str], out: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (its worker processes' too), peak RSS (bytes) and exit status of
    ``cmd``, its stdout written to ``out``."""
    env = dict(os.environ)
    # One hash seed for every run: some records depend on it (set order, issue 14's notes).
    env.setdefault("PYTHONHASHSEED", "0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    with out.open("wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=None, help="folder of .txt articles (default: the BBC corpus)")
    ap.add_argument("--variants", default="default,jobs1,bare")
    args = ap.parse_args()
    settings = Settings.load()
    corpus = args.corpus or Path(settings.eval_dir) / "corpus" / "bbc"
    files = sample(corpus, args.articles)
    if not files:
        sys.exit(f"no .txt articles in {corpus}")
    variants = args.variants.split(",")
    py = sys.executable
    cmds = {
        "default": [py, "-m", "wirewatch", "extract"],
        "jobs1": [py, "-m", "wirewatch", "extract", "--jobs", "1"],
        "bare": [py, "-c", BARE, settings.spacy_model],
    }
    walls: dict[str, list[float]] = {v: [] for v in variants}
    cpus: dict[str, list[float]] = {v: [] for v in variants}
    rss: dict[str, int] = {v: 0 for v in variants}
    with tempfile.TemporaryDirectory(prefix="wirewatch-speed-") as tmp:
        folder = Path(tmp, "texts")
        folder.mkdir()
        chars = 0
        for f in files:
            shutil.copyfile(f, folder / f.name)
            chars += len(f.read_text(encoding="utf-8"))
        print(f"{len(files)} articles, {chars:,} characters, from {corpus}; {os.cpu_count()} CPUs")
        for r in range(args.rounds):
            order = variants[r % len(variants) :] + variants[: r % len(variants)]
            digests: dict[str, str] = {}
            for v in order:
                out = Path(tmp, f"{v}.jsonl")
                wall, cpu, peak, rc = run([*cmds[v], str(folder)], out)
                if rc != 0:
                    sys.exit(f"{v} failed with exit status {rc}")
                walls[v].append(wall)
                cpus[v].append(cpu)
                rss[v] = max(rss[v], peak)
                if v != "bare":
                    digests[v] = hashlib.sha256(out.read_bytes()).hexdigest()
                speed = chars / wall
                print(
                    f"round {r + 1}: {v:8s} {wall:7.1f} s  {speed:9,.0f} chars/s  CPU {cpu:6.1f} s  "
                    f"peak RSS {peak / 2**20:5.0f} MB"
                )
            if len(set(digests.values())) > 1:
                sys.exit(f"round {r + 1}: records differ between variants: {digests}")
            if digests:
                digest = next(iter(digests.values()))[:16]
                print(f"round {r + 1}: records identical across {sorted(digests)} (sha256 {digest})")
    print()
    print(
        "| variant | chars/s (median) | per round | vs bare (median of rounds) "
        "| chars per CPU-second (median) | vs bare, CPU | peak RSS MB |"
    )
    print("|---|---:|---|---:|---:|---:|---:|")
    for v in variants:
        speeds = [chars / w for w in walls[v]]
        ratio = ""
        if "bare" in walls and v != "bare":
            ratio = f"{statistics.median(b / w for w, b in zip(walls[v], walls['bare'], strict=True)):.2f}x"
        per = ", ".join(f"{s:,.0f}" for s in speeds)
        per_cpu = statistics.median(chars / c for c in cpus[v])
        cpu_ratio = ""
        if "bare" in cpus and v != "bare":
            cpu_ratio = f"{statistics.median(cpus['bare']) / statistics.median(cpus[v]):.2f}x"
        print(
            f"| {v} | {statistics.median(speeds):,.0f} | {per} | {ratio} | {per_cpu:,.0f} | {cpu_ratio} "
            f"| {rss[v] / 2**20:.0f} |"
        )


if __name__ == "__main__":
    main()
