"""A headline known from metadata (HTML title, feed entry title) given to the structure stage."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.config import Settings
from wirewatch.structure import analyse_structure

SETTINGS = Settings.load()
BODY = (
    "BERLIN (dpa) - The German government said on Monday it would raise the budget for rail repairs, "
    "a spokesman told reporters.\n"
    "The plan still needs the approval of parliament, which votes next month.\n"
)


@pytest.mark.parametrize(
    "title",
    [
        "Germany raises rail budget.",  # a final full stop fails the shape rule, not the metadata
        "rail budget raised",  # lower case start
        "Budget",  # one word
    ],
)
def test_known_title_is_the_headline_whatever_its_shape(title: str) -> None:
    text = f"{title}\n\n{BODY}"
    s = analyse_structure(text, date(2024, 3, 4), SETTINGS, title=title)
    assert s.headline is not None and s.headline.text == title and s.headline.start == 0
    assert s.dateline is not None and (s.dateline.place, s.dateline.agency) == ("Berlin", "dpa")
    assert [p.kind for p in s.paragraphs] == ["headline", "body", "body"]


def test_title_matches_across_case_and_spacing() -> None:
    text = "Germany  Raises Rail Budget\n" + BODY
    s = analyse_structure(text, None, SETTINGS, title="Germany raises rail budget")
    assert s.headline is not None and s.headline.text == "Germany  Raises Rail Budget"


def test_title_not_in_text_falls_back_to_the_shape_rules() -> None:
    text = "Rail repairs get more money\n\n" + BODY
    with_title = analyse_structure(text, None, SETTINGS, title="Something else entirely")
    without = analyse_structure(text, None, SETTINGS)
    assert with_title == without
    assert without.headline is not None and without.headline.text == "Rail repairs get more money"


def test_old_signature_still_works() -> None:
    assert analyse_structure(BODY, None, SETTINGS).dateline is not None
