#!/usr/bin/env python3
"""Event detection and participant, time and place linking on NewsReader MEANTIME.

Usage: python bench/events.py [--data DIR] [--limit N] [--errors] [--json]

Data: ``../shared/eval/time/meantime/intra-doc_annotation/*/*.xml`` (120 English Wikinews
articles, read at run time and never copied into the repository). MEANTIME gives tokens, not
raw text, so each article is rebuilt here: the tokens of a sentence joined by single spaces
(none before closing punctuation), one paragraph per sentence, the first sentence (the title)
as the headline. The paragraphs are parsed with the project's spaCy model and run through the
same stages as the pipeline: ``find_places`` → ``find_dates`` (anchor: the document's
creation time, DCT) → :func:`wirewatch.events.detect_events`.

What is scored
--------------
MEANTIME annotates *every* event mention (any predicate: "wins", "order", "believed"), while
wirewatch looks for a few kinds of news event (meetings, talks, visits, agreements, votes,
elections, attacks, announcements). So:

* **annotated region**: MEANTIME annotates only the first six sentences of an article (title,
  date line, four more); our events past the last sentence with a gold event are not scored.
* **precision**: our triggers that overlap a gold EVENT_MENTION (of any kind) / our triggers.
* **in-scope recall**: gold event mentions whose predicate or word is in our trigger lexicon
  (``VERB_TRIGGERS``/``NOUN_TRIGGERS``) that one of our triggers overlaps / those mentions.
  Generic mentions count too, so filtering unanchored events costs recall by design.
* **participants**, on matched events that have gold HAS_PARTICIPANT links: *precision* = our
  participant spans overlapping a gold participant of that event (any role) / our participant
  spans; *recall* = gold Arg0/Arg1 participants overlapped by one of ours / gold Arg0/Arg1.
* **place**, on matched events: *precision* = our places overlapping a gold participant of the
  event that is an Argm-LOC or a LOC entity / our places; *recall* = matched events with an
  Argm-LOC participant whose span we found / matched events with one.
* **time**, on matched events: the gold time of an event is the value of a DATE TIMEX3 it is
  SIMULTANEOUS with or IS_INCLUDED in (or that INCLUDES it) by a TLINK. *Accuracy* = our dated
  events whose date equals that value / our dated events that have one; *compatible* also
  accepts one value refining the other ("2005-06-13" within "2005-06"); *recall* = events whose
  gold time is a timex in the text (not the DCT) and that we dated right / those events.

Two rows are printed: every candidate the rules find, and the events kept (the pipeline's
output, which drops candidates with no participant, place or date).
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from wirewatch.config import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(Settings.load().eval_dir) / "time" / "meantime" / "intra-doc_annotation"

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$", "#"}
_ANCHORING = {("event", "IS_INCLUDED"), ("event", "SIMULTANEOUS"), ("timex", "INCLUDES"), ("timex", "SIMULTANEOUS")}


@dataclass
class GoldDoc:
    name: str
    dct: date | None
    text: str
    sentences: list[tuple[int, int]]  # (start, end) of each sentence in text
    events: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # m_id -> span, pred
    mentions: dict[str, tuple[int, int]] = field(default_factory=dict)  # entity/value m_id -> span
    loc_mentions: set[str] = field(default_factory=set)
    participants: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # event -> (m_id, role)
    time_of: dict[str, tuple[str, bool]] = field(default_factory=dict)  # event -> (value, is DCT)


def read_meantime(path: Path) -> GoldDoc:
    """Rebuild the text from the tokens and collect events, participants and time links."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentences: list[tuple[int, int]] = []
    pos = 0
    current = None
    prev = ""
    for tok in root.findall("token"):
        sent = tok.get("sentence")
        word = tok.text or ""
        if sent != current:
            if current is not None:
                sentences[-1] = (sentences[-1][0], pos)
                pieces.append("\n\n")
                pos += 2
            sentences.append((pos, pos))
            current = sent
        elif word not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            pieces.append(" ")
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
        prev = word
    if sentences:
        sentences[-1] = (sentences[-1][0], pos)
    doc = GoldDoc(path.stem, None, "".join(pieces), sentences)

    def span_of(el: ET.Element) -> tuple[int, int] | None:
        ids = [a.get("t_id", "") for a in el.findall("token_anchor")]
        spans = [offsets[i] for i in ids if i in offsets]
        return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None

    markables = root.find("Markables")
    timex_values: dict[str, tuple[str, bool]] = {}
    if markables is not None:
        for el in markables:
            mid = el.get("m_id", "")
            span = span_of(el)
            if el.tag == "EVENT_MENTION" and span:
                doc.events[mid] = (span[0], span[1], el.get("pred", ""))
            elif el.tag in ("ENTITY_MENTION", "VALUE") and span:
                doc.mentions[mid] = span
            elif el.tag == "TIMEX3":
                is_dct = el.get("functionInDocument") == "CREATION_TIME"
                if is_dct and el.get("value"):
                    doc.dct = _dct(el.get("value", ""))
                if el.get("type") == "DATE" and el.get("value"):
                    timex_values[mid] = (el.get("value", ""), is_dct)
            elif el.tag == "ENTITY" and el.get("ent_type") == "LOC":
                doc.loc_mentions.add(mid)  # an instance id; resolved below through REFERS_TO
    relations = root.find("Relations")
    loc_instances = set(doc.loc_mentions)
    doc.loc_mentions = set()
    if relations is not None:
        for rel in relations:
            sources = [s.get("m_id", "") for s in rel.findall("source")]
            target_el = rel.find("target")
            target = target_el.get("m_id", "") if target_el is not None else ""
            if rel.tag == "HAS_PARTICIPANT":
                for s in sources:
                    doc.participants.setdefault(s, []).append((target, rel.get("sem_role", "")))
            elif rel.tag == "REFERS_TO" and target in loc_instances:
                doc.loc_mentions.update(sources)
            elif rel.tag == "TLINK":
                reltype = rel.get("reltype", "")
                for s in sources:
                    if s in doc.events and target in timex_values and ("event", reltype) in _ANCHORING:
                        doc.time_of.setdefault(s, timex_values[target])
                    elif s in timex_values and target in doc.events and ("timex", reltype) in _ANCHORING:
                        doc.time_of.setdefault(target, timex_values[s])
    return doc


