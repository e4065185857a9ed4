#!/usr/bin/env python3
"""Main-text extraction of wirewatch's HTML reader on the article-extraction benchmark.

Usage: python bench/extraction.py [--data DIR] [--rounds N] [--json]

Data: ``../shared/eval/extraction`` (scrapinghub/article-extraction-benchmark: 181 real pages,
``html/*.html.gz``, and ``ground-truth.json`` with each page's human-written ``articleBody``),
read at run time and never copied into the repository.

What is compared, in one run on the same machine
------------------------------------------------
* **wirewatch**: :func:`wirewatch.ingest.html.html_document` with ``Settings.load()`` -- the exact
  reader and configuration the product uses (bytes decoded, trafilatura in the mode named by the
  ``html_precision`` setting, metadata, htmldate, the not-an-article checks). Its *body* is the
  record's text without the headline line the reader puts first (the ground truth has no
  headline); the row "wirewatch, with headline" scores the whole text. A page the reader
  refuses as not an article scores as an empty extraction.
* **wirewatch record body**: what the pipeline's record keeps as the article: the reader's text
  through the structure stage (:func:`wirewatch.pipeline.prepare_document`), less the paragraphs
  it labels ``set_aside`` and the ``headline``. Quotes, entities and events are found only in
  these paragraphs, so body the structure stage sets aside is lost to the record.
* **trafilatura.extract**: plain ``trafilatura.extract(html, include_comments=False)`` on the
  decoded page, as the benchmark's own ``extractors/run_trafilatura.py`` calls it.
* **trafilatura.extract(as wirewatch calls it)**: the same, with the mode and ``fast`` flag the
  reader passes (settings ``html_precision`` and ``html_fast``), so that the cost of the reader's
  own work (decoding, metadata, date, checks) can be told apart from the choice of mode.

Metric (as the benchmark's ``evaluate.py`` computes it): per page, the multiset of word 4-gram
shingles (tokens are ``\\w+`` runs) of prediction and truth give TP, FP and FN, normalised to sum
to one so that long pages weigh no more than short ones; precision and recall are each averaged
over the pages where they are defined, and F1 is the harmonic mean of the two averages.

Speed: every extractor runs over all pages ``--rounds`` times, interleaved, timed in CPU seconds
of this process; the best round of each gives pages/s (least disturbed by other load), and the
overhead is wirewatch's time over plain ``trafilatura.extract``'s, minus one; the reader's own
cost is its time over the same-mode call's, minus one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from wirewatch.config import Settings
from wirewatch.ingest.html import html_document
from wirewatch.models import RawDocument
from wirewatch.pipeline import prepare_document
from wirewatch.structure.titles import same_headline

DEFAULT_DATA = Path(Settings.load().eval_dir) / "extraction"
_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-gram shingles of ``text`` (a text shorter than n words is one short shingle)."""
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page's shingles."""
    t, p = shingles(truth), shingles(pred)
    tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(F1, precision, recall): precision and recall averaged over pages, F1 of the averages."""

    def ratio(tp: float, fp: float, fn: float, other: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == other == 0 else tp / (tp + other)

    precision = statistics.mean(ratio(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0)
    return 2 * precision * recall / (precision + recall), precision, recall


def body_of(doc: RawDocument) -> str:
    """The record's text less the headline the reader put first: the page's title, or the body's
    own heading where that is the same headline (the reader then adds no title of its own)."""
    if doc.title and doc.text.startswith(doc.title + "\n\n"):
        return doc.text[len(doc.title) + 2 :]
    first, _, rest = doc.text.partition("\n")
    if doc.title and same_headline(doc.title, first):
        return rest.lstrip("\n")
    return doc.text


def record_body_of(doc: RawDocument) -> str:
    """The pipeline record's body: its text less the ``set_aside`` and ``headline`` paragraphs.

    This is what the later stages read (quotes, entities and events are found only there), so
    a paragraph the structure stage sets aside is lost to the record even though the reader kept it.
    """
    structure = prepare_document(doc).structure
    return "\n".join(doc.text[p.start : p.end] for p in structure.paragraphs if p.kind not in ("set_aside", "headline"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder (html/, ground-truth.json)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over all pages per extractor")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    truth_file = args.data / "ground-truth.json"
    if not truth_file.exists():
        print(f"benchmark data not found at {args.data}", file=sys.stderr)
        return 2

    import trafilatura

    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    raw = {
        p.name.split(".")[0]: gzip.decompress(p.read_bytes()) for p in sorted((args.data / "html").glob("*.html.gz"))
    }
    texts = {k: v.decode("utf-8") for k, v in raw.items()}
    settings = Settings.load()

    def ours(key: str) -> RawDocument | None:
        doc = html_document(key, raw[key], settings)
        return doc if isinstance(doc, RawDocument) else None

    def plain(key: str) -> str | None:
        return trafilatura.extract(texts[key], include_comments=False)

    mode = {
        "favor_precision": settings.html_precision == "precision",
        "favor_recall": settings.html_precision == "recall",
        "fast": settings.html_fast,
    }
    same_call = f"trafilatura.extract({', '.join(k for k, v in mode.items() if v) or 'balanced'})"

    def plain_same_mode(key: str) -> str | None:
        return trafilatura.extract(texts[key], include_comments=False, **mode)

    extractors: dict[str, Callable[[str], object]] = {
        "wirewatch": ours,
        "trafilatura.extract": plain,
        same_call: plain_same_mode,
    }
    best: dict[str, float] = {}
    outputs: dict[str, dict[str, object]] = {}
    for _ in range(max(1, args.rounds)):
        for name, fn in extractors.items():
            # CPU time of this process: the work is single-threaded, and wall time on a shared
            # machine swings with other load.
            start = time.process_time()
            outputs[name] = {key: fn(key) for key in raw}
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)

    refused = [k for k, d in outputs["wirewatch"].items() if d is None]
    for key in refused:  # say why, for whoever tunes the not-an-article checks
        err = html_document(key, raw[key], settings)
        print(f"refused {key[:12]}: {err}", file=sys.stderr)
    keys = list(truth)
    docs = outputs["wirewatch"]

    def ours_text(key: str, whole: bool) -> str:
        doc = docs[key]
        if not isinstance(doc, RawDocument):
            return ""
        return doc.text if whole else body_of(doc)

    rows = {
        "wirewatch record body (less set_aside, headline)": [
            page_counts(truth[k]["articleBody"], record_body_of(d) if isinstance(d := docs[k], RawDocument) else "")
            for k in keys
        ],
        "wirewatch": [page_counts(truth[k]["articleBody"], ours_text(k, False)) for k in keys],
        "wirewatch, with headline": [page_counts(truth[k]["articleBody"], ours_text(k, True)) for k in keys],
        "trafilatura.extract": [
            page_counts(truth[k]["articleBody"], str(outputs["trafilatura.extract"][k] or "")) for k in keys
        ],
        same_call: [page_counts(truth[k]["articleBody"], str(outputs[same_call][k] or "")) for k in keys],
    }
    speed = {name: len(raw) / seconds for name, seconds in best.items()}
    overhead = best["wirewatch"] / best["trafilatura.extract"] - 1
    own_cost = best["wirewatch"] / best[same_call] - 1
    result = {
        "pages": len(keys),
        "refused_as_not_article": len(refused),
        "html_precision": settings.html_precision,
        "html_fast": settings.html_fast,
        "rows": {name: dict(zip(("f1", "precision", "recall"), score(c), strict=True)) for name, c in rows.items()},
        "pages_per_second": speed,
        "overhead": overhead,
        "reader_own_cost": own_cost,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"Extraction on {len(keys)} pages (html_precision={settings.html_precision!r}, html_fast={settings.html_fast}, "
        f"{len(refused)} refused as not an article), best of {args.rounds} rounds\n"
    )
    print("| extractor | F1 | precision | recall | pages/s |")
    print("|---|---|---|---|---|")
    for name, (f1, p, r) in ((n, score(c)) for n, c in rows.items()):
        pps = speed.get(name, speed.get(name.split(", ")[0]))
        print(
            f"| {name} | {f1:.4f} | {p:.4f} | {r:.4f} | {pps:.1f} |"
            if pps
            else f"| {name} | {f1:.4f} | {p:.4f} | {r:.4f} | |"
        )
    print(f"\nwirewatch reader overhead over plain trafilatura.extract: {overhead:+.1%}")
    print(f"wirewatch reader's own cost over {same_call}: {own_cost:+.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
