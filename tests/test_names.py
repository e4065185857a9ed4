"""One way to fold and match names, within an article and across articles."""

from __future__ import annotations

import pytest

from wirewatch.entities.aliases import person_variant
from wirewatch.entities.people import entity_id, normalise_name
from wirewatch.names import name_key, same_given_name, same_person_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergéi LAVROV", "Sergei Lavrov"),
        ("Jean-Pierre Raffarin", "jean pierre raffarin"),
        ("Michael O'Leary", "Michael O Leary"),
        ("  Anna   Berg ", "Anna Berg"),
    ],
)
def test_one_folding_within_and_across_articles(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert normalise_name(a) == normalise_name(b) == name_key(a)
    assert entity_id("person", a) == entity_id("person", b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("David Smith", "Daniel Smith", False),
        ("Dmitry Peskov", "Dmitri Peskov", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("J Smith", "John Smith", True),
        ("John Smith", "John Smyth", False),
        ("Anna Berg", "Anne Berg", True),  # a transliteration two letters off: one person
        ("Ian Hale", "Ivan Hale", False),  # too short to be a variant spelling
    ],
)
def test_across_articles(a: str, b: str, same: bool) -> None:
    ka, kb = name_key(a), name_key(b)
    assert ka is not None and kb is not None
    assert same_person_name("person", ka, kb) is same


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Daniel Smith", "David Smith", False),
        ("Smith", "David Smith", True),
        ("Orlow", "Pavel Orlov", True),
        ("Dmitri Peskov", "Dmitry Peskov", True),
    ],
)
def test_within_an_article(short: str, full: str, same: bool) -> None:
    assert person_variant(short, full) is same


def test_given_names() -> None:
    assert not same_given_name("david", "daniel")
    assert same_given_name("d", "daniel")
