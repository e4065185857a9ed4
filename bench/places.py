#!/usr/bin/env python3
"""Places found with coordinates, against the named locations of NewsReader MEANTIME.

Usage: python bench/places.py [--data DIR] [--limit N] [--errors] [--json]

Data: ``../shared/eval/time/meantime/intra-doc_annotation/*/*.xml`` (120 English Wikinews
articles, read at run time and never copied into the repository), rebuilt into text and parsed
as ``bench/events.py`` does, then run through :func:`wirewatch.entities.places.find_places` with
the process's gazetteer (``Settings.gazetteer_min_population``).

What is scored, in the annotated region (the first six sentences, which is all MEANTIME marks):

* **gold**: ENTITY_MENTIONs that are proper names (``syntactic_type="NAM"``) of an ENTITY of
  type LOC ("Toulouse", "the United States", "Europe").
* **recall**: gold mentions that a place mention of ours overlaps (every place we report has
  coordinates) / gold mentions.
* **precision**: our place mentions that overlap a LOC mention of any syntactic type / ours.

To compare two versions, run this script with each version's ``src`` on ``PYTHONPATH``: it uses
only ``find_places``, ``Gazetteer.load`` and the parser.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events import DATA, GoldDoc, read_meantime  # noqa: E402

ANNOTATED_SENTENCES = 6


def _named(path: Path) -> set[str]:
    """The m_ids of the proper-name entity mentions of a MEANTIME file."""
    root = ET.parse(path).getroot()
    markables = root.find("Markables")
    if markables is None:
        return set()
    return {el.get("m_id", "") for el in markables.iter("ENTITY_MENTION") if el.get("syntactic_type") == "NAM"}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ours(doc: GoldDoc, model: str, min_population: int) -> list[tuple[int, int, str]]:
    from wirewatch.entities.gazetteer import Gazetteer
    from wirewatch.entities.places import find_places
    from wirewatch.models import Paragraph
    from wirewatch.parse import parse_paragraphs

    paras = [Paragraph(s, e, "headline" if i == 0 else "body") for i, (s, e) in enumerate(doc.sentences)]
    parsed = parse_paragraphs(doc.text, paras, model)
    table = find_places(parsed, Gazetteer.load(min_population), None)
    return [(s, e, c.place.name) for c in table.places for s, e in c.mentions]


def evaluate(data: Path = DATA, limit: int | None = None, errors: list[str] | None = None) -> dict[str, float]:
    from wirewatch.config import Settings

    settings = Settings.load()
    gold_n = gold_found = ours_n = ours_right = 0
    paths = sorted(data.glob("*/*.xml"))[:limit]
    for path in paths:
        doc = read_meantime(path)
        end = doc.sentences[min(ANNOTATED_SENTENCES, len(doc.sentences)) - 1][1] if doc.sentences else 0
        named = _named(path)
        locs = [doc.mentions[m] for m in doc.loc_mentions if m in doc.mentions and doc.mentions[m][1] <= end]
        gold = [doc.mentions[m] for m in doc.loc_mentions if m in named and m in doc.mentions]
        gold = [g for g in gold if g[1] <= end]
        ours = [o for o in _ours(doc, settings.spacy_model, settings.gazetteer_min_population) if o[1] <= end]
        gold_n += len(gold)
        ours_n += len(ours)
        for g in gold:
            if any(_overlaps(g, (s, e)) for s, e, _ in ours):
                gold_found += 1
            elif errors is not None:
                errors.append(f"{path.stem}: missed {doc.text[g[0] : g[1]]!r}")
        for s, e, name in ours:
            if any(_overlaps((s, e), loc) for loc in locs):
                ours_right += 1
            elif errors is not None:
                errors.append(f"{path.stem}: not a gold place {doc.text[s:e]!r} -> {name}")
    return {
        "docs": float(len(paths)),
        "gold": float(gold_n),
        "recall": gold_found / gold_n if gold_n else 0.0,
        "ours": float(ours_n),
        "precision": ours_right / ours_n if ours_n else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--errors", action="store_true", help="also list misses and false alarms")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no MEANTIME data at {args.data}", file=sys.stderr)
        return 2
    errors: list[str] | None = [] if args.errors else None
    r = evaluate(args.data, args.limit, errors)
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    print("| MEANTIME named locations | docs | gold | recall | ours | precision |")
    print("|---|---|---|---|---|---|")
    cells = (f"{r['docs']:.0f}", f"{r['gold']:.0f}", f"{r['recall']:.3f}", f"{r['ours']:.0f}", f"{r['precision']:.3f}")
    print("| places | " + " | ".join(cells) + " |")
    for line in errors or ():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