def _dct(value: str) -> date | None:
    """The creation date; a few files write it day-first ("03-02-2009")."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        parts = value.split("-")
        if len(parts) == 3 and len(parts[2]) == 4:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Counts:
    pred: int = 0
    pred_ok: int = 0
    scope_gold: int = 0
    scope_found: int = 0
    part_pred: int = 0
    part_ok: int = 0
    part_gold: int = 0
    part_found: int = 0
    place_pred: int = 0
    place_ok: int = 0
    loc_gold: int = 0
    loc_found: int = 0
    dated_with_gold: int = 0
    date_ok: int = 0
    date_compatible: int = 0
    text_time_gold: int = 0
    text_time_found: int = 0

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        p, r = ratio(self.pred_ok, self.pred), ratio(self.scope_found, self.scope_gold)
        return {
            "events": float(self.pred),
            "precision": p,
            "in_scope_recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "participant_precision": ratio(self.part_ok, self.part_pred),
            "participant_recall": ratio(self.part_found, self.part_gold),
            "place_precision": ratio(self.place_ok, self.place_pred),
            "place_recall": ratio(self.loc_found, self.loc_gold),
            "time_accuracy": ratio(self.date_ok, self.dated_with_gold),
            "time_compatible": ratio(self.date_compatible, self.dated_with_gold),
            "time_recall": ratio(self.text_time_found, self.text_time_gold),
        }


def _in_scope(pred: str, word: str) -> bool:
    from wirewatch.events import NOUN_TRIGGERS, VERB_TRIGGERS

    return pred in VERB_TRIGGERS or pred in NOUN_TRIGGERS or word.lower() in NOUN_TRIGGERS


def score(doc: GoldDoc, found: list[Any], counts: Counts, errors: list[str] | None = None) -> None:
    """Add one article's figures to ``counts`` (``found``: :class:`wirewatch.events.FoundEvent`)."""
    # MEANTIME annotates only the first sentences of each article (title, date and four more):
    # predictions past the last annotated sentence cannot be judged and are left out.
    last = max((e for s, e, _ in doc.events.values()), default=0)
    limit = next((e for s, e in doc.sentences if s <= last < e + 1), last)
    found = [f for f in found if f.trigger[0] < limit]
    matched: dict[int, str] = {}
    for i, f in enumerate(found):
        counts.pred += 1
        hit = next((mid for mid, (s, e, _) in doc.events.items() if _overlaps((s, e), f.trigger)), None)
        if hit is not None:
            counts.pred_ok += 1
            matched[i] = hit
        elif errors is not None:
            errors.append(f"{doc.name}\tFP\t{doc.text[f.trigger[0] : f.trigger[1]]!r}\t{f.event.text[:80]!r}")
    for _mid, (s, e, pred) in doc.events.items():
        if not _in_scope(pred, doc.text[s:e]):
            continue
        counts.scope_gold += 1
        if any(_overlaps((s, e), f.trigger) for f in found):
            counts.scope_found += 1
        elif errors is not None:
            errors.append(f"{doc.name}\tFN\t{doc.text[s:e]!r}")
    for i, mid in matched.items():
        f = found[i]
        links = doc.participants.get(mid, [])
        spans = [(doc.mentions[t], role) for t, role in links if t in doc.mentions]
        if spans:
            counts.part_pred += len(f.participants)
            counts.part_ok += sum(1 for p in f.participants if any(_overlaps(p, g) for g, _ in spans))
            core = [g for g, role in spans if role in ("Arg0", "Arg1")]
            counts.part_gold += len(core)
            counts.part_found += sum(1 for g in core if any(_overlaps(p, g) for p in f.participants))
        locs = [
            doc.mentions[t] for t, role in links if t in doc.mentions and (role == "Argm-LOC" or t in doc.loc_mentions)
        ]
        if f.place is not None:
            counts.place_pred += 1
            if any(_overlaps(f.place, g) for g in locs):
                counts.place_ok += 1
            elif errors is not None:
                errors.append(f"{doc.name}\tPLACE\t{f.event.place!r} in {f.event.text[:80]!r}")
        argm_loc = [doc.mentions[t] for t, role in links if t in doc.mentions and role == "Argm-LOC"]
        if argm_loc:
            counts.loc_gold += 1
            if f.place is not None and any(_overlaps(f.place, g) for g in argm_loc):
                counts.loc_found += 1
        gold_time = doc.time_of.get(mid)
        ours = f.event.date
        if gold_time is not None and ours is not None:
            counts.dated_with_gold += 1
            counts.date_ok += ours == gold_time[0]
            counts.date_compatible += ours.startswith(gold_time[0]) or gold_time[0].startswith(ours)
            if ours != gold_time[0] and errors is not None:
                errors.append(f"{doc.name}\tTIME\t{ours} vs gold {gold_time[0]} in {f.event.text[:80]!r}")
        if gold_time is not None and not gold_time[1]:
            counts.text_time_gold += 1
            counts.text_time_found += ours == gold_time[0]


