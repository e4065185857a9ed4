"""Attributions on the dependency parse: cue, source, content.

Method (rule-based, after the cue -> content -> source order of BBC's Citron and the Gender Gap
Tracker's quote extractor, on spaCy's parse, with character offsets throughout):

1. Quotation spans are found on the raw text (``quotemarks``).
2. Every verb with a complement frame (``frames``), or an adjacent quotation, is a candidate; a
   learned classifier (``frames.FrameModel``, features from ``candidate_features``) says how
   likely it is a cue, and those above ``CUE_THRESHOLD`` open an attribution. The source is its
   subject (inherited from the governing verb for "..., saying", "and added", "was quick to
   deny"; the object for "forced X to admit", not for "used X to urge"); "who said" takes the
   noun the relative clause hangs on, and a participle the noun it describes ("a group backing
   X"). Inverted cues ('"...," added a spokesman'; "The plan, said X, would ...") take the name
   after the cue. "according to X" is a cue with X as source. These rules' pick is then weighed
   against the sentence's other nouns and "no source" by a learned chooser (``sources``).
3. Content is the complement's span, widened to every quotation it touches, so that a quote
   that spaCy splits into several sentences stays whole.
4. A quotation left over in the same paragraph after a direct attribution, or after any
   attribution whose cue stands between its content and the quotation ('Both "A," said X. "B."'),
   continues it (a split quote: one record, several pieces); so do paragraphs that are only
   quotation right after the speaker's. A bare quotation further on gets no speaker guessed.
5. Kind: share of the content's letters inside quotation marks (curly single quotes included,
   as headlines quote with them): >= 0.9 direct, 0 indirect, else mixed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirewatch.attribution.cues import SPEECH_VERBS, cue_strength
from wirewatch.attribution.frames import Frame, frame_model, verb_frame
from wirewatch.attribution.quotemarks import QuoteSpan, find_quote_spans, find_single_quote_spans
from wirewatch.attribution.sources import SourceQuestion, choose_source
from wirewatch.models import QuoteKind, Span
from wirewatch.parse import ParsedParagraph

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# links a subject-less verb climbs to find its subject: "X said ... and added", "..., saying",
# "X is able to claim" (through the adjective "able")
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "acomp"})
# links under which the parse hangs a surname that is also a word ("Jolly", "Early", "Schilling")
# what stands before an inserted cue as part of it: "he said", "she later added", "as X put it"
CUE_WORD_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "mark", "npadvmod", "expl"})
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
# a candidate whose learned cue probability reaches this is kept (tuned on PolNeAR dev)
CUE_THRESHOLD = 0.4
# ... and this, when its content holds a quotation: quoted words after a verb are seldom anything
# but reported speech, and a missed direct quote costs more than a wrong cue (tuned on dev)
QUOTED_CUE_THRESHOLD = 0.05
# ... but only when all of it is quoted: with part of it quoted, a weak verb below this had the wrong
# speaker 3 times in 4 on PolNeAR train, and no gold attribution at all nearly as often
PART_QUOTED_CUE_THRESHOLD = 0.25
# ... but one kept only by that lower bar gives way to a cue this sure inside its content
INNER_CUE_WINS = 0.7
# ... and so does any cue below this, quoted content or not ("X remembers that Y insisted ...")
# (tuned on dev, checked on train: both gain in F1 and speaker accuracy)
INNER_WINS_BELOW = 0.8
# characters allowed between a quotation and the clause that attributes it
GAP_RE = re.compile(r"^[\s,:;—–-]*$")
# an opening quotation mark at a span's end, after a space: ". ''I mean it" cut after the mark
OPENING_MARK_END_RE = re.compile(r"(?<=\s)(?:''|\"|\u201c)$")
# the rest of a paragraph after "X said" when it only introduces what follows: "... said:"
COLON_END_RE = re.compile(r"[^.!?\"“”\n]{0,80}:\s*$")
# transcript lines: "PENCE: Well, look, ..." (the speaker in capitals, then a colon)
TRANSCRIPT_RE = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s+")
# headline style: "Pence: Flowers Won't Be at Debate" (a short name in title case, then a colon)
HEADLINE_SOURCE_RE = re.compile(r"(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}):\s+")
# newsroom labels that open a headline or paragraph like a speaker's name but name no one:
# "The Latest: Sanders wins Minnesota", "BREAKING: ...", "UPDATE: ...", "Wow: X just said ..."
NEWSROOM_LABELS = frozenset(
    {
        "latest", "the latest", "breaking", "breaking news", "just in", "update", "updated", "exclusive",
        "watch", "video", "look", "photos", "live", "correction", "byline", "editor's note", "editor’s note",
        "revealed", "wow", "boom", "busted", "bombshell", "leaked", "just leaked", "alert", "analysis",
    }
)  # fmt: skip
# verbs of a quotation's tag ('“...,” she said'), and how many words a tag runs to
TAG_VERBS = frozenset(
    "say add ask write tweet post read reply respond answer retort remark explain continue insist "
    "declare note recall quip joke shout yell cry scream whisper concede admit boast argue warn".split()
)
TAG_CLAUSE_WORDS = 8
PROSE_KINDS = frozenset({"body", "lead", "headline"})
# frames whose content is a clause or a quotation; any other frame's content is a phrase
CLAUSAL_FRAMES = frozenset({"ccomp", "quote", "colon", "parataxis", "as-clause", "noun-that"})
# lower-case words a title may hold: "Meet the Press", "Keeping Up with the Kardashians"
TITLE_SMALL = frozenset("a an the of and or in on at to for with by from de la".split())
EMPTY_OBJECTS = frozenset(
    "nothing something anything everything it this that so yes no little much more less all one".split()
)
# a quotation signed after a dash: "“...” ― Karen Smith"
SIGNED_RE = re.compile(r"\s*(?P<dash>―|—|–|--)\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*[,.]?")


@dataclass(frozen=True)
class RawAttribution:
    """An attribution before speaker resolution. Offsets are article offsets."""

    pieces: tuple[tuple[int, int], ...]
    cue: Span | None
    speaker: Span | None
    addressee: Span | None
    paragraph: int
    cue_token: int | None  # token index inside the paragraph doc
    confidence: float
    kind: QuoteKind = "indirect"
    # the head word of the source phrase ("spokeswoman" in "a spokeswoman for the union"):
    # a name counts as the speaker only when it covers this word
    speaker_head: tuple[int, int] | None = None
    # what a relative pronoun stands for: in "an architect, who said", the mention is "who"
    # (as written next to the cue) and the antecedent is "an architect"
    antecedent: Span | None = None

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def _span(para: ParsedParagraph, start_tok: Token, end_tok: Token) -> Span:
    s = para.start_of(start_tok)
    e = para.end_of(end_tok)
    return Span(para.doc.text[start_tok.idx : end_tok.idx + len(end_tok.text)], s, e)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and trailing commas/dashes at the ends of a content span, and a quotation
    mark that opens the next sentence's quotation (the parse may hang it on this clause)."""
    while True:
        while start < end and (text[start].isspace() or text[start] in ",;—–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
            end -= 1
        mark = OPENING_MARK_END_RE.search(text, start, end)
        if mark is None or mark.start() <= start:
            return start, end
        end = mark.start()


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; for participles, conjuncts and xcomps, the governing verb's subject."""
    if (described := _described_noun(verb)) is not None:
        return described
    if (inverted := _inserted_inverted_subject(verb)) is not None:
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
                agent = _agent_of(tok)
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


def _inserted_inverted_subject(verb: Token) -> Token | None:
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


def _empty_object(text: str, pieces: Sequence[tuple[int, int]]) -> bool:
    words = [w.strip(".,;:!?\"'“”‘’").casefold() for s, e in pieces for w in text[s:e].split()]
    return not words or (len(words) == 1 and words[0] in EMPTY_OBJECTS)


def _agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _expletive(subject: Token, verb: Token) -> bool:
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


def _noun_phrase(tok: Token) -> tuple[Token, Token]:
    """A subject's words: its subtree without relative clauses, appositives or trailing commas."""
    left = tok.left_edge
    # a quotation's closing mark or a dash the parse hung on the name ("...,” Jones said)
    while left.i < tok.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    # a name taken from under a fronted place (``_stranded_subject``) after an inserted phrase
    # closed by a spaced dash: "In a letter - written in Oslo - Berg argued" (not "Oslo - Berg")
    for t in left.doc[left.i : tok.i] if tok.dep_ == "pobj" and tok.pos_ == "PROPN" else ():
        if t.text in {"-", "—", "–"} and t.whitespace_ and t.i > 0 and t.doc[t.i - 1].whitespace_:
            left = t.doc[t.i + 1]
    right = tok
    for child in tok.rights:
        if child.dep_ in {"relcl", "appos", "acl", "punct", "advmod", "prep"} and child.dep_ != "prep":
            break
        # "a spokeswoman for the union", "a tally by the Associated Press": the phrase names the source
        if child.dep_ == "prep" and child.lower_ not in {"of", "for", "at", "from", "by"}:
            break
        right = child.right_edge
    return left, right


def source_phrase(para: ParsedParagraph, subject: Token) -> Span:
    """The source as written: a relative pronoun alone ("who"), any other word with its phrase.

    Shared by the extractor and scripts/train_attribution.py, which labels source options by it.
    """
    if subject.lower_ in RELATIVE_PRONOUNS:
        return _span(para, subject, subject)
    left, right = _noun_phrase(subject)
    return _span(para, left, right)


def _addressee(verb: Token) -> Token | None:
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


def _overlapping_quotes(quotes: Sequence[QuoteSpan], start: int, end: int) -> list[QuoteSpan]:
    return [q for q in quotes if q.start < end and q.end > start]


def _adjacent_quote(text: str, quotes: Sequence[QuoteSpan], clause_start: int, clause_end: int) -> QuoteSpan | None:
    """A quotation right before the attributing clause, or right after it."""
    before = [q for q in quotes if q.end <= clause_start and GAP_RE.match(text[q.end : clause_start])]
    if before:
        return before[-1]
    after = [q for q in quotes if q.start >= clause_end and GAP_RE.match(text[clause_end : q.start])]
    if after:
        return after[0]
    return None


def quote_kind(text: str, pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> QuoteKind:
    """direct when >= 90% of the content's letters lie inside quotation marks, indirect at 0."""
    total = inside = 0
    for s, e in pieces:
        for i in range(s, e):
            if text[i].isalnum():
                total += 1
                if any(q.start < i < q.end for q in quotes):
                    inside += 1
    if total == 0 or inside == 0:
        return "indirect"
    return "direct" if inside / total >= 0.9 else "mixed"


def _according_to(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
    out: list[RawAttribution] = []
    doc = para.doc
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sent = tok.sent
        src_left, src_right = _noun_phrase(pobj)
        phrase_start, phrase_end = tok.idx, src_right.idx + len(src_right.text)
        # content: the sentence without the "according to X" phrase
        s0, s1 = sent.start_char, sent.end_char
        if phrase_start - s0 > s1 - phrase_end:
            cs, ce = s0, phrase_start
        else:
            cs, ce = phrase_end, s1
        cs, ce = _trim(doc.text, cs, ce)
        while ce > cs and doc.text[ce - 1] in ".":
            ce -= 1
        if ce - cs < 8:
            continue
        cs_a, ce_a = para.offset + cs, para.offset + ce
        for q in _overlapping_quotes(quotes, cs_a, ce_a):
            cs_a, ce_a = min(cs_a, q.start), max(ce_a, q.end)
        cue = Span(doc.text[tok.idx : to.idx + 2], para.offset + tok.idx, para.offset + to.idx + 2)
        out.append(
            RawAttribution(
                pieces=((cs_a, ce_a),),
                cue=cue,
                speaker=_span(para, src_left, src_right),
                addressee=None,
                paragraph=para.index,
                cue_token=tok.i,
                confidence=0.7,
                speaker_head=(para.start_of(pobj), para.end_of(pobj)),
            )
        )
    return out


@dataclass(frozen=True)
class Candidate:
    """A verb that could be a cue, with its frame and the content that frame gives."""

    verb: Token
    lemma: str
    frame: str
    pieces: tuple[tuple[int, int], ...]  # article offsets
    subject: Token | None
    quoted: float = 0.0  # share of the content's characters inside quotation marks
    titles: bool = False  # every quotation in the content is a capitalised name (``_titles_only``)
    at: int = 0  # article offset of the cue word


def _quoted_share(pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> float:
    """Share of the pieces' characters that lie inside quotation spans (which never overlap)."""
    total = sum(e - s for s, e in pieces)
    if total <= 0:
        return 0.0
    inside = sum(max(0, min(e, q.end) - max(s, q.start)) for s, e in pieces for q in quotes)
    return min(1.0, inside / total)


def _titles_only(text: str, pieces: Sequence[tuple[int, int]], quotes: Sequence[QuoteSpan]) -> bool:
    """Whether every quotation in the content is a short capitalised name ("Meet the Press").

    A quoted title is a name, not quoted speech: "appeared on “Fox and Friends”" is no quote.
    """
    inside = [q for q in quotes if any(q.start < e and q.end > s for s, e in pieces)]
    if not inside:
        return False
    for q in inside:
        words = [w.strip(".,;:!?'’") for w in text[slice(*q.inner(text))].split()]
        words = [w for w in words if w]
        if not words or len(words) > 6 or not all(w[0].isupper() or w.casefold() in TITLE_SMALL for w in words):
            return False
    return True


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"


def paragraph_features(cands: Sequence[Candidate], para_kind: str) -> list[list[str]]:
    """Features of every candidate of one paragraph, with what encloses it and what it encloses.

    PolNeAR marks only the outermost attribution, so a verb inside another candidate's content
    ("X said that Y claimed ...") is seldom a cue itself, and a weak verb whose object holds a
    reporting verb ("seized on Trump's claim that ...") is seldom one either: both are features.
    """
    out = []
    for cand in cands:
        outer = next((o for o in cands if o is not cand and any(a <= cand.at < b for a, b in o.pieces)), None)
        inner = next((o for o in cands if o is not cand and any(a <= o.at < b for a, b in cand.pieces)), None)
        out.append(candidate_features(cand, para_kind, outer, inner))
    return out


def candidate_features(
    cand: Candidate, para_kind: str, outer: Candidate | None = None, inner: Candidate | None = None
) -> list[str]:
    """Sparse binary features of a candidate for the learned cue classifier.

    Shared by scripts/train_attribution.py and the extractor, so both see one definition. The
    (lemma, frame) pair carries most of the signal; the rest says what a pair table cannot:
    whether the content is quoted, what kind of subject there is, how the verb sits in the clause.
    """
    verb, lemma, frame = cand.verb, cand.lemma, cand.frame
    q = "none" if cand.quoted <= 0 else "title" if cand.titles else "all" if cand.quoted >= 0.9 else "part"
    subj = cand.subject
    if subj is None:
        s = "none"
    elif subj.lower_ in RELATIVE_PRONOUNS:
        s = "rel"
    elif subj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        s = "ent"
    else:
        s = subj.pos_
    words = _bucket(sum(e - b for b, e in cand.pieces) // 6)  # about six characters a word
    speech = "speech" if lemma in SPEECH_VERBS else "other"
    feats = [
        "bias",
        f"lf={lemma}|{frame}",
        f"l={lemma}",
        f"f={frame}",
        f"fq={frame}|{q}",
        f"lq={lemma}|{q}",
        f"subj={s}",
        f"fs={frame}|{s}",
        f"ls={lemma}|{s}",
        f"tag={verb.tag_}",
        f"dep={verb.dep_}",
        f"ft={frame}|{verb.tag_}",
        f"ld={lemma}|{verb.dep_}",
        f"fd={frame}|{verb.dep_}",
        f"len={words}",
        f"flen={frame}|{words}",
        f"sp={speech}|{frame}",
        f"pk={para_kind}",
    ]
    if verb.dep_ in {"xcomp", "ccomp", "advcl", "conj", "relcl", "acl"}:
        feats.append(f"hd={verb.dep_}|{verb.head.lemma_.lower()}")  # "refused to say", "expected to"
    if any(c.dep_ == "neg" for c in verb.children):
        feats.append("neg")
    if subj is not None and subj.pos_ == "PRON":
        feats.append(f"sw={subj.lower_}")
    if outer is not None:
        o_speech = "speech" if outer.lemma in SPEECH_VERBS else "other"
        feats += ["in", f"in={o_speech}|{outer.frame}", f"inf={frame}|{o_speech}"]
    if inner is not None:
        i_speech = "speech" if inner.lemma in SPEECH_VERBS else "other"
        feats += ["has", f"has={i_speech}|{inner.frame}", f"hasf={frame}|{i_speech}|{inner.frame}"]
    return feats


def _frame_pieces(para: ParsedParagraph, verb: Token, frame: Frame) -> list[tuple[int, int]]:
    """Article-offset spans of the frame's content, cut at the verb and trimmed."""
    doc = para.doc
    if frame.key in {"parataxis", "as-clause"}:
        head = frame.parts[0]
        s0, s1 = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        # the cue's own words: a quotation's first words the parse hung on it stay content
        own = [c.left_edge.idx for c in verb.lefts if c.dep_ in CUE_WORD_DEPS]
        v0, v1 = min([verb.idx, *own]), verb.right_edge.idx + len(verb.right_edge.text)
        if (name := _inserted_inverted_subject(verb)) is not None:
            v1 = max(v1, name.right_edge.idx + len(name.right_edge.text))  # the source is no content
        raw = [(s0, v0), (v1, s1)]
    else:
        raw = []
        for part in frame.parts:
            cs, ce = part.left_edge.idx, part.right_edge.idx + len(part.right_edge.text)
            # a clause that runs on past the cue ("X, he said, adding") stops at the cue clause
            if cs < verb.idx < ce:
                cs = verb.idx + len(verb.text)
            raw.append((cs, ce))
        if raw:
            raw = [(min(s for s, _ in raw), max(e for _, e in raw))]
    out = []
    for cs, ce in raw:
        cs, ce = _trim(doc.text, cs, ce)
        if ce - cs >= 2:
            out.append((para.offset + cs, para.offset + ce))
    return out


def candidates(
    para: ParsedParagraph,
    text: str,
    quotes: Sequence[QuoteSpan],
    following: tuple[int, int] | None = None,
) -> list[Candidate]:
    """Every verb outside quotations with the content its frame (or an adjacent quote) gives.

    The same candidates feed the learned frame table (scripts/train_attribution.py) and the
    extractor, so training and use see one definition. ``following`` is the next paragraph's
    span: "The Times reports:" at the end of a paragraph introduces it.
    """
    p_end = para.offset + len(para.doc.text)
    out: list[Candidate] = _noun_candidates(para, text, quotes)
    for verb in para.doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"aux", "auxpass"}:
            continue
        v_start = para.start_of(verb)
        if any(q.start < v_start < q.end for q in quotes):
            continue  # a cue inside a quotation belongs to the quoted speaker's own speech
        if verb.tag_ == "VBN" and verb.dep_ in {"advcl", "acl", "amod"}:
            # "when asked if ...": a passive participle's asker is not the clause's subject, but
            # the question is the asker's (or no one's): "Asked by X if he believed ..."
            question = _asked_question(verb)
            if question is not None:
                cs, ce = _trim(
                    para.doc.text, question.left_edge.idx, question.right_edge.idx + len(question.right_edge.text)
                )
                if ce - cs >= 2:
                    pieces_q = ((para.offset + cs, para.offset + ce),)
                    out.append(
                        Candidate(
                            verb,
                            "ask",
                            "ccomp",
                            pieces_q,
                            _agent_of(verb),
                            _quoted_share(pieces_q, quotes),
                            _titles_only(text, pieces_q, quotes),
                            v_start,
                        )
                    )
            continue
        frame = verb_frame(verb)
        subject = _subject_of(verb)
        if subject is not None and _quoted_token(para, subject, quotes):
            subject = _unquoted_subject(para, subject, verb, quotes)
        if subject is not None and _expletive(subject, verb):
            subject = None  # "it is believed that", "there are signs": no source
        pieces = _frame_pieces(para, verb, frame)
        key = frame.key
        speech = verb.lemma_.lower() in SPEECH_VERBS
        # '“...,” X said on Twitter', '“...,” X said of the plan': the phrase says where or of what;
        # the quotation beside it says what
        if not pieces or (speech and key.startswith("prep:")):
            if subject is not None:
                sl, sr = _noun_phrase(subject)
                clause_start = min(sl.idx, verb.idx)
                clause_end = max(sr.idx + len(sr.text), verb.idx + len(verb.text))
            else:
                clause_start, clause_end = verb.idx, verb.idx + len(verb.text)
            near = _adjacent_quote(text, quotes, para.offset + clause_start, para.offset + clause_end)
            # beside a prepositional phrase, a quoted title ('“Harbour Hour,” the host wrote of the
            # show') is a name, not the content: the phrase stays
            if near is not None and not (pieces and _titles_only(text, [(near.start, near.end)], [near])):
                pieces = [(near.start, near.end)]
                key = "quote"
            elif not pieces:
                if following is not None and COLON_END_RE.match(text, para.offset + clause_end, p_end):
                    pieces = [following]
                    key = "colon"
                elif speech and (inverted := _inverted_content(para, verb, subject)) is not None:
                    pieces = [inverted]
                    key = "inverted"
                else:
                    continue
        widened = []
        for a, b in pieces:
            for q in _overlapping_quotes(quotes, a, b):
                a, b = min(a, q.start), max(b, q.end)
            widened.append((a, b))
        out.append(
            Candidate(
                verb,
                verb.lemma_.lower(),
                key,
                tuple(widened),
                subject,
                _quoted_share(widened, quotes),
                _titles_only(text, widened, quotes),
                v_start,
            )
        )
    return out


def _inverted_content(para: ParsedParagraph, verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """ "The plant is under pressure from imports, said its chief executive.": an inverted verb of
    saying after a comma, with no quotation marks, reports the clause before the comma."""
    doc = para.doc
    start = verb.sent.start
    if subject is None or subject.i < verb.i or verb.i - 2 <= start or doc[verb.i - 1].text != ",":
        return None
    cs, ce = _trim(doc.text, doc[start].idx, doc[verb.i - 1].idx)
    if ce - cs < 10:
        return None
    return para.offset + cs, para.offset + ce


def _asked_question(verb: Token) -> Token | None:
    """The question a passive "asked" participle carries: Asked (by X) if/whether/why ...."""
    if verb.lemma_.lower() != "ask":
        return None
    for child in verb.rights:
        if child.dep_ in {"advcl", "ccomp", "xcomp"} and (
            child.left_edge.lower_ in {"if", "whether", "why", "how", "what", "when", "where", "who", "about"}
        ):
            return child
    return None


def _quoted_token(para: ParsedParagraph, tok: Token, quotes: Sequence[QuoteSpan]) -> bool:
    at = para.start_of(tok)
    return any(q.start < at < q.end for q in quotes)


def _unquoted_subject(para: ParsedParagraph, subject: Token, verb: Token, quotes: Sequence[QuoteSpan]) -> Token:
    """A source for a cue outside quotation marks whose subject the parse found inside them.

    '“... Full panic mode,” said X' gives "said" two subjects, and the one outside the quotation
    is the source; in '“...,” X said, not even needing to ...' the participle's fallback took the
    quotation's subject, and the last subject before the cue outside the quotation is the source.
    """
    for c in subject.head.children:
        if c.dep_ in SUBJECT_DEPS and not _quoted_token(para, c, quotes):
            return c
    before = [
        t
        for t in verb.sent
        if t.i < verb.i
        and t.dep_ == "nsubj"
        and t.pos_ in {"PROPN", "NOUN", "PRON"}
        and not _quoted_token(para, t, quotes)
    ]
    return before[-1] if before else subject


def _noun_candidates(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[Candidate]:
    """Nouns that carry a "that" clause: "Trump's claim that ...", "the report's finding that ..."

    The source is the possessor ("Trump's") or an "of/by/from" phrase; the content is the clause.
    """
    out: list[Candidate] = []
    for noun in para.doc:
        if noun.pos_ != "NOUN":
            continue
        n_start = para.start_of(noun)
        if any(q.start < n_start < q.end for q in quotes):
            continue
        clause = next(
            (
                c
                for c in noun.children
                if c.dep_ in {"acl", "ccomp", "relcl"}
                and c.i > noun.i
                and c.left_edge.lower_ == "that"
                and not any(g.dep_ in SUBJECT_DEPS and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in {"by", "from"} and prep.i < clause.i:
                    source = next((g for g in prep.children if g.dep_ == "pobj"), None)
        cs, ce = _trim(para.doc.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
        if ce - cs < 3:
            continue
        a, b = para.offset + cs, para.offset + ce
        for q in _overlapping_quotes(quotes, a, b):
            a, b = min(a, q.start), max(b, q.end)
        if source is None:
            continue  # "the idea that ...": a claim with no one making it is too often no attribution
        out.append(
            Candidate(
                noun,
                noun.lemma_.lower(),
                "noun-that",
                ((a, b),),
                source,
                _quoted_share([(a, b)], quotes),
                _titles_only(text, [(a, b)], quotes),
                n_start,
            )
        )
    return out


def _score(cand: Candidate, feats: list[str]) -> float:
    """Probability that the candidate is an attribution cue: the learned classifier, or the hand
    lexicon for clausal frames when no model is installed."""
    model = frame_model()
    if model is None:
        return cue_strength(cand.lemma) if cand.frame in {"ccomp", "quote", "parataxis"} else 0.0
    return model.probability(feats)


def _threshold(cand: Candidate) -> float:
    """The cue probability a candidate needs: lower when its content is quoted, less so when only
    part of it is (PolNeAR train: a weak verb kept for a partly quoted content has the wrong speaker
    far more often than one whose whole content is a quotation)."""
    if cand.quoted <= 0 or cand.titles:
        return CUE_THRESHOLD
    return QUOTED_CUE_THRESHOLD if cand.quoted >= 0.9 else PART_QUOTED_CUE_THRESHOLD


def _following_span(parsed: Sequence[ParsedParagraph], para: ParsedParagraph) -> tuple[int, int] | None:
    """The next prose paragraph's span, if it directly follows ``para``."""
    for other in parsed:
        if other.index == para.index + 1 and other.kind in PROSE_KINDS:
            return other.offset, other.offset + len(other.doc.text)
    return None


def _verb_attributions(
    para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan], following: tuple[int, int] | None
) -> list[RawAttribution]:
    out: list[RawAttribution] = []
    cands = candidates(para, text, quotes, following)
    probs = [_score(cand, feats) for cand, feats in zip(cands, paragraph_features(cands, para.kind), strict=True)]
    blocked = [(q.start, q.end) for q in quotes]  # no source lies inside a quotation
    for cand, p in zip(cands, probs, strict=True):
        # quoted content lowers the bar, unless the quotes are only names ("appeared on “Today”")
        if p < _threshold(cand):
            continue
        if p < INNER_WINS_BELOW and any(
            q >= INNER_CUE_WINS and any(a <= o.at < b for a, b in cand.pieces)
            for o, q in zip(cands, probs, strict=True)
            if o is not cand
        ):
            # kept only for its quotation ("The ad uses footage of X asking, “...”"), or a weak
            # cue in any case ("X remembers that Y insisted ..."), this verb yields to a sure cue
            # inside its content: on PolNeAR train the inner one is the marked attribution 54
            # times in 58 for the quoted case
            continue
        if cand.frame not in CLAUSAL_FRAMES and any(
            q >= CUE_THRESHOLD
            and o.subject is not None
            and o.subject.lower_ in {"who", "whom"}
            and any(a <= o.at < b for a, b in cand.pieces)
            for o, q in zip(cands, probs, strict=True)
            if o is not cand
        ):
            # "X praised Graham, who has vowed not to buy ...": the object is a person, and what
            # the relative clause says that person vowed is the report, not the praise
            continue
        if cand.frame not in CLAUSAL_FRAMES and _empty_object(text, cand.pieces):
            continue  # "said nothing", "said so": an object that stands for no content
        verb = cand.verb
        # the rules' subject, weighed by the learned chooser against the sentence's other words
        subject = choose_source(
            SourceQuestion(verb, cand.frame, cand.lemma, cand.subject, (*cand.pieces, *blocked), para.offset)
        )
        speaker = source_phrase(para, subject) if subject is not None else None
        antecedent = None
        head_tok = subject
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
            clause = subject.head
            if clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN", "PRON"}:
                head_tok = clause.head
                al, ar = _noun_phrase(head_tok)
                antecedent = _span(para, al, ar)
        addressee_tok = _addressee(verb)
        addressee = None
        if addressee_tok is not None and cand.frame != "dative":
            al, ar = _noun_phrase(addressee_tok)
            addressee = _span(para, al, ar)
        confidence = min(0.97, 0.35 + 0.5 * p + (0.1 if speaker else 0.0))
        out.append(
            RawAttribution(
                pieces=cand.pieces,
                cue=_span(para, verb, verb),
                speaker=speaker,
                addressee=addressee,
                paragraph=para.index,
                cue_token=verb.i,
                confidence=confidence,
                speaker_head=(para.start_of(head_tok), para.end_of(head_tok)) if head_tok is not None else None,
                antecedent=antecedent,
            )
        )
    return out


def _layout_attributions(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
    """Attributions that the page layout states, not the grammar: transcripts and signed quotes."""
    out: list[RawAttribution] = []
    p_start, p_end = para.offset, para.offset + len(para.doc.text)
    m = TRANSCRIPT_RE.match(text, p_start, p_end)
    if m is None and para.kind == "headline":
        m = HEADLINE_SOURCE_RE.match(text, p_start, p_end)
    if m and m.group("name").casefold() in NEWSROOM_LABELS:
        m = None  # "The Latest: Clinton tells voters ...": the label names no one; the verb can speak
    if m and sum(c.isalpha() for c in m.group("name")) >= 3:
        cs, ce = _trim(text, m.end(), p_end)
        if ce - cs > 10:
            colon = m.end("name")
            out.append(
                RawAttribution(
                    pieces=((cs, ce),),
                    cue=Span(":", colon, colon + 1),
                    speaker=Span(m.group("name"), m.start("name"), m.end("name")),
                    addressee=None,
                    paragraph=para.index,
                    cue_token=None,
                    confidence=0.8,
                    speaker_head=(m.start("name"), m.end("name")),
                )
            )
    for q in quotes:
        sm = SIGNED_RE.match(text, q.end, p_end)
        if sm is None or not GAP_RE.match(text[sm.end() : p_end] or " "):
            continue
        out.append(
            RawAttribution(
                pieces=((q.start, q.end),),
                cue=Span(sm.group("dash"), sm.start("dash"), sm.end("dash")),
                speaker=Span(sm.group("name"), sm.start("name"), sm.end("name")),
                addressee=None,
                paragraph=para.index,
                cue_token=None,
                confidence=0.75,
                speaker_head=(sm.start("name"), sm.end("name")),
            )
        )
    return out


def _tag_clause_attributions(
    para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan], attrs: Sequence[RawAttribution]
) -> list[RawAttribution]:
    """'“...,” the editorial read.', '“...?” the 43-year-old asked.', '“...,” tweeted another.': a
    quotation whose words end in a comma or a question or exclamation mark is followed by its tag,
    a short clause naming the speaker around a verb of saying. When the parse garbles that clause
    (a verb tagged as a noun, the speaker hung on an adjective) and no attribution holds the
    quotation, the tag's words give it: the source is the phrase before the verb, or else after."""
    out: list[RawAttribution] = []
    doc = para.doc
    used = {a.cue_token for a in attrs if a.cue_token is not None}
    for q in quotes:
        if q.open_ended or any(a.start <= q.start and q.end <= a.end for a in attrs):
            continue
        if _titles_only(text, [(q.start, q.end)], [q]):
            continue  # 'on “Morning Joe,” Y said': a name, not a quotation
        inner_end = q.end - q.mark
        while inner_end > q.start and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end <= q.start or text[inner_end - 1] not in ",?!":
            continue
        tag: list[Token] = []
        for tok in doc:
            if para.start_of(tok) < q.end:
                continue
            if tok.is_quote or tok.text in {".", ";", ":", "(", "["} or len(tag) >= TAG_CLAUSE_WORDS:
                break
            tag.append(tok)
        cue_at = next(
            (
                k
                for k, t in enumerate(tag)
                # a verb in lower case: not "by the Post", ", adding that", and "written by" only
                # with a speaker before it ('“...?” the 43-year-old asked', parsed as a participle)
                if t.lemma_.lower() in TAG_VERBS
                and t.text[0].islower()
                and t.tag_ != "VBG"
                and (t.tag_ != "VBN" or (k > 0 and any(w.is_alpha for w in tag[:k])))
            ),
            None,
        )
        if cue_at is None or tag[cue_at].i in used:
            continue  # the tag's verb already holds the quotation after it: '“When I,” he said, “...”'
        words = tag[:cue_at] or list(itertools.takewhile(lambda t: not t.is_punct, tag[cue_at + 1 :]))
        words = [t for t in words if t.pos_ not in {"ADV", "PUNCT"} or t.text == "-"]
        if not any(t.is_alpha for t in words) or any(t.pos_ in {"VERB", "AUX"} for t in words):
            continue  # no phrase, or a clause ("is based on a book co-written by"): no speaker
        cue = tag[cue_at]
        out.append(
            RawAttribution(
                pieces=((q.start, q.end),),
                cue=_span(para, cue, cue),
                speaker=_span(para, words[0], words[-1]),
                addressee=None,
                paragraph=para.index,
                cue_token=cue.i,
                confidence=0.7,
                speaker_head=(para.start_of(words[-1]), para.end_of(words[-1])),
            )
        )
    return out


def _yield_according(attrs: list[RawAttribution], quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
    """Drop an "according to X" quoted inside a verb attribution's content.

    Its content is the rest of the sentence, so it swallows the clause that reports it: in
    'Y told TV that "the driver fired, according to the police"', the police are quoted by Y,
    and Y's report is the outermost one. Outside quotation marks the writer's "according to"
    stays outermost: in "Y said ..., according to the Times", the Times reports what Y said.
    """

    def inside(at: int, a: RawAttribution) -> bool:
        return any(s <= at < e for s, e in a.pieces)

    out = []
    for a in attrs:
        if (
            a.cue is not None
            and a.cue.text.casefold().startswith("according")
            and any(q.start < a.cue.start < q.end for q in quotes)
            and any(
                b.cue is not None
                and b.cue_token is not None
                and not b.cue.text.casefold().startswith("according")
                and inside(a.cue.start, b)
                and inside(b.cue.start, a)
                for b in attrs
            )
        ):
            continue
        out.append(a)
    return out


def _drop_nested(attrs: list[RawAttribution]) -> list[RawAttribution]:
    """Keep only outermost attributions: one whose content lies inside another's goes."""
    keep: list[RawAttribution] = []
    for a in sorted(attrs, key=lambda x: (x.start, -(x.end - x.start))):
        inner = False
        for b in keep:
            if b.start <= a.start and a.end <= b.end and (b.start, b.end) != (a.start, a.end):
                inner = True
                break
            if (b.start, b.end) == (a.start, a.end):
                inner = True  # two cues for the same content: keep the first (stronger) one
                break
        if not inner:
            keep.append(a)
    return keep


def find_attributions(text: str, parsed: Sequence[ParsedParagraph]) -> list[RawAttribution]:
    """Every attribution in the article, outermost only, in text order."""
    result: list[RawAttribution] = []
    # headlines are attributions too ("Kremlin warns ...", "Pence: Flowers won't attend")
    prose = [p for p in parsed if p.kind in PROSE_KINDS]
    quotes_of = {p.index: find_quote_spans(text, p.offset, p.offset + len(p.doc.text)) for p in prose}
    all_quotes = [q for p in prose for q in quotes_of[p.index]]
    # curly single quotes count as quotation for the kind (headline style), never as a quote span
    kind_marks = all_quotes + [
        q for p in prose for q in find_single_quote_spans(text, p.offset, p.offset + len(p.doc.text))
    ]
    prev_direct: int | None = None  # index in result of the last direct attribution with a source
    claimed: list[tuple[int, int]] = []  # content taken by a "said:" in the paragraph before
    prev_para: int | None = None  # index of the prose paragraph before this one
    reach: dict[int, int] = {}  # index in result -> the last paragraph its pieces reach into
    for para in prose:
        p_start, p_end = para.offset, para.offset + len(para.doc.text)
        quotes = quotes_of[para.index]
        following = _following_span(parsed, para)
        attrs = (
            _layout_attributions(para, text, quotes)
            + _verb_attributions(para, text, quotes, following)
            + _according_to(para, text, quotes)
        )
        attrs = [a for a in attrs if not any(cs <= a.start and a.end <= ce for cs, ce in claimed)]
        attrs = _drop_nested(_yield_according(attrs, quotes))
        attrs = sorted(attrs + _tag_clause_attributions(para, text, quotes, attrs), key=lambda a: a.start)
        attrs = [replace(a, kind=quote_kind(text, a.pieces, kind_marks)) for a in attrs]
        # quotations no attribution covers: continuations of the nearest direct one before them
        for q in quotes:
            inner_s, inner_e = q.inner(text)
            if any(a.start <= inner_s and inner_e <= a.end for a in attrs):
                continue
            if any(cs <= inner_s and inner_e <= ce for cs, ce in claimed):
                continue
            words = len(text[inner_s:inner_e].split())
            before = [a for a in attrs if a.end <= q.start and (a.kind == "direct" or _cue_follows(a, q))]
            if before:
                host = before[-1]
                grown = replace(host, pieces=host.pieces + ((q.start, q.end),))
                attrs = [grown if a is host else a for a in attrs]
                continue
            after = [a for a in attrs if a.start >= q.end and a.kind == "direct"]
            if after and words >= 3:
                host = after[0]
                grown = replace(host, pieces=((q.start, q.end),) + host.pieces)
                attrs = [grown if a is host else a for a in attrs]
                continue
            earlier = [a for a in attrs if a.end <= q.start and a.speaker is not None]
            if earlier and words >= 3:
                # 'X said the plan was sound. "More words."' after an indirect or mixed report: the
                # same source goes on, one attribution in pieces
                host = earlier[-1]
                grown = replace(host, pieces=host.pieces + ((q.start, q.end),))
                attrs = [grown if a is host else a for a in attrs]
                continue
            if words >= 5 and prev_direct is not None and not attrs and q.start - p_start <= 1:
                last = result[prev_direct]
                if _ends_open(last, all_quotes):
                    # news style: a quotation running over paragraphs reopens each one and
                    # closes only at its end, so this paragraph is more of the same quote
                    result[prev_direct] = replace(last, pieces=last.pieces + ((q.start, q.end),))
                    reach[prev_direct] = para.index
                    continue
                if reach.get(prev_direct, last.paragraph) == prev_para:
                    # right after the speaker's quote, a paragraph of quotation with no cue of its
                    # own is more of what they said: one attribution in pieces, as annotators mark it
                    pieces = last.pieces + ((q.start, q.end),)
                    result[prev_direct] = replace(last, pieces=pieces, kind=quote_kind(text, pieces, kind_marks))
                    reach[prev_direct] = para.index  # a third paragraph of quotation goes on with it too
                    continue
                # further on, with paragraphs of other matter between, whose quotation it is stays
                # open: on PolNeAR train the last speaker was the right guess for 1 in 5 of these
        # pieces added above change the share inside quotation marks
        para_attrs = sorted(
            (replace(a, kind=quote_kind(text, a.pieces, kind_marks)) for a in attrs), key=lambda a: a.start
        )
        claimed = [(s, e) for a in para_attrs for s, e in a.pieces if s >= p_end]
        # the last attribution with a source is who a following bare quotation continues, a named one
        # first: in '"...," said X, who thinks often about Y. ¶ "More."', X goes on, not "who"
        sourced: list[tuple[bool, int]] = []  # (named, index in result)
        for a in para_attrs:
            result.append(a)
            if a.speaker is not None and para.kind != "headline":
                sourced.append((a.speaker.text.lower() not in RELATIVE_PRONOUNS, len(result) - 1))
        if sourced:
            prev_direct = max(sourced)[1]
        if para_attrs and not any(a.speaker is not None for a in para_attrs):
            prev_direct = None
        prev_para = para.index
    return result


def _cue_follows(attr: RawAttribution, q: QuoteSpan) -> bool:
    """'Both parties "saw ...," said X. "More."': a cue between the content and the quotation.

    The quotation goes on with what the cue introduced, whatever the first piece's kind.
    """
    cue = attr.cue
    return cue is not None and attr.end <= cue.start and cue.end <= q.start


def _ends_open(attr: RawAttribution, quotes: Sequence[QuoteSpan]) -> bool:
    """Whether the attribution's last piece is a quotation left open at its paragraph's end."""
    last_start, last_end = attr.pieces[-1]
    return any(q.open_ended and q.start >= last_start and q.end <= last_end for q in quotes)
