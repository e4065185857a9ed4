"""Event triggers: the verbs and nouns that name an event, and the light verbs that carry one.

A light verb carrying an event noun ("held talks", "signed an agreement") is not an event of its
own: the noun is, and the verb lends it its subject, date and place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

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


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")


def kind_of(tok: Token) -> str | None:
    if tok.pos_ == "VERB" and tok.lemma_ in VERB_TRIGGERS:
        if tok.lemma_ == "announce" and any(
            c.dep_ == "dobj" and c.lower_ in NOUN_TRIGGERS and c.lower_ != "announcement" for c in tok.children
        ):
            return None  # "announced a ceasefire": the noun is the event
        return VERB_TRIGGERS[tok.lemma_]
    if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in NOUN_TRIGGERS and tok.dep_ != "compound":
        return NOUN_TRIGGERS[tok.lower_]
    return None


def light_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object of ("held talks", "signed a deal")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "nsubj" and head.lemma_ in ASPECTUAL_VERBS:
        return head  # "the talks will resume in Geneva on December 12"
    if noun.dep_ == "conj" and noun.head.dep_ == "dobj":
        return light_verb(noun.head)
    return None


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
