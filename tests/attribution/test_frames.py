"""Frames the parse can mislead: a report inside an "as" clause, and a "that" clause the parse
hangs on the listener of "told". Sentences written for these tests."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.attribution.frames import verb_frame
from wirewatch.parse import load_model

HEAD = "Harbour plan approved\n\n"


def reports(body: str) -> list[tuple[str | None, str, str | None]]:
    record = wirewatch.extract(HEAD + body, published="2021-03-05")
    return [(q.cue.text if q.cue else None, q.text, q.speaker.mention) for q in record.quotes]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            # the "as" clause has its own complement: that is the content, not the main clause
            "His warning came as former harbour master Ruth Hale said she hoped the port would reopen in May.",
            ("said", "she hoped the port would reopen in May", "former harbour master Ruth Hale"),
        ),
        (
            # "that" marks a complement, not a relative clause of "a gathering"
            "The mayor has told a gathering of fishermen that the new quay would cause long delays.",
            ("told", "that the new quay would cause long delays", "The mayor"),
        ),
    ],
)
def test_frame(body: str, expected: tuple[str, str, str]) -> None:
    assert expected in reports(body)


def test_as_clause_without_a_clause_of_its_own_attributes_the_clause_it_hangs_on() -> None:
    doc = load_model(wirewatch.Settings.load().spacy_model)("As the mayor said on Monday, the port has lost money.")
    said = next(t for t in doc if t.text == "said")
    assert verb_frame(said).key == "as-clause"
