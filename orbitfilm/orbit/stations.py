"""Ground stations that can talk to the station: bundled sites and user-defined ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

DEFAULT_MASK_DEG = 5.0


@dataclass(frozen=True)
class GroundStation:
    """A ground antenna: WGS84 position and the elevation mask above which it has contact."""

    id: str
    name: str
    lat_deg: float
    lon_deg: float
    alt_m: float = 0.0
    mask_deg: float = DEFAULT_MASK_DEG


# Sites of the Russian ground segment that serve the ISS Russian segment and of the NASA
# network, at the published coordinates of their towns or complexes (to a few kilometres,
# which moves a contact by well under a second of the station's 7.7 km/s).
BUNDLED_STATIONS: dict[str, GroundStation] = {s.id: s for s in (
    GroundStation("tsup", "Mission Control Centre TsUP, Korolyov", 55.9117, 37.8097, 150.0),
    GroundStation("shchyolkovo", "NIP-14 Shchyolkovo", 55.9250, 38.0167, 160.0),
    GroundStation("ussuriysk", "NIP-15 Ussuriysk", 44.0167, 131.7500, 100.0),
    GroundStation("petropavlovsk", "NIP-6 Petropavlovsk-Kamchatsky (Yelizovo)", 53.0667,
                  158.6000, 100.0),
    GroundStation("baikonur", "Baikonur Cosmodrome tracking station", 45.9200, 63.3420, 100.0),
    GroundStation("white-sands", "NASA White Sands Complex, New Mexico", 32.5007, -106.6086,
                  1450.0),
    GroundStation("wallops", "NASA Wallops Flight Facility, Virginia", 37.9249, -75.4765, 5.0),
    GroundStation("houston", "NASA Johnson Space Center, Houston", 29.5593, -95.0900, 10.0),
    GroundStation("guam", "NASA Guam Remote Ground Terminal", 13.6148, 144.8559, 200.0),
)}

_ID = r"[A-Za-z][A-Za-z0-9_.-]*"


STATION_FIELDS = ("LAT", "LON", "ALT_M", "MASK_DEG")


def parse_ground_station(text: str) -> GroundStation:
    """Parse ``ID=LAT,LON,ALT_M,MASK_DEG`` (all four numbers) into a station."""
    match = re.fullmatch(rf"\s*({_ID})\s*=\s*(.+)", text)
    if not match:
        raise InputError(f"ground station {text!r}: expected ID=LAT,LON,ALT_M,MASK_DEG, "
                         f"e.g. svalbard=78.23,15.39,500,5")
    station_id, numbers = match.groups()
    parts = [part.strip() for part in numbers.split(",")]
    if len(parts) != len(STATION_FIELDS):
        raise InputError(f"ground station {text!r}: expected 4 numbers LAT,LON,ALT_M,MASK_DEG, "
                         f"got {len(parts)}")
    values = []
    for name, part in zip(STATION_FIELDS, parts):
        try:
            values.append(float(part))
        except ValueError:
            raise InputError(f"ground station {text!r}: {name} must be a number, got "
                             f"{part!r}") from None
    return make_station(station_id, *values)


def make_station(station_id: str, lat_deg: float, lon_deg: float, alt_m: float = 0.0,
                 mask_deg: float = DEFAULT_MASK_DEG, name: str | None = None) -> GroundStation:
    """Return a checked ground station; raise ``InputError`` for impossible values."""
    if not -90.0 <= lat_deg <= 90.0:
        raise InputError(f"ground station {station_id}: latitude {lat_deg} is outside -90..90")
    if not -180.0 <= lon_deg <= 360.0:
        raise InputError(f"ground station {station_id}: longitude {lon_deg} is outside -180..360")
    if not -10.0 <= mask_deg < 90.0:
        raise InputError(f"ground station {station_id}: mask {mask_deg} deg is outside -10..90")
    return GroundStation(station_id, name or station_id, lat_deg, lon_deg, alt_m, mask_deg)


def station_by_id(station_id: str, extra: dict[str, GroundStation] | None = None) -> GroundStation:
    """Return a bundled or extra station by id; the error lists the ids that would work."""
    known = {**BUNDLED_STATIONS, **(extra or {})}
    if station_id not in known:
        raise InputError(f"unknown ground station {station_id!r}; known: {', '.join(sorted(known))}"
                         f" (or define one with --ground-station ID=LAT,LON,ALT_M,MASK_DEG)")
    return known[station_id]
