"""Argument frames of candidate cue verbs, and the learned model that scores them.

A verb's *frame* is the set of complements it takes in the parse ("ccomp", "xcomp", "dobj",
"dobj+xcomp", "prep:for", ...), or "quote" when it has none but stands next to a quotation, or
"parataxis" when it is an inserted "he said" inside the clause it attributes. The content of an
attribution is read off the frame: the union of the complements' subtrees.

``data/frame_model.json`` (built by ``scripts/train_attribution.py`` from PolNeAR's training
split, weights only) is a logistic regression over sparse features of a candidate: its
(lemma, frame) pair above all, then whether its content is quoted, its subject, where the verb
sits in the clause and whether another candidate encloses it. Its label in training: the verb is
the cue of a gold attribution whose content overlaps the frame's content. An unseen verb falls
back on its frame's and its subject's weights, so it gets a cautious score. The file is read
through ``models_io``, which refuses one that does not match the running features or parser.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from wirewatch.attribution.models_io import shipped_model

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirewatch.parse import ParsedParagraph

COMPLEMENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "dative")
# prepositions whose object can be the content: "called for", "warned of", "spoke about"
CONTENT_PREPS = frozenset({"for", "on", "of", "about", "to", "as", "against", "over", "that"})
# verbs whose object is the listener, not the content: "told the media", "asked reporters"
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "notify", "brief", "email", "text"})


@dataclass(frozen=True)
class Frame:
    """A verb's complements: the frame key and the tokens whose subtrees are the content."""

    key: str
    parts: tuple[Token, ...]


def verb_frame(verb: Token) -> Frame:
    """The complements of ``verb`` that could be attributed content."""
    deps: list[str] = []
    parts: list[Token] = []
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    as_clause = (
        verb.dep_ == "advcl"
        and "as" in marks
        # "as if arguing with his notes", "as though he knew": a comparison, what the clause
        # it hangs on is like, never a report of it
        and not marks & {"if", "though"}
        and not any(c.dep_ == "ccomp" for c in verb.children)
    )
    if as_clause and verb.head.pos_ in {"VERB", "AUX"}:
        # "As Ms. Smith put it, the plan is ...", "as the report noted, ...": the clause the
        # "as" phrase hangs on is the content; with a clause of its own ("came as X said he
        # hoped ..."), the "as" only dates the report and that clause is the content
        return Frame("as-clause", (verb.head,))
    listener = verb.lemma_.lower() in ADDRESSEE_VERBS
    for child in verb.children:
        if listener and child.dep_ in {"dobj", "dative", "iobj"}:
            clause = _complement_in_listener(child)
            if clause is not None:
                deps.append("ccomp")
                parts.append(clause)
            continue
        if child.dep_ in COMPLEMENT_DEPS:
            # a bare infinitive helper ("going to") is not content; a clause or a phrase is
            deps.append(child.dep_)
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
            pobj = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if not pobj and child.lower_ == "as":
                # "dismissed it as “absurd”", "rated the claim as false": an adjective after
                # "as" is what the source called it
                pobj = [g for g in child.children if g.pos_ == "ADJ"]
            # "on Friday", "for two hours": a time is when it was said, not what
            if pobj and pobj[0].ent_type_ not in {"DATE", "TIME"}:
                deps.append(f"prep:{child.lower_}")
                parts.append(pobj[0])
    if "ccomp" in deps:
        # a clause complement is the content; prepositional phrases beside it are circumstance
        keep = [(d, p) for d, p in zip(deps, parts, strict=True) if d in {"ccomp", "xcomp"}]
        deps, parts = [d for d, _ in keep], [p for _, p in keep]
    if not deps:
        if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
            return Frame("parataxis", (verb.head,))
        return Frame("none", ())
    return Frame("+".join(sorted(set(deps))), tuple(parts))


