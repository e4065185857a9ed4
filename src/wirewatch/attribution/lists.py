"""Bulleted lists a source introduces: "Points raised in the report included:" and then one line
per point, each marked with a dash or a bullet.

Every item is what the introducing sentence's source said or wrote, one attribution each, as a
careful reader marks them. The source is the introducing clause's subject or, where that
subject is about a document ("points raised in the report"), the document, which speaks for
whoever issued it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.attribution.raw import RawAttribution
from wirewatch.models import Span
from wirewatch.parse import ParsedParagraph, doc_text

BULLET_RE = re.compile(r"\s*[-\u2013\u2022*]\s+(?=\S)")
# the reporting and listing verbs an introducing clause may end with before its colon
INTRO_VERBS = frozenset(
    "say add include list recommend find conclude state warn urge call propose suggest note".split()
)
DOCUMENT_WORDS = frozenset("report study review survey document paper letter statement findings".split())


@dataclass(frozen=True)
class ListIntro:
    """The source and cue of a clause that introduces a list ("..., the report said:")."""

    speaker: Span
    speaker_head: tuple[int, int]
    cue: Span


def list_intro(para: ParsedParagraph, text: str) -> ListIntro | None:
    """The introducing clause at the end of a paragraph that ends with a colon, if any."""
    doc = para.doc
    if not doc_text(doc).rstrip().endswith(":"):
        return None
    sents = list(doc.sents)
    if not sents:
        return None
    root = sents[-1].root
    if root.lemma_.casefold() not in INTRO_VERBS:
        return None
    subject = next((t for t in root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    head = next((t for t in subject.subtree if t.lemma_.casefold() in DOCUMENT_WORDS), subject)
    left = head.left_edge if head is not subject else subject.left_edge
    right = head if head is not subject else subject.right_edge
    s, e = para.start_of(left), para.start_of(right) + len(right.text)
    hs = para.start_of(head)
    cue_s = para.start_of(root)
    return ListIntro(Span(text[s:e], s, e), (hs, hs + len(head.text)), Span(root.text, cue_s, cue_s + len(root.text)))


def list_item(para: ParsedParagraph, text: str, intro: ListIntro) -> RawAttribution | None:
    """One bulleted item of an introduced list, as an attribution of the list's source."""
    p_start, p_end = para.offset, para.offset + len(doc_text(para.doc))
    m = BULLET_RE.match(text, p_start, p_end)
    if m is None:
        return None
    end = p_end
    while end > m.end() and text[end - 1].isspace():
        end -= 1
    if len(text[m.end() : end].split()) < 3:
        return None
    return RawAttribution(
        pieces=((m.end(), end),),
        cue=None,
        speaker=intro.speaker,
        addressee=None,
        paragraph=para.index,
        cue_token=None,
        confidence=0.7,
        speaker_head=intro.speaker_head,
    )
