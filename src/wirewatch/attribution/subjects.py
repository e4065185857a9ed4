"""Who a cue's source is, by rule: the subject of a verb of saying, found through the ways
the parse hangs it (inherited from a governing verb, inverted after the cue, stranded under a
fronted phrase, the agent of a passive), and the source phrase and addressee as written.

The rules give one answer per cue; ``sources.choose_source`` then weighs it against the
sentence's other nouns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.attribution.cues import SPEECH_VERBS
from wirewatch.attribution.syntax import noun_phrase, token_span
from wirewatch.models import Span
from wirewatch.parse import ParsedParagraph
from wirewatch.quotemarks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# links a subject-less verb climbs to find its subject: "X said ... and added", "..., saying",
# "X is able to claim" (through the adjective "able")
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "acomp"})
# links under which the parse hangs a surname that is also a word ("Jolly", "Early", "Schilling")
MISTAKEN_NAME_DEPS = frozenset({"advmod", "csubj", "npadvmod"})
RAISING_VERBS = frozenset({"seem", "appear", "prove", "remain", "tend"})
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# links inside a noun phrase's description, climbed to reach the noun it describes
DESCRIPTION_DEPS = frozenset({"pobj", "prep", "appos", "amod", "compound", "nummod"})
# occasions at which something is said: "a news conference announcing ..." (the speaker is not it)
EVENT_NOUNS = frozenset(
    "conference meeting hearing speech interview event rally session call debate briefing appearance visit point time"
    " moment".split()
)
# "X, Y and Z all calling for ...": the quantifier floats off the nouns it counts
FLOATING_QUANTIFIERS = frozenset({"all", "both", "each"})
# verbs whose object is a means or a chance, not who acts: "used the comments to urge", "took the
# opportunity to say", "went out of his way to say" (the subject acts, unlike "forced X to admit")
MEANS_VERBS = frozenset({"use", "take", "go", "have", "spend", "seize"})
# words that stand for people as a source: "many argue", "some say", "others contend"
QUANTIFIER_SOURCES = frozenset({"many", "some", "most", "others", "few", "several", "another"})


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; for participles, conjuncts and xcomps, the governing verb's subject."""
    if (described := _described_noun(verb)) is not None:
        return described
    if (inverted := inserted_inverted_subject(verb)) is not None:
        return inverted
    if _unsaid_asker(verb):
        return None
    seen = 0
    tok: Token | None = verb
    via = ""  # the link climbed to reach ``tok``
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ == "nsubjpass":
                # "X was accused of ...", "X is expected to ...": the subject is what is talked
                # about; the source, if any, is the agent ("by Y")
                agent = agent_of(tok)
                if agent is None and via in {"advcl", "conj"}:
                    # "X was seen on TV, saying ...", "X was arrested and said ...": the
                    # participle or conjunct is X's own act
                    return child
                return agent
            if child.dep_ in SUBJECT_DEPS:
                if tok.lemma_ in RAISING_VERBS and via in {"", "xcomp"}:
                    # "X seems to ...": nobody is the source; but in "X appeared on TV and
                    # began by saying" the verb only shares X through the conjunction
                    return None
                if child.lower_ in RELATIVE_PRONOUNS:
                    # "the drawdown, which they say left a vacuum": the parse gives "say" both the
                    # relative pronoun (the subject of "left") and the one who says it
                    other = next((c for c in tok.children if c.dep_ == "nsubj" and c.i > child.i), None)
                    if other is not None and other.lower_ not in RELATIVE_PRONOUNS:
                        return other
                if tok is verb and (inserted := _inserted_source(verb, child)) is not None:
                    return inserted
                return child
        if tok.dep_ == "xcomp":
            # object control: "prompted NATO to order", "forced Stumpf to admit": the one who
            # orders or admits is the governing verb's object, not its subject
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            # ... but "uses footage of X asking": a participle after a means describes the object
            means = tok.head.lemma_ in MEANS_VERBS and (tok.tag_ != "VBG" or tok.head.lemma_ == "spend")
            if obj is not None and obj.pos_ in {"NOUN", "PROPN", "PRON"} and not means:
                return obj
        # "X paused, then revealed ...": a second finite verb the parse left unattached ("dep")
        # shares the first one's subject
        loose = tok.dep_ == "dep" and tok.head.i < tok.i and tok.head.pos_ == "VERB" and tok.tag_ in {"VBD", "VBZ"}
        if (tok.dep_ in CLIMB_DEPS or loose) and tok.head is not tok:
            via = tok.dep_
            tok = tok.head
            seen += 1
            continue
        if tok.dep_ in {"pcomp", "pobj"} and tok.head.dep_ == "prep":
            via = "prep"
            tok = tok.head.head  # "started off by emphasizing": the subject of "started"
            seen += 1
            continue
        if tok.dep_ == "relcl":
            return tok.head
        break
    if seen == 0 and (obj := _inverted_object(verb)) is not None:
        return obj
    if verb.tag_ == "VBG" or verb.dep_ in {"acl", "pcomp", "advcl"}:
        return _sentence_subject(verb)
    # a finite clause, its tense on the verb or on an auxiliary: "X, Y and Z, have said they ..."
    finite = tok is not None and (
        tok.tag_ in {"VBD", "VBP", "VBZ"}
        or any(c.dep_ == "aux" and c.tag_ in {"VBD", "VBP", "VBZ", "MD"} for c in tok.children)
    )
    if tok is not None and tok.dep_ == "ROOT" and finite:
        return _stranded_subject(tok)  # "... call them X and describe ...": climbed to "call"
    if verb.dep_ == "parataxis" and verb.i > 0:
        # "That attitude, many argue, could ...": the inserted clause's subject parsed as a modifier
        prev = verb.doc[verb.i - 1]
        if prev.head.i == verb.i and (prev.pos_ in {"NOUN", "PROPN", "PRON"} or prev.lower_ in QUANTIFIER_SOURCES):
            return prev
    return None


