"""What kind of attribution a cue makes: a statement, a belief, an intention, or none (an act).

Method: the cue word's meaning decides, as in the verb classes of Levin (1993) and VerbNet
(communication verbs, ``say-37.7``, ``tell-37.2``, ``complain-37.8``; cognition and judgement
verbs, ``consider-29.9``, ``conjecture-29.5``, ``admire-31.2``; desire and intention verbs,
``want-32.1``, ``wish-62``) and in PolNeAR's guidelines (Newell, Margolin and Ruths, 2018), which
count beliefs and intentions as attributions with their own cue class. The word lists below are
general English lexicon grouped by those meanings, verbs and the nouns made from them ("claim",
"belief", "plan"), by lemma. A word in no list is a statement: the cue model already judged it an
attribution, and most cues are verbs of saying.

Besides the word, three cheap facts about its use change the answer:

- "be" (or "remain", "seem") with an adjective takes the adjective's meaning: "is confident that"
  is a belief, "is hopeful that" and "is keen to" are intentions;
- "consider" with an object or a gerund is weighing a course ("is considering a bid", "considering
  running"): an intention; with a clause or "to be" it is a judgement ("considers it a mistake"): a
  belief;
- a verdict on a person ("convicted", "sentenced") is an act, no attribution, unless the article
  quotes the words that came with it ("the judge sentenced him, saying: '...'"), then a statement;
  a ruling is a judgement (a belief) and a vote a choice (an intention), or a statement when the
  words are quoted. PolNeAR marks rulings and votes as attributions; readers of "what did she
  say?" do not count them, so they stay out of the statements without being dropped.

A cue that is no word of saying, thinking or wanting (none of the lists below) and has only a
noun phrase for content is an **act**: "unveiled a poster", "signed a deal", "launched a
competition", "posted an 18% jump in sales". Nothing was said, so it is no statement; PolNeAR's
annotators mark most of these as attributions all the same (138 of the 182 the extractor finds on
its dev split), so they are kept, typed "act", and left out wherever statements are asked for.
A communication noun as the object ("issued a statement", "published figures") keeps it a
statement, and so do a clause or quoted words ("unveiled plans, saying '...'").

Negation changes no type ("did not say" is still a statement, "does not want" an intention), nor
does the passive: "X is expected to" is the belief of people the sentence leaves unnamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.models import QuoteType

if TYPE_CHECKING:
    from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Saying, writing and asking, and the speech acts named by what is said: warnings, promises,
# accusations, denials, answers (communication verbs); and what speaks for its issuer.
STATEMENT_WORDS = _words(
    """
    say tell add note write report announce state declare explain argue claim insist warn
    caution stress emphasize emphasise underline reiterate repeat confirm deny acknowledge admit
    concede suggest predict forecast estimate project calculate promise vow pledge swear threaten
    reply respond answer retort ask question wonder inquire enquire complain contend maintain
    assert allege testify tweet remark observe point mention recall reveal disclose indicate
    signal hint urge recommend propose conclude agree disagree concur object protest counter
    rebut affirm aver proclaim notify inform assure remind advise instruct order demand request
    charge accuse blame criticize criticise condemn praise boast brag cry shout yell scream whisper
    joke quip muse comment describe call label brand dub dismiss reject defend apologise apologize
    thank welcome greet congratulate accord cite quote read show find outline detail highlight
    summarise summarize speak talk voice express attack blast denounce deride challenge discuss
    debate
    statement remark comment report claim assertion allegation accusation announcement letter
    memo testimony warning denial admission promise pledge vow threat answer reply response
    interview speech tweet message email e-mail note briefing filing complaint
    lawsuit study survey poll analysis document data figure figures finding findings words
    proposal recommendation guidance
    """
)

# Holding something true, likely or to be feared, and judging (cognition, judgement and
# perception-as-opinion verbs; positions held: "supports", "opposes").
BELIEF_WORDS = _words(
    """
    believe think feel fear expect doubt suspect assume suppose presume reckon guess imagine
    anticipate worry understand know realize realise see perceive view regard deem judge trust
    consider support oppose back endorse favour favor
    belief view opinion fear expectation concern worry doubt suspicion assumption conviction
    understanding perception impression sense feeling
    """
)

# Wanting, planning, trying and refusing: a course of action held in mind (desire and
# intention verbs).
INTENTION_WORDS = _words(
    """
    want plan hope intend aim seek wish desire prefer try attempt strive prepare look like love
    refuse decline weigh contemplate mull eye
    plan hope intention aim goal wish desire bid ambition intent
    """
)

# What a cue's object can be for the cue to report something communicated ("issued a statement",
# "unveiled plans"): the nouns of the lists above.
CONTENT_NOUNS = STATEMENT_WORDS | BELIEF_WORDS | INTENTION_WORDS

# Adjectives of "be + adjective" cues, by the same meanings.
BELIEF_ADJECTIVES = _words(
    """
    confident convinced sure certain concerned worried afraid fearful optimistic pessimistic
    doubtful skeptical sceptical aware suspicious hopeless uncertain unsure positive
    """
)
INTENTION_ADJECTIVES = _words(
    """
    hopeful eager keen determined willing ready reluctant unwilling desperate anxious intent
    set poised resolved committed
    """
)

# Verdicts on a person: an act of a court, no attribution unless its words are quoted. Other
# decisions are read for the position they take, as PolNeAR marks them (on its training split the
# extractor's "voted", "ruled", "named", "approved" are marked attributions far more often than
# not): a vote is a preference ("would vote for X"), an intention; a ruling a judgement, a belief.
VERDICT_WORDS = _words("convict acquit sentence jail imprison")
JUDGEMENT_WORDS = _words("rule uphold overturn")
CHOICE_WORDS = _words("vote decide elect choose opt")

# Acts: with only a noun phrase for content ("named Joey the best drama", "launched a
# competition", "tabled a motion") something done, not said; with a clause or their words
# quoted they report what was said ("published figures showing that ...").
# (PolNeAR's annotators, who count more as attribution than readers of "what did she say?",
# rarely mark these: about ten of its 20,000 training cues, most of them "won the support")
ACT_WORDS = _words("organise organize table award win lose edit")

# Evaluations: with only a noun phrase for content ("defended the Act", "rejected the offer") the
# source's position on a thing, a belief; with a clause or their words quoted, a statement.
STANCE_WORDS = _words("defend reject dismiss welcome criticise criticize condemn praise question hail slam")

# copular verbs whose adjective carries the meaning: "is confident", "remains hopeful"
COPULAS = _words("be remain seem appear sound stay become grow")


@dataclass(frozen=True)
class CueShape:
    """The facts about a cue that decide its attribution type.

    ``lemma`` is the cue word's lemma (lower case) and ``text`` the cue as written; ``predicate``
    the adjective of a "be + adjective" cue; ``weighing`` whether the cue takes an object or a
    gerund ("considering a bid") rather than a clause; ``clause`` whether it takes a finite clause
    ("considers that ..."); ``quoted`` whether its content is a quotation of the source's words (a
    few words at least: a quoted term is no statement); ``object_lemma`` the lemma of its direct
    object, if any ("issued a *statement*").
    """

    lemma: str
    text: str = ""
    predicate: str | None = None
    weighing: bool = False
    clause: bool = False
    quoted: bool = False
    object_lemma: str | None = None


def _forms(shape: CueShape) -> Iterator[str]:
    """The lemma, then the written word and its likely stems: the tagger's lemma can be wrong
    ("hopes" -> "hop")."""
    yield shape.lemma
    words = shape.text.lower().split()
    if not words:
        return
    word = words[-1] if words[-1] not in {"to", "for", "that", "of", "on"} or len(words) == 1 else words[-2]
    yield word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("s", ""), ("d", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            yield word[: -len(suffix)] + repl


def attribution_type(shape: CueShape) -> QuoteType | None:
    """The attribution type of a cue: "statement", "belief", "intention", "act", or None for an
    act no reader or annotator counts (a verdict, "tabled a motion")."""
    if shape.predicate is not None and shape.lemma in COPULAS:
        adjective = shape.predicate.lower()
        if adjective in BELIEF_ADJECTIVES:
            return "belief"
        if adjective in INTENTION_ADJECTIVES:
            return "intention"
        return "statement"  # "was adamant that", "was clear that"
    noun_only = shape.weighing and not shape.clause and not shape.quoted
    for form in _forms(shape):
        if form in STANCE_WORDS and noun_only:
            return "belief"
        if form in ACT_WORDS and noun_only:
            return None
        if form == "consider":
            return "intention" if shape.weighing else "belief"
        if form in STATEMENT_WORDS:
            return "statement"
        if form in BELIEF_WORDS:
            return "belief"
        if form in INTENTION_WORDS:
            return "intention"
        if form in VERDICT_WORDS:
            return "statement" if shape.quoted else None
        if form in JUDGEMENT_WORDS:
            return "statement" if shape.quoted else "belief"
        if form in CHOICE_WORDS:
            return "statement" if shape.quoted else "intention"
    if noun_only and (shape.object_lemma or "") not in CONTENT_NOUNS:
        return "act"  # "unveiled a poster", "signed a deal": done, not said
    return "statement"


def cue_shape(token: Token, text: str, quoted: bool) -> CueShape:
    """Read a cue's shape off its token in the parse; ``text`` is the cue as written."""
    predicate = next((c.lemma_ for c in token.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
    clause = any(c.dep_ == "ccomp" for c in token.children)
    weighing = not clause and (
        token.tag_ == "VBG" or any(c.dep_ == "dobj" or (c.dep_ == "xcomp" and c.tag_ == "VBG") for c in token.children)
    )
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return CueShape(
        object_lemma=obj.lemma_.lower() if obj is not None else None,
        lemma=token.lemma_.lower(),
        text=text,
        predicate=predicate,
        weighing=weighing,
        clause=clause,
        quoted=quoted,
    )
