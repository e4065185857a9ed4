"""People and organisations with roles, merged within an article (real parses of our own sentences)."""

from __future__ import annotations

import pytest

import wirewatch


def people_of(text: str) -> dict[str, str | None]:
    rec = wirewatch.extract("Harbour news\n\n" + text, published="2022-05-02")
    return {e.name: e.role for e in rec.entities if e.type == "person"}


def orgs_of(text: str) -> list[str]:
    rec = wirewatch.extract("Harbour news\n\n" + text, published="2022-05-02")
    return [e.name for e in rec.entities if e.type == "organization"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Portuguese Foreign Minister Rui Carvalho arrived on Monday.", "Rui Carvalho", "Portuguese Foreign Minister"),
        ("US Secretary of State Ellen Park met the delegation.", "Ellen Park", "US Secretary of State"),
        ("Harbour spokesman Tom Reed said the port would reopen.", "Tom Reed", "Harbour spokesman"),
        ("Anna Berg, the harbour master, closed the gates.", "Anna Berg", "harbour master"),
    ],
)
def test_role_from_the_text(text: str, name: str, role: str) -> None:
    got = people_of(text)
    assert name in got
    assert got[name] is not None and role in got[name]


def test_short_name_merges_into_full_name() -> None:
    got = people_of("Mayor Tom Reed opened the session. Later, Reed said the budget was final.")
    assert list(got) == ["Tom Reed"]


def test_spelling_variant_with_same_initial_merges() -> None:
    got = people_of("Dmitry Orlov spoke first. Then Dmitri Orlov answered questions from reporters.")
    assert len(got) == 1


def test_no_role_for_a_bare_name() -> None:
    assert people_of("In the end, Tom Reed left the building.") == {"Tom Reed": None}


def test_role_word_is_not_an_organisation() -> None:
    assert "State" not in orgs_of("US Secretary of State Ellen Park met the delegation in Lisbon.")
