"""Water bodies (Natural Earth's named marine areas in the shipped index): seas, gulfs, straits
and channels resolve to the water body, with a point inside it, never to a namesake town or
region; and in an invented TASS story every such place gets coordinates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wirewatch.entities.gazetteer import Gazetteer
from wirewatch.pipeline import extract

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from gazetteer_water import representative_point  # noqa: E402

sys.path.pop(0)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# (surface, name, (lat min, lat max), (lon min, lon max)): the point lies in the water body's box
WATER = [
    ("Black Sea", "Black Sea", (41.0, 47.0), (27.5, 41.8)),
    ("the Black Sea", "Black Sea", (41.0, 47.0), (27.5, 41.8)),
    ("Gulf of Finland", "Gulf of Finland", (59.2, 60.8), (22.0, 30.5)),
    ("Baltic Sea", "Baltic Sea", (53.5, 60.0), (9.5, 24.0)),
    ("Sea of Azov", "Sea of Azov", (45.2, 47.3), (34.8, 39.3)),
    ("Persian Gulf", "Persian Gulf", (24.0, 30.5), (48.0, 56.5)),
    ("Red Sea", "Red Sea", (12.5, 30.0), (32.5, 43.5)),
    ("English Channel", "English Channel", (48.4, 51.2), (-6.6, 1.8)),
    ("Strait of Gibraltar", "Strait of Gibraltar", (35.7, 36.2), (-6.1, -5.3)),
    ("Gibraltar Strait", "Strait of Gibraltar", (35.7, 36.2), (-6.1, -5.3)),
    ("Strait of Malacca", "Strait of Malacca", (1.0, 8.5), (95.0, 104.0)),
    ("Malacca Strait", "Strait of Malacca", (1.0, 8.5), (95.0, 104.0)),
    ("Bosporus", "Bosporus", (41.0, 41.25), (28.9, 29.2)),
    ("Mediterranean Sea", "Mediterranean Sea", (30.0, 46.0), (-5.5, 36.5)),
    ("Bering Sea", "Bering Sea", (51.0, 66.5), (-180.0, 180.0)),
    ("Gulf of Mexico", "Gulf of Mexico", (18.0, 31.0), (-98.0, -80.0)),
    ("Atlantic Ocean", "Atlantic Ocean", (-60.0, 60.0), (-70.0, 20.0)),
]


@pytest.mark.parametrize(("surface", "name", "lat", "lon"), WATER)
def test_water_bodies_resolve_with_a_point_inside(
    gaz: Gazetteer, surface: str, name: str, lat: tuple[float, float], lon: tuple[float, float]
) -> None:
    place = gaz.lookup(surface)
    assert place is not None, surface
    assert (place.name, place.kind, place.country) == (name, "water", None)
    assert lat[0] <= place.lat <= lat[1] and lon[0] <= place.lon <= lon[1], place


def test_a_named_water_body_outranks_its_namesake_region_whatever_the_context(gaz: Gazetteer) -> None:
    # Sudan and Egypt have a "Red Sea" state/governorate; the sea is meant, even in a story on Egypt
    kinds = {p.kind for p in gaz.candidates("Red Sea")}
    assert {"water", "admin1"} <= kinds
    red = gaz.lookup("Red Sea", context_countries={"EG", "SD"})
    assert red is not None and red.kind == "water"


# a name with no water word stays what it was: Natural Earth's "Kaliningrad" (the Curonian
# Lagoon) and "Bahía Blanca" (the bay) are not indexed over the cities; other names are no water
NOT_WATER = [
    ("Kaliningrad", "city", "RU"),
    ("Bahía Blanca", "city", "AR"),
    ("Kerch", "city", "UA"),
    ("Finland", "country", "FI"),
    ("Azov", "city", "RU"),
]


@pytest.mark.parametrize(("surface", "kind", "country"), NOT_WATER)
def test_towns_and_countries_are_not_water(gaz: Gazetteer, surface: str, kind: str, country: str) -> None:
    place = gaz.lookup(surface)
    assert place is not None and (place.kind, place.country) == (kind, country)


def test_water_bodies_are_no_place_names_for_the_people_finder(gaz: Gazetteer) -> None:
    # "Davis Strait" or "Hudson Bay" must not hide a person "Davis" or "Hudson"
    assert not gaz.is_place_name("Hudson Bay") and not gaz.is_place_name("Davis Strait")


WIRE = """Frigate enters Black Sea after drills

NOVO-OGARYOVO /Moscow Region/, March 3. /TASS/. A Russian frigate sailed into the Black Sea on Sunday after \
drills in the Gulf of Finland and the Baltic Sea, the Defence Ministry said.
Tankers bound for Egypt were rerouted away from the Red Sea, and ferries in the English Channel were delayed.
Officials in the Kursk Region, the Krasnodar Territory and Bavaria reported no damage.
"""


def test_every_water_body_and_region_of_the_wire_story_has_coordinates() -> None:
    article = extract(WIRE, "2024-03-04")
    dl = article.structure.dateline
    assert dl is not None and (dl.place, dl.agency, dl.date) == ("Novo-Ogaryovo", "TASS", "2024-03-03")
    places = {e.name: e for e in article.entities if e.type == "place"}
    water = {"Black Sea", "Gulf of Finland", "Baltic Sea", "Red Sea", "English Channel"}
    regions = {"Moscow Oblast", "Kursk Oblast", "Krasnodar Krai", "Bavaria"}
    assert water | regions <= set(places)
    for e in places.values():
        assert e.lat is not None and e.lon is not None, e
    for name in water:
        assert places[name].country is None
    # the dateline's region is a place of the story, at the words the dateline writes
    (start, end), *_ = places["Moscow Oblast"].mentions
    assert WIRE[start:end] == "Moscow Region" and start < dl.end
    # the regions are the regions, not their namesake cities
    assert {places[n].country for n in regions} == {"RU", "DE"}
    assert "Kursk" not in places and "Krasnodar" not in places
    # "English Channel", where the small model tags "English" alone, is the channel, not a town
    assert "English" not in places


def test_representative_point_stays_inside_a_crescent() -> None:
    # a C-shaped ring whose centroid falls in the gap
    ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 2.0), (2.0, 2.0), (2.0, 8.0), (10.0, 8.0), (10.0, 10.0), (0.0, 10.0)]
    _area, lat, lon = representative_point([ring])
    assert 0 < lat < 10 and 0 < lon < 10
    assert lon < 2 or lat < 2 or lat > 8  # on the ring's arms, not in the gap


def test_representative_point_across_the_antimeridian() -> None:
    ring = [(175.0, 50.0), (180.0, 50.0), (-175.0, 50.0), (-175.0, 60.0), (180.0, 60.0), (175.0, 60.0)]
    _area, lat, lon = representative_point([ring])
    assert abs(lat - 55.0) < 0.01 and abs(abs(lon) - 180.0) < 0.01
