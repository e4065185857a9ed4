#!/usr/bin/env python3
"""Rebuild ``src/wirewatch/data/frame_model.json`` and ``source_model.json`` from PolNeAR's train split.

Usage: python scripts/train_attribution.py [--train EVAL_DIR/polnear/train.jsonl] [--check]

Runs wirewatch's own structure stage, parse and candidate generator
(``wirewatch.attribution.candidates.candidates``) over every training article, labels each
candidate (its verb lies in the cue of a gold attribution whose content overlaps the candidate's
content) and fits a logistic regression with an L2 penalty on the candidates' sparse features
(``features.paragraph_features``). For every candidate that is a gold cue, the source options
(``sources.source_options``) are labelled by whether their phrase overlaps the gold source, and a
conditional logit is fitted over them (``fit_choice``). Only feature weights are stored (a few
hundred KB); no text of the corpus goes into the artefacts. Deterministic: full-batch Adam from
zero weights, so the same data and spaCy model give the same files. Takes 3-5 minutes, nearly all of it parsing.

Every artefact carries a ``header`` (``wirewatch.attribution.models_io``): the features version,
the spaCy pipeline's name and version, the training file's SHA-256 and the weights' SHA-256.

``--check`` trains into a temporary folder and compares the result with the shipped files; it
exits 1 with a summary of the differences when they disagree. Bytes equal is the expected case
(the same code, data and spaCy model on the same kind of machine). Weights are rounded to 3
decimals, and numpy's ``exp`` and sums may differ in the last bit between CPUs (SIMD paths), which
can tip a rounding; so files whose headers and counts agree and whose every weight is within
``WEIGHT_TOLERANCE`` of the shipped one pass too, with the largest difference printed. A changed
candidate generator, feature, label rule or training file changes the counts or moves weights far
more than that.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from wirewatch.attribution.assemble import PROSE_KINDS
from wirewatch.attribution.candidates import candidates
from wirewatch.attribution.features import FEATURES_VERSION, paragraph_features
from wirewatch.attribution.models_io import file_sha256, pipeline_identity, weights_digest
from wirewatch.attribution.sources import SourceQuestion, source_options
from wirewatch.attribution.subjects import source_phrase
from wirewatch.config import Settings
from wirewatch.parse import ParsedParagraph, load_model, parse_paragraphs
from wirewatch.quotemarks import find_quote_spans
from wirewatch.structure import analyse_structure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "wirewatch" / "data"
# --check: how far a rebuilt weight may lie from the shipped one (see the docstring)
WEIGHT_TOLERANCE = 0.002
# the counts of a model file that must agree exactly
COUNTS = ("candidates", "positives", "cues", "options", "l2")


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


def header(artefact: str, train: Path, eval_dir: Path, settings: Settings, weights: dict[str, float]) -> dict[str, Any]:
    """The header ``models_io`` checks: what this model was trained with."""
    import spacy

    name, version = pipeline_identity(load_model(settings.spacy_model).meta)
    try:
        data_file = train.resolve().relative_to(eval_dir.resolve()).as_posix()
    except ValueError:
        data_file = train.name
    return {
        "artefact": artefact,
        "features_version": FEATURES_VERSION,
        "spacy_model": {"name": name, "version": version},
        "spacy_library": spacy.__version__,
        "training_data": {"file": data_file, "sha256": file_sha256(train)},
        "weights_sha256": weights_digest(weights),
        "note": "built by scripts/train_attribution.py; its --check rebuilds and compares",
    }


def train_models(
    train: Path, eval_dir: Path, settings: Settings, l2: float, min_count: int, source_l2: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The cue model and the source model trained on ``train``, as the dicts written to disk."""
    with open(train, encoding="utf-8") as fh:
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
    weights = dict(sorted(fit(rows, labels, l2, min_count).items()))
    model = {
        "header": header("frame_model", train, eval_dir, settings, weights),
        "source": "PolNeAR v1.0.0 train split: logistic regression weights over candidate features",
        "candidates": len(rows),
        "positives": sum(labels),
        "l2": l2,
        "weights": weights,
    }
    source_weights = dict(sorted(fit_choice(groups, source_l2, min_count).items()))
    source_model = {
        "header": header("source_model", train, eval_dir, settings, source_weights),
        "source": "PolNeAR v1.0.0 train split: conditional logit weights over source options",
        "cues": len(groups),
        "options": sum(len(opts) for opts, _ in groups),
        "l2": source_l2,
        "weights": source_weights,
    }
    return model, source_model


