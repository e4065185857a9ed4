"""Cue words: the verbs (and phrases) that introduce an attribution.

The base lexicon below is hand-written from newsroom usage; ``data/cue_lexicon.json`` (built by
``scripts/build_cue_lexicon.py`` from PolNeAR's training split) adds the lemmas annotators
marked as cues often enough, with how often they were a cue when they occurred as a verb.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

# Verbs whose clausal complement (ccomp) is the content: "X said (that) ...".
SPEECH_VERBS = frozenset(
    """
    say tell add note write report announce state declare explain argue claim insist warn
    stress emphasize emphasise underline reiterate repeat confirm deny acknowledge admit concede
    suggest predict promise vow pledge threaten reply respond answer retort ask wonder
    complain contend maintain assert allege testify tweet post remark observe point mention
    recall reveal disclose indicate signal hint caution urge recommend propose conclude
    agree disagree estimate forecast project calculate find show conclude think believe feel
    know expect hope fear doubt worry suspect assume understand recognize recognise realize
    realise learn hear read see charge accuse boast brag cry shout yell scream whisper joke
    muse quip concur object protest counter rebut acknowledge stipulate specify affirm aver
    proclaim announce notify inform assure remind advise instruct order demand request
    decide determine conclude guess reckon imagine figure consider judge deem
    """.split()
)

# Verbs whose direct object can be the content: "Peskov emphasized the risks that ...".
OBJECT_CONTENT_VERBS = frozenset(
    """
    emphasize emphasise stress underline highlight reiterate repeat deny confirm acknowledge
    announce predict promise warn cite criticize criticise praise welcome condemn describe
    outline detail reveal disclose propose recommend demand urge call endorse support oppose
    question dispute reject dismiss defend blame accuse
    """.split()
)

# Nouns that head an attribution: "the report shows", "a statement said" (speaker nouns).
SOURCE_NOUNS = frozenset(
    """
    report reports statement statements source sources official officials spokesman spokeswoman
    spokesperson study survey poll analysis document documents letter memo filing complaint
    lawsuit ruling data figures
    """.split()
)


@cache
def learned_cues() -> dict[str, float]:
    """Lemma -> share of its verb occurrences that annotators marked as a cue (from PolNeAR train)."""
    try:
        raw = resources.files("wirewatch").joinpath("data/cue_lexicon.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    table = json.loads(raw)
    return {str(k): float(v["precision"]) for k, v in table["lemmas"].items()}


def cue_strength(lemma: str) -> float:
    """How likely a verb with this lemma introduces an attribution (0 when never)."""
    learned = learned_cues().get(lemma)
    if lemma in SPEECH_VERBS:
        return max(learned or 0.0, 0.6)
    return learned or 0.0
