"""Token and span helpers on the dependency parse: a token range as a ``Span``, a noun
phrase's words, a content span's trimmed ends.

Every stage of the extractor cuts text by these, so a source or a content reads the same
whichever rule found it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wirewatch.models import Span
from wirewatch.parse import ParsedParagraph, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Token

# an opening quotation mark at a span's end, after a space: ". ''I mean it" cut after the mark
OPENING_MARK_END_RE = re.compile(r"(?<=\s)(?:''|\"|\u201c)$")


def token_span(para: ParsedParagraph, start_tok: Token, end_tok: Token) -> Span:
    """The words from ``start_tok`` to ``end_tok`` as written, at their article offsets."""
    s = para.start_of(start_tok)
    e = para.end_of(end_tok)
    return Span(doc_text(para.doc)[start_tok.idx : end_tok.idx + len(end_tok.text)], s, e)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
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


def noun_phrase(tok: Token) -> tuple[Token, Token]:
    """A subject's words: its subtree without relative clauses, appositives or trailing commas."""
    left = tok.left_edge
    # a quotation's closing mark or a dash the parse hung on the name ("...,” Jones said)
    while left.i < tok.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    # a name taken from under a fronted place (``subjects._stranded_subject``) after an inserted phrase
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
