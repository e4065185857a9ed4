"""Attributions on the dependency parse: cue, source, content.

Method (rule-based, after the cue -> content -> source order of BBC's Citron and the Gender Gap
Tracker's quote extractor, on spaCy's parse, with character offsets throughout):

1. Quotation spans are found on the raw text (``quotemarks``).
2. Every verb whose lemma is a cue (``cues``) and that has a clausal complement, or an adjacent
   quotation, or (for a few verbs) a direct object, opens an attribution. The source is its
   subject (inherited from the governing verb for "..., saying", "and added"); "who said" takes
   the noun the relative clause hangs on. "according to X" is a cue with X as source.
3. Content is the complement's span, widened to every quotation it touches, so that a quote
   that spaCy splits into several sentences stays whole.
4. A quotation left over in the same paragraph after a direct attribution continues it (a split
   quote: one record, several pieces); a paragraph that is only a quotation, right after an
   attribution, continues that speaker (``adjacent``).
5. Kind: share of the content's letters inside quotation marks: >= 0.9 direct, 0 indirect, else
   mixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirewatch.attribution.cues import CLAUSE_ONLY, OBJECT_CONTENT_VERBS, cue_strength
from wirewatch.attribution.quotemarks import QuoteSpan, find_quote_spans
from wirewatch.models import QuoteKind, Span
from wirewatch.parse import ParsedParagraph

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
MIN_CUE_STRENGTH = 0.35
# characters allowed between a quotation and the clause that attributes it
GAP_RE = re.compile(r"^[\s,:;—–-]*$")


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
    """Drop whitespace and trailing commas/dashes at the ends of a content span."""
    while start < end and (text[start].isspace() or text[start] in ",;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; for participles, conjuncts and xcomps, the governing verb's subject."""
    seen = 0
    tok: Token | None = verb
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    return tok.head
                return child
        if tok.dep_ in {"conj", "xcomp", "advcl", "acl"} and tok.head is not tok:
            tok = tok.head
            seen += 1
            continue
        if tok.dep_ == "relcl":
            return tok.head
        return None
    return None


def _noun_phrase(tok: Token) -> tuple[Token, Token]:
    """A subject's words: its subtree without relative clauses, appositives or trailing commas."""
    left = tok.left_edge
    right = tok
    for child in tok.rights:
        if child.dep_ in {"relcl", "appos", "acl", "punct", "advmod", "prep"} and child.dep_ != "prep":
            break
        if child.dep_ == "prep" and child.lower_ not in {"of", "for", "at", "from"}:
            break
        right = child.right_edge
    return left, right


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


