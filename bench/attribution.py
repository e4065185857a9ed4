#!/usr/bin/env python3
"""Attribution accuracy and speed on PolNeAR (EVAL_DIR/polnear), scored by EVAL_DIR/score.py.

Usage: python bench/attribution.py [--split dev] [--limit N] [--out preds.jsonl] [--json] [--rounds 3]

EVAL_DIR is ``Settings.eval_dir`` (``WIREWATCH_EVAL_DIR``; by default ../shared/eval beside the
repository). Prints: the score table (all kinds, direct+mixed, per publisher) under the scorer's four matching
rules, and throughput in characters per second of the whole pipeline beside bare spaCy
``nlp.pipe`` over the same texts in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def eval_dir() -> Path:
    import wirewatch

    return Path(wirewatch.Settings.load().eval_dir)


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ww_score", eval_dir() / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predictions(gold: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], float]:
    import wirewatch

    settings = wirewatch.Settings.load(language_check=False)
    preds: dict[str, dict[str, Any]] = {}
    # load the spaCy model and the gazetteer before the clock starts, as the bare-spaCy run does
    wirewatch.extract("Warm-up\n\nPARIS (AP) - The minister said the talks would go on.", settings=settings)
    t0 = time.perf_counter()
    for gid, doc in gold.items():
        rec = wirewatch.extract(doc["text"], published=doc.get("date"), path=gid, settings=settings)
        out = []
        for q in rec.quotes:
            sp, cue = q.speaker, q.cue
            out.append(
                {
                    "quote_start": q.start,
                    "quote_end": q.end,
                    "quote_spans": [list(p) for p in q.pieces],
                    "speaker_start": sp.start,
                    "speaker_end": sp.end,
                    "cue_start": cue.start if cue else None,
                    "cue_end": cue.end if cue else None,
                    "kind": q.kind,
                }
            )
        preds[gid] = {"id": gid, "quotes": out}
    return preds, time.perf_counter() - t0


def bare_spacy_seconds(texts: list[str]) -> float:
    import wirewatch
    from wirewatch.parse import load_model

    nlp = load_model(wirewatch.Settings.load().spacy_model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t0


def row(name: str, r: dict[str, Any]) -> str:
    h = r["hung"]
    return (
        f"| {name:<22} | {r['exact']['F1']:.3f} | {r['cov>0.8']['F1']:.3f} | {r['cov>0.3']['F1']:.3f} "
        f"| {h['P']:.3f} | {h['R']:.3f} | {h['F1']:.3f} | {h['speaker_acc_on_matched'] or 0:.3f} "
        f"| {h['cue_acc_on_matched'] or 0:.3f} | {h['quote+speaker_F1']:.3f} | {h['tp']:>4} {h['fp']:>4} {h['fn']:>4} |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", help="polnear split file to read (dev or train)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--out", default="", help="write predictions (scorer format) to this file")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON instead of a table")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes of pipeline and bare spaCy, taking turns")
    args = ap.parse_args()
    scorer = load_scorer()
    gold = scorer.load(str(eval_dir() / "polnear" / f"{args.split}.jsonl"))
    if args.limit:
        gold = dict(list(gold.items())[: args.limit])
    preds, seconds = predictions(gold)
    texts = [d["text"] for d in gold.values()]
    # The first pass meets every word for the first time (spaCy's vocabulary, the pipeline's
    # caches); later passes, the two taking turns, see the same warm state and the same machine
    # speed, and the best of each is the least disturbed.
    spacy_seconds = bare_spacy_seconds(texts)
    first_pass = (seconds, spacy_seconds)
    for _ in range(max(0, args.rounds - 1)):
        seconds = min(seconds, predictions(gold)[1])
        spacy_seconds = min(spacy_seconds, bare_spacy_seconds(texts))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for p in preds.values():
                fh.write(json.dumps(p) + "\n")
    chars = sum(len(t) for t in texts)
    results: dict[str, Any] = {
        "all kinds": scorer.score(gold, preds),
        "direct+mixed": scorer.score(gold, preds, {"direct", "mixed"}),
        "direct": scorer.score(gold, preds, {"direct"}),
    }
    by_pub: dict[str, dict[str, Any]] = defaultdict(dict)
    for gid, d in gold.items():
        by_pub[d["publisher"]][gid] = d
    for pub, docs in sorted(by_pub.items()):
        results[f"  {pub}"] = scorer.score(docs, {k: preds[k] for k in docs})
    speed = {
        "articles": len(gold),
        "chars": chars,
        "pipeline_chars_per_s": round(chars / seconds),
        "spacy_pipe_chars_per_s": round(chars / spacy_seconds),
        "overhead_vs_parse": round(seconds / spacy_seconds - 1, 3),
        "first_pass_overhead_vs_parse": round(first_pass[0] / first_pass[1] - 1, 3),
    }
    if args.json:
        print(json.dumps({"scores": results, "speed": speed}, indent=1))
        return 0
    print(f"PolNeAR {args.split}: {len(gold)} articles, {chars} characters")
    print(
        "| set                    | exact | cov.8 | cov.3 | hung P | hung R | hung F1 "
        "| spk acc | cue acc | q+spk F1 | tp fp fn |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(row(name, r))
    print()
    print("| throughput | chars/s |")
    print("|---|---|")
    print(f"| wirewatch pipeline (whole record) | {speed['pipeline_chars_per_s']:,} |")
    print(f"| bare spaCy nlp.pipe, same texts | {speed['spacy_pipe_chars_per_s']:,} |")
    print(f"| pipeline time over parse time | {speed['overhead_vs_parse'] * 100:+.0f}% |")
    print(
        f"\n(best of {max(1, args.rounds)} passes each, taking turns; on the first pass, the pipeline meeting every "
        f"word first and spaCy after it: {speed['first_pass_overhead_vs_parse'] * 100:+.0f}%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
