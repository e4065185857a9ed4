"""spaCy's networks on numpy's BLAS give every token the values stock spaCy gives.

Both pipelines parse the same paragraphs of PolNeAR train (read from ../shared at run time), with
all their components; every token attribute a stage could read is compared. The first
``WIREWATCH_FASTRULES_DOCS`` articles are used (default 150; ``all`` for the whole set).
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from tests.test_fastrules import TRAIN, _paragraphs
from wirewatch import fastgemm
from wirewatch.config import Settings

ATTRS = [ORTH, NORM, TAG, POS, DEP, HEAD, LEMMA, MORPH, ENT_IOB, ENT_TYPE, ENT_KB_ID, SENT_START]


def test_same_token_values_as_spacy_on_polnear_train() -> None:
    if not TRAIN.exists():
        pytest.skip(f"PolNeAR train not found at {TRAIN}")
    import spacy

    wanted = os.environ.get("WIREWATCH_FASTRULES_DOCS", "150")
    texts = _paragraphs(None if wanted == "all" else int(wanted))
    stock = spacy.load(Settings.load().spacy_model)
    fast = spacy.load(Settings.load().spacy_model)
    assert fastgemm.install(fast) > 0
    tokens = 0
    for theirs, ours in zip(stock.pipe(texts, batch_size=256), fast.pipe(texts, batch_size=256), strict=True):
        assert np.array_equal(theirs.to_array(ATTRS), ours.to_array(ATTRS)), theirs.text
        assert [(e.start, e.end, e.label_) for e in theirs.ents] == [(e.start, e.end, e.label_) for e in ours.ents]
        tokens += len(theirs)
    assert tokens > 10_000


def test_every_blis_layer_is_moved_and_blas_keeps_to_one_thread() -> None:
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_info

    from wirewatch.parse import load_model

    nlp = load_model(Settings.load().spacy_model)
    layers = [node for _, c in nlp.components if getattr(c, "model", None) is not None for node in c.model.walk()]
    assert layers and not any(isinstance(n.ops, NumpyOps) and n.ops.use_blis for n in layers)
    # numpy's own BLAS, the one the layers now call (scipy, imported later by other tests, brings its own)
    numpy_blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]
    assert numpy_blas and all(lib["num_threads"] == 1 for lib in numpy_blas)
