"""Attributions on the dependency parse: cue, source, content; the stages put together.

Method (rule-based, after the cue -> content -> source order of BBC's Citron and the Gender Gap
Tracker's quote extractor, on spaCy's parse, with character offsets throughout):

1. Quotation spans are found on the raw text (``quotemarks``).
2. Every verb with a complement frame (``frames``), or an adjacent quotation, is a candidate
   (``candidates``); a learned classifier (``frames.FrameModel``, features from
   ``features.candidate_features``) says how likely it is a cue, and those above
   ``thresholds.CUE_THRESHOLD`` open an attribution. The source is its subject (``subjects``:
   inherited from the governing verb for "..., saying", "and added", "was quick to deny"; the
   object for "forced X to admit", not for "used X to urge"); "who said" takes the noun the
   relative clause hangs on, and a participle the noun it describes ("a group backing X").
   Inverted cues ('"...," added a spokesman'; "The plan, said X, would ...") take the name after
   the cue. "according to X" is a cue with X as source (``patterns``, with the layout and tag
   forms). These rules' pick is then weighed against the sentence's other nouns and "no source"
   by a learned chooser (``sources``).
3. Content is the complement's span, widened to every quotation it touches, so that a quote
   that spaCy splits into several sentences stays whole.
4. A quotation left over in the same paragraph after a direct attribution, or after any
   attribution whose cue stands between its content and the quotation ('Both "A," said X. "B."'),
   continues it (a split quote: one record, several pieces); so do paragraphs that are only
   quotation right after the speaker's. A bare quotation further on gets no speaker guessed.
5. Kind: share of the content's letters inside quotation marks (curly single quotes included,
   as headlines quote with them): >= 0.9 direct, 0 indirect, else mixed (``content``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from wirewatch.attribution.candidates import candidates
from wirewatch.attribution.content import empty_object, quote_kind, whole_words
from wirewatch.attribution.features import paragraph_features
from wirewatch.attribution.frames import phrase_with_circumstance
from wirewatch.attribution.lists import ListIntro, list_intro, list_item
from wirewatch.attribution.patterns import according_to, layout_attributions, tag_clause_attributions, went_on
from wirewatch.attribution.raw import RawAttribution
from wirewatch.attribution.sources import SourceQuestion, choose_source
from wirewatch.attribution.subjects import RELATIVE_PRONOUNS, addressee_of, source_phrase
from wirewatch.attribution.syntax import noun_phrase, token_span, trim
from wirewatch.attribution.thresholds import CUE_THRESHOLD, INNER_CUE_WINS, INNER_WINS_BELOW, score, threshold
from wirewatch.attribution.types import attribution_type, cue_shape
from wirewatch.parse import ParsedParagraph, doc_text
from wirewatch.quotemarks import QuoteSpan, find_quote_spans, find_single_quote_spans

if TYPE_CHECKING:
    from spacy.tokens import Token

PROSE_KINDS = frozenset({"body", "lead", "headline"})
PRONOUN_SOURCES = frozenset({"he", "she", "they", "it", "we", "i", "who", "which", "that"})
# frames whose content is a clause or a quotation; any other frame's content is a phrase
CLAUSAL_FRAMES = frozenset({"ccomp", "quote", "colon", "parataxis", "as-clause", "noun-that"})


def _following_span(parsed: Sequence[ParsedParagraph], para: ParsedParagraph) -> tuple[int, int] | None:
    """The next prose paragraph's span, if it directly follows ``para``."""
    for other in parsed:
        if other.index == para.index + 1 and other.kind in PROSE_KINDS:
            return other.offset, other.offset + len(doc_text(other.doc))
    return None


