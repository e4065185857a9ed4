"""Attributions that fixed forms state, not a verb's frame: "according to X", transcript and
headline speaker labels ("PENCE: ...", "Pence: ..."), signed quotations ("...” ― X") and the
tags of quotations the parse garbles ('“...,” the editorial read.').

They are found beside the verb cues and merged with them in ``assemble``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirewatch.attribution.content import GAP_RE, overlapping_quotes, titles_only
from wirewatch.attribution.raw import RawAttribution
from wirewatch.attribution.syntax import noun_phrase, token_span, trim
from wirewatch.models import Span
from wirewatch.parse import ParsedParagraph, doc_text
from wirewatch.quotemarks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

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
# a quotation signed after a dash: "“...” ― Karen Smith"
SIGNED_RE = re.compile(r"\s*(?P<dash>―|—|–|--)\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*[,.]?")


def according_to(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
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
        src_left, src_right = noun_phrase(pobj)
        phrase_start, phrase_end = tok.idx, src_right.idx + len(src_right.text)
        # content: the sentence without the "according to X" phrase
        s0, s1 = sent.start_char, sent.end_char
        if phrase_start - s0 > s1 - phrase_end:
            cs, ce = s0, phrase_start
        else:
            cs, ce = phrase_end, s1
        cs, ce = trim(doc_text(doc), cs, ce)
        while ce > cs and doc_text(doc)[ce - 1] in ".":
            ce -= 1
        if ce - cs < 8:
            continue
        cs_a, ce_a = para.offset + cs, para.offset + ce
        for q in overlapping_quotes(quotes, cs_a, ce_a):
            cs_a, ce_a = min(cs_a, q.start), max(ce_a, q.end)
        cue = Span(doc_text(doc)[tok.idx : to.idx + 2], para.offset + tok.idx, para.offset + to.idx + 2)
        out.append(
            RawAttribution(
                pieces=((cs_a, ce_a),),
                cue=cue,
                speaker=token_span(para, src_left, src_right),
                addressee=None,
                paragraph=para.index,
                cue_token=tok.i,
                confidence=0.7,
                speaker_head=(para.start_of(pobj), para.end_of(pobj)),
            )
        )
    return out


# verbs that introduce more of a speaker's words after a colon without being verbs of saying
# themselves: "She went on: '...'", "He continued: '...'"
GOING_ON = frozenset({"go", "continue"})


def went_on(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
    """'She went on: "..."': the quotation after the colon is the subject's."""
    out: list[RawAttribution] = []
    doc = para.doc
    for q in quotes:
        k = q.start - para.offset
        if not doc_text(doc)[:k].rstrip().endswith(":"):
            continue  # the common case, without looking for the token
        colon = next((t for t in reversed(doc[:]) if t.idx < k and not t.is_space), None)
        if colon is None or colon.text != ":" or doc_text(doc)[colon.idx + 1 : k].strip():
            continue
        verb = doc[colon.i - 1] if colon.i > 0 else None
        if verb is not None and verb.lower_ == "on" and verb.i > 0:
            verb = doc[verb.i - 1]
        if verb is None or verb.lemma_.casefold() not in GOING_ON or verb.pos_ != "VERB":
            continue
        if verb.lemma_.casefold() == "go" and doc[verb.i + 1].lower_ != "on":
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        left, right = noun_phrase(subject)
        out.append(
            RawAttribution(
                pieces=((q.start, q.end),),
                cue=Span(
                    text[para.start_of(verb) : para.start_of(colon)].rstrip(), para.start_of(verb), para.start_of(colon)
                ),  # fmt: skip
                speaker=token_span(para, left, right),
                addressee=None,
                paragraph=para.index,
                cue_token=verb.i,
                confidence=0.75,
                speaker_head=(para.start_of(subject), para.end_of(subject)),
                kind="direct",
            )
        )
    return out


def layout_attributions(para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan]) -> list[RawAttribution]:
    """Attributions that the page layout states, not the grammar: transcripts and signed quotes."""
    out: list[RawAttribution] = []
    p_start, p_end = para.offset, para.offset + len(doc_text(para.doc))
    m = TRANSCRIPT_RE.match(text, p_start, p_end)
    if m is None and para.kind == "headline":
        m = HEADLINE_SOURCE_RE.match(text, p_start, p_end)
    if m and m.group("name").casefold() in NEWSROOM_LABELS:
        m = None  # "The Latest: Clinton tells voters ...": the label names no one; the verb can speak
    if m and sum(c.isalpha() for c in m.group("name")) >= 3:
        cs, ce = trim(text, m.end(), p_end)
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


def tag_clause_attributions(
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
        if titles_only(text, [(q.start, q.end)], [q]):
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
                cue=token_span(para, cue, cue),
                speaker=token_span(para, words[0], words[-1]),
                addressee=None,
                paragraph=para.index,
                cue_token=cue.i,
                confidence=0.7,
                speaker_head=(para.start_of(words[-1]), para.end_of(words[-1])),
            )
        )
    return out
