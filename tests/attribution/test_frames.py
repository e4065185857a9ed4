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


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Mr. Vale paused, as if arguing with his own notes.", "arguing"),
        ("She left, as though she had said enough.", "said"),
    ],
)
def test_as_if_is_a_comparison_not_a_report(sentence: str, verb: str) -> None:
    doc = load_model(wirewatch.Settings.load().spacy_model)(sentence)
    assert verb_frame(next(t for t in doc if t.text == verb)).key != "as-clause"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            # a verb of saying that ends the sentence, its subject before it, reports the clause
            # before the comma (here the parse gives "said" no complement at all)
            "Trade has been thin over the past week because of the holidays. This has amplified reactions"
            " to news, brokers said, adding that they expect calmer markets in January.",
            ("said", "This has amplified reactions to news", "brokers"),
        ),
        (
            # the listener stands between "told" and the quotation it introduces (and the parse
            # hangs "told" on the quotation's verb)
            'Berg told the crowd: "B12 finally won an award, thank you very much." The skipper opened the show.',
            ("told", '"B12 finally won an award, thank you very much."', "Berg"),
        ),
    ],
)
def test_cue_after_its_content_or_before_a_quotation(body: str, expected: tuple[str, str, str]) -> None:
    assert expected in reports(body)


def test_inserted_cue_inside_a_sentence_reports_no_half_of_it() -> None:
    # "X, he explained, were ...": the words before the comma are only the sentence's subject
    body = "These crews, the harbour master explained at the hearing, were never paid for the extra shifts."
    assert not any(text == "These crews" for _, text, _ in reports(body))


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        # what the parse hangs on the verb after the object goes on with the object's words
        (
            "The shipping group forecast steady growth at between 4-6% across its ports.",
            "forecast",
            "steady growth at between 4-6% across its ports",
        ),
        (
            "Mr Dale warned of the risk of flooding, like the storms of last winter.",
            "warned",
            "the risk of flooding, like the storms of last winter",
        ),
        # a content the parse starts inside a hyphenated word starts at the word
        (
            "Mr Hale said e-mails should only be deleted if they were useless.",
            "said",
            "e-mails should only be deleted if they were useless",
        ),
    ],
)
def test_phrase_content_takes_the_words_that_go_on_with_it(body: str, cue: str, content: str) -> None:
    assert any(c == cue and text == content for c, text, _ in reports(body)), reports(body)


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        # a place or time of saying is no part of what was said
        ("The council announced new fees in a statement on Tuesday.", "announced", "new fees"),
        # a participle after a comma is an event of its own, and a report inside it is its own
        (
            "The union tabled a motion against the plan, saying the fees were unfair.",
            "saying",
            "the fees were unfair",
        ),
    ],
)
def test_phrase_content_leaves_out_what_is_not_its_words(body: str, cue: str, content: str) -> None:
    assert any(c == cue and text == content for c, text, _ in reports(body)), reports(body)


def test_a_report_coordinated_with_another_is_beside_it_not_inside_it() -> None:
    found = reports(
        "The Greens say the new levy would hurt small ports, while the Liberals say the plan would mean "
        "higher fees for every boat."
    )
    assert ("say", "the new levy would hurt small ports", "The Greens") in found, found
    assert ("say", "the plan would mean higher fees for every boat", "the Liberals") in found, found
