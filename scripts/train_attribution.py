#!/usr/bin/env python3
"""Rebuild ``src/wirewatch/data/frame_model.json`` from PolNeAR's training split.

Usage: python scripts/train_attribution.py [--train ../shared/eval/polnear/train.jsonl]

Runs wirewatch's own structure stage, parse and candidate generator
(``wirewatch.attribution.extract.candidates``) over every training article, labels each
candidate (its verb lies in the cue of a gold attribution whose content overlaps the candidate's
content) and fits a logistic regression with an L2 penalty on the candidates' sparse features
(``extract.paragraph_features``). Only feature weights are stored (a few hundred KB); no text of
the corpus goes into the artefact. Deterministic: full-batch Adam from zero weights, so the same
data and spaCy model give the same file. Takes 3-5 minutes, nearly all of it parsing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from wirewatch.attribution.extract import PROSE_KINDS, candidates, paragraph_features
from wirewatch.attribution.quotemarks import find_quote_spans
from wirewatch.config import Settings
from wirewatch.parse import ParsedParagraph, parse_paragraphs
from wirewatch.structure import analyse_structure

ROOT = Path(__file__).resolve().parents[1]


def alnum(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def article_rows(
    text: str, parsed: Sequence[ParsedParagraph], quotes: list[dict[str, Any]]
) -> tuple[list[list[str]], list[int]]:
    """Features and 0/1 labels of every candidate of one parsed article against its gold quotes."""
    gold = []
    for q in quotes:
        if q.get("cue_start") is None:
            continue
        spans = [(int(s), int(e)) for s, e in q.get("quote_spans") or [[q["quote_start"], q["quote_end"]]]]
        gold.append((q["cue_start"], q["cue_end"], alnum(text, spans)))
    rows: list[list[str]] = []
    labels: list[int] = []
    prose = [p for p in parsed if p.kind in PROSE_KINDS]
    for para in prose:
        marks = find_quote_spans(text, para.offset, para.offset + len(para.doc.text))
        nxt = [p for p in prose if p.index == para.index + 1]
        following = (nxt[0].offset, nxt[0].offset + len(nxt[0].doc.text)) if nxt else None
        cands = candidates(para, text, marks, following)
        for cand, feats in zip(cands, paragraph_features(cands, para.kind), strict=True):
            content = alnum(text, list(cand.pieces))
            rows.append(feats)
            labels.append(int(any(cs <= cand.at < ce and content & g for cs, ce, g in gold)))
    return rows, labels


def fit(rows: list[list[str]], labels: list[int], l2: float, min_count: int, iters: int = 400) -> dict[str, float]:
    """L2-penalised logistic regression on binary features, full-batch Adam from zero."""
    counts = Counter(f for feats in rows for f in feats)
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    r_idx, c_idx = [], []
    for r, feats in enumerate(rows):
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                r_idx.append(r)
                c_idx.append(j)
    ri, ci = np.array(r_idx), np.array(c_idx)
    y = np.array(labels, dtype=np.float64)
    n, d = len(rows), len(vocab)
    w, m, v = np.zeros(d), np.zeros(d), np.zeros(d)
    for t in range(1, iters + 1):
        z = np.bincount(ri, weights=w[ci], minlength=n)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = np.bincount(ci, weights=(p - y)[ri], minlength=d) / n + l2 * w / n
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    # weights near zero change no decision; leaving them out keeps the file small
    return {f: round(float(w[j]), 3) for f, j in vocab.items() if abs(w[j]) >= 0.005}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(ROOT.parent / "shared/eval/polnear/train.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "src/wirewatch/data/frame_model.json"))
    ap.add_argument("--l2", type=float, default=3.0, help="L2 penalty (summed over the training set)")
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times")
    args = ap.parse_args()
    settings = Settings.load()
    with open(args.train, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    rows: list[list[str]] = []
    labels: list[int] = []
    t0 = time.perf_counter()
    for n, art in enumerate(articles, 1):
        text = art["text"]
        published = date.fromisoformat(art["date"]) if art.get("date") else None
        structure = analyse_structure(text, published, settings)
        dl = structure.dateline
        parsed = parse_paragraphs(
            text, structure.paragraphs, settings.spacy_model, skip=(dl.start, dl.end) if dl else None
        )
        r, lab = article_rows(text, parsed, art["quotes"])
        rows += r
        labels += lab
        if n % 100 == 0:
            print(f"{n}/{len(articles)} articles, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    weights = fit(rows, labels, args.l2, args.min_count)
    model = {
        "source": "PolNeAR v1.0.0 train split: logistic regression weights over candidate features",
        "spacy_model": settings.spacy_model,
        "candidates": len(rows),
        "positives": sum(labels),
        "l2": args.l2,
        "weights": dict(sorted(weights.items())),
    }
    Path(args.out).write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights from {len(rows)} candidates written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
