"""Hand-built records (docs/schema.md), so store behaviour is tested apart from extraction quality."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wirewatch.models import SCHEMA_VERSION
from wirewatch.pipeline import article_id


@dataclass(frozen=True)
class Q:
    """A quote to place in a built record; offsets are found in the text."""

    text: str
    name: str | None
    mention: str | None = None
    role: str | None = None
    kind: str = "direct"
    cue: str | None = "said"
    entity: str | None = None


def span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"text": part, "start": start, "end": start + len(part)}


def build_record(
    text: str,
    quotes: Sequence[Q] = (),
    *,
    headline: str | None = None,
    published: str | None = "2024-03-14",
    path: str = "built.txt",
    entities: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A record shaped like ``Article.to_dict()`` for ``text`` with the given quotes."""
    quote_dicts = []
    for i, q in enumerate(quotes):
        s = span(text, q.text)
        mention = q.mention or q.name
        sp = span(text, mention) if mention and mention in text else None
        cue = span(text, q.cue, s["end"]) if q.cue and q.cue in text[s["end"] :] else None
        quote_dicts.append(
            {
                "id": f"q{i}",
                "text": q.text,
                "start": s["start"],
                "end": s["end"],
                "pieces": [[s["start"], s["end"]]],
                "kind": q.kind,
                "speaker": {
                    "mention": mention,
                    "start": sp["start"] if sp else None,
                    "end": sp["end"] if sp else None,
                    "name": q.name,
                    "entity": q.entity,
                    "role": q.role,
                    "resolved_by": "name" if q.name else "none",
                },
                "cue": cue,
                "addressee": None,
                "date": published,
                "confidence": 0.9,
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "id": article_id(text),
        "source": {"path": path, "format": "text", "url": None},
        "language": "en",
        "text": text,
        "headline": span(text, headline) if headline else None,
        "byline": None,
        "dateline": None,
        "published": published,
        "paragraphs": [],
        "quotes": quote_dicts,
        "entities": entities or [],
        "dates": [],
        "events": events or [],
        "warnings": [],
    }
