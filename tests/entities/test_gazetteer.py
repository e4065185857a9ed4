"""Table tests for the offline gazetteer: ambiguous names with and without context, negatives."""

from __future__ import annotations

import pytest

from wirewatch.config import Settings
from wirewatch.entities.gazetteer import Gazetteer, Place, gazetteer, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# (surface name, context countries, name of a place to pass as `near` or None,
#  expected canonical name, kind, country)
CASES: list[tuple[str, tuple[str, ...], str | None, str, str, str | None]] = [
    # Paris
    ("Paris", (), None, "Paris", "city", "FR"),
    ("Paris", ("US",), "Texas", "Paris", "city", "US"),
    ("Paris", (), "Texas", "Paris", "city", "US"),
    # Georgia: the country unless the context is American
    ("Georgia", (), None, "Georgia", "country", "GE"),
    ("Georgia", ("US",), None, "Georgia", "admin1", "US"),
    ("Georgia", (), "Atlanta", "Georgia", "admin1", "US"),
    # Moscow, Cambridge, Birmingham, Portland
    ("Moscow", (), None, "Moscow", "city", "RU"),
    ("Moscow", ("US",), None, "Moscow", "city", "US"),
    ("MOSCOW", (), None, "Moscow", "city", "RU"),
    ("Cambridge", (), None, "Cambridge", "city", "GB"),
    ("Cambridge", ("US",), None, "Cambridge", "city", "US"),
    ("Cambridge", ("CA",), None, "Cambridge", "city", "CA"),
    ("Birmingham", (), None, "Birmingham", "city", "GB"),
    ("Birmingham", ("US",), None, "Birmingham", "city", "US"),
    ("Portland", (), None, "Portland", "city", "US"),
    # Victoria: the Australian state by default and in Australia, the city elsewhere
    ("Victoria", (), None, "Victoria", "admin1", "AU"),
    ("Victoria", ("AU",), None, "Victoria", "admin1", "AU"),
    ("Victoria", ("CA",), None, "Victoria", "city", "CA"),
    ("Victoria", ("SC",), None, "Victoria", "city", "SC"),
    # Alexandria, Tripoli, Santiago, Valencia, Córdoba, Hyderabad
    ("Alexandria", (), None, "Alexandria", "city", "EG"),
    ("Alexandria", ("US",), None, "Alexandria", "city", "US"),
    ("Tripoli", (), None, "Tripoli", "city", "LY"),
    ("Tripoli", ("LB",), None, "Tripoli", "city", "LB"),
    ("Santiago", (), None, "Santiago", "city", "CL"),
    ("Santiago", ("DO",), None, "Santiago de los Caballeros", "city", "DO"),
    ("Valencia", (), None, "Valencia", "city", "ES"),
    ("Valencia", ("VE",), None, "Valencia", "city", "VE"),
    ("Córdoba", (), None, "Córdoba", "city", "AR"),
    ("Cordoba", ("ES",), None, "Córdoba", "city", "ES"),
    ("CÓRDOBA", ("MX",), None, "Córdoba", "city", "MX"),
    ("Hyderabad", (), None, "Hyderabad", "city", "IN"),
    ("Hyderabad", ("PK",), None, "Hyderabad", "city", "PK"),
    # unambiguous news places
    ("Aleppo", (), None, "Aleppo", "city", "SY"),
    ("Aleppo", ("US",), None, "Aleppo", "city", "SY"),
    ("Geneva", (), None, "Geneva", "city", "CH"),
    ("Syria", (), None, "Syria", "country", "SY"),
    ("Syria", ("US",), None, "Syria", "country", "SY"),
    ("Syria's", (), None, "Syria", "country", "SY"),
    ("Kyiv", (), None, "Kyiv", "city", "UA"),
    ("Kiev", (), None, "Kyiv", "city", "UA"),
    ("Odessa", (), None, "Odesa", "city", "UA"),
    ("Peking", (), None, "Beijing", "city", "CN"),
    ("Bombay", (), None, "Mumbai", "city", "IN"),
    ("St. Petersburg", (), None, "Saint Petersburg", "city", "RU"),
    ("Saint Louis", (), None, "St. Louis", "city", "US"),
    ("The Hague", (), None, "The Hague", "city", "NL"),
    # country name variants
    ("US", (), None, "United States", "country", "US"),
    ("U.S.", (), None, "United States", "country", "US"),
    ("USA", (), None, "United States", "country", "US"),
    ("the United States", (), None, "United States", "country", "US"),
    ("America", (), None, "United States", "country", "US"),
    ("UK", (), None, "United Kingdom", "country", "GB"),
    ("U.K.", (), None, "United Kingdom", "country", "GB"),
    ("Britain", (), None, "United Kingdom", "country", "GB"),
    ("Britain’s", (), None, "United Kingdom", "country", "GB"),
    ("Great Britain", (), None, "United Kingdom", "country", "GB"),
    ("the Netherlands", (), None, "The Netherlands", "country", "NL"),
    ("Holland", (), None, "The Netherlands", "country", "NL"),
    ("Russia", (), None, "Russia", "country", "RU"),
    ("South Korea", (), None, "South Korea", "country", "KR"),
    ("North Korea", (), None, "North Korea", "country", "KP"),
    ("Iran", (), None, "Iran", "country", "IR"),
    ("Ivory Coast", (), None, "Ivory Coast", "country", "CI"),
    ("Côte d'Ivoire", (), None, "Ivory Coast", "country", "CI"),
    ("Czech Republic", (), None, "Czechia", "country", "CZ"),
    ("Czechia", (), None, "Czechia", "country", "CZ"),
    ("Congo", (), None, "Democratic Republic of the Congo", "country", "CD"),
    ("Burma", (), None, "Myanmar", "country", "MM"),
    ("UAE", (), None, "United Arab Emirates", "country", "AE"),
    ("Mexico", (), None, "Mexico", "country", "MX"),
    ("Kuwait", (), None, "Kuwait", "country", "KW"),
    # Washington: the capital by default, the state near Seattle
    ("Washington", (), None, "Washington", "city", "US"),
    ("Washington", ("US",), None, "Washington", "city", "US"),
    ("Washington", (), "Seattle", "Washington", "admin1", "US"),
    ("New York", (), None, "New York City", "city", "US"),
    ("NYC", (), None, "New York City", "city", "US"),
    ("D.C.", (), None, "Washington", "city", "US"),
    ("Washington state", (), None, "Washington", "admin1", "US"),
    ("New York State", (), None, "New York", "admin1", "US"),
    # Jordan, Lebanon: countries, unless the context is American (Lebanon, Tennessee etc.)
    ("Jordan", (), None, "Jordan", "country", "JO"),
    ("Jordan", ("US",), None, "Jordan", "country", "JO"),
    ("Lebanon", (), None, "Lebanon", "country", "LB"),
    ("Lebanon", ("US",), None, "Lebanon", "city", "US"),
    ("Lebanon", ("US", "LB"), None, "Lebanon", "country", "LB"),
    # Springfield: chosen by `near`
    ("Springfield", ("US",), "Illinois", "Springfield", "city", "US"),
    ("Springfield", ("US",), "Massachusetts", "Springfield", "city", "US"),
    # admin1 regions beyond the US, and continents
    ("Quebec", (), None, "Quebec", "admin1", "CA"),
    ("Ontario", (), None, "Ontario", "admin1", "CA"),
    ("Scotland", (), None, "Scotland", "admin1", "GB"),
    ("Texas", (), None, "Texas", "admin1", "US"),
    ("Europe", (), None, "Europe", "continent", None),
    ("Africa", (), None, "Africa", "continent", None),
]


