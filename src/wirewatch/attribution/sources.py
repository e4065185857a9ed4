"""The learned choice of an attribution's source among the words of the cue's sentence.

The rule cascade in ``subjects.subject_of`` gives one answer per cue: the parse's subject, the
governing verb's, an inverted name after a quotation, and so on. Where the parse is wrong the
rules are wrong with it, and some sources are no grammatical subject at all ("a poll by X
finds", "Noting that ..., Trump reminded"). Here every noun, name and pronoun of the sentence
outside the content is a candidate, beside "no source", and a conditional logit (softmax over
the candidates of one cue) scores them on the dependency path from the cue, the side and
distance, what lies between, and whether the rules picked it. The rules' pick is a feature,
not a verdict, so the model keeps it unless the evidence against it was common in training.

``data/source_model.json`` is built by ``scripts/train_attribution.py`` from PolNeAR's training
split (a candidate is right when its phrase overlaps the gold source, the scorer's own test);
weights only, read through ``models_io`` (no file, no fallback: a ``ModelError``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from wirewatch.attribution.models_io import shipped_model

if TYPE_CHECKING:
    from spacy.tokens import Token

SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# words that are only part of a larger phrase: the phrase's head stands for them
PART_DEPS = frozenset({"compound", "amod", "det", "nummod", "flat", "nmod", "case", "punct", "predet"})
MAX_PATH = 4


@dataclass(frozen=True)
class SourceModel:
    """A conditional logit over source candidates: one weight per feature."""

    weights: dict[str, float]

    def scores(self, options: Sequence[Sequence[str]]) -> list[float]:
        """Softmax probabilities of the options (each a list of features)."""
        z = [sum(self.weights.get(f, 0.0) for f in feats) for feats in options]
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return [v / total for v in exp]


@cache
def source_model() -> SourceModel:
    """The shipped model (``models_io``: a missing, corrupt or stale file raises ``ModelError``)."""
    return SourceModel(weights=shipped_model("source_model.json").weights)


@dataclass(frozen=True)
class SourceQuestion:
    """Whose is this cue: the cue word, its frame and lemma, the rules' pick, and the article spans
    no source lies in (the content, quotations), with the paragraph's offset in the article."""

    verb: Token
    frame: str
    lemma: str
    rule: Token | None
    blocked: tuple[tuple[int, int], ...]
    offset: int


def source_candidates(verb: Token, rule: Token | None, blocked: Sequence[tuple[int, int]], offset: int) -> list[Token]:
    """Phrase heads of the cue's sentence that could be its source, in text order.

    ``blocked`` holds article spans no source lies in (the content, quotations); ``offset`` is
    where the paragraph starts in the article. The rules' pick is always among them.
    """
    out: list[Token] = []
    for tok in verb.sent:
        if tok.i == verb.i or tok.dep_ in PART_DEPS:
            continue
        if tok.pos_ not in SOURCE_POS:
            continue
        at = offset + tok.idx
        if any(s <= at < e for s, e in blocked):
            continue
        out.append(tok)
    if rule is not None and all(t.i != rule.i for t in out):
        out.append(rule)
        out.sort(key=lambda t: t.i)
    return out


def _path(verb: Token, tok: Token) -> str:
    """Dependency labels from the cue up to the common ancestor and down to the candidate."""
    up: list[Token] = [verb]
    while up[-1].head is not up[-1] and len(up) <= MAX_PATH + 1:
        up.append(up[-1].head)
    down: list[Token] = [tok]
    while down[-1].head is not down[-1] and len(down) <= MAX_PATH + 1:
        if any(u.i == down[-1].i for u in up):
            break
        down.append(down[-1].head)
    common = next((i for i, u in enumerate(up) if u.i == down[-1].i), None)
    if common is None or common + len(down) - 1 > MAX_PATH:
        return "far"
    ups = [u.dep_ for u in up[:common]]
    downs = [d.dep_ for d in reversed(down[:-1])]
    return "^" + "^".join(ups) + ">" + ">".join(downs)


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n <= 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9+"


