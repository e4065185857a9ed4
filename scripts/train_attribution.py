#!/usr/bin/env python3
"""Rebuild ``src/wirewatch/data/frame_model.json`` and ``source_model.json`` from PolNeAR's train split.

Usage: python scripts/train_attribution.py [--train ../shared/eval/polnear/train.jsonl]

Runs wirewatch's own structure stage, parse and candidate generator
(``wirewatch.attribution.candidates.candidates``) over every training article, labels each
candidate (its verb lies in the cue of a gold attribution whose content overlaps the candidate's
content) and fits a logistic regression with an L2 penalty on the candidates' sparse features
(``features.paragraph_features``). For every candidate that is a gold cue, the source options
(``sources.source_options``) are labelled by whether their phrase overlaps the gold source, and a
conditional logit is fitted over them (``fit_choice``). Only feature weights are stored (a few
hundred KB); no text of the corpus goes into the artefacts. Deterministic: full-batch Adam from
zero weights, so the same data and spaCy model give the same files. Takes 3-5 minutes, nearly all of it parsing.
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

from wirewatch.attribution.assemble import PROSE_KINDS
from wirewatch.attribution.candidates import candidates
from wirewatch.attribution.features import paragraph_features
from wirewatch.attribution.sources import SourceQuestion, source_options
from wirewatch.attribution.subjects import source_phrase
from wirewatch.config import Settings
from wirewatch.parse import ParsedParagraph, parse_paragraphs
from wirewatch.quotemarks import find_quote_spans
from wirewatch.structure import analyse_structure

ROOT = Path(__file__).resolve().parents[1]


def alnum(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


SourceGroup = tuple[list[list[str]], list[int]]


def article_rows(
    text: str, parsed: Sequence[ParsedParagraph], quotes: list[dict[str, Any]]
) -> tuple[list[list[str]], list[int], list[SourceGroup]]:
    """Features and 0/1 labels of every candidate of one parsed article against its gold quotes,
    and for every candidate that is a gold cue, its source options with their labels."""
    gold = []
    for q in quotes:
        if q.get("cue_start") is None:
            continue
        spans = [(int(s), int(e)) for s, e in q.get("quote_spans") or [[q["quote_start"], q["quote_end"]]]]
        sp = (q["speaker_start"], q["speaker_end"]) if q.get("speaker_start") is not None else None
        gold.append((q["cue_start"], q["cue_end"], alnum(text, spans), alnum(text, [sp]) if sp else set()))
    rows: list[list[str]] = []
    labels: list[int] = []
    groups: list[SourceGroup] = []
    prose = [p for p in parsed if p.kind in PROSE_KINDS]
    for para in prose:
        marks = find_quote_spans(text, para.offset, para.offset + len(para.doc.text))
        nxt = [p for p in prose if p.index == para.index + 1]
        following = (nxt[0].offset, nxt[0].offset + len(nxt[0].doc.text)) if nxt else None
        cands = candidates(para, text, marks, following)
        blocked = [(q.start, q.end) for q in marks]
        for cand, feats in zip(cands, paragraph_features(cands, para.kind), strict=True):
            content = alnum(text, list(cand.pieces))
            rows.append(feats)
            hit = next((sp for cs, ce, g, sp in gold if cs <= cand.at < ce and content & g), None)
            labels.append(int(hit is not None))
            if hit is None:
                continue
            options, opt_feats = source_options(
                SourceQuestion(cand.verb, cand.frame, cand.lemma, cand.subject, (*cand.pieces, *blocked), para.offset)
            )
            opt_labels = []
            for tok in options:
                if tok is None:
                    opt_labels.append(int(not hit))
                    continue
                written = source_phrase(para, tok)
                phrase = alnum(text, [(written.start, written.end)])
                opt_labels.append(int(bool(phrase & hit)))
            if any(opt_labels):  # a source no option reaches teaches nothing about the choice
                groups.append((opt_feats, opt_labels))
    return rows, labels, groups


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


def fit_choice(groups: list[SourceGroup], l2: float, min_count: int, iters: int = 400) -> dict[str, float]:
    """Conditional logit (a softmax over each group's options), maximising the probability of the
    right options of every group; L2-penalised, full-batch Adam from zero."""
    counts = Counter(f for opts, _ in groups for feats in opts for f in feats)
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    r_idx, c_idx, g_idx, y_list = [], [], [], []
    r = 0
    for g, (opts, labs) in enumerate(groups):
        for feats, lab in zip(opts, labs, strict=True):
            for f in feats:
                j = vocab.get(f)
                if j is not None:
                    r_idx.append(r)
                    c_idx.append(j)
            g_idx.append(g)
            y_list.append(lab)
            r += 1
    ri, ci, gi = np.array(r_idx), np.array(c_idx), np.array(g_idx)
    y = np.array(y_list, dtype=np.float64)
    n, d, n_groups = r, len(vocab), len(groups)
    w, m, v = np.zeros(d), np.zeros(d), np.zeros(d)
    for t in range(1, iters + 1):
        z = np.bincount(ri, weights=w[ci], minlength=n)
        z -= np.maximum.reduceat(z, np.flatnonzero(np.r_[True, gi[1:] != gi[:-1]]))[gi]
        e = np.exp(z)
        p = e / np.bincount(gi, weights=e, minlength=n_groups)[gi]
        pos = p * y
        q = pos / np.bincount(gi, weights=pos, minlength=n_groups)[gi]
        # d(-log sum of the right options' probabilities)/dz = p - q
        grad = np.bincount(ci, weights=(p - q)[ri], minlength=d) / n_groups + l2 * w / n_groups
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return {f: round(float(w[j]), 3) for f, j in vocab.items() if abs(w[j]) >= 0.005}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(ROOT.parent / "shared/eval/polnear/train.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "src/wirewatch/data/frame_model.json"))
    ap.add_argument("--l2", type=float, default=3.0, help="L2 penalty (summed over the training set)")
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times")
    ap.add_argument("--source-out", default=str(ROOT / "src/wirewatch/data/source_model.json"))
    ap.add_argument("--source-l2", type=float, default=3.0, help="L2 penalty of the source chooser")
    args = ap.parse_args()
    settings = Settings.load()
    with open(args.train, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    rows: list[list[str]] = []
    labels: list[int] = []
    groups: list[SourceGroup] = []
    t0 = time.perf_counter()
    for n, art in enumerate(articles, 1):
        text = art["text"]
        published = date.fromisoformat(art["date"]) if art.get("date") else None
        structure = analyse_structure(text, published, settings)
        dl = structure.dateline
        parsed = parse_paragraphs(
            text, structure.paragraphs, settings.spacy_model, skip=(dl.start, dl.end) if dl else None
        )
        r, lab, grp = article_rows(text, parsed, art["quotes"])
        rows += r
        labels += lab
        groups += grp
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
    source_weights = fit_choice(groups, args.source_l2, args.min_count)
    source_model = {
        "source": "PolNeAR v1.0.0 train split: conditional logit weights over source options",
        "spacy_model": settings.spacy_model,
        "cues": len(groups),
        "options": sum(len(opts) for opts, _ in groups),
        "l2": args.source_l2,
        "weights": dict(sorted(source_weights.items())),
    }
    Path(args.source_out).write_text(
        json.dumps(source_model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(source_weights)} weights from {len(groups)} cues written to {args.source_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