def inserted_inverted_subject(verb: Token) -> Token | None:
    """'“The risk,” said Ed Lamb, an economist, “is that ...”': an inserted, inverted cue whose
    name the parse gives to the clause around it as its subject; closed by a comma or a quotation
    mark, the name right after the verb is the source."""
    if verb.dep_ != "parataxis" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    doc = verb.doc
    for cand in verb.head.children:
        if cand.dep_ not in SUBJECT_DEPS or cand.left_edge.i != verb.i + 1 or cand.pos_ not in {"PROPN", "NOUN"}:
            continue
        after = cand.right_edge.i + 1
        if doc[cand.right_edge.i].text == "," or (after < len(doc) and (doc[after].text == "," or doc[after].is_quote)):
            return cand
    return None


def _described_noun(verb: Token) -> Token | None:
    """ "a group backing X", "ledgers showing that ...", "those describing themselves as": a
    participle right after the noun it describes has that noun as its source. Not after a comma
    ("X spoke on Monday, saying"), and not for the event it happened at ("a news conference
    announcing"), where the speaker is the clause's subject."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "acl" or head.i > verb.i or head.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    if head.lemma_.lower() in EVENT_NOUNS or head.lower_ in FLOATING_QUANTIFIERS or head.dep_ in {"dobj", "dative"}:
        return None
    if head.dep_ == "ROOT":
        return None  # a fragment, often a verb the tagger took for a noun: "Keeps saying she ..."
    if head.dep_ == "pobj" and head.head.lower_ != "of" and head.head.head.pos_ in {"NOUN", "PROPN"}:
        return None  # "an editor's note on the story saying": the participle may describe "note"
    if any(t.is_punct for t in verb.doc[head.i + 1 : verb.i]):
        return None
    return head


def _unsaid_asker(verb: Token) -> bool:
    """ "X said when asked what ...", "Asked what it means, X replied", "after being asked to":
    a passive "asked" with no subject of its own; the asker is not named, and X only answers."""
    if verb.lower_ != "asked" or any(c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in verb.children):
        return False
    if verb.i > 0 and verb.doc[verb.i - 1].is_quote:
        return False  # '“...?” asked Mr. Holm': inverted after the quotation, the asker follows
    if verb.i == verb.sent.start or any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"when", "after", "if", "once"} for c in verb.children)


def _inserted_source(verb: Token, subject: Token) -> Token | None:
    """ "The contrast, said Doyle and others, would be clear": an inverted cue inserted after the
    content's subject; the parse makes that subject the cue's and "Doyle" the content's."""
    doc = verb.doc
    if subject.i > verb.i or doc[verb.i - 1].text != "," or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # "Democrats, fearing the consequences, failed": a participle is no inserted cue
    if any(t.text == "," for t in doc[subject.left_edge.i : verb.i - 1]):
        return None  # "X, a spokesman, said the union ...", "X of Ohio, who ..., said": the plain order
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i > verb.i:
            inner = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if inner is None or inner.left_edge.i != verb.i + 1 or inner.pos_ not in {"PROPN", "NOUN"}:
                continue
            # the inserted name is closed by a comma before the content goes on: ", would be clear"
            end = inner.right_edge.i
            if doc[end].text == "," or (end + 1 < clause.i and doc[end + 1].text == ","):
                return inner
    return None


