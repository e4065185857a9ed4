"""Argument frames of candidate cue verbs, and the learned table that scores them.

A verb's *frame* is the set of complements it takes in the parse ("ccomp", "xcomp", "dobj",
"dobj+xcomp", "prep:for", ...), or "quote" when it has none but stands next to a quotation, or
"parataxis" when it is an inserted "he said" inside the clause it attributes. The content of an
attribution is read off the frame: the union of the complements' subtrees.

``data/frame_model.json`` (built by ``scripts/train_attribution.py`` from PolNeAR's training
split, counts only) says, for each (lemma, frame), how often annotators marked such a verb as
the cue of an attribution whose content is that frame's span. ``FrameModel.probability``
smooths that towards the frame's overall rate, so unseen verbs get a cautious score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

COMPLEMENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "dative")
# prepositions whose object can be the content: "called for", "warned of", "spoke about"
CONTENT_PREPS = frozenset({"for", "on", "of", "about", "to", "as", "against", "over", "that"})
SMOOTHING = 3.0
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
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if as_clause and verb.head.pos_ in {"VERB", "AUX"}:
        # "As Ms. Smith put it, the plan is ...", "as the report noted, ...": the clause the
        # "as" phrase hangs on is the content
        return Frame("as-clause", (verb.head,))
    listener = verb.lemma_.lower() in ADDRESSEE_VERBS
    for child in verb.children:
        if listener and child.dep_ in {"dobj", "dative", "iobj"}:
            continue
        if child.dep_ in COMPLEMENT_DEPS:
            # a bare infinitive helper ("going to") is not content; a clause or a phrase is
            deps.append(child.dep_)
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
            pobj = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
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


@dataclass(frozen=True)
class FrameModel:
    """Counts of (lemma, frame) -> [cue, total] and frame -> [cue, total]."""

    pairs: dict[str, tuple[int, int]]
    frames: dict[str, tuple[int, int]]

    def probability(self, lemma: str, frame: str) -> float:
        f_pos, f_all = self.frames.get(frame, (0, 0))
        prior = (f_pos + 0.1) / (f_all + 1.0)
        pos, total = self.pairs.get(f"{lemma}|{frame}", (0, 0))
        return (pos + SMOOTHING * prior) / (total + SMOOTHING)

    def seen(self, lemma: str, frame: str) -> int:
        return self.pairs.get(f"{lemma}|{frame}", (0, 0))[1]


@cache
def frame_model() -> FrameModel | None:
    """The shipped model, or None when it has not been built."""
    try:
        raw = resources.files("wirewatch").joinpath("data/frame_model.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    data = json.loads(raw)
    return FrameModel(
        pairs={k: (int(v[0]), int(v[1])) for k, v in data["pairs"].items()},
        frames={k: (int(v[0]), int(v[1])) for k, v in data["frames"].items()},
    )
