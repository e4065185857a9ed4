"""People and organisations with roles, merged within an article (real parses of our own sentences)."""

from __future__ import annotations

import pytest

import wirewatch
from wirewatch.config import Settings
from wirewatch.entities.people import find_people
from wirewatch.parse import ParsedParagraph, load_model


def people_of(text: str) -> dict[str, str | None]:
    rec = wirewatch.extract("Harbour news\n\n" + text, published="2022-05-02")
    return {e.name: e.role for e in rec.entities if e.type == "person"}


def table_of(text: str) -> dict[str, str | None]:
    """The people :func:`find_people` reads from one paragraph, before any resolution."""
    doc = load_model(Settings.load().spacy_model)(text)
    return {p.name: p.role for p in find_people([ParsedParagraph(0, 0, "body", doc)]).people}


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


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # premodifiers kept in full
        (
            "Lib Dem home affairs spokesman Tom Reed said the port would reopen.",
            "Tom Reed",
            "Lib Dem home affairs spokesman",
        ),
        (
            "Russian Deputy Foreign Minister Pavel Orlov arrived on Monday.",
            "Pavel Orlov",
            "Russian Deputy Foreign Minister",
        ),
        ("Later at the launch Tory co-chairman Tom Reed said the party would win.", "Tom Reed", "Tory co-chairman"),
        (
            "The harbour was praised by former television actor Tom Reed on Monday.",
            "Tom Reed",
            "former television actor",
        ),
        # the prepositional phrase belongs to the role
        (
            "Anna Berg, economist at the Harbour Bank, said rates would rise.",
            "Anna Berg",
            "economist at the Harbour Bank",
        ),
        (
            "Anna Berg, chief executive of the Port Trust, said the gates would close.",
            "Anna Berg",
            "chief executive of the Port Trust",
        ),
        (
            "Chairman of the Harbour Committee Tom Reed said the plan was final.",
            "Tom Reed",
            "Chairman of the Harbour Committee",
        ),
        (
            "Shadow spokesman for transport Tom Reed said the plan was flawed.",
            "Tom Reed",
            "Shadow spokesman for transport",
        ),
        (
            "Tom Reed, spokesman for the emergency services, said roads were closed.",
            "Tom Reed",
            "spokesman for the emergency services",
        ),
        ("Ambassador to Lisbon Pavel Orlov said the talks had ended.", "Pavel Orlov", "Ambassador to Lisbon"),
        # appositives before the name, possessives, predicate nominals
        (
            "The new chairman of the Harbour Council, Tom Reed, warned of delays.",
            "Tom Reed",
            "new chairman of the Harbour Council",
        ),
        ('"It was a fine year," said the port\'s chief executive Anna Berg.', "Anna Berg", "port's chief executive"),
        ("Tom Reed is the chairman of the Harbour Council.", "Tom Reed", "chairman of the Harbour Council"),
        ("Mike Reed, from the league, said the evidence would be passed on.", "Mike Reed", "from the league"),
        ("The city welcomed President-elect Tom Reed on Monday.", "Tom Reed", "President-elect"),
    ],
)
def test_role_as_worded_in_full(text: str, name: str, role: str) -> None:
    got = table_of(text)
    assert name in got, got
    assert got[name] is not None and role.casefold() in got[name].casefold(), got


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Spokeswoman Anna Petrova said the talks had ended.", "Anna Petrova"),
        ("Backbencher Tom Reed said some members were angry.", "Tom Reed"),
        ("Paul Reed MP, the party's harbour spokesman, said the sums did not add up.", "Paul Reed"),
        ("The new chairman, Guy Reed QC, warned there was a risk.", "Guy Reed"),
        ("The Attorney General Lord Harwood has not issued any instructions.", "Lord Harwood"),
        ("Labour peer Lord Harwood's bill aims to end the rule.", "Lord Harwood"),
        ("His film was critical of President George W Bush and the war.", "George W Bush"),
        ("Minister for Ports Tom Reed said the harbour would reopen.", "Tom Reed"),
    ],
)
def test_name_without_titles_roles_and_suffixes(text: str, name: str) -> None:
    assert name in table_of(text)


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Lib Dem home affairs spokesman Tom Reed said the port would reopen.", "Lib Dem"),
        ("The Lib Dems say they will oppose the harbour bill.", "Lib Dems"),
        ("Tom Reed told the Guardian the harbour would reopen.", "Guardian"),
        ("The band played their hit Hey Ya to a crowd of thousands.", "Hey Ya"),
        ("They won best song for hit Hey Ya on Monday. Not only was Hey Ya a success, it sold well.", "Hey Ya"),
        ("Tom Reed, a former FBI man, met the Harbour Advisors on Monday.", "Harbour Advisors"),
    ],
)
def test_not_people(text: str, not_a_person: str) -> None:
    assert not_a_person not in table_of(text)


def test_an_o_surname_typed_with_a_space_is_one_name() -> None:
    # "O' Neill" with a space after the apostrophe: the tokenizer cuts it and the recogniser misses it
    text = (
        "Safety at work\n\nRory O' Neill, editor of Worksafe magazine, which ran the survey, said: "
        '"Giving safety reps more rights is the right thing to do." Mr O\' Neill said the rules were weak.'
    )
    record = wirewatch.extract(text)
    people = [e for e in record.entities if e.type == "person"]
    assert [p.name for p in people] == ["Rory O' Neill"]
    assert {q.speaker.name for q in record.quotes} == {"Rory O' Neill"}
