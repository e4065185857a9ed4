"""End-to-end golden tests: the shipped sample articles read into the same record as before.

A golden file holds the part of the record a reader checks (headline, dateline, paragraph kinds,
quotes with speakers and cues, people with roles, places, dates, events), not confidences or ids.
When behaviour improves on purpose, regenerate with ``WIREWATCH_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import wirewatch

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
PUBLISHED = "2024-03-14"


def projection(rec: dict[str, Any]) -> dict[str, Any]:
    text = rec["text"]
    dl = rec["dateline"]
    return {
        "language": rec["language"],
        "headline": rec["headline"]["text"] if rec["headline"] else None,
        "dateline": {k: dl[k] for k in ("text", "place", "date", "date_inferred", "agency")} if dl else None,
        "paragraph_kinds": [[p["kind"], p["truncated"], text[p["start"] : p["end"]][:40]] for p in rec["paragraphs"]],
        "quotes": [
            {
                "kind": q["kind"],
                "text": q["text"][:80],
                "pieces": len(q["pieces"]),
                "mention": q["speaker"]["mention"],
                "speaker": q["speaker"]["name"],
                "role": q["speaker"]["role"],
                "resolved_by": q["speaker"]["resolved_by"],
                "cue": q["cue"]["text"] if q["cue"] else None,
                "addressee": q["addressee"]["text"] if q["addressee"] else None,
                "date": q["date"],
            }
            for q in rec["quotes"]
        ],
        "people": sorted([e["name"], e["role"]] for e in rec["entities"] if e["type"] == "person"),
        "organizations": sorted(e["name"] for e in rec["entities"] if e["type"] == "organization"),
        "places": sorted([e["name"], e["country"]] for e in rec["entities"] if e["type"] == "place"),
        "dates": [[d["text"], d["value"], d["inferred"]] for d in rec["dates"]],
        "events": [[e["kind"], e["date"], e["place"], e["participants"], e["topic"]] for e in rec["events"]],
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_matches_golden(sample: Path) -> None:
    rec = wirewatch.extract(sample.read_text(encoding="utf-8"), published=PUBLISHED, path=sample.name).to_dict()
    for q in rec["quotes"]:  # evidence offsets hold for every quote
        for s, e in q["pieces"]:
            assert rec["text"][s:e] in q["text"]
    got = projection(rec)
    golden = GOLDEN / f"{sample.stem}.json"
    if os.environ.get("WIREWATCH_UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if os.environ.get("WIREWATCH_UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden file {golden.name} was missing and has been written; review and commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_samples_exist() -> None:
    assert len(SAMPLES) >= 4
