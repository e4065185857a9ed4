"""Regions named after their capital ("Kursk Region"), and towns the small model mislabels, in an
invented TASS story: every place gets coordinates, and the region is the region, not the city."""

from __future__ import annotations

import pytest

from wirewatch.entities.gazetteer import Gazetteer
from wirewatch.pipeline import extract

WIRE = """Governor reports drone attack on power plant

ZHELEZNOGORSK /Kursk Region/, March 3. /TASS/. Air defence forces shot down four drones over the Kursk Region \
overnight, Governor Roman Starovoit said on Sunday.
"Debris fell near a substation in Zheleznogorsk, but nobody was hurt," he wrote on his Telegram channel.
Earlier, officials in the Krasnodar Territory said a fuel depot in Yeysk had been hit.
"""


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_region_word_gives_the_region_not_the_city(gazetteer: Gazetteer) -> None:
    region = gazetteer.lookup("Kursk Region")
    city = gazetteer.lookup("Kursk")
    assert region is not None and city is not None
    assert (region.kind, region.country, city.kind) == ("admin1", "RU", "city")
    assert region.population > city.population  # the region's places together
    territory = gazetteer.lookup("Krasnodar Territory")
    assert territory is not None and territory.kind == "admin1"
    assert gazetteer.lookup("Quebec Province") == gazetteer.lookup("Quebec")
    assert gazetteer.lookup("France Region") is None  # a country is no region's name


def test_every_place_of_the_wire_story_has_coordinates() -> None:
    article = extract(WIRE, "2024-03-04")
    dl = article.structure.dateline
    assert dl is not None and (dl.place, dl.agency, dl.date) == ("Zheleznogorsk", "TASS", "2024-03-03")
    places = {e.name: e for e in article.entities if e.type == "place"}
    # regions under their English names, whatever the copy called them
    assert {"Zheleznogorsk", "Kursk Oblast", "Krasnodar Krai", "Yeysk"} <= set(places)
    for e in places.values():
        assert e.lat is not None and e.lon is not None and e.country == "RU", e
    # the dateline's Zheleznogorsk is the one in the Kursk region (there is another in Siberia)
    assert abs(places["Zheleznogorsk"].lon - places["Kursk Oblast"].lon) < 3  # type: ignore[operator]
