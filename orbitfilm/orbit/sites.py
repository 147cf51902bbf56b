"""Launch sites: the bundled crewed-launch pads and sites a person defines.

A site launches into a station's plane when the Earth's turning carries it through that
plane. Twice a day it does so for any plane whose inclination exceeds the site's latitude:
once where the station's track runs north-east over the site (the ascending half of the
orbit) and once where it runs south-east. Range safety fixes which one a pad may use; every
crewed launch to the ISS from Baikonur and Kennedy goes north-east.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..errors import InputError

NORTHEAST = "northeast"
SOUTHEAST = "southeast"
_HEADINGS = {"ne": NORTHEAST, "northeast": NORTHEAST, "se": SOUTHEAST, "southeast": SOUTHEAST}


@dataclass(frozen=True)
class LaunchSite:
    """A launch pad: WGS84 position and the heading its range allows towards the plane."""

    id: str
    name: str
    lat_deg: float
    lon_deg: float
    alt_m: float = 0.0
    heading: str = NORTHEAST

    def reaches_inclination(self, inclination_deg: float) -> bool:
        """Return whether the Earth's turning ever carries the site through such a plane."""
        # A plane of inclination i holds the latitudes within min(i, 180 - i) of the equator.
        return abs(self.lat_deg) <= min(inclination_deg, 180.0 - inclination_deg)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "lat_deg": self.lat_deg,
                "lon_deg": self.lon_deg, "alt_m": self.alt_m, "heading": self.heading}


# Pad coordinates: Site 31/6 and LC-39A as given with the project's ISS data (survey values
# to 1e-6 degree); the others from the pads' published positions (Roscosmos / Space Force
# range documents, as collected on the pads' Wikipedia pages), good to about 100 m, which is
# 0.02 s of the Earth's turning at those latitudes.
SITES: dict[str, LaunchSite] = {s.id: s for s in (
    LaunchSite("baikonur-31", "Baikonur Cosmodrome Site 31/6", 45.996034, 63.564003, 100.0),
    LaunchSite("baikonur-1", "Baikonur Cosmodrome Site 1/5 (Gagarin's Start)", 45.920278,
               63.342222, 90.0),
    LaunchSite("vostochny", "Vostochny Cosmodrome Site 1S", 51.884395, 128.333932, 250.0),
    LaunchSite("kennedy-39a", "Kennedy Space Center LC-39A", 28.60822681, -80.60428186, 15.0),
    LaunchSite("canaveral-40", "Cape Canaveral SFS SLC-40", 28.561944, -80.577222, 10.0),
    # Starliner flies on Atlas V from SLC-41, the pad of its flights to the ISS.
    LaunchSite("canaveral-41", "Cape Canaveral SFS SLC-41", 28.583333, -80.583056, 10.0),
)}

_ID = r"[A-Za-z][A-Za-z0-9_.-]*"


def site_by_id(site_id: str) -> LaunchSite:
    """Return the bundled site of that id; raise ``InputError`` listing the ids that exist."""
    try:
        return SITES[site_id]
    except KeyError:
        raise InputError(f"unknown launch site {site_id!r}; known sites: {', '.join(SITES)} "
                         f"(or define one as ID=LAT,LON[,ALT_M[,ne|se]])", field="site") from None


def parse_site(text: str) -> LaunchSite:
    """Return a bundled site by id, or parse ``ID=LAT,LON[,ALT_M[,ne|se]]`` into a new one."""
    if "=" not in text:
        return site_by_id(text.strip())
    match = re.fullmatch(rf"\s*({_ID})\s*=\s*(.+)", text)
    if not match:
        raise InputError(f"site {text!r}: expected ID=LAT,LON[,ALT_M[,ne|se]], "
                         f"e.g. plesetsk=62.925,40.577,130")
    site_id, rest = match.groups()
    parts = [p.strip() for p in rest.split(",")]
    heading = NORTHEAST
    # The heading comes after LAT,LON (and ALT_M): a fourth value, or a third that is a word.
    if len(parts) == 4 or (len(parts) == 3 and re.fullmatch(r"[A-Za-z]+", parts[-1])):
        word = parts.pop()
        if word.lower() not in _HEADINGS:
            raise InputError(f"site {text!r}: the heading must be ne or se (which side of the "
                             f"pad the track runs), got {word!r}")
        heading = _HEADINGS[word.lower()]
    if not 2 <= len(parts) <= 3:
        raise InputError(f"site {text!r}: expected LAT,LON[,ALT_M[,ne|se]], got "
                         f"{len(parts)} values")
    numbers = []
    for name, part in zip(("LAT", "LON", "ALT_M"), parts):
        try:
            numbers.append(float(part))
        except ValueError:
            raise InputError(f"site {text!r}: {name} must be a number, got {part!r}") from None
    return make_site(site_id, *numbers, heading=heading)


def make_site(site_id: str, lat_deg: float, lon_deg: float, alt_m: float = 0.0, *,
              name: str | None = None, heading: str = NORTHEAST) -> LaunchSite:
    """Return a checked user-defined site (for the command line and production files)."""
    if not re.fullmatch(_ID, site_id):
        raise InputError(f"site id {site_id!r} must start with a letter and hold only letters, "
                         f"digits, '_', '.', '-'", field="site")
    if not np.isfinite(lat_deg) or not -90.0 <= lat_deg <= 90.0:
        raise InputError(f"site {site_id}: latitude {lat_deg} is outside -90..90 degrees",
                         field="site")
    if not np.isfinite(lon_deg) or not -180.0 <= lon_deg <= 360.0:
        raise InputError(f"site {site_id}: longitude {lon_deg} is outside -180..360 degrees",
                         field="site")
    if not np.isfinite(alt_m) or not -500.0 <= alt_m <= 9000.0:
        raise InputError(f"site {site_id}: altitude {alt_m} m is outside -500..9000 m",
                         field="site")
    if heading not in (NORTHEAST, SOUTHEAST):
        raise InputError(f"site {site_id}: heading {heading!r} must be {NORTHEAST} or "
                         f"{SOUTHEAST}", field="site")
    return LaunchSite(site_id, name or site_id, float(lat_deg), float(lon_deg), float(alt_m),
                      heading)
