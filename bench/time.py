#!/usr/bin/env python3
"""Date expressions found and normalised by wirewatch's time stage, on TempEval-3 platinum.

Usage: python bench/time.py [--data DIR] [--errors] [--json]

Data: ``../shared/eval/time/te3-platinum/*.tml`` (20 TimeML news documents, read at run time and
never copied into the repository). For each document the text inside ``<TEXT>`` is taken with
its tags stripped, split into paragraphs at blank lines, parsed with the project's spaCy model
(:func:`wirewatch.parse.load_model`) and given to :func:`wirewatch.time.find_dates` with the
document creation time (DCT) as the anchor, exactly as the pipeline does with a published date.

What is scored
--------------
* **Gold** is every ``TIMEX3`` of ``type="DATE"`` in the text (the DCT itself is not in the text).
  TIME, DURATION and SET timexes are not targets: a prediction that overlaps one of them is
  *ignored* (neither a hit nor a false alarm), because the time stage deliberately resolves
  "Friday afternoon" (a TIME) to its day and drops durations ("five years") and frequencies.
* **Span matching** is one-to-one, in text order. *Exact*: the predicted span equals the gold
  span, as it is or once a leading preposition of the prediction ("on", "in", "since"... which
  TimeML usually leaves outside the TIMEX3) and a trailing possessive are set aside. *Relaxed*: the spans
  overlap by at least one character. Precision = matched / predictions (ignored ones left out);
  recall = matched / gold; F1 their harmonic mean.
* **Value accuracy** is over the relaxed matches: the predicted value equals the gold TIMEX3
  value as a string, at the same granularity ("2013-03" is not "2013-03-22", "2013-W12" is a
  week). Our values are ISO 8601 (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``YYYY-Www``) or
  TimeML's ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``; a year-less ``--MM-DD`` or ``None``
  counts as wrong.

Prints a markdown table: documents, gold DATEs, predictions, exact and relaxed P/R/F1, value
accuracy, and the share of all gold DATEs both found and normalised right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from wirewatch.config import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(Settings.load().eval_dir) / "time" / "te3-platinum"

_LEADING = re.compile(
    r"^(?:on|in|since|by|until|till|from|during|at|as\s+of|before|after|through|throughout|over|for)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    dct: date
    text: str
    timexes: tuple[Timex, ...]


def read_tml(path: Path) -> GoldDoc:
    """The plain text of ``<TEXT>`` with the offsets of its TIMEX3s, and the DCT."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    assert dct_el is not None, f"{path}: no DCT"
    dct = date.fromisoformat(dct_el.get("value", "")[:10])
    text_el = root.find("TEXT")
    assert text_el is not None, f"{path}: no TEXT"
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            timexes.append(Timex(start, pos, el.get("type", ""), el.get("value", ""), "".join(parts)[start:pos]))

    walk(text_el)
    return GoldDoc(path.stem, dct, "".join(parts), tuple(sorted(timexes, key=lambda t: t.start)))


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each blank-line-separated paragraph, trimmed of surrounding space."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        out.append((m.start(), m.group()))
    return out


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    value: str | None
    text: str