@pytest.mark.parametrize(("name", "context", "near", "expected", "kind", "country"), CASES)
def test_lookup(
    gaz: Gazetteer,
    name: str,
    context: tuple[str, ...],
    near: str | None,
    expected: str,
    kind: str,
    country: str | None,
) -> None:
    near_place = gaz.lookup(near) if near else None
    if near:
        assert near_place is not None, near
    place = gaz.lookup(name, context_countries=context, near=near_place)
    assert place is not None, name
    assert (place.name, place.kind, place.country) == (expected, kind, country)


# (name, context, near, lat range, lon range): where the coordinates must fall
BOXES: list[tuple[str, tuple[str, ...], str | None, tuple[float, float], tuple[float, float]]] = [
    ("Aleppo", (), None, (36.0, 36.4), (37.0, 37.3)),
    ("Paris", ("US",), "Texas", (33.5, 33.8), (-95.7, -95.4)),
    ("Springfield", ("US",), "Illinois", (39.7, 39.9), (-89.8, -89.5)),
    ("Cambridge", ("US",), None, (42.3, 42.5), (-71.2, -71.0)),
    # representative points of countries and states fall inside them
    ("Syria", (), None, (32.3, 37.3), (35.7, 42.4)),
    ("Georgia", (), None, (41.0, 43.6), (40.0, 46.7)),
    ("Georgia", ("US",), None, (30.4, 35.0), (-85.6, -80.8)),
    ("United States", (), None, (25.0, 49.0), (-125.0, -67.0)),
    ("Russia", (), None, (41.0, 82.0), (27.0, 180.0)),
    ("Fiji", (), None, (-19.5, -15.5), (176.0, 180.0)),
    ("Victoria", ("AU",), None, (-39.2, -34.0), (140.9, 150.0)),
]


