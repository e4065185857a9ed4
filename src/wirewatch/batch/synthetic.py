"""Generated wire stories and records, for batch tests, crash tests and benchmarks.

Every story is built from templates filled with a seeded random choice of people, places,
topics and words, so stories differ enough that the near-duplicate check keeps each one (their
word 3-grams overlap far below ``near_duplicate_percent``). Nothing here is real news, and
nothing is read from disk or the network.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from wirewatch.models import SCHEMA_VERSION
from wirewatch.pipeline import article_id

FIRST = (
    "Anna Boris Carla David Elena Farid Grace Hugo Irina Jonas Karin Luis Maria Nikolai Olga Pavel Rosa Stefan".split()
)
LAST = (
    "Keller Novak Duarte Lindqvist Moreau Petrov Okafor Haddad Jensen Castillo Varga Brennan Sato Ferreira "
    "Albrecht Kowalski Romero Nyberg"
).split()
ROLES = (
    "finance minister",
    "foreign minister",
    "central bank governor",
    "union leader",
    "company spokeswoman",
    "opposition leader",
    "port authority chief",
    "health minister",
)
PLACES = "GENEVA BERLIN MADRID OSLO WARSAW LISBON VIENNA DUBLIN ATHENS PRAGUE".split()
AGENCIES = ("Reuters", "Wire Service", "AP")
TOPICS = (
    "the budget",
    "the strike",
    "fuel prices",
    "the trade talks",
    "the harbour expansion",
    "hospital waiting times",
    "the rail timetable",
    "grain exports",
)
CUES = ("said", "told reporters", "said on Tuesday", "added")
WORDS = (
    "plan deal cost growth pressure reform vote tax wage rate risk delay shortage surplus target "
    "measure pledge review deadline contract report figure forecast demand supply market region "
    "council agency union court bill levy grant loan fund project network service network pension "
    "border harbour tariff quota subsidy inquiry audit ruling appeal protest talks summit framework"
).split()
VERBS = "would could must should might will".split()
ACTIONS = "hold rise fall change improve survive slow recover continue matter".split()


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def story(seed: int, *, paragraphs: int = 4) -> str:
    """One plain-text wire story: headline, dateline lead, quoted paragraphs, a closing line."""
    rng = random.Random(seed)
    people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(2)]
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    lines = [
        f"{people[0][2].capitalize()} says {topic} {rng.choice(VERBS)} {rng.choice(ACTIONS)} ({seed})",
        "",
        f"{place} ({rng.choice(AGENCIES)}) - Officials met on Monday to discuss {topic} and the "
        f"{_phrase(rng, 4)} after {rng.randint(2, 90)} days of talks, story number {seed}.",
    ]
    for i in range(paragraphs):
        first, last, role = people[i % 2]
        words = _phrase(rng, rng.randint(6, 12))
        verb, action, cue = rng.choice(VERBS), rng.choice(ACTIONS), rng.choice(CUES)
        if i < 2:
            line = f'"The {words} {verb} {action} by {rng.randint(1, 40)} percent," {first} {last}, the {role}, {cue}.'
        else:
            line = f'"Our {words} {verb} {action}," {"he" if i % 2 else "she"} {cue}.'
        lines += ["", line]
    lines += ["", f"The {_phrase(rng, 3)} is due to be published next month ({rng.randint(1000, 9999)})."]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, start: int = 0, paragraphs: int = 4) -> list[Path]:
    """Write ``count`` stories as ``folder/story-NNNNNN.txt`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for seed in range(start, start + count):
        path = folder / f"story-{seed:06d}.txt"
        path.write_text(story(seed, paragraphs=paragraphs), encoding="utf-8")
        out.append(path)
    return out


def record(seed: int) -> dict[str, Any]:
    """A record (docs/schema.md) for :func:`story` ``(seed)`` built without the NLP pipeline: quotes and
    speakers placed by the template, for store soaks where extraction cost is not the question."""
    text = story(seed, paragraphs=2)
    quotes = []
    entities: dict[str, dict[str, Any]] = {}
    at = 0
    for i in range(2):
        start = text.index('"', at)
        end = text.index('"', start + 1) + 1
        said = text.index(", the ", end)
        name = text[end + 1 : said]
        eid = "p-" + name.lower().replace(" ", "-")
        entities.setdefault(
            eid, {"id": eid, "type": "person", "name": name, "role": None, "mentions": [], "lat": None, "lon": None}
        )
        entities[eid]["mentions"].append([end + 1, said])
        quotes.append(
            {
                "id": f"{seed}-q{i}",
                "text": text[start:end],
                "start": start,
                "end": end,
                "pieces": [[start, end]],
                "kind": "direct",
                "speaker": {
                    "mention": name,
                    "start": end + 1,
                    "end": said,
                    "name": name,
                    "entity": eid,
                    "role": None,
                    "resolved_by": "name",
                },
                "cue": None,
                "addressee": None,
                "date": "2024-03-14",
                "confidence": 0.9,
            }
        )
        at = end
    head_end = text.index("\n")
    return {
        "schema": SCHEMA_VERSION,
        "id": article_id(text),
        "source": {"path": f"generated/story-{seed:06d}.txt", "format": "text", "url": None},
        "language": "en",
        "text": text,
        "headline": {"text": text[:head_end], "start": 0, "end": head_end},
        "byline": None,
        "dateline": None,
        "published": "2024-03-14",
        "paragraphs": [],
        "quotes": quotes,
        "entities": list(entities.values()),
        "dates": [],
        "events": [],
        "warnings": ["generated record (no NLP)"],
    }
