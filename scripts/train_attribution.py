#!/usr/bin/env python3
"""Rebuild ``src/wirewatch/data/frame_model.json`` from PolNeAR's training split.

Usage: python scripts/train_attribution.py [--train ../shared/eval/polnear/train.jsonl]

Runs wirewatch's own structure stage, parse and candidate generator
(``wirewatch.attribution.extract.candidates``) over every training article, and counts for each
(verb lemma, frame) how many candidates were the cue of a gold attribution whose content
overlaps the frame's content. Only these counts are stored (a few hundred KB at most); no text
of the corpus goes into the artefact. Deterministic: the same data and model give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from wirewatch.attribution.extract import PROSE_KINDS, candidates
from wirewatch.attribution.quotemarks import find_quote_spans
from wirewatch.config import Settings
from wirewatch.parse import parse_paragraphs
from wirewatch.structure import analyse_structure

ROOT = Path(__file__).resolve().parents[1]


def alnum(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(ROOT.parent / "shared/eval/polnear/train.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "src/wirewatch/data/frame_model.json"))
    ap.add_argument("--min-total", type=int, default=2, help="drop (lemma, frame) pairs seen fewer times")
    args = ap.parse_args()
    settings = Settings.load()
    with open(args.train, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    pairs: Counter[str] = Counter()
    pair_pos: Counter[str] = Counter()
    frames: Counter[str] = Counter()
    frame_pos: Counter[str] = Counter()
    t0 = time.perf_counter()
    for n, art in enumerate(articles, 1):
        text = art["text"]
        published = date.fromisoformat(art["date"]) if art.get("date") else None
        structure = analyse_structure(text, published, settings)
        dl = structure.dateline
        parsed = parse_paragraphs(
            text, structure.paragraphs, settings.spacy_model, skip=(dl.start, dl.end) if dl else None
        )
        gold = []
        for q in art["quotes"]:
            if q.get("cue_start") is None:
                continue
            spans = [tuple(s) for s in q.get("quote_spans") or [[q["quote_start"], q["quote_end"]]]]
            gold.append((q["cue_start"], q["cue_end"], alnum(text, spans)))
        prose = [p for p in parsed if p.kind in PROSE_KINDS]
        for para in prose:
            quotes = find_quote_spans(text, para.offset, para.offset + len(para.doc.text))
            nxt = [p for p in prose if p.index == para.index + 1]
            following = (nxt[0].offset, nxt[0].offset + len(nxt[0].doc.text)) if nxt else None
            for cand in candidates(para, text, quotes, following):
                v = para.start_of(cand.verb)
                content = alnum(text, list(cand.pieces))
                hit = any(cs <= v < ce and content & g for cs, ce, g in gold)
                key = f"{cand.lemma}|{cand.frame}"
                pairs[key] += 1
                frames[cand.frame] += 1
                if hit:
                    pair_pos[key] += 1
                    frame_pos[cand.frame] += 1
        if n % 100 == 0:
            print(f"{n}/{len(articles)} articles, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    model = {
        "source": "PolNeAR v1.0.0 train split: counts of (lemma|frame) -> [cue, total]",
        "spacy_model": settings.spacy_model,
        "pairs": {k: [pair_pos[k], v] for k, v in sorted(pairs.items()) if v >= args.min_total or pair_pos[k]},
        "frames": {k: [frame_pos[k], v] for k, v in sorted(frames.items())},
    }
    Path(args.out).write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(model['pairs'])} (lemma, frame) pairs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