def _verb_attributions(
    para: ParsedParagraph, text: str, quotes: Sequence[QuoteSpan], following: tuple[int, int] | None
) -> list[RawAttribution]:
    out: list[RawAttribution] = []
    cands = candidates(para, text, quotes, following)
    probs = [score(cand, feats) for cand, feats in zip(cands, paragraph_features(cands, para.kind), strict=True)]
    blocked = [(q.start, q.end) for q in quotes]  # no source lies inside a quotation
    for cand, p in zip(cands, probs, strict=True):
        # quoted content lowers the bar, unless the quotes are only names ("appeared on “Today”")
        if p < threshold(cand):
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
        if cand.frame not in CLAUSAL_FRAMES and empty_object(text, cand.pieces):
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
                al, ar = noun_phrase(head_tok)
                antecedent = token_span(para, al, ar)
        addressee_tok = addressee_of(verb)
        addressee = None
        if addressee_tok is not None and cand.frame != "dative":
            al, ar = noun_phrase(addressee_tok)
            addressee = token_span(para, al, ar)
        confidence = min(0.97, 0.35 + 0.5 * p + (0.1 if speaker else 0.0))
        pieces = whole_words(text, cand.pieces)
        if cand.frame not in CLAUSAL_FRAMES and not {"ccomp", "xcomp"} & set(cand.frame.split("+")):
            pieces = phrase_with_circumstance(para, verb, pieces)
        out.append(
            RawAttribution(
                pieces=pieces,
                cue=token_span(para, verb, verb),
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


def _split_coordinated(
    text: str, attrs: list[RawAttribution], para: ParsedParagraph, quotes: Sequence[QuoteSpan]
) -> list[RawAttribution]:
    """ "The Conservatives say the two men are squabbling and the Liberal Democrats claim ...",
    "Labour say X, while the Tories say Y": the parse may hang the second report inside the
    first one's content, as a conjunct or a "while" clause with a subject of its own. It is a
    report beside the first, not inside it: the first one's content ends where its clause does."""
    out = list(attrs)
    for i, outer in enumerate(out):
        for inner in attrs:
            if inner is outer or inner.cue_token is None or outer.cue_token is None:
                continue
            if not (outer.start < inner.start and inner.end <= outer.end):
                continue
            cut = _coordinated_start(para, para.doc[outer.cue_token], para.doc[inner.cue_token])
            if cut is None or any(q.start < cut < q.end for q in quotes):
                continue  # words inside a quotation are the first speaker's own
            pieces = tuple((a, min(b, cut)) for a, b in outer.pieces if a < cut)
            if pieces:
                last = trim(text, *pieces[-1])
                if last[1] > last[0]:
                    out[i] = outer = replace(outer, pieces=(*pieces[:-1], last))
    return out


def _coordinated_start(para: ParsedParagraph, outer: Token, inner: Token) -> int | None:
    """Where ``inner``'s own clause starts (the conjunction before it included) when it is a
    report coordinated with the first one's content, in the same sentence; else None."""
    if inner.sent.start != outer.sent.start or inner.i <= outer.i:
        return None
    subject = next((c for c in inner.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < inner.i), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    marks = {c.lower_ for c in inner.children if c.dep_ == "mark"}
    if inner.dep_ == "conj":
        # a conjunct of the first report's content, not of its cue ("say A and B claim C")
        if inner.head is outer:
            return None
    elif not (inner.dep_ == "advcl" and marks & {"while", "whereas", "whilst"}):
        return None
    first = min([subject.left_edge.i, *(c.i for c in inner.children if c.dep_ in {"mark", "cc"})])
    before = para.doc[first - 1] if first > 0 else None
    if before is not None and before.dep_ == "cc" and before.head.i in {inner.head.i, inner.i}:
        first -= 1  # "and the Liberal Democrats claim"
    return para.start_of(para.doc[first])


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
    quotes_of = {p.index: find_quote_spans(text, p.offset, p.offset + len(doc_text(p.doc))) for p in prose}
    all_quotes = [q for p in prose for q in quotes_of[p.index]]
    # curly single quotes count as quotation for the kind (headline style), never as a quote span
    kind_marks = all_quotes + [
        q for p in prose for q in find_single_quote_spans(text, p.offset, p.offset + len(doc_text(p.doc)))
    ]
    prev_direct: int | None = None  # index in result of the last direct attribution with a source
    claimed: list[tuple[int, int]] = []  # content taken by a "said:" in the paragraph before
    prev_para: int | None = None  # index of the prose paragraph before this one
    intro: ListIntro | None = None  # the source of a list the paragraphs after it itemise
    reach: dict[int, int] = {}  # index in result -> the last paragraph its pieces reach into
    for para in prose:
        p_start, p_end = para.offset, para.offset + len(doc_text(para.doc))
        quotes = quotes_of[para.index]
        following = _following_span(parsed, para)
        attrs = (
            layout_attributions(para, text, quotes)
            + _verb_attributions(para, text, quotes, following)
            + according_to(para, text, quotes)
            + went_on(para, text, quotes)
        )
        attrs = [a for a in attrs if not any(cs <= a.start and a.end <= ce for cs, ce in claimed)]
        attrs = _drop_nested(_split_coordinated(text, _yield_according(attrs, quotes), para, quotes))
        attrs = sorted(attrs + tag_clause_attributions(para, text, quotes, attrs), key=lambda a: a.start)
        attrs = [replace(a, kind=quote_kind(text, a.pieces, kind_marks)) for a in attrs]
        # quotations no attribution covers: continuations of the nearest direct one before them
        went: dict[int, int | None] = {}  # quotation index -> index in attrs that took it (None: result)
        for k, q in enumerate(quotes):
            inner_s, inner_e = q.inner(text)
            holder = next((j for j, a in enumerate(attrs) if a.start <= inner_s and inner_e <= a.end), None)
            if holder is not None:
                went[k] = holder
                continue
            if any(cs <= inner_s and inner_e <= ce for cs, ce in claimed):
                continue
            if q.continues and k - 1 in went:
                # '"A. "B."': a stretch of a quotation left unclosed goes where the stretch before went
                j = went[k - 1]
                if j is None:
                    assert prev_direct is not None
                    result[prev_direct] = _grow(result[prev_direct], q)
                else:
                    attrs[j] = _grow(attrs[j], q)
                went[k] = j
                continue
            words = len(text[inner_s:inner_e].split())
            before = [j for j, a in enumerate(attrs) if a.end <= q.start and (a.kind == "direct" or _cue_follows(a, q))]
            nearest = [j for j, a in enumerate(attrs) if a.end <= q.start]
            if before and nearest and nearest[-1] != before[-1] and words >= 3:
                report = attrs[nearest[-1]]
                if (
                    report.speaker is not None
                    and report.speaker.text.lower() not in PRONOUN_SOURCES
                    and _reports_words(report, para)
                ):
                    # '"...," she said. X admitted it was "hard" and said more. "Quote."': the report
                    # just before goes on, not the direct quotation before it (but not a plan or a
                    # view: in '"...," said X. The company is looking to Europe. "We ..."', X goes on)
                    before = []
            at_start = words >= 5 and prev_direct is not None and q.start - p_start <= 1
            if before:
                attrs[before[-1]] = _grow(attrs[before[-1]], q)
                went[k] = before[-1]
                continue
            if at_start and prev_direct is not None and _ends_open(result[prev_direct], all_quotes, text):
                # news style: a quotation running over paragraphs reopens each one and closes only
                # at its end, so this paragraph's opening quotation is more of the same quote,
                # whatever else the paragraph goes on to report
                result[prev_direct] = _grow(result[prev_direct], q)
                reach[prev_direct] = para.index
                went[k] = None
                continue
            after = [j for j, a in enumerate(attrs) if a.start >= q.end and a.kind == "direct"]
            if after and words >= 3:
                attrs[after[0]] = _grow(attrs[after[0]], q, front=True)
                went[k] = after[0]
                continue
            earlier = [j for j, a in enumerate(attrs) if a.end <= q.start and a.speaker is not None]
            if earlier and words >= 3:
                # 'X said the plan was sound. "More words."' after an indirect or mixed report: the
                # same source goes on, one attribution in pieces
                attrs[earlier[-1]] = _grow(attrs[earlier[-1]], q)
                went[k] = earlier[-1]
                continue
            if at_start and prev_direct is not None and not any(a.start < q.end for a in attrs):
                last = result[prev_direct]
                if reach.get(prev_direct, last.paragraph) == prev_para:
                    # right after the speaker's quote, a paragraph opening with quotation that no cue
                    # of its own reaches (what it reports after the quotation is another matter) is
                    # more of what they said: one attribution in pieces, as annotators mark it
                    pieces = last.pieces + ((q.start, q.end),)
                    result[prev_direct] = replace(last, pieces=pieces, kind=quote_kind(text, pieces, kind_marks))
                    reach[prev_direct] = para.index  # a third paragraph of quotation goes on with it too
                    went[k] = None
                    continue
                # further on, with paragraphs of other matter between, whose quotation it is stays
                # open: on PolNeAR train the last speaker was the right guess for 1 in 5 of these
        # an item of a list the paragraph before introduced ("Points raised in the report included:")
        # (what the item's own clause seems to attribute, "The government should recognise X", is
        # the list source's words; only a quotation with a speaker of its own stands)
        item = list_item(para, text, intro) if intro is not None else None
        if item is not None and not any(a.kind == "direct" for a in attrs):
            attrs = [item]
        elif item is None:
            intro = list_intro(para, text)
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


def _reports_words(attr: RawAttribution, para: ParsedParagraph) -> bool:
    """Whether the attribution's cue reports something said (a statement), not a belief, a plan
    or an act."""
    if attr.cue is None or attr.cue_token is None:
        return True
    return attribution_type(cue_shape(para.doc[attr.cue_token], attr.cue.text, quoted=False)) == "statement"


def _grow(attr: RawAttribution, q: QuoteSpan, front: bool = False) -> RawAttribution:
    """The attribution with the quotation as one more piece, before its own or after them."""
    piece = ((q.start, q.end),)
    return replace(attr, pieces=piece + attr.pieces if front else attr.pieces + piece)


def _cue_follows(attr: RawAttribution, q: QuoteSpan) -> bool:
    """'Both parties "saw ...," said X. "More."': a cue between the content and the quotation.

    The quotation goes on with what the cue introduced, whatever the first piece's kind.
    """
    cue = attr.cue
    return cue is not None and attr.end <= cue.start and cue.end <= q.start


def _ends_open(attr: RawAttribution, quotes: Sequence[QuoteSpan], text: str) -> bool:
    """Whether the attribution's last piece is a quotation left open at its paragraph's end
    (not one that a reopening mark cut short inside the paragraph)."""
    last_start, last_end = attr.pieces[-1]
    return any(
        q.open_ended and q.start >= last_start and q.end <= last_end and not text[q.end :].partition("\n")[0].strip()
        for q in quotes
    )
