"""Cue candidates: every verb (or "that"-clause noun) outside quotations, with its frame, the
content that frame gives and the subject the rules find.

Shared by the extractor and scripts/train_attribution.py, which labels these very candidates,
so training and use see one definition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.attribution.content import adjacent_quote, overlapping_quotes, quoted_share, titles_only
from wirewatch.attribution.cues import SPEECH_VERBS
from wirewatch.attribution.frames import ADDRESSEE_VERBS, Frame, verb_frame
from wirewatch.attribution.subjects import (
    SUBJECT_DEPS,
    agent_of,
    expletive,
    inserted_inverted_subject,
    quoted_token,
    subject_of,
    unquoted_subject,
)
from wirewatch.attribution.syntax import noun_phrase, trim
from wirewatch.parse import ParsedParagraph, doc_text
from wirewatch.quotemarks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

# what stands before an inserted cue as part of it: "he said", "she later added", "as X put it"
CUE_WORD_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "mark", "npadvmod", "expl"})
# the rest of a paragraph after "X said" when it only introduces what follows: "... said:"
COLON_END_RE = re.compile(r"[^.!?\"“”\n]{0,80}:\s*$")


@dataclass(frozen=True)
class Candidate:
    """A verb that could be a cue, with its frame and the content that frame gives."""

    verb: Token
    lemma: str
    frame: str
    pieces: tuple[tuple[int, int], ...]  # article offsets
    subject: Token | None
    quoted: float = 0.0  # share of the content's characters inside quotation marks
    titles: bool = False  # every quotation in the content is a capitalised name (``content.titles_only``)
    at: int = 0  # article offset of the cue word


def _frame_pieces(para: ParsedParagraph, verb: Token, frame: Frame) -> list[tuple[int, int]]:
    """Article-offset spans of the frame's content, cut at the verb and trimmed."""
    doc = para.doc
    if frame.key in {"parataxis", "as-clause"}:
        head = frame.parts[0]
        s0, s1 = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        # the cue's own words: a quotation's first words the parse hung on it stay content
        own = [c.left_edge.idx for c in verb.lefts if c.dep_ in CUE_WORD_DEPS]
        v0, v1 = min([verb.idx, *own]), verb.right_edge.idx + len(verb.right_edge.text)
        if (name := inserted_inverted_subject(verb)) is not None:
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
        cs, ce = trim(doc_text(doc), cs, ce)
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
    p_end = para.offset + len(doc_text(para.doc))
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
                cs, ce = trim(
                    doc_text(para.doc), question.left_edge.idx, question.right_edge.idx + len(question.right_edge.text)
                )
                if ce - cs >= 2:
                    pieces_q = ((para.offset + cs, para.offset + ce),)
                    out.append(
                        Candidate(
                            verb,
                            "ask",
                            "ccomp",
                            pieces_q,
                            agent_of(verb),
                            quoted_share(pieces_q, quotes),
                            titles_only(text, pieces_q, quotes),
                            v_start,
                        )
                    )
            continue
        frame = verb_frame(verb)
        subject = subject_of(verb)
        if subject is not None and quoted_token(para, subject, quotes):
            subject = unquoted_subject(para, subject, verb, quotes)
        if subject is not None and expletive(subject, verb):
            subject = None  # "it is believed that", "there are signs": no source
        pieces = _frame_pieces(para, verb, frame)
        key = frame.key
        speech = verb.lemma_.lower() in SPEECH_VERBS
        # '“...,” X said on Twitter', '“...,” X said of the plan': the phrase says where or of what;
        # the quotation beside it says what
        if not pieces or (speech and key.startswith("prep:")):
            if subject is not None:
                sl, sr = noun_phrase(subject)
                clause_start = min(sl.idx, verb.idx)
                clause_end = max(sr.idx + len(sr.text), verb.idx + len(verb.text))
            else:
                clause_start, clause_end = verb.idx, verb.idx + len(verb.text)
            if verb.lemma_.lower() in ADDRESSEE_VERBS:
                # 'X told the crowd: "..."': the listener is part of the attributing clause
                for child in verb.rights:
                    edge = child.right_edge.idx + len(child.right_edge.text)
                    if child.dep_ in {"dobj", "dative", "iobj"} and not quoted_token(para, child.right_edge, quotes):
                        clause_end = max(clause_end, edge)
            near = adjacent_quote(text, quotes, para.offset + clause_start, para.offset + clause_end)
            # beside a prepositional phrase, a quoted title ('“Harbour Hour,” the host wrote of the
            # show') is a name, not the content: the phrase stays
            if near is not None and not (pieces and titles_only(text, [(near.start, near.end)], [near])):
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
            for q in overlapping_quotes(quotes, a, b):
                a, b = min(a, q.start), max(b, q.end)
            widened.append((a, b))
        out.append(
            Candidate(
                verb,
                verb.lemma_.lower(),
                key,
                tuple(widened),
                subject,
                quoted_share(widened, quotes),
                titles_only(text, widened, quotes),
                v_start,
            )
        )
    return out


def _inverted_content(para: ParsedParagraph, verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """ "The plant is under pressure from imports, said its chief executive.": an inverted verb of
    saying after a comma, with no quotation marks, reports the clause before the comma; so does
    one with its subject before it, after the comma, that closes the sentence ("Prices will rise,
    analysts said.")."""
    doc = para.doc
    start = verb.sent.start
    if subject is None:
        return None
    comma = verb.i - 1
    if subject.i < verb.i:
        left, right = noun_phrase(subject)
        if right.i != verb.i - 1:
            return None  # "X, analysts later said": only a bare subject right before the verb
        if not _closes_sentence(verb):
            return None  # "These employees, he explained, were ...": the cue reports the whole sentence
        comma = left.i - 1
    if comma - 1 <= start or doc[comma].text != ",":
        return None
    cs, ce = trim(doc_text(doc), doc[start].idx, doc[comma].idx)
    if ce - cs < 10:
        return None
    return para.offset + cs, para.offset + ce


def _closes_sentence(verb: Token) -> bool:
    """Whether the cue closes its sentence: "..., analysts said." or "..., analysts said, adding ..."."""
    doc, end = verb.doc, verb.sent.end
    after = doc[verb.i + 1] if verb.i + 1 < end else None
    if after is None or (after.is_punct and after.text != ","):
        return True
    return after.text == "," and verb.i + 2 < end and doc[verb.i + 2].tag_ == "VBG"


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
        cs, ce = trim(doc_text(para.doc), clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
        if ce - cs < 3:
            continue
        a, b = para.offset + cs, para.offset + ce
        for q in overlapping_quotes(quotes, a, b):
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
                quoted_share([(a, b)], quotes),
                titles_only(text, [(a, b)], quotes),
                n_start,
            )
        )
    return out