def predict(doc: GoldDoc, model: str) -> list[Pred]:
    """find_dates over each paragraph of ``doc`` with the DCT as anchor; document offsets."""
    from wirewatch.parse import load_model
    from wirewatch.time import find_dates

    nlp = load_model(model)
    paras = paragraphs(doc.text)
    preds: list[Pred] = []
    for (offset, _), parsed in zip(paras, nlp.pipe([p for _, p in paras]), strict=True):
        for m in find_dates(parsed, doc.dct):
            preds.append(Pred(m.start + offset, m.end + offset, m.value, m.text))
    return preds


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading preposition or a trailing possessive (TimeML leaves them out)."""
    piece = text[start:end]
    if m := _LEADING.match(piece):
        start += m.end()
    piece = text[start:end]
    if re.search(r"['’]s?$", piece):
        end -= len(re.search(r"['’]s?$", piece).group())  # type: ignore[union-attr]
    return start, end


@dataclass
class Counts:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    exact: int = 0
    relaxed: int = 0
    value_ok: int = 0

    def table(self) -> dict[str, float]:
        def prf(hit: int) -> tuple[float, float, float]:
            p = hit / self.pred if self.pred else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        ep, er, ef = prf(self.exact)
        rp, rr, rf = prf(self.relaxed)
        return {
            "exact_p": ep,
            "exact_r": er,
            "exact_f1": ef,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "value_accuracy": self.value_ok / self.relaxed if self.relaxed else 0.0,
            "end_to_end": self.value_ok / self.gold if self.gold else 0.0,
        }


def score(doc: GoldDoc, preds: list[Pred], counts: Counts, errors: list[str] | None = None) -> None:
    """Add one document's matches to ``counts``; list the misses in ``errors`` if given."""
    gold = [t for t in doc.timexes if t.type == "DATE"]
    other = [t for t in doc.timexes if t.type != "DATE"]
    counts.docs += 1
    counts.gold += len(gold)
    used: set[int] = set()
    scored_preds = 0
    for p in preds:
        core = _core(doc.text, p.start, p.end)
        match = next(
            (i for i, g in enumerate(gold) if i not in used and g.start < p.end and p.start < g.end),
            None,
        )
        if match is None:
            if any(o.start < p.end and p.start < o.end for o in other):
                continue  # a TIME/DURATION/SET: not scored
            scored_preds += 1
            if errors is not None:
                errors.append(f"{doc.name}\tFP\t{p.text!r}\t{p.value}")
            continue
        scored_preds += 1
        used.add(match)
        g = gold[match]
        counts.relaxed += 1
        if (g.start, g.end) in (core, (p.start, p.end)):
            counts.exact += 1
        elif errors is not None:
            errors.append(f"{doc.name}\tSPAN\t{p.text!r} vs gold {g.text!r}")
        if p.value == g.value:
            counts.value_ok += 1
        elif errors is not None:
            errors.append(f"{doc.name}\tVALUE\t{p.text!r}={p.value} vs gold {g.text!r}={g.value}")
    counts.pred += scored_preds
    if errors is not None:
        for i, g in enumerate(gold):
            if i not in used:
                errors.append(f"{doc.name}\tFN\t{g.text!r}\t{g.value}")


def evaluate(data: Path = DATA, model: str | None = None, errors: list[str] | None = None) -> dict[str, Any]:
    """Score every ``.tml`` under ``data``; the figures of :meth:`Counts.table` plus raw counts."""

    model = model or Settings.load().spacy_model
    counts = Counts()
    for path in sorted(data.glob("*.tml")):
        doc = read_tml(path)
        score(doc, predict(doc, model), counts, errors)
    return {"docs": counts.docs, "gold": counts.gold, "pred": counts.pred, **counts.table()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", action="store_true", help="also list every miss, false alarm and wrong value")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no TempEval-3 data at {args.data}", file=sys.stderr)
        return 2
    errors: list[str] | None = [] if args.errors else None
    r = evaluate(args.data, errors=errors)
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        print(f"TempEval-3 platinum, type=DATE only: {r['docs']} documents, {r['gold']} gold, {r['pred']} predicted\n")
        print("| match | P | R | F1 |")
        print("|---|---|---|---|")
        print(f"| exact | {r['exact_p']:.3f} | {r['exact_r']:.3f} | {r['exact_f1']:.3f} |")
        print(f"| relaxed (overlap) | {r['relaxed_p']:.3f} | {r['relaxed_r']:.3f} | {r['relaxed_f1']:.3f} |")
        print()
        print("| value accuracy (on relaxed matches) | found and right (of all gold) |")
        print("|---|---|")
        print(f"| {r['value_accuracy']:.3f} | {r['end_to_end']:.3f} |")
    if errors:
        print("\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