def predict(doc: GoldDoc, model: str, min_population: int, keep_all: bool) -> list[Any]:
    """The pipeline's place, date and event stages over the rebuilt article."""
    from dataclasses import replace

    from wirewatch.entities.gazetteer import Gazetteer
    from wirewatch.entities.places import find_places
    from wirewatch.events import detect_events
    from wirewatch.models import Paragraph
    from wirewatch.parse import parse_paragraphs
    from wirewatch.time import find_dates

    paras = [Paragraph(s, e, "headline" if i == 0 else "body") for i, (s, e) in enumerate(doc.sentences)]
    parsed = parse_paragraphs(doc.text, paras, model)
    places = find_places(parsed, Gazetteer.load(min_population), None)
    dates = [
        replace(d, start=d.start + p.offset, end=d.end + p.offset) for p in parsed for d in find_dates(p.doc, doc.dct)
    ]
    return detect_events(parsed, dates, places, keep_unanchored=keep_all)


def evaluate(
    data: Path = DATA,
    limit: int | None = None,
    errors: list[str] | None = None,
    labels: tuple[str, ...] = ("all", "kept"),
) -> dict[str, dict[str, float]]:
    """Figures for every candidate (``all``) and for the events the pipeline keeps (``kept``)."""

    settings = Settings.load()
    paths = sorted(data.glob("*/*.xml"))[:limit]
    out: dict[str, dict[str, float]] = {}
    for label, keep_all in (("all", True), ("kept", False)):
        if label not in labels:
            continue
        counts = Counts()
        for path in paths:
            doc = read_meantime(path)
            found = predict(doc, settings.spacy_model, settings.gazetteer_min_population, keep_all)
            score(doc, found, counts, errors if label == "kept" else None)
        out[label] = {"docs": float(len(paths)), **counts.figures()}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--errors", action="store_true", help="also list false alarms, misses and wrong links")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"no MEANTIME data at {args.data}", file=sys.stderr)
        return 2
    errors: list[str] | None = [] if args.errors else None
    r = evaluate(args.data, args.limit, errors)
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        print(f"MEANTIME (English, intra-doc), {int(r['kept']['docs'])} articles, first six sentences scored\n")
        print(
            "| events | n | P | in-scope R | F1 | part. P | part. R "
            "| place P | place R | time acc | time compat | time R |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for label, f in r.items():
            print(
                f"| {label} | {int(f['events'])} | {f['precision']:.3f} | {f['in_scope_recall']:.3f} | {f['f1']:.3f} "
                f"| {f['participant_precision']:.3f} | {f['participant_recall']:.3f} "
                f"| {f['place_precision']:.3f} | {f['place_recall']:.3f} "
                f"| {f['time_accuracy']:.3f} | {f['time_compatible']:.3f} | {f['time_recall']:.3f} |"
            )
    if errors:
        print("\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