def _inverted_object(verb: Token) -> Token | None:
    """'“...,” added another union member': after a quotation the parse may take the inverted
    subject of a verb of saying for its object; right after the closing mark, it is the source."""
    if verb.i == 0 or verb.lemma_ not in SPEECH_VERBS or not verb.doc[verb.i - 1].is_quote:
        return None
    for c in verb.rights:
        if c.dep_ == "dobj" and (c.pos_ in {"PROPN", "NOUN"} or c.lower_ in QUANTIFIER_SOURCES):
            return c
        # '“...,” said the woman, who ..., did not want': or for the subject of a clause it opens
        if c.dep_ == "ccomp":
            inner = next((g for g in c.children if g.dep_ == "nsubj" and g.pos_ in {"PROPN", "NOUN"}), None)
            if inner is not None and inner.left_edge.i == verb.i + 1:
                return inner
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """A finite main verb whose subject the parse hung elsewhere: "As part of the war, Obama and
    Clinton call them ..." puts "Obama" under "war". The noun right before the verb is taken,
    climbing a coordination to its first member."""
    i = verb.i - 1
    # a surname that is also a word, taken for the verb's modifier: "Jolly said", ", Early described
    # it"; capitalised at the clause's start and with no subject, it is the source
    name = verb.doc[i] if i >= verb.sent.start else None
    if (
        name is not None
        and (i == verb.sent.start or verb.doc[i - 1].text == ",")
        and name.head.i == verb.i
        and name.dep_ in MISTAKEN_NAME_DEPS
        and name.is_title
    ):
        return name
    # "X then said", "X also argued", "X, a spokesman, said"
    while i >= verb.sent.start and (
        verb.doc[i].pos_ == "ADV"
        or verb.doc[i].text in {",", "—", "–"}
        or (verb.doc[i].head.i == verb.i and verb.doc[i].dep_ in {"aux", "neg"})  # "X has not said"
    ):
        i -= 1
    if i < verb.sent.start:
        return None
    tok = verb.doc[i]
    # a name right before the verb, hung as the object of a fronted place: "At an event in Ohio,
    # 62-year-old Jane Roe also railed" puts "Roe" under "in"; with no comma between, it is the source
    adjacent = all(t.pos_ == "ADV" for t in verb.doc[i + 1 : verb.i])
    # out of the description hung on the name: "Col. X, a military spokesman in Baghdad, said"
    while tok.dep_ in DESCRIPTION_DEPS and tok.head.i < tok.i:
        if adjacent and tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.head.lower_ != "of":
            break
        if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.dep_ not in SUBJECT_DEPS:
            # a name the parse put in apposition to an earlier phrase: "On Dec. 2, Col. X, a
            # spokesman in Baghdad, said" hangs "X" on "Dec."; the name is the source
            break
        tok = tok.head
    if tok.pos_ not in {"PROPN", "NOUN"} or tok.dep_ in {"compound", "nsubj", "nsubjpass", "poss"}:
        return None
    # "Obama and Clinton": the coordinator hangs on the first member, which stands for both
    while tok.dep_ == "conj" and any(c.dep_ == "cc" and tok.head.i < c.i < tok.i for c in tok.head.children):
        tok = tok.head
    return tok