def _content_token(verb: Token) -> tuple[Token | None, str]:
    """The token whose subtree is the content, and how it was found."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child, "ccomp"
    # "said the move was wrong": some parses attach the clause as xcomp/advcl/dobj-of-clause
    for child in verb.children:
        if (
            child.dep_ in {"xcomp"}
            and child.pos_ in {"VERB", "AUX"}
            and any(g.dep_ in SUBJECT_DEPS for g in child.children)
        ):
            return child, "ccomp"
    if verb.lemma_ in OBJECT_CONTENT_VERBS:
        for child in verb.children:
            if child.dep_ == "dobj" and len(list(child.subtree)) >= 3:
                return child, "dobj"
    return None, ""


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


def _verb_attributions(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
    out: list[RawAttribution] = []
    doc = para.doc
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ == "aux":
            continue
        strength = cue_strength(verb.lemma_.lower())
        if strength < MIN_CUE_STRENGTH:
            continue
        v_start = para.start_of(verb)
        if any(q.start < v_start < q.end for q in quotes):
            continue  # a cue inside a quotation belongs to the quoted speaker's own speech
        if verb.tag_ == "VBN" and verb.dep_ in {"advcl", "acl", "amod"}:
            continue  # "when asked if ...": a passive participle's asker is not the clause's subject
        content, how = _content_token(verb)
        subject = _subject_of(verb)
        if subject is not None and subject.lower_ in {"it", "there"} and verb.dep_ != "relcl":
            subject = None  # "it is believed that": no source
        if how == "dobj" and verb.lemma_ in CLAUSE_ONLY:
            content = None
        pieces: list[tuple[int, int]] = []
        if content is not None:
            cs, ce = content.left_edge.idx, content.right_edge.idx + len(content.right_edge.text)
            # a clause that runs on past the cue ("X, he said, adding") stops at the cue clause
            if cs < verb.idx < ce:
                cs = verb.idx + len(verb.text)
            cs, ce = _trim(doc.text, cs, ce)
            if ce - cs < 3:
                content = None
            else:
                a, b = para.offset + cs, para.offset + ce
                for q in _overlapping_quotes(quotes, a, b):
                    a, b = min(a, q.start), max(b, q.end)
                pieces.append((a, b))
        if subject is not None:
            sl, sr = _noun_phrase(subject)
            clause_start = min(sl.idx, verb.idx)
            clause_end = max(sr.idx + len(sr.text), verb.idx + len(verb.text))
        else:
            clause_start, clause_end = verb.idx, verb.idx + len(verb.text)
        if content is None:
            near = _adjacent_quote(text, quotes, para.offset + clause_start, para.offset + clause_end)
            if near is None:
                continue
            pieces.append((near.start, near.end))
            how = "adjacent"
        if not pieces:
            continue
        speaker = None
        if subject is not None:
            sl, sr = _noun_phrase(subject)
            speaker = _span(para, sl, sr)
        addressee_tok = _addressee(verb)
        addressee = None
        if addressee_tok is not None:
            al, ar = _noun_phrase(addressee_tok)
            addressee = _span(para, al, ar)
        confidence = min(0.95, 0.45 + 0.4 * strength + (0.1 if speaker else 0.0))
        out.append(
            RawAttribution(
                pieces=tuple(pieces),
                cue=_span(para, verb, verb),
                speaker=speaker,
                addressee=addressee,
                paragraph=para.index,
                cue_token=verb.i,
                confidence=confidence,
                speaker_head=(para.start_of(subject), para.end_of(subject)) if subject is not None else None,
            )
        )
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
    prev_direct: RawAttribution | None = None
    for para in parsed:
        if para.kind not in {"body", "lead"}:
            continue
        p_start, p_end = para.offset, para.offset + len(para.doc.text)
        quotes = find_quote_spans(text, p_start, p_end)
        attrs = _verb_attributions(para, text, quotes) + _according_to(para, text, quotes)
        attrs = _drop_nested(attrs)
        attrs = [replace(a, kind=quote_kind(text, a.pieces, quotes)) for a in attrs]
        # quotations no attribution covers: continuations of the nearest direct one before them
        merged: list[RawAttribution] = []
        for q in quotes:
            inner_s, inner_e = q.inner(text)
            if any(a.start <= inner_s and inner_e <= a.end for a in attrs + merged):
                continue
            words = len(text[inner_s:inner_e].split())
            before = [a for a in attrs if a.end <= q.start and a.kind == "direct"]
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
            if words >= 5 and prev_direct is not None and not attrs and q.start - p_start <= 1:
                # a paragraph opening with a quotation, no cue of its own: the last speaker goes on
                merged.append(
                    replace(
                        prev_direct,
                        pieces=((q.start, q.end),),
                        paragraph=para.index,
                        cue=None,
                        addressee=None,
                        cue_token=None,
                        confidence=0.6,
                        kind="direct",
                    )
                )
        para_attrs = sorted(attrs + merged, key=lambda a: a.start)
        result.extend(para_attrs)
        directs = [a for a in para_attrs if a.kind in {"direct", "mixed"} and a.speaker is not None]
        if directs:
            prev_direct = directs[-1]
        elif para_attrs:
            prev_direct = None
    return result