@pytest.mark.parametrize(("name", "context", "near", "lat", "lon"), BOXES)
def test_coordinates(
    gaz: Gazetteer,
    name: str,
    context: tuple[str, ...],
    near: str | None,
    lat: tuple[float, float],
    lon: tuple[float, float],
) -> None:
    place = gaz.lookup(name, context_countries=context, near=gaz.lookup(near) if near else None)
    assert place is not None
    assert lat[0] <= place.lat <= lat[1], (place.name, place.lat)
    assert lon[0] <= place.lon <= lon[1], (place.name, place.lon)


@pytest.mark.parametrize(
    "name",
    [
        "may",  # lower case: a word, not the place
        "reading",
        "paris",
        "the netherlands",
        "",
        "   ",
        "Reuters",
        "President",
        "Friday",
        "May",
        "March",
        "MAY",
        "Mark",
        "Trump",
        "Us",  # "US" only in capitals
        "Police",
        "Independence",
        "Most",
        "Xyzzyville",
        "123",
    ],
)
def test_not_a_place(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) is None
    assert gaz.lookup(name, context_countries={"US"}) is None
    assert not gaz.is_place_name(name)


def test_is_place_name(gaz: Gazetteer) -> None:
    assert gaz.is_place_name("Aleppo")
    assert gaz.is_place_name("U.S.")
    assert gaz.is_place_name("KYIV")


def test_candidates_are_ranked_and_case_insensitive(gaz: Gazetteer) -> None:
    georgia = gaz.candidates("georgia")
    assert [(p.kind, p.country) for p in georgia[:2]] == [("country", "GE"), ("admin1", "US")]
    paris = gaz.candidates("PARIS")
    assert paris[0].country == "FR"
    assert any(p.country == "US" for p in paris)
    assert gaz.candidates("Nowhere at all") == ()
    # Candidates apply no capitalisation or stoplist rule: that is lookup's job.
    assert gaz.candidates("may") == gaz.candidates("May")


def test_alternate_names_are_latin_script_only(gaz: Gazetteer) -> None:
    assert gaz.candidates("Москва") == ()  # Cyrillic alternate name of Moscow is not indexed
    # IATA code of Guangzhou is not a name (Çan, Turkey, legitimately is)
    assert all(p.name != "Guangzhou" for p in gaz.candidates("CAN"))


def test_place_is_frozen_and_typed(gaz: Gazetteer) -> None:
    place = gaz.lookup("Geneva")
    assert isinstance(place, Place)
    assert isinstance(place.geonameid, int) and place.population > 100_000
    with pytest.raises(AttributeError):
        place.name = "Genf"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("the U.S.'s", "us"),
        ("Córdoba", "cordoba"),
        ("St. Étienne", "saint etienne"),
        ("Sainte-Foy", "sainte foy"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  New   York ", "new york"),
        ("Russia’s", "russia"),
        ("Łódź", "lodz"),
    ],
)
def test_normalize(raw: str, key: str) -> None:
    assert normalize(raw) == key


def test_load_is_cached_per_min_population(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz
    assert Gazetteer.load(1000) is gaz
    assert gazetteer() is gaz
    assert gazetteer(Settings()) is gaz


def test_higher_min_population_drops_small_cities_but_keeps_countries() -> None:
    big = Gazetteer.load(1_000_000)
    assert big.min_population == 1_000_000
    paris = big.lookup("Paris", context_countries={"US"})
    assert paris is not None and paris.country == "FR"  # Paris, Texas is below the floor
    tuvalu = big.lookup("Tuvalu")
    assert tuvalu is not None and tuvalu.kind == "country" and tuvalu.lat != 0.0