def _complement_in_listener(listener: Token) -> Token | None:
    """ "told a meeting of island leaders that few people understood ...": the parse may hang the
    "that" clause on the listener as a relative or adjectival clause; a relative "that" is the clause's subject or
    object, so one that is only its marker opens the content, not a description of the listener."""
    for tok in listener.subtree:
        marked = any(c.dep_ == "mark" and c.lower_ == "that" and c.i < tok.i for c in tok.children)
        if tok.dep_ in {"relcl", "acl"} and marked:
            return tok
    return None


@dataclass(frozen=True)
class FrameModel:
    """A logistic regression over candidate features (``features.candidate_features``)."""

    weights: dict[str, float]

    def probability(self, features: Iterable[str]) -> float:
        """Probability that a candidate with these features is the cue of an attribution."""
        z = sum(self.weights.get(f, 0.0) for f in features)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))


@cache
def frame_model() -> FrameModel:
    """The shipped model (``models_io``: a missing, corrupt or stale file raises ``ModelError``)."""
    return FrameModel(weights=shipped_model("frame_model.json").weights)


# prepositions after an object that may go on with what was said ("forecast growth at 10-15%",
# "recommended cuts in bureaucracy across the public sector", "welcomed ..., unlike in 2000")
CONTINUING_PREPS = frozenset("at in for across like unlike among between from over under within of as".split())
# where or in what something was said: "announced ... in a statement", "told ... at a conference"
SAYING_PLACES = frozenset(
    """
    statement interview speech letter report article paper programme program broadcast show
    meeting conference debate session hearing briefing address newspaper magazine column blog
    post book documentary film radio television tv court parliament commons chamber house
    assembly rally summit email e-mail message tweet video podcast event ceremony launch
    """.split()
)
# a place or a time is where or when it was said ("in London", "on Tuesday")
SETTING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def phrase_with_circumstance(
    para: ParsedParagraph, verb: Token, pieces: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """A phrase content (an object, "warned of X") widened over what the parse hangs on the verb
    right after it but belongs to the object's words: "forecast sustained growth [at between
    10-15% for this year and next]", "branded the existence of the Potato Council[, set up in
    1997]". A time, a place of saying or a listener ("on Tuesday", "in a statement", "to
    MPs") stays out, and so does anything after one."""
    if not pieces:
        return pieces
    last_start, last_end = pieces[-1]
    if last_end <= para.start_of(verb):
        return pieces
    end = last_end
    for child in verb.rights:
        lo = para.start_of(child.left_edge)
        if lo < last_end or child.dep_ == "cc" or (child.dep_ == "punct" and child.lower_ in {",", "-", "—", "–"}):
            continue
        if not _continues_object(child):
            break
        if para.doc.text[end - para.offset : lo - para.offset].strip(" ,—–-") not in {"", "and", "but"}:
            break  # only a comma, a dash or a conjunction may stand between
        end = para.end_of(child.right_edge)
    return (*pieces[:-1], (last_start, end)) if end != last_end else pieces


def _continues_object(child: Token) -> bool:
    if child.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
        return True  # "talked about how he fell in love - but that she resisted": a second content
    if any(t.dep_ in {"ccomp", "parataxis"} for t in child.subtree):
        return False  # "..., saying the plans are excessive": a report of its own
    if child.dep_ == "prep":
        obj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
        return (
            child.lower_ in CONTINUING_PREPS
            and obj is not None
            and obj.ent_type_ not in SETTING_ENTS
            and obj.lemma_.casefold() not in SAYING_PLACES
        )
    # "the Potato Council, set up in 1997 to research potato markets": a past participle the
    # parse hangs on the verb describes the object; a present one ("..., killing 17 sailors",
    # "..., citing a threat") is an event or a report of its own
    return (
        child.dep_ in {"advcl", "acl"}
        and child.tag_ == "VBN"
        and not any(c.dep_ in {"mark", "nsubj", "nsubjpass", "aux", "auxpass"} for c in child.children)
    )