def _sentence_subject(verb: Token) -> Token | None:
    """Fallback for a participle the parse left without a subject: the sentence's first subject
    or named person/organisation before it ("Trump avoids condemning ..." parsed as a noun)."""
    sent = verb.sent
    for tok in sent:
        if tok.i >= verb.i:
            break
        if tok.dep_ == "nsubj" and tok.pos_ in {"PROPN", "NOUN", "PRON"} and tok.lower_ not in {"it", "there"}:
            return tok
    for ent in sent.ents:
        # a nationality as an adjective ("Russian President X") names no one; "Democrats" does
        if ent.end <= verb.i and ent.label_ in {"PERSON", "ORG", "NORP"} and ent.root.pos_ != "ADJ":
            return ent.root
    return None


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def expletive(subject: Token, verb: Token) -> bool:
    """ "It is believed that", "it seems", "there are": a dummy subject, not a source.

    A referring "it" ("It says the campaign broke the law", of an ad or a report) stays.
    """
    if subject.lower_ == "there" or subject.dep_ == "expl":
        return True
    if subject.lower_ != "it":
        return False
    # the copula may sit above the cue, reached by the climb: "It's hard not to wonder whether",
    # "it is worth noting that" (an extraposed subject: the clause is what is hard or worth it)
    copulas = {"be", "seem", "appear", "remain", "become"}
    return subject.dep_ == "nsubjpass" or verb.lemma_ in copulas or subject.head.lemma_ in copulas


def source_phrase(para: ParsedParagraph, subject: Token) -> Span:
    """The source as written: a relative pronoun alone ("who"), any other word with its phrase.

    Shared by the extractor and scripts/train_attribution.py, which labels source options by it.
    """
    if subject.lower_ in RELATIVE_PRONOUNS:
        return token_span(para, subject, subject)
    left, right = noun_phrase(subject)
    return token_span(para, left, right)


def addressee_of(verb: Token) -> Token | None:
    if verb.lemma_ == "tell":
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"}:
                return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def quoted_token(para: ParsedParagraph, tok: Token, quotes: Sequence[QuoteSpan]) -> bool:
    at = para.start_of(tok)
    return any(q.start < at < q.end for q in quotes)


def unquoted_subject(para: ParsedParagraph, subject: Token, verb: Token, quotes: Sequence[QuoteSpan]) -> Token:
    """A source for a cue outside quotation marks whose subject the parse found inside them.

    '“... Full panic mode,” said X' gives "said" two subjects, and the one outside the quotation
    is the source; in '“...,” X said, not even needing to ...' the participle's fallback took the
    quotation's subject, and the last subject before the cue outside the quotation is the source.
    """
    for c in subject.head.children:
        if c.dep_ in SUBJECT_DEPS and not quoted_token(para, c, quotes):
            return c
    before = [
        t
        for t in verb.sent
        if t.i < verb.i
        and t.dep_ == "nsubj"
        and t.pos_ in {"PROPN", "NOUN", "PRON"}
        and not quoted_token(para, t, quotes)
    ]
    return before[-1] if before else subject
