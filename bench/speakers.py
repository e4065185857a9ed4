#!/usr/bin/env python3
"""Who said it, resolved: canonical speakers on the BBC speakers gold and on MEANTIME.

Usage: python bench/speakers.py [--eval-dir DIR] [--out pred.jsonl] [--errors] [--no-meantime] [--json]

Data (read at run time from ``Settings.eval_dir``, default ``../shared/eval``; never copied into
the repository):

* ``speakers/``: 60 BBC News articles with every attribution's canonical speaker and every named
  person's role (``speakers/GUIDELINES.md``). The texts go through the very path of
  ``wirewatch extract speakers/texts/*.txt`` (:func:`wirewatch.ingest.iter_inputs`, then
  :func:`wirewatch.batch.work.extract_record`), the records are written as JSON Lines
  (``--out``) and scored by ``speakers/score.py``, imported by path, whose docstring defines
  every figure.
* ``time/meantime/intra-doc_annotation/*/*.xml``: NewsReader MEANTIME, 120 Wikinews articles,
  rebuilt into text as ``bench/events.py`` does and run through :func:`wirewatch.extract`.

The MEANTIME speaker measure
----------------------------
A **gold speech event** is an EVENT_MENTION that REFERS_TO an EVENT instance of class
SPEECH_COGNITIVE, is not a noun, and whose word (or ``pred``) is a form of a reporting verb
(:data:`REPORTING_VERBS`: "said", "told", "announced", "claimed", ...; beliefs, fears, plans and
expectations of that class are left out), with a HAS_PARTICIPANT link of role Arg0 to an entity
mention that REFERS_TO an ENTITY instance of type PER or ORG that is **named**: one of its
mentions is a proper name (syntactic type NAM), or every word of its TAG_DESCRIPTOR is
capitalised (which keeps "Steve Jobs" and leaves out "Financial analysts"). Joint speakers (a
CONJ mention, "John Howard + Ian MacDonald", "Northrop and EADS") are left out. The instance's
TAG_DESCRIPTOR is its canonical name, normalised by :func:`name_key` (case, accents,
punctuation, underscores, a leading "the", annotator notes in parentheses such as
"Michael O'Leary (CEO of Ryanair)", and a " - USA" style suffix dropped).

* **coverage**: gold speech events where one of our quotes has a cue overlapping the event's
  word / gold speech events;
* **strict**, on covered events: one of those quotes' ``speaker.name`` has the canonical name's
  key / covered events; **lenient** also accepts the same last word ("Jobs" for "Steve Jobs",
  but "Anthony Mann" for "Mr Justice Anthony Mann" too); **as named in the article** instead
  accepts the key of any proper-name mention of the instance in that article (MEANTIME's
  canonical names are corpus-wide: "General Motors" where an article says "General Motors
  Corporation", "APPLE" for "Apple Inc");
* **overall**: strictly right events / gold speech events (the analogue of quote+speaker recall).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA_HELP = "get it into ../shared/eval beside the repository (or set WIREWATCH_EVAL_DIR / --eval-dir)"

# Target figures of the speakers work, beside the measured values of cb7c2cb (the baseline).
TARGETS: tuple[tuple[str, str, float, float], ...] = (
    ("quote_speaker_recall", "quote + canonical speaker recall", 0.526, 0.90),
    ("speaker_on_found", "speaker right on quotes found", 0.594, 0.95),
    ("found", "quotes found", 0.886, 0.92),
    ("precision", "precision (statements)", 0.780, 0.90),
    ("people_name_role", "people: name and role", 0.420, 0.85),
)


def default_eval_dir() -> Path:
    """``Settings.eval_dir`` (an older checkout without that setting: ``shared/eval`` beside the root)."""
    from wirewatch.config import Settings

    return Path(getattr(Settings.load(), "eval_dir", ROOT.parent / "shared" / "eval"))


def load_scorer(eval_dir: Path) -> ModuleType:
    """``<eval_dir>/speakers/score.py`` as a module (imported by path, never copied)."""
    path = eval_dir / "speakers" / "score.py"
    if not path.is_file():
        raise FileNotFoundError(f"the speakers scorer is missing: {path}")
    spec = importlib.util.spec_from_file_location("wirewatch_speakers_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_records(paths: Iterable[Path]) -> tuple[list[dict[str, Any]], list[str], float]:
    """The records ``wirewatch extract PATH...`` prints, the errors it reports, and the seconds taken
    (the spaCy model and the gazetteer are loaded before the clock starts)."""
    from wirewatch.batch.work import extract_record
    from wirewatch.config import Settings
    from wirewatch.errors import InputError
    from wirewatch.ingest import iter_inputs
    from wirewatch.pipeline import extract

    settings = Settings.load()
    extract("Warm-up\n\nLONDON (Reuters) - The minister said the talks would go on.", settings=settings)
    records: list[dict[str, Any]] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    for item in iter_inputs([str(p) for p in paths], settings):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        try:
            records.append(extract_record(item, settings))
        except InputError as err:
            errors.append(str(err))
    return records, errors, time.perf_counter() - t0


def score_records(
    scorer: ModuleType, gold_dir: Path, records: list[dict[str, Any]], errors: bool = False
) -> dict[str, float]:
    """The figures ``score.py GOLD PRED`` prints, as numbers (its ``score`` per article, summed)."""
    recs = {Path((r.get("source") or {}).get("path") or "").name.split(".")[0]: r for r in records}
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise FileNotFoundError(f"no gold files in {gold_dir}")
    t: Counter[str] = Counter()
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        c: Counter[str] = Counter()
        if errors:
            print(gp.stem)
        scorer.score(gold, recs.get(gp.stem, {}), c, errors)
        t += c

    def div(x: str, y: str) -> float:
        return t[x] / t[y] if t[y] else 0.0

    return {
        "articles": float(len(golds)),
        "records": float(len(recs)),
        "gold_quotes": float(t["gold"]),
        "quote_speaker_recall": div("speaker", "gold"),
        "speaker_on_found": div("speaker", "found"),
        "found": div("found", "gold"),
        "precision": div("pred_matched", "pred"),
        "people_name_role": div("people_role", "people"),
        "people_name": div("people_name", "people"),
        "kind_on_found": div("kind", "found"),
        "cue_on_found": div("cue", "cue_gold"),
    }


def score_speakers(eval_dir: Path, out: Path | None = None, errors: bool = False) -> dict[str, float]:
    """Extract ``<eval_dir>/speakers/texts/*.txt`` as the CLI does, write the JSON Lines to ``out``
    (when given) and score them; raises when a text, the gold or the scorer is missing or broken."""
    base = eval_dir / "speakers"
    texts = sorted((base / "texts").glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"no texts in {base / 'texts'}")
    golds = {p.stem for p in (base / "gold").glob("*.json")}
    if golds != {p.stem for p in texts}:
        raise FileNotFoundError(f"texts and gold files in {base} do not pair up: is the data complete?")
    scorer = load_scorer(eval_dir)
    records, failures, seconds = extract_records(texts)
    if failures:
        raise RuntimeError("extraction failed:\n" + "\n".join(failures))
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    chars = sum(len(r.get("text") or "") for r in records)
    result = score_records(scorer, base / "gold", records, errors)
    result.update(seconds=seconds, chars=float(chars), chars_per_s=chars / seconds if seconds else 0.0)
    return result


# -- MEANTIME ----------------------------------------------------------------------------------

REPORTING_VERBS = frozenset(
    "say tell add announce state report claim argue explain comment confirm declare warn insist admit "
    "deny accuse urge demand ask reply reveal suggest predict write note stress".split()
)
"""Lemmas of the reporting verbs (speakers/GUIDELINES.md's list and a few like it) that make a
SPEECH_COGNITIVE event a speech event."""

_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "denied": "deny", "denies": "deny"}
_NAMED_TYPES = frozenset({"PER", "ORG"})
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "de", "du", "von", "van", "der", "&"})


def _lemma(word: str) -> str:
    """A reporting verb's lemma from its form ("announced" -> "announce"), else the word."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("s", "")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in REPORTING_VERBS:
            return w[: -len(suffix)] + repl
    if w.endswith("ed") and len(w) > 4 and w[-3] == w[-4] and w[:-3] in REPORTING_VERBS:
        return w[:-3]  # "admitted"
    return w


def name_key(name: str | None) -> str:
    """A name compared: NFKC, no accents, no annotator notes in parentheses or after " - ",
    underscores as spaces, no punctuation, case folded, no leading "the"."""
    s = unicodedata.normalize("NFKD", (name or "").replace("_", " "))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"\([^)]*\)", " ", s).split(" - ")[0]
    s = re.sub(r"[^\w\s]", "", s.replace("-", " ")).casefold()
    words = s.split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _capitalised(name: str) -> bool:
    words = [w for w in re.sub(r"\([^)]*\)", " ", name).split() if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(not w[0].isalpha() or w[0].isupper() for w in words)


@dataclass(frozen=True)
class SpeechEvent:
    """One gold speech event: the reporting word's span in the rebuilt text and who spoke."""

    doc: str
    start: int
    end: int
    speaker: str
    """The Arg0 instance's TAG_DESCRIPTOR, its canonical name as annotated."""
    names: tuple[str, ...] = ()
    """:func:`name_key` of each proper-name mention of that instance in the article ("GM",
    "General Motors Corporation")."""


def _bench_events() -> ModuleType:
    """``bench/events.py`` (its MEANTIME reader), loaded once by path."""
    name = "wirewatch_bench_events"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("events.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[name]


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    found = root.find(tag)
    return list(found) if found is not None else []


def read_speech_events(path: Path) -> tuple[Any, list[SpeechEvent]]:
    """The article as ``bench/events.py`` rebuilds it (its ``GoldDoc``) and its gold speech events."""
    doc = _bench_events().read_meantime(path)
    root = ET.parse(path).getroot()
    markables = {el.get("m_id", ""): el for el in _children(root, "Markables")}
    refers: dict[str, str] = {}
    for rel in _children(root, "Relations"):
        target = rel.find("target")
        if rel.tag == "REFERS_TO" and target is not None:
            for s in rel.findall("source"):
                refers[s.get("m_id", "")] = target.get("m_id", "")
    named_instances = {refers.get(m) for m, el in markables.items() if el.get("syntactic_type") == "NAM"}
    events: list[SpeechEvent] = []
    for mid, (start, end, pred) in sorted(doc.events.items(), key=lambda kv: kv[1][0]):
        instance = markables.get(refers.get(mid, ""))
        if instance is None or instance.tag != "EVENT" or instance.get("class") != "SPEECH_COGNITIVE":
            continue
        word = doc.text[start:end]
        if markables[mid].get("pos") == "NOUN" or (_lemma(pred) if pred else _lemma(word)) not in REPORTING_VERBS:
            continue
        for target, role in doc.participants.get(mid, []):
            if role != "Arg0":
                continue
            entity = markables.get(refers.get(target, ""))
            if entity is None or entity.tag != "ENTITY" or entity.get("ent_type") not in _NAMED_TYPES:
                continue
            canonical = (entity.get("TAG_DESCRIPTOR") or "").strip()
            joint = markables[target].get("syntactic_type") == "CONJ" or re.search(r"\+| and ", canonical)
            instance_id = entity.get("m_id")
            if joint or not name_key(canonical) or not (instance_id in named_instances or _capitalised(canonical)):
                continue
            names = {
                name_key(doc.text[span[0] : span[1]])
                for m, span in doc.mentions.items()
                if refers.get(m) == instance_id and markables[m].get("syntactic_type") == "NAM"
            }
            events.append(SpeechEvent(doc.name, start, end, canonical, tuple(sorted(names - {""}))))
            break
    return doc, events


@dataclass
class SpeakerCounts:
    gold: int = 0
    covered: int = 0
    strict: int = 0
    lenient: int = 0
    named: int = 0

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "speech_events": float(self.gold),
            "coverage": ratio(self.covered, self.gold),
            "strict_on_covered": ratio(self.strict, self.covered),
            "lenient_on_covered": ratio(self.lenient, self.covered),
            "named_on_covered": ratio(self.named, self.covered),
            "overall_strict": ratio(self.strict, self.gold),
            "overall_lenient": ratio(self.lenient, self.gold),
        }


def score_speech_events(
    events: list[SpeechEvent], quotes: list[dict[str, Any]], counts: SpeakerCounts, errors: list[str] | None = None
) -> None:
    """Add one article's speech events to ``counts`` (``quotes``: its record's quotes)."""
    for ev in events:
        counts.gold += 1
        hits = [q for q in quotes if (c := q.get("cue")) and c["start"] < ev.end and ev.start < c["end"]]
        if not hits:
            if errors is not None:
                errors.append(f"{ev.doc}\tNO QUOTE\t{ev.speaker!r} at {ev.start}")
            continue
        counts.covered += 1
        want = name_key(ev.speaker)
        names = [name_key((q.get("speaker") or {}).get("name")) for q in hits]
        strict = want in names
        lenient = strict or any(n and n.split()[-1] == want.split()[-1] for n in names)
        counts.strict += strict
        counts.lenient += lenient
        counts.named += strict or any(n in ev.names for n in names if n)
        if errors is not None and not strict:
            got = [(q.get("speaker") or {}).get("name") for q in hits]
            errors.append(f"{ev.doc}\t{'LENIENT' if lenient else 'SPEAKER'}\t{ev.speaker!r} got {got}")


def score_meantime(eval_dir: Path, limit: int | None = None, errors: list[str] | None = None) -> dict[str, float]:
    """The MEANTIME speaker figures (module docstring); raises when the data is missing."""
    from wirewatch.config import Settings
    from wirewatch.pipeline import extract

    data = eval_dir / "time" / "meantime" / "intra-doc_annotation"
    paths = sorted(data.glob("*/*.xml"))[:limit]
    if not paths:
        raise FileNotFoundError(f"no MEANTIME articles in {data}")
    settings = Settings.load()
    counts = SpeakerCounts()
    seconds = chars = 0.0
    for path in paths:
        doc, events = read_speech_events(path)
        t0 = time.perf_counter()
        record = extract(doc.text, doc.dct, path=str(path), settings=settings).to_dict()
        seconds += time.perf_counter() - t0
        chars += len(doc.text)
        score_speech_events(events, record.get("quotes") or [], counts, errors)
    return {"docs": float(len(paths)), **counts.figures(), "seconds": seconds, "chars": chars}


