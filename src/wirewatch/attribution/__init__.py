"""Attribution stage: who said what, to whom — direct, indirect and mixed quotes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from wirewatch.attribution.assemble import find_attributions
from wirewatch.attribution.content import quote_kind
from wirewatch.attribution.raw import RawAttribution
from wirewatch.attribution.speakers import resolve_speakers
from wirewatch.attribution.types import attribution_type, cue_shape
from wirewatch.entities.resolve import ArticleEntities
from wirewatch.models import Quote, QuoteType
from wirewatch.parse import ParsedParagraph
from wirewatch.quotemarks import QuoteSpan, find_quote_spans

__all__ = [
    "QuoteSpan",
    "RawAttribution",
    "extract_quotes",
    "find_attributions",
    "find_quote_spans",
    "quote_kind",
    "resolve_speakers",
]

StatementDater = Callable[[RawAttribution], str | None]


def extract_quotes(
    article_id: str,
    text: str,
    parsed: Sequence[ParsedParagraph],
    entities: ArticleEntities,
    date_of: StatementDater,
) -> tuple[Quote, ...]:
    """Quotes of one article: attributions found on the parse, speakers resolved, each typed
    (statement, belief, intention, act) by its cue; verdicts ("convicted") are dropped."""
    attributions = find_attributions(text, parsed)
    docs = {p.index: p.doc for p in parsed}
    speakers = resolve_speakers(attributions, entities)
    quotes: list[Quote] = []
    for attr, speaker in zip(attributions, speakers, strict=True):
        qtype: QuoteType | None = "statement"  # a layout cue (a transcript's colon, a signing dash)
        if attr.cue is not None and attr.cue_token is not None:
            token = docs[attr.paragraph][attr.cue_token]
            # the words that came with an act are a quotation of a few words at least, not a term
            quoted = attr.kind == "direct" and sum(len(text[s:e].split()) for s, e in attr.pieces) >= 4
            qtype = attribution_type(cue_shape(token, attr.cue.text, quoted=quoted))
        if qtype is None:
            continue  # an act, not an attribution
        start, end = attr.start, attr.end
        digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]
        quotes.append(
            Quote(
                id=digest,
                text=" ".join(text[s:e] for s, e in attr.pieces),
                start=start,
                end=end,
                pieces=attr.pieces,
                kind=attr.kind,
                speaker=speaker,
                cue=attr.cue,
                addressee=attr.addressee,
                date=date_of(attr),
                confidence=attr.confidence if speaker.name or speaker.mention else attr.confidence * 0.8,
                type=qtype,
            )
        )
    return tuple(quotes)
