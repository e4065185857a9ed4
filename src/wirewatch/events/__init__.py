"""Events: meetings, talks, visits, agreements, votes, elections, attacks, announcements.

Method (rules on the dependency parse, one pass per paragraph):

* **Trigger**: a verb or noun from the lexicon below ("meet", "talks", "visit", "ceasefire").
  A light verb carrying an event noun ("held talks", "signed an agreement", "struck a deal",
  "called a vote") is not an event of its own: the noun is, and the verb lends it its subject,
  date and place. "hold", "strike" and "sign" alone are too vague ("hold shares", "strike
  workers") and trigger nothing.
* **Participants**: for a verb, its subject with every conjunct ("experts and diplomats"), or
  the subject of the verb it is the complement of ("agreed to meet"); for a noun, a possessive
  ("Kerry's visit"), "between X and Y", "with X", "by X", the subject of its light verb or of the
  verb it is the object of, or a nationality/name compound ("US-Russia talks").
* **Place** and **date**: a place mention inside a locative phrase ("in Geneva", "at the
  palace", "to Moscow" for a visit) and a date mention attached to the trigger's clause, i.e.
  reached from the trigger (or its light verb) up the head chain without crossing another verb,
  so "said on Friday that talks will resume in Geneva on December 10" gives the talks December 10
  and not Friday.
* **Topic**: the object of a purpose verb ("to discuss the situation in eastern Aleppo") or an
  "on/about/over X" phrase.

Noise. MEANTIME (bench/events.py) shows that a bare event noun with nothing to anchor it ("an
agreement on settling the crisis", "the deal") is usually generic or a back-reference, so a noun
event is kept only with a participant, a place or a date; a verb event is kept only with a
participant (or a place or a date) and never when negated or hypothetical with no anchor.

The evidence span is the trigger's clause (the subtree of the trigger or of its light verb).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.entities.places import PlaceTable
from wirewatch.models import DateMention, Event
from wirewatch.parse import ParsedParagraph
from wirewatch.time import is_calendar_value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["NOUN_TRIGGERS", "VERB_TRIGGERS", "FoundEvent", "detect_events", "find_events"]

VERB_TRIGGERS: dict[str, str] = {
    "meet": "meeting",
    "negotiate": "talks",
    "visit": "visit",
    "tour": "visit",
    "vote": "vote",
    "elect": "election",
    "re-elect": "election",
    "attack": "attack",
    "bomb": "attack",
    "shell": "attack",
    "agree": "agreement",
    "announce": "announcement",
    "unveil": "announcement",
}
NOUN_TRIGGERS: dict[str, str] = {
    "meeting": "meeting",
    "talks": "talks",
    "negotiations": "talks",
    "negotiation": "talks",
    "summit": "meeting",
    "conference": "meeting",
    "visit": "visit",
    "election": "election",
    "elections": "election",
    "vote": "vote",
    "referendum": "vote",
    "attack": "attack",
    "attacks": "attack",
    "airstrike": "attack",
    "airstrikes": "attack",
    "bombing": "attack",
    "agreement": "agreement",
    "deal": "agreement",
    "ceasefire": "agreement",
    "truce": "agreement",
    "treaty": "agreement",
    "accord": "agreement",
    "announcement": "announcement",
}
# Verbs that carry an event noun and add nothing but its subject, date and place.
LIGHT_VERBS = {
    "hold",
    "have",
    "sign",
    "strike",
    "reach",
    "conclude",
    "seal",
    "call",
    "host",
    "attend",
    "make",
    "pay",
    "launch",
    "carry",
    "conduct",
    "stage",
    "broker",
    "announce",
    "win",
}
# Verbs whose subject is an event noun and which say when or where it happens.
ASPECTUAL_VERBS = {"resume", "begin", "start", "continue", "open", "end", "take", "convene", "happen", "occur", "close"}
TOPIC_VERBS = {"discuss", "negotiate", "address", "review", "consider", "settle", "talk", "debate"}
_LOCATIVE = {"in", "at", "near", "inside", "outside"}
_PRONOUN_SUBJECTS = {"it", "there", "who", "that", "which", "what", "this"}


@dataclass(frozen=True)
class FoundEvent:
    """An event with the character spans (paragraph-independent, article offsets) of its parts.

    :func:`find_events` keeps only :attr:`event`; the spans serve evaluation and debugging.
    """

    event: Event
    trigger: tuple[int, int]
    participants: tuple[tuple[int, int], ...]
    place: tuple[int, int] | None


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")


def _phrase_bounds(tok: Token) -> tuple[Token, Token]:
    """The token's phrase without a trailing relative clause or apposition that runs on."""
    left, right = tok.left_edge, tok.right_edge
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct") and child.i > tok.i:
            right = tok.doc[child.left_edge.i - 1] if child.left_edge.i > tok.i else tok
            while right.i > tok.i and (right.is_punct or right.dep_ == "cc"):
                right = tok.doc[right.i - 1]
            break
    return left, right


