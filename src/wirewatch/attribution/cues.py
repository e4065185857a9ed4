"""Cue words: the verbs (and phrases) that introduce an attribution.

Hand-written from newsroom usage. How likely a verb is a cue is the learned classifier's
(``data/frame_model.json``); these sets only shape candidates and features.
"""

from __future__ import annotations

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