# -- report ------------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    """``path`` relative to the repository root when it is near it (``../shared/eval/speakers``)."""
    rel = os.path.relpath(path.resolve(), ROOT)
    return rel if rel.count("..") <= 2 else str(path)


def print_tables(eval_dir: Path, sp: dict[str, float], mt: dict[str, float] | None) -> None:
    print(f"| measure on {_shown(eval_dir / 'speakers')} | now (baseline) | target | this run |")
    print("|---|---|---|---|")
    for key, label, baseline, target in TARGETS:
        print(f"| {label} | {baseline:.3f} | ≥ {target:.2f} | {sp[key]:.3f} |")
    print(
        f"\nalso: kind right on found {sp['kind_on_found']:.3f}, cue right on found {sp['cue_on_found']:.3f}, "
        f"people: name {sp['people_name']:.3f}; {int(sp['records'])} records of {int(sp['articles'])} articles, "
        f"{int(sp['gold_quotes'])} gold quotes"
    )
    print(
        f"extraction: {int(sp['chars']):,} characters in {sp['seconds']:.1f} s, {sp['chars_per_s']:,.0f} chars/s "
        "(model loaded beforehand)"
    )
    if mt is None:
        return
    print(f"\nMEANTIME speech events with a named Arg0 ({int(mt['docs'])} articles; see this file's docstring)")
    print(
        "| gold events | coverage | strict on covered | lenient on covered | as named in the article "
        "| overall strict | overall lenient |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {int(mt['speech_events'])} | {mt['coverage']:.3f} | {mt['strict_on_covered']:.3f} "
        f"| {mt['lenient_on_covered']:.3f} | {mt['named_on_covered']:.3f} "
        f"| {mt['overall_strict']:.3f} | {mt['overall_lenient']:.3f} |"
    )
    print(f"extraction: {int(mt['chars']):,} characters in {mt['seconds']:.1f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--eval-dir", type=Path, default=None, help="evaluation data folder (default: Settings.eval_dir)")
    ap.add_argument("--out", type=Path, default=None, help="write the speakers records (JSON Lines) here")
    ap.add_argument("--errors", action="store_true", help="also print every miss (score.py --errors, MEANTIME misses)")
    ap.add_argument("--no-meantime", action="store_true", help="skip the MEANTIME measure")
    ap.add_argument("--limit", type=int, default=None, help="MEANTIME: only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    args = ap.parse_args()
    eval_dir: Path = args.eval_dir or default_eval_dir()
    if not eval_dir.is_dir():
        print(f"no evaluation data at {eval_dir}: {DATA_HELP}", file=sys.stderr)
        return 2
    sp = score_speakers(eval_dir, args.out, args.errors)
    errors: list[str] | None = [] if args.errors else None
    mt = None if args.no_meantime else score_meantime(eval_dir, args.limit, errors)
    if args.json:
        print(json.dumps({"speakers": sp, "meantime": mt}, indent=1))
    else:
        print()
        print_tables(eval_dir, sp, mt)
    if errors:
        print("\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
