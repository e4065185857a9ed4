"""When two names in one article name the same person or organisation: a table with negatives."""

from __future__ import annotations

import pytest

from wirewatch.entities.aliases import (
    acronym_of,
    edit_distance_at_most_one,
    expansion_in_text,
    org_short_form,
    person_variant,
)


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Peskov", "Dmitry Peskov", True),
        ("Orlow", "Pavel Orlov", True),  # one letter changed
        ("Montieth", "David Monteith", True),  # two letters swapped
        ("Dmitri Peskov", "Dmitry Peskov", True),
        ("David Smith", "Daniel Smith", False),  # another first name is another person
        ("Smit", "Daniel Smith", False),  # short surnames need an exact match
        ("Pavel", "Pavel Orlov", False),  # a first name alone is not taken as the person
        ("Anna Petrova", "Anna Petrovna Volkova", False),
    ],
)
def test_person_variant(short: str, full: str, same: bool) -> None:
    assert person_variant(short, full) is same


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("NITR", "National Institute of Transport Research", True),
        ("GE", "General Electric", True),
        ("Halvorsen", "Halvorsen Shipping", True),
        ("the Bank", "Bank of England", True),
        ("Lib Dems", "Liberal Democrats", True),
        ("Lib Dem", "Lib Dems", True),
        ("the Conservatives", "Conservative Party", True),
        ("Tories", "Conservative Party", True),
        ("Shipping", "Halvorsen Shipping", False),
        ("NATO", "National Institute of Transport Research", False),
        ("Labour", "Liberal Democrats", False),
    ],
)
def test_org_short_form(short: str, full: str, same: bool) -> None:
    assert org_short_form(short, full) is same


def test_acronym_and_its_expansion() -> None:
    assert acronym_of("RAD", "Royal Academy of Dance")
    assert not acronym_of("Rad", "Royal Academy of Dance")
    text = "A study by the Royal Academy of Dance (RAD) found fewer pupils. The RAD said so."
    assert expansion_in_text("RAD", text) == "Royal Academy of Dance"
    assert expansion_in_text("BBC", text) is None


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [("orlov", "orlow", True), ("orlov", "orlov", True), ("orlov", "orlovv", True), ("orlov", "olrwv", False)],
)
def test_one_edit(a: str, b: str, near: bool) -> None:
    assert edit_distance_at_most_one(a, b) is near