def write_model(model: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(model['weights'])} weights written to {path}", file=sys.stderr)


def compare_models(shipped: Path, rebuilt: Path) -> tuple[list[str], str]:
    """The differences that fail ``--check`` between a shipped and a rebuilt file, and a line
    saying how they compare when none does."""
    if not shipped.is_file():
        return [f"{shipped.name}: no shipped file at {shipped}"], ""
    if shipped.read_bytes() == rebuilt.read_bytes():
        return [], f"{shipped.name}: identical bytes"
    try:
        old = json.loads(shipped.read_text("utf-8"))
    except json.JSONDecodeError as err:
        return [f"{shipped.name}: the shipped file is not JSON ({err})"], ""
    new = json.loads(rebuilt.read_text("utf-8"))
    problems = []
    old_head, new_head = dict(old.get("header") or {}), dict(new["header"])
    for key in ("weights_sha256", "spacy_library"):  # compared through the weights / for the record only
        old_head.pop(key, None)
        new_head.pop(key, None)
    for key in sorted(set(old_head) | set(new_head)):
        if old_head.get(key) != new_head.get(key):
            was, now = old_head.get(key), new_head.get(key)
            problems.append(f"{shipped.name}: header {key}: shipped {was!r}, rebuilt {now!r}")
    for key in COUNTS:
        if old.get(key) != new.get(key):
            problems.append(f"{shipped.name}: {key}: shipped {old.get(key)!r}, rebuilt {new.get(key)!r}")
    ow: dict[str, float] = old.get("weights") or {}
    nw: dict[str, float] = new["weights"]
    # a weight under 0.005 is left out of a file, so a missing one counts as 0
    diffs = sorted(((abs(ow.get(k, 0.0) - nw.get(k, 0.0)), k) for k in set(ow) | set(nw)), reverse=True)
    far = [(d, k) for d, k in diffs if d > WEIGHT_TOLERANCE + 1e-9]
    only_old, only_new = len(set(ow) - set(nw)), len(set(nw) - set(ow))
    if far:
        shown = ", ".join(f"{k} {ow.get(k, 0.0):+.3f} -> {nw.get(k, 0.0):+.3f}" for _, k in far[:8])
        problems.append(
            f"{shipped.name}: {len(far)} of {len(diffs)} weights differ by more than {WEIGHT_TOLERANCE} "
            f"({only_old} only shipped, {only_new} only rebuilt); largest: {shown}"
        )
    largest = diffs[0][0] if diffs else 0.0
    return problems, f"{shipped.name}: bytes differ, every weight within {WEIGHT_TOLERANCE} (largest {largest:.3f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=None, help="training file (default: EVAL_DIR/polnear/train.jsonl)")
    ap.add_argument("--out", default=str(DATA / "frame_model.json"))
    ap.add_argument("--l2", type=float, default=3.0, help="L2 penalty (summed over the training set)")
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times")
    ap.add_argument("--source-out", default=str(DATA / "source_model.json"))
    ap.add_argument("--source-l2", type=float, default=3.0, help="L2 penalty of the source chooser")
    ap.add_argument("--check", action="store_true", help="rebuild in a temp folder, compare with --out/--source-out")
    args = ap.parse_args()
    settings = Settings.load()
    eval_dir = Path(settings.eval_dir)
    train = Path(args.train) if args.train else eval_dir / "polnear" / "train.jsonl"
    if not train.is_file():
        help = f"get PolNeAR into {eval_dir}/polnear (or set WIREWATCH_EVAL_DIR)"
        print(f"no training data at {train}: {help}", file=sys.stderr)
        return 2
    model, source_model = train_models(train, eval_dir, settings, args.l2, args.min_count, args.source_l2)
    targets = [(model, Path(args.out)), (source_model, Path(args.source_out))]
    if not args.check:
        for m, path in targets:
            write_model(m, path)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="wirewatch-train-check-"))
    problems: list[str] = []
    for m, path in targets:
        rebuilt = tmp / path.name
        write_model(m, rebuilt)
        found, verdict = compare_models(path, rebuilt)
        problems += found
        if not found:
            print(f"check: {verdict}")
    if problems:
        print("check: the shipped models are not what the code and data build:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        print(f"check: rebuilt files kept in {tmp}; ship a retrain: scripts/train_attribution.py", file=sys.stderr)
        return 1
    shutil.rmtree(tmp)
    print("check: the shipped models match a rebuild")
    return 0


if __name__ == "__main__":
    sys.exit(main())
