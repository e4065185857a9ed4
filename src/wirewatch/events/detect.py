"""Finding an article's events: one pass over each body paragraph's parse, a candidate per
trigger, kept when something anchors it (a participant, a place or a date)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.entities.places import PlaceTable
from wirewatch.events.circumstances import article_span, event_date, event_place, event_topic
from wirewatch.events.participants import expand_conjuncts, noun_participants, passive_agent, phrase_bounds, subject
from wirewatch.events.triggers import kind_of, light_verb, negated
from wirewatch.models import DateMention, Event
from wirewatch.parse import ParsedParagraph, doc_text


@dataclass(frozen=True)
class FoundEvent:
    """An event with the character spans (paragraph-independent, article offsets) of its parts.

    :func:`find_events` keeps only :attr:`event`; the spans serve evaluation and debugging.
    """

    event: Event
    trigger: tuple[int, int]
    participants: tuple[tuple[int, int], ...]
    place: tuple[int, int] | None


def detect_events(
    parsed: Sequence[ParsedParagraph],
    dates: Sequence[DateMention],
    places: PlaceTable,
    *,
    keep_unanchored: bool = False,
) -> list[FoundEvent]:
    """Every event of the article with the spans of its trigger, participants and place.

    ``keep_unanchored`` keeps candidates with no participant, place or date (for evaluation).
    """
    found: list[FoundEvent] = []
    for para in parsed:
        if para.kind not in ("body", "lead"):
            continue
        doc = para.doc
        for tok in doc:
            kind = kind_of(tok)
            if kind is None:
                continue
            is_verb = tok.pos_ == "VERB"
            light = None if is_verb else light_verb(tok)
            anchors = [tok] if light is None else [tok, light]
            # "a press conference held by Apple on Friday", "an agreement reached in 1991": the
            # participle describing the noun carries its agent, date and place
            reduced = [] if is_verb else [c for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB"]
            anchors.extend(reduced)
            if is_verb:
                if negated(tok):
                    continue
                agent = passive_agent(tok)
                subj = subject(tok)
                people = [p for p in (subj, agent) if p is not None]
            else:
                people = noun_participants(tok, light)
                for verb in reduced:
                    people.extend(p for p in (passive_agent(verb),) if p is not None)
                    people.extend(
                        c
                        for prep in verb.children
                        if prep.lower_ == "between"
                        for c in prep.children
                        if c.dep_ == "pobj"
                    )
            people = [p for p in expand_conjuncts(people) if p.i != tok.i]
            place = event_place(para, places, anchors, kind)
            when = event_date(doc, para, dates, anchors)
            if not people and place is None and when is None and not keep_unanchored:
                continue  # nothing anchors it: generic or a back-reference ("the deal")
            clause = light if light is not None else tok
            left, right = clause.left_edge, clause.right_edge
            start, end = article_span(para, left, right)
            spans = tuple(article_span(para, *phrase_bounds(p)) for p in people)
            event = Event(
                kind=kind,
                text=doc_text(doc)[left.idx : right.idx + len(right.text)],
                start=start,
                end=end,
                date=when.value if when else None,
                date_inferred=when.inferred if when else False,
                place=place[0] if place else None,
                participants=tuple(doc_text(doc)[s - para.offset : e - para.offset] for s, e in spans),
                topic=event_topic(anchors),
            )
            found.append(
                FoundEvent(
                    event=event,
                    trigger=(para.start_of(tok), para.end_of(tok)),
                    participants=spans,
                    place=(place[1], place[2]) if place else None,
                )
            )
    return found


def find_events(
    parsed: Sequence[ParsedParagraph],
    dates: Sequence[DateMention],
    places: PlaceTable,
) -> tuple[Event, ...]:
    """Events of one article, each with its evidence span (the trigger's clause)."""
    return tuple(f.event for f in detect_events(parsed, dates, places))
