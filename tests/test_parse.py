"""The parse: the same docs whatever the batch, and each doc's text kept once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from wirewatch.config import Settings
from wirewatch.models import RawDocument
from wirewatch.parse import doc_text, parse_many, parse_paragraphs
from wirewatch.pipeline import prepare_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ATTRS = [ORTH, NORM, TAG, POS, DEP, HEAD, LEMMA, MORPH, ENT_IOB, ENT_TYPE, SENT_START]


def test_batched_parse_is_the_parse_of_each_article_alone() -> None:
    settings = Settings.load()
    preps = [
        prepare_document(RawDocument(path=str(p), text=p.read_text()), settings) for p in sorted(SAMPLES.glob("*.txt"))
    ]
    articles = [(p.doc.text, p.structure.paragraphs, None) for p in preps]
    together = parse_many(articles, settings.spacy_model)
    for (text, paragraphs, _), batch in zip(articles, together, strict=True):
        alone = parse_paragraphs(text, paragraphs, settings.spacy_model)
        assert [(p.index, p.offset, p.kind) for p in alone] == [(p.index, p.offset, p.kind) for p in batch]
        for a, b in zip(alone, batch, strict=True):
            assert np.array_equal(a.doc.to_array(ATTRS), b.doc.to_array(ATTRS))
            assert doc_text(b.doc) == b.doc.text == text[b.offset : b.offset + len(b.doc.text)]
