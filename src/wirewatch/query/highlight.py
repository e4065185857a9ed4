"""Cut an article's text into segments, each marked with what covers it (quote, speaker, cue,
date, place, person, organisation, dateline, headline), for the article page.

Spans may overlap or nest (a date inside a quote), so the text is cut at every span boundary and
each piece carries the set of marks active over it. Pieces are plain text: the template escapes
every one, so nothing in an article can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MARKS = ("headline", "dateline", "quote", "speaker", "cue", "date", "place", "person", "organization")


@dataclass(frozen=True)
class Segment:
    """``text`` (a slice of the article, not escaped) and the marks over it, in :data:`MARKS` order."""

    text: str
    start: int
    marks: tuple[str, ...]
    title: str | None = None
    """A tooltip: the speaker of the quote, the value of a date, ..."""


def _spans(record: dict[str, Any]) -> list[tuple[int, int, str, str | None]]:
    out: list[tuple[int, int, str, str | None]] = []

    def add(span: Any, mark: str, title: str | None = None) -> None:
        if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            out.append((span["start"], span["end"], mark, title))

    add(record.get("headline"), "headline")
    add(record.get("dateline"), "dateline")
    for q in record.get("quotes") or []:
        speaker = q.get("speaker") or {}
        who = speaker.get("name") or speaker.get("mention")
        pieces = q.get("pieces") or [[q.get("start"), q.get("end")]]
        for piece in pieces:
            if isinstance(piece, (list, tuple)) and len(piece) == 2:
                add({"start": piece[0], "end": piece[1]}, "quote", f"{q.get('kind', '')} quote: {who or 'unknown'}")
        add(speaker, "speaker", speaker.get("name"))
        add(q.get("cue"), "cue")
    for d in record.get("dates") or []:
        add(d, "date", d.get("value"))
    for e in record.get("entities") or []:
        mark = e.get("type")
        if mark in ("place", "person", "organization"):
            for m in e.get("mentions") or []:
                if isinstance(m, (list, tuple)) and len(m) == 2:
                    add({"start": m[0], "end": m[1]}, str(mark), e.get("name"))
    return out


def highlight(record: dict[str, Any]) -> list[Segment]:
    """The record's text as consecutive segments that cover it exactly once, in order."""
    text = str(record.get("text") or "")
    n = len(text)
    spans = [(max(0, s), min(n, e), mark, title) for s, e, mark, title in _spans(record) if 0 <= s < e]
    cuts = sorted({0, n, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    order = {m: i for i, m in enumerate(MARKS)}
    segments: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        active = [(mark, title) for s, e, mark, title in spans if s <= a and b <= e]
        marks = tuple(sorted({m for m, _ in active}, key=lambda m: order.get(m, 99)))
        titles = [t for _, t in active if t]
        segments.append(Segment(text[a:b], a, marks, "; ".join(dict.fromkeys(titles)) or None))
    return segments
