"""Events: meetings, talks, visits, agreements, votes, elections, attacks, announcements.

Method: a trigger verb or noun (lexicon below) on the parse; participants are the trigger
verb's subject (all its conjuncts); the place is a place mention inside a locative prepositional
phrase of the trigger ("in Geneva"); the date is a resolved date expression inside the trigger's
clause ("on December 10"); the topic is what a purpose clause discusses ("to discuss X"), or an
"on/about/over X" phrase.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.entities.places import PlaceTable
from wirewatch.models import DateMention, Event
from wirewatch.parse import ParsedParagraph

if TYPE_CHECKING:
    from spacy.tokens import Token

VERB_TRIGGERS = {
    "meet": "meeting",
    "negotiate": "talks",
    "visit": "visit",
    "vote": "vote",
    "elect": "election",
    "attack": "attack",
    "bomb": "attack",
    "strike": "attack",
    "sign": "agreement",
    "announce": "announcement",
    "hold": "meeting",
    "summit": "meeting",
}
NOUN_TRIGGERS = {
    "meeting": "meeting",
    "talks": "talks",
    "summit": "meeting",
    "visit": "visit",
    "election": "election",
    "vote": "vote",
    "referendum": "vote",
    "attack": "attack",
    "airstrike": "attack",
    "bombing": "attack",
    "agreement": "agreement",
    "deal": "agreement",
    "ceasefire": "agreement",
    "treaty": "agreement",
    "conference": "meeting",
}
TOPIC_VERBS = {"discuss", "negotiate", "address", "review", "consider", "settle", "talk"}


def _text(tok_from: Token, tok_to: Token) -> str:
    doc = tok_from.doc
    return doc.text[tok_from.idx : tok_to.idx + len(tok_to.text)]


def _phrase(tok: Token) -> str:
    return _text(tok.left_edge, tok.right_edge)


def _participants(verb: Token) -> tuple[str, ...]:
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None and verb.dep_ in {"xcomp", "conj"}:
        subj = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.lower_ in {"it", "there", "who", "that", "which"}:
        return ()
    return (_phrase(subj),)


def _topic(trigger: Token) -> str | None:
    for tok in trigger.subtree:
        if tok.lemma_ in TOPIC_VERBS and tok is not trigger:
            obj = next((c for c in tok.children if c.dep_ in {"dobj", "pobj"}), None)
            if obj is not None:
                return _phrase(obj)
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "about", "over", "regarding"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase(pobj)
    return None


def find_events(
    parsed: Sequence[ParsedParagraph],
    dates: Sequence[DateMention],
    places: PlaceTable,
) -> tuple[Event, ...]:
    """Events of one article, each with its evidence span (the trigger's clause)."""
    events: list[Event] = []
    for para in parsed:
        if para.kind not in {"body", "lead"}:
            continue
        for tok in para.doc:
            kind = None
            if tok.pos_ == "VERB" and tok.lemma_ in VERB_TRIGGERS:
                kind = VERB_TRIGGERS[tok.lemma_]
            elif tok.pos_ == "NOUN" and tok.lower_ in NOUN_TRIGGERS:
                kind = NOUN_TRIGGERS[tok.lower_]
            if kind is None:
                continue
            clause = tok if tok.pos_ == "VERB" else tok
            left, right = clause.left_edge, clause.right_edge
            start, end = para.start_of(left), para.end_of(right)
            # place and date: only from the trigger's own subtree, never from the whole sentence
            place_name = None
            for child in tok.subtree:
                if child.dep_ == "pobj" and child.head.lower_ in {"in", "at", "to"}:
                    hit = places.at(para.start_of(child.left_edge), para.end_of(child.right_edge))
                    if hit is not None:
                        place_name = hit.place.name
                        break
            date_value, date_inferred = None, False
            for d in dates:
                if start <= d.start and d.end <= end and d.value:
                    date_value, date_inferred = d.value, d.inferred
                    break
            participants = _participants(tok) if tok.pos_ == "VERB" else ()
            if tok.pos_ == "NOUN" and place_name is None and date_value is None:
                continue  # a bare noun ("the deal") with nothing to anchor it is not worth a record
            events.append(
                Event(
                    kind=kind,
                    text=para.doc.text[left.idx : right.idx + len(right.text)],
                    start=start,
                    end=end,
                    date=date_value,
                    date_inferred=date_inferred,
                    place=place_name,
                    participants=participants,
                    topic=_topic(tok),
                )
            )
    return tuple(events)