def _span(para: ParsedParagraph, left: Token, right: Token) -> tuple[int, int]:
    return para.start_of(left), para.end_of(right)


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        # the small model now and then hangs a sentence-initial name off the verb as npadvmod
        # ("Apple unveiled Lion"): a name left of the verb with no subject is the subject
        subj = next(
            (
                c
                for c in verb.lefts
                if c.dep_ in ("npadvmod", "nmod") and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
            ),
            None,
        )
    # "agreed to meet", "plans to visit", and a second verb sharing the subject: "met and agreed"
    hops = 0
    while subj is None and verb.dep_ in ("xcomp", "conj", "advcl") and hops < 3:
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        hops += 1
    if subj is None or subj.lower_ in _PRONOUN_SUBJECTS:
        return None
    return subj


def _agent(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb ("was attacked by militants")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _light_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object of ("held talks", "signed a deal")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "nsubj" and head.lemma_ in ASPECTUAL_VERBS:
        return head  # "the talks will resume in Geneva on December 12"
    if noun.dep_ == "conj" and noun.head.dep_ == "dobj":
        return _light_verb(noun.head)
    return None


def _noun_participants(noun: Token, light: Token | None) -> list[Token]:
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("between", "with", "by", "among", "from"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("compound", "amod") and child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            found.append(child)
    if light is not None and light.lemma_ in LIGHT_VERBS | {"reach", "agree"}:
        subj = _subject(light)
        if subj is not None:
            found.append(subj)
    elif light is None and noun.dep_ == "nsubj":
        pass  # "the meeting ended": the noun is the subject, nobody else is named
    return found


def _attached(token: Token, anchor: Token) -> bool:
    """Whether ``token`` hangs off ``anchor``'s clause: the head chain reaches it, no verb between."""
    for _ in range(50):
        if token.i == anchor.i:
            return True
        if _is_verb(token):
            return False
        if token.head is token:
            return False
        token = token.head
    return False


def _place(
    para: ParsedParagraph, places: PlaceTable, anchors: Sequence[Token], kind: str
) -> tuple[str, int, int] | None:
    preps = _LOCATIVE | ({"to"} if kind == "visit" else set())
    doc = anchors[0].doc
    for tok in doc:
        if tok.dep_ != "pobj" or tok.head.lower_ not in preps:
            continue
        if not any(_attached(tok.head.head if tok.head.head is not tok.head else tok.head, a) for a in anchors):
            continue
        start, end = _span(para, tok.left_edge, tok.right_edge)
        hit = places.at(start, end)
        if hit is not None:
            mention = next((m for m in hit.mentions if m[0] >= start and m[1] <= end), (start, end))
            return hit.place.name, mention[0], mention[1]
    if kind == "visit":
        # "Kerry visited Moscow": the visited place is the object
        for a in anchors:
            obj = next((c for c in a.children if c.dep_ == "dobj"), None)
            if obj is not None:
                start, end = _span(para, obj.left_edge, obj.right_edge)
                hit = places.at(start, end)
                if hit is not None:
                    return hit.place.name, start, end
    return None


def _date(
    doc: Doc, para: ParsedParagraph, dates: Sequence[DateMention], anchors: Sequence[Token]
) -> DateMention | None:
    best: DateMention | None = None
    end = para.offset + len(doc.text)  # once: spaCy joins the tokens anew on every Doc.text
    for d in dates:
        if not (para.offset <= d.start and d.end <= end) or not is_calendar_value(d.value):
            continue
        span = doc.char_span(d.start - para.offset, d.end - para.offset, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        # a day beats a coarser value; among equals the first wins
        better = best is None or (len(best.value or "") != 10 and len(d.value or "") == 10)
        if better and any(_attached(span.root, a) for a in anchors):
            best = d
    return best


def _topic(anchors: Sequence[Token]) -> str | None:
    for anchor in anchors:
        for tok in anchor.subtree:
            # only a purpose verb of the trigger itself ("meet ... to discuss X"), not one of a
            # clause further down ("agreed that experts will meet to discuss X")
            if tok.lemma_ in TOPIC_VERBS and tok.head.i == anchor.i and tok.i != anchor.i and tok.pos_ == "VERB":
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
                if obj is not None:
                    return tok.doc.text[obj.left_edge.idx : obj.right_edge.idx + len(obj.right_edge.text)]
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "about", "over", "regarding"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return tok_text(pobj)
    return None


def tok_text(tok: Token) -> str:
    """The text of a token's whole phrase (its subtree)."""
    return tok.doc.text[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge.text)]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _expand_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    return list(tokens)  # a subject's phrase already takes in its conjuncts ("experts and diplomats")


def _kind_of(tok: Token) -> str | None:
    if tok.pos_ == "VERB" and tok.lemma_ in VERB_TRIGGERS:
        if tok.lemma_ == "announce" and any(
            c.dep_ == "dobj" and c.lower_ in NOUN_TRIGGERS and c.lower_ != "announcement" for c in tok.children
        ):
            return None  # "announced a ceasefire": the noun is the event
        return VERB_TRIGGERS[tok.lemma_]
    if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in NOUN_TRIGGERS and tok.dep_ != "compound":
        return NOUN_TRIGGERS[tok.lower_]
    return None


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
            kind = _kind_of(tok)
            if kind is None:
                continue
            is_verb = tok.pos_ == "VERB"
            light = None if is_verb else _light_verb(tok)
            anchors = [tok] if light is None else [tok, light]
            # "a press conference held by Apple on Friday", "an agreement reached in 1991": the
            # participle describing the noun carries its agent, date and place
            reduced = [] if is_verb else [c for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB"]
            anchors.extend(reduced)
            if is_verb:
                if _negated(tok):
                    continue
                agent = _agent(tok)
                subj = _subject(tok)
                people = [p for p in (subj, agent) if p is not None]
            else:
                people = _noun_participants(tok, light)
                for verb in reduced:
                    people.extend(p for p in (_agent(verb),) if p is not None)
                    people.extend(
                        c
                        for prep in verb.children
                        if prep.lower_ == "between"
                        for c in prep.children
                        if c.dep_ == "pobj"
                    )
            people = [p for p in _expand_conjuncts(people) if p.i != tok.i]
            place = _place(para, places, anchors, kind)
            when = _date(doc, para, dates, anchors)
            if not people and place is None and when is None and not keep_unanchored:
                continue  # nothing anchors it: generic or a back-reference ("the deal")
            clause = light if light is not None else tok
            left, right = clause.left_edge, clause.right_edge
            start, end = _span(para, left, right)
            spans = tuple(_span(para, *_phrase_bounds(p)) for p in people)
            event = Event(
                kind=kind,
                text=doc.text[left.idx : right.idx + len(right.text)],
                start=start,
                end=end,
                date=when.value if when else None,
                date_inferred=when.inferred if when else False,
                place=place[0] if place else None,
                participants=tuple(doc.text[s - para.offset : e - para.offset] for s, e in spans),
                topic=_topic(anchors),
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
