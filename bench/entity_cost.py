#!/usr/bin/env python3
"""What the entity stage costs: its share of extraction time, in the same run, on real news.

Usage: python bench/entity_cost.py [--eval-dir DIR] [--limit N] [--rounds 3]

Data (read at run time from ``Settings.eval_dir``, never copied into the repository): the texts
of PolNeAR dev (``polnear/dev.jsonl``, 84 articles) and of the speakers gold
(``speakers/texts/*.txt``, 60 BBC articles).

Method: every article goes through :func:`wirewatch.extract`; the entity stage's entry points
(building :class:`~wirewatch.entities.resolve.ArticleEntities`, each ``resolve`` and the final
``finish``) are wrapped with a clock, so the stage's seconds and the whole extraction's seconds
come from the same passes. Each round runs every text once; the table gives the best round
(the machines are noisy) and the stage's share of that round. The limit the speakers issue sets
is 10% of extraction time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def texts(eval_dir: Path, limit: int | None) -> list[tuple[str, str, str | None]]:
    out: list[tuple[str, str, str | None]] = []
    dev = eval_dir / "polnear" / "dev.jsonl"
    for line in dev.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            out.append((doc["id"], doc["text"], doc.get("date")))
    for path in sorted((eval_dir / "speakers" / "texts").glob("*.txt")):
        out.append((path.stem, path.read_text(encoding="utf-8"), None))
    if not out:
        raise SystemExit(f"no texts under {eval_dir}")
    return out[:limit] if limit else out


def main() -> None:
    import wirewatch
    from wirewatch.entities import resolve

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", default=None, help="evaluation data folder (default: Settings.eval_dir)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the texts; the best is reported")
    args = ap.parse_args()
    settings = wirewatch.Settings.load(language_check=False)
    eval_dir = Path(args.eval_dir or settings.eval_dir)
    docs = texts(eval_dir, args.limit)

    spent = [0.0]

    def clocked(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t0

        return run

    cls = resolve.ArticleEntities
    cls.__init__ = clocked(cls.__init__)  # type: ignore[method-assign]
    cls.resolve = clocked(cls.resolve)  # type: ignore[method-assign]
    cls.finish = clocked(cls.finish)  # type: ignore[method-assign]

    wirewatch.extract("Warm-up\n\nPARIS (AP) - The minister said the talks would go on.", settings=settings)
    chars = sum(len(t) for _, t, _ in docs)
    rounds: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        spent[0] = 0.0
        t0 = time.perf_counter()
        for did, text, published in docs:
            wirewatch.extract(text, published=published, path=did, settings=settings)
        rounds.append((time.perf_counter() - t0, spent[0]))
    total, stage = min(rounds)
    print(f"| {len(docs)} articles, {chars:,} chars | seconds | chars/s | share |")
    print("|---|---:|---:|---:|")
    print(f"| whole extraction | {total:.2f} | {chars / total:,.0f} | 100% |")
    print(f"| entity stage (clusters, resolve, finish) | {stage:.2f} | | {100 * stage / total:.1f}% |")
    print(f"| extraction without the stage | {total - stage:.2f} | {chars / (total - stage):,.0f} | |")
    print(f"rounds (total s, stage s): {', '.join(f'({t:.2f}, {s:.2f})' for t, s in rounds)}")


if __name__ == "__main__":
    main()
