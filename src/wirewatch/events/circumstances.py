"""Where, when and about what: an event's place, date and topic, each read from a phrase
attached to the trigger's clause (reached up the head chain without crossing another verb)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.entities.places import PlaceTable
from wirewatch.events.triggers import TOPIC_VERBS, is_verb
from wirewatch.models import DateMention
from wirewatch.parse import ParsedParagraph, doc_text
from wirewatch.time import is_calendar_value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LOCATIVE = {"in", "at", "near", "inside", "outside"}


def article_span(para: ParsedParagraph, left: Token, right: Token) -> tuple[int, int]:
    return para.start_of(left), para.end_of(right)


def attached(token: Token, anchor: Token) -> bool:
    """Whether ``token`` hangs off ``anchor``'s clause: the head chain reaches it, no verb between."""
    for _ in range(50):
        if token.i == anchor.i:
            return True
        if is_verb(token):
            return False
        if token.head is token:
            return False
        token = token.head
    return False


def event_place(
    para: ParsedParagraph, places: PlaceTable, anchors: Sequence[Token], kind: str
) -> tuple[str, int, int] | None:
    preps = _LOCATIVE | ({"to"} if kind == "visit" else set())
    doc = anchors[0].doc
    for tok in doc:
        if tok.dep_ != "pobj" or tok.head.lower_ not in preps:
            continue
        if not any(attached(tok.head.head if tok.head.head is not tok.head else tok.head, a) for a in anchors):
            continue
        start, end = article_span(para, tok.left_edge, tok.right_edge)
        hit = places.at(start, end)
        if hit is not None:
            mention = next((m for m in hit.mentions if m[0] >= start and m[1] <= end), (start, end))
            return hit.place.name, mention[0], mention[1]
    if kind == "visit":
        # "Kerry visited Moscow": the visited place is the object
        for a in anchors:
            obj = next((c for c in a.children if c.dep_ == "dobj"), None)
            if obj is not None:
                start, end = article_span(para, obj.left_edge, obj.right_edge)
                hit = places.at(start, end)
                if hit is not None:
                    return hit.place.name, start, end
    return None


def event_date(
    doc: Doc, para: ParsedParagraph, dates: Sequence[DateMention], anchors: Sequence[Token]
) -> DateMention | None:
    best: DateMention | None = None
    end = para.offset + len(doc_text(doc))  # once: spaCy joins the tokens anew on every Doc.text
    for d in dates:
        if not (para.offset <= d.start and d.end <= end) or not is_calendar_value(d.value):
            continue
        span = doc.char_span(d.start - para.offset, d.end - para.offset, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        # a day beats a coarser value; among equals the first wins
        better = best is None or (len(best.value or "") != 10 and len(d.value or "") == 10)
        if better and any(attached(span.root, a) for a in anchors):
            best = d
    return best


def event_topic(anchors: Sequence[Token]) -> str | None:
    for anchor in anchors:
        for tok in anchor.subtree:
            # only a purpose verb of the trigger itself ("meet ... to discuss X"), not one of a
            # clause further down ("agreed that experts will meet to discuss X")
            if tok.lemma_ in TOPIC_VERBS and tok.head.i == anchor.i and tok.i != anchor.i and tok.pos_ == "VERB":
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
                if obj is not None:
                    return doc_text(tok.doc)[obj.left_edge.idx : obj.right_edge.idx + len(obj.right_edge.text)]
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "about", "over", "regarding"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return tok_text(pobj)
    return None


def tok_text(tok: Token) -> str:
    """The text of a token's whole phrase (its subtree)."""
    return doc_text(tok.doc)[tok.left_edge.idx : tok.right_edge.idx + len(tok.right_edge.text)]
