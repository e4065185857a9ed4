"""The learned source chooser on real parses of sentences written for these tests."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.attribution.sources import SourceQuestion, _path, source_model, source_options
from wirewatch.config import Settings
from wirewatch.parse import load_model


def mentions(sentence: str) -> list[tuple[str | None, str | None]]:
    record = wirewatch.extract("Harbour plan approved\n\n" + sentence, published="2021-03-05")
    return [(q.speaker.mention, q.cue.text if q.cue else None) for q in record.quotes]


def test_the_model_ships() -> None:
    model = source_model()
    assert model is not None and "rule" in model.weights and "none" in model.weights


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor said the pier would close in May.", [("The mayor", "said")]),
        # a passive "told": the one told is no source, and no teller is named
        ("The mayor was told the pier would close in May.", [(None, "told")]),
        # the party and state in parentheses name no one
        ("Sen. Ana Ruiz (D-Ore.) said the pier would close in May.", [("Sen. Ana Ruiz", "said")]),
        # inverted after the quotation, the relative clause is no part of the source
        (
            "\u201cThe pier will close,\u201d said the harbour master, who has run the port since 2009.",
            [("the harbour master", "said")],
        ),
    ],
)
def test_chosen_sources(sentence: str, expected: list[tuple[str | None, str]]) -> None:
    assert mentions(sentence) == expected


def test_options_leave_out_the_content_and_offer_no_source_first() -> None:
    doc = load_model(Settings.load().spacy_model)("The mayor told reporters the pier would close.")
    verb = doc[2]
    content = (doc[4].idx, len(doc.text))
    options, feats = source_options(SourceQuestion(verb, "ccomp", "tell", doc[1], (content,), 0))
    assert options[0] is None and "none" in feats[0]
    words = [t.text for t in options[1:] if t is not None]
    assert words == ["mayor", "reporters"]  # "pier" lies in the content
    assert "rule" in feats[1] and "rule" not in feats[2]  # the rules' pick is a feature, not a verdict


def test_dependency_path() -> None:
    doc = load_model(Settings.load().spacy_model)("The mayor said the pier would close.")
    assert _path(doc[2], doc[1]) == "^>nsubj"
    assert _path(doc[6], doc[1]) == "^ccomp>nsubj"
