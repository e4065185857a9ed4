"""Who takes part in an event: the subject (or passive agent) of a verb trigger; for a noun
trigger, a possessive, "between/with/by X", a name compound, or the subject of its light verb."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.events.triggers import LIGHT_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

_PRONOUN_SUBJECTS = {"it", "there", "who", "that", "which", "what", "this"}


def phrase_bounds(tok: Token) -> tuple[Token, Token]:
    """The token's phrase without a trailing relative clause or apposition that runs on."""
    left, right = tok.left_edge, tok.right_edge
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct") and child.i > tok.i:
            right = tok.doc[child.left_edge.i - 1] if child.left_edge.i > tok.i else tok
            while right.i > tok.i and (right.is_punct or right.dep_ == "cc"):
                right = tok.doc[right.i - 1]
            break
    return left, right


def subject(verb: Token) -> Token | None:
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


def passive_agent(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb ("was attacked by militants")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def noun_participants(noun: Token, light: Token | None) -> list[Token]:
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("between", "with", "by", "among", "from"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("compound", "amod") and child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            found.append(child)
    if light is not None and light.lemma_ in LIGHT_VERBS | {"reach", "agree"}:
        subj = subject(light)
        if subj is not None:
            found.append(subj)
    elif light is None and noun.dep_ == "nsubj":
        pass  # "the meeting ended": the noun is the subject, nobody else is named
    return found


def expand_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    return list(tokens)  # a subject's phrase already takes in its conjuncts ("experts and diplomats")
