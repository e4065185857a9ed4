"""The parse: the same docs whatever the batch, and each doc's text kept once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from wirewatch import parse
from wirewatch.config import Settings
from wirewatch.models import RawDocument
from wirewatch.parse import batches, doc_text, parse_many, parse_paragraphs
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


def test_batches_keep_order_and_bounds() -> None:
    texts = ["a" * 5, "b" * 5, "c" * 20, "d", "e", "f"]
    runs = list(batches(texts, size=2, chars=10))
    assert [t for run in runs for t in run] == texts
    assert runs == [["a" * 5, "b" * 5], ["c" * 20], ["d", "e"], ["f"]]  # a long text is a run alone
    assert list(batches([], size=2, chars=10)) == []


def test_parse_is_the_same_in_small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.load()
    preps = [
        prepare_document(RawDocument(path=str(p), text=p.read_text()), settings) for p in sorted(SAMPLES.glob("*.txt"))
    ]
    articles = [(p.doc.text, p.structure.paragraphs, None) for p in preps]
    large = parse_many(articles, settings.spacy_model)
    monkeypatch.setattr(parse, "PARSE_CHARS", 300)
    small = parse_many(articles, settings.spacy_model)
    for a, b in zip(large, small, strict=True):
        assert [np.asarray(p.doc.to_array(ATTRS)).tolist() for p in a] == [
            np.asarray(p.doc.to_array(ATTRS)).tolist() for p in b
        ]