def option_features(verb: Token, frame: str, tok: Token, rule: Token | None, nearest: dict[int, str]) -> list[str]:
    """Features of one candidate source word for the cue ``verb``."""
    path = _path(verb, tok)
    side = "L" if tok.i < verb.i else "R"
    lo, hi = (tok.i, verb.i) if tok.i < verb.i else (verb.i, tok.i)
    between = verb.doc[lo + 1 : hi]
    comma = sum(1 for t in between if t.text in {",", "—", "–", "-", ";", ":"})
    quote = any(t.is_quote for t in between)
    kind = "rel" if tok.lower_ in {"who", "that", "which", "whom"} else tok.ent_type_ or tok.pos_
    prep = tok.head.lower_ if tok.dep_ == "pobj" else "-"
    is_rule = rule is not None and tok.i == rule.i
    feats = [
        f"p={path}",
        f"pf={path}|{frame}",
        f"pt={path}|{verb.tag_}",
        f"s={side}{_bucket(hi - lo)}",
        f"sc={side}|{min(comma, 2)}|{quote}",
        f"k={kind}",
        f"ks={kind}|{side}",
        f"d={tok.dep_}",
        f"ds={tok.dep_}|{side}|{min(comma, 2)}",
        f"pp={prep}",
        f"n={nearest.get(tok.i, 'no')}",
        f"vt={verb.tag_}|{side}",
    ]
    if _in_parentheses(tok):
        feats.append("paren")  # "Sen. X (D-Mass.) said": the party and state name no one
    if tok.pos_ == "PRON":
        feats.append(f"w={tok.lower_}")
    elif tok.pos_ == "NOUN":
        feats.append(f"w={tok.lemma_.lower()}")
    feats.append(f"vs={verb.lemma_.lower()}|{side}")
    if is_rule:
        feats += ["rule", f"rule|{kind}", f"rule|{path}", f"rule|{frame}"]
    elif rule is not None:
        feats.append("not_rule")
    return feats


def _in_parentheses(tok: Token) -> bool:
    """Whether an opening parenthesis comes before the word, within its sentence, unclosed."""
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.text == ")":
            return False
        if t.text == "(":
            return True
    return False


def none_features(verb: Token, frame: str, rule: Token | None, lemma: str, n: int) -> list[str]:
    """Features of the "no source" option."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    feats = [
        f"none|pass={passive}|{verb.tag_}",
        "none",
        f"none|{frame}",
        f"none|{verb.tag_}",
        f"none|{verb.dep_}",
        f"none|l={lemma}",
        f"none|n={_bucket(n)}",
        "none|rule_none" if rule is None else "none|rule_some",
    ]
    if rule is None:
        feats.append(f"none|rule_none|{frame}")
    return feats


def _nearest(verb: Token, cands: Sequence[Token]) -> dict[int, str]:
    """Which candidates are the nearest on each side of the cue."""
    left = [t for t in cands if t.i < verb.i]
    right = [t for t in cands if t.i > verb.i]
    out: dict[int, str] = {}
    if left:
        out[left[-1].i] = "L1"
    if len(left) > 1:
        out[left[-2].i] = "L2"
    if right:
        out[right[0].i] = "R1"
    return out


def source_options(question: SourceQuestion) -> tuple[list[Token | None], list[list[str]]]:
    """The options for a cue's source (``None`` first, for "no source") and their features.

    Shared by scripts/train_attribution.py and the extractor, so both see one definition.
    """
    verb, frame, rule = question.verb, question.frame, question.rule
    cands = source_candidates(verb, rule, question.blocked, question.offset)
    nearest = _nearest(verb, cands)
    options: list[Token | None] = [None, *cands]
    feats = [none_features(verb, frame, rule, question.lemma, len(cands))]
    feats += [option_features(verb, frame, tok, rule, nearest) for tok in cands]
    return options, feats


def choose_source(question: SourceQuestion) -> Token | None:
    """The likeliest source of the cue, or None."""
    model = source_model()
    options, feats = source_options(question)
    probs = model.scores(feats)
    best = max(range(len(options)), key=lambda i: probs[i])
    return options[best]
