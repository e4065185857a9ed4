"""The replacement of spaCy's attribute_ruler and lemmatizer gives every token the same values.

Both pipelines parse the same paragraphs of PolNeAR train (read from ../shared at run time);
every token attribute a stage could read is compared. The first ``WIREWATCH_FASTRULES_DOCS``
articles are used (default 150; ``all`` for the whole set, about 4,400 articles).
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from wirewatch.config import Settings
from wirewatch.fastrules import NAME, FastRules, install

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"
ATTRS = [ORTH, NORM, TAG, POS, DEP, HEAD, LEMMA, MORPH, ENT_IOB, ENT_TYPE, SENT_START]


def _paragraphs(limit: int | None) -> list[str]:
    texts: list[str] = []
    with TRAIN.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            texts += [p for p in json.loads(line)["text"].split("\n") if p.strip()]
    return texts


def test_same_token_values_as_spacy_on_polnear_train() -> None:
    if not TRAIN.exists():
        pytest.skip(f"PolNeAR train not found at {TRAIN}")
    import spacy

    wanted = os.environ.get("WIREWATCH_FASTRULES_DOCS", "150")
    texts = _paragraphs(None if wanted == "all" else int(wanted))
    nlp = spacy.load(Settings.load().spacy_model, exclude=["ner"])  # ner reads none of these values
    fast = FastRules(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    tokens = 0
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"], batch_size=256):
        theirs, ours = lemmatizer(ruler(doc.copy())), fast(doc.copy())
        assert np.array_equal(theirs.to_array(ATTRS), ours.to_array(ATTRS)), doc.text
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in theirs] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in ours
        ], doc.text
        tokens += len(doc)
    assert tokens > 10_000


def test_installed_in_place_of_the_two() -> None:
    from wirewatch.parse import load_model

    nlp = load_model(Settings.load().spacy_model)
    assert NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index(NAME) < nlp.pipe_names.index("ner")


def test_other_pipelines_are_left_alone() -> None:
    import spacy

    nlp = spacy.blank("en")
    assert not install(nlp)
    assert nlp.pipe_names == []
