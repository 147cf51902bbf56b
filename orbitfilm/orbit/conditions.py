"""The conditions the orbit engine knows: one entry each, read by everything that names one.

A ``Condition`` says how it is computed and how it is called:

- a *base* condition has a margin, a function of a whole ``Track`` that is positive exactly
  where the condition holds, and the step at which the search samples it (skyfield's
  ``step_days``, in seconds); the engine refines its sign changes to a millisecond;
- a *derived* condition is made of others (``penumbra``, ``orbital_sunrise``);
- a *family* is a base condition for each ground station or region (``contact:ID``,
  ``over:ID``): its margin is made for the thing the id names.

The environment engine computes what this registry lists, the production checks accept the
names it knows, and the plan document carries each condition's label for the reports.
Adding a condition is one entry here (and its tests). The definitions tests rely on are
DESIGN.md's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet
from .geometry import angle_between, elevation_rad, itrs_from_geodetic, teme_to_itrs, up_vector
from .regions import Region
from .stations import GroundStation
from .track import Track

# Light and view change a few times an orbit; a grazing eclipse or a low pass is caught by
# the search for hidden pairs of roots at every local extremum (``events``).
SMOOTH_STEP_S = 60.0
# Polygon membership is a step function: a coarse look for nearness (77 km of ground track),
# then fine samples near the region (``regions``).
REGION_COARSE_STEP_S = 10.0
REGION_STEP_S = 1.0

Margin = Callable[[Track], np.ndarray]


@dataclass(frozen=True)
class Condition:
    """One condition: its name as files write it, its label for people, how it is computed."""

    name: str
    label: str
    definition: str
    margin: Margin | None = None
    step_s: float | None = None
    derive: Callable | None = None
    by_default: bool = True
    events: tuple[str, str] | None = None  # what its start and end are called, for tables

    @property
    def is_base(self) -> bool:
        return self.margin is not None


# -- margins: positive exactly where the condition holds ---------------------------------

def sunlit_margin(track: Track) -> np.ndarray:
    """Return how far (rad) the Sun's centre clears the Earth's disk, seen from the station."""
    separation, earth, _ = track.shadow_angles
    return separation - earth


def full_sun_margin(track: Track) -> np.ndarray:
    separation, earth, sun = track.shadow_angles
    return separation - earth - sun


def umbra_margin(track: Track) -> np.ndarray:
    separation, earth, sun = track.shadow_angles
    return earth - sun - separation


def earth_lit_margin(track: Track) -> np.ndarray:
    """Return the Sun's geometric altitude (rad) at the station's WGS84 sub-point."""
    lat, lon, _ = track.geodetic
    ground_km = itrs_from_geodetic(lat, lon, 0.0)
    sun_itrs_km = teme_to_itrs(track.sun_teme_km, track.gmst_rad)
    return elevation_rad(sun_itrs_km, ground_km, up_vector(lat, lon))


def moon_up_margin(track: Track) -> np.ndarray:
    """Return how far (rad) the Moon's centre stands above the Earth's limb from the station."""
    to_moon = track.moon_teme_km - track.r_teme_km
    return angle_between(-track.r_teme_km, to_moon) - track.earth_radius_rad


def contact_margin(station: GroundStation) -> Margin:
    """Return the margin of ``contact:ID``: the station's elevation above the mask (rad)."""
    lat, lon = np.radians(station.lat_deg), np.radians(station.lon_deg)
    site_km = itrs_from_geodetic(lat, lon, station.alt_m / 1000.0)
    up = up_vector(lat, lon)
    mask = np.radians(station.mask_deg)

    def margin(track: Track) -> np.ndarray:
        return elevation_rad(track.r_itrs_km, site_km, up) - mask

    return margin


def over_margin(region: Region) -> Margin:
    """Return the margin of ``over:ID``: +1 where the sub-point is inside, -1 outside."""
    def margin(track: Track) -> np.ndarray:
        lat, lon, _ = track.geodetic
        return np.where(region.contains(np.degrees(lat), np.degrees(lon)), 1.0, -1.0)

    return margin


# -- the registry -------------------------------------------------------------------------

def _complement(of: str):
    return lambda get, edge_s: get(of).complement()


REGISTRY: dict[str, Condition] = {c.name: c for c in (
    Condition("sunlit", "station sunlit",
              "the line from the station to the Sun's centre clears a sphere of 6378.137 km "
              "(skyfield's is_sunlit)", sunlit_margin, SMOOTH_STEP_S),
    Condition("umbra", "orbital night",
              "the solar disk wholly hidden by the Earth", umbra_margin, SMOOTH_STEP_S,
              events=("orbital sunset", "orbital sunrise")),
    Condition("orbital_day", "orbital day",
              "full sunlight: no part of the solar disk hidden", full_sun_margin, SMOOTH_STEP_S),
    Condition("penumbra", "penumbra", "the solar disk partly hidden by the Earth",
              derive=lambda get, edge_s: get("umbra").union(get("orbital_day")).complement()),
    Condition("earth_lit", "Earth below lit",
              "the Sun's centre above the geometric horizon at the WGS84 sub-point",
              earth_lit_margin, SMOOTH_STEP_S,
              events=("Earth below lit", "Earth below dark")),
    Condition("earth_dark", "Earth below dark", "not earth_lit", derive=_complement("earth_lit")),
    Condition("orbital_night", "orbital night", "umbra",
              derive=lambda get, edge_s: get("umbra")),
    Condition("orbital_sunrise", "orbital sunrise",
              "the production's minutes right after umbra ends",
              derive=lambda get, edge_s: get("umbra").after_ends(edge_s)),
    Condition("orbital_sunset", "orbital sunset",
              "the production's minutes right before umbra begins",
              derive=lambda get, edge_s: get("umbra").before_starts(edge_s)),
    Condition("moon_up", "Moon up",
              "the Moon's centre above the station's horizon: the line from the station to "
              "it clears a sphere of 6378.137 km (a shot of the Moon through a window)",
              moon_up_margin, SMOOTH_STEP_S, by_default=False, events=("moonrise", "moonset")),
)}

CONDITIONS = REGISTRY  # the public name of the registry

# Families: a base condition for each ground station (``contact:ID``) or region (``over:ID``).
FAMILIES: dict[str, Condition] = {c.name: c for c in (
    Condition("contact", "contact with", "the station at or above the ground station's "
              "elevation mask", step_s=SMOOTH_STEP_S),
    Condition("over", "over", "the WGS84 sub-point inside the region's polygons",
              step_s=REGION_STEP_S),
)}
_FAMILY_NAME = re.compile(r"(contact|over):([A-Za-z0-9][A-Za-z0-9_.-]*)")


def is_known(name: str) -> bool:
    """Return whether ``name`` is a condition of the registry, or of one of its families."""
    return name in REGISTRY or bool(_FAMILY_NAME.fullmatch(name))


def family_of(name: str) -> tuple[str, str] | None:
    """Return (family, id) of ``contact:ID`` or ``over:ID``, else ``None``."""
    match = _FAMILY_NAME.fullmatch(name)
    return (match.group(1), match.group(2)) if match else None


def known_names() -> list[str]:
    """Return every name a production may use, families as ``contact:ID`` and ``over:ID``."""
    return list(REGISTRY) + [f"{family}:ID" for family in FAMILIES]


def require_known(name: str, field: str = "condition") -> None:
    """Raise ``InputError`` unless ``name`` is a condition of the registry or a family's,
    naming the known ones (``moonup`` is not ``moon_up``)."""
    if not is_known(name):
        raise InputError(f"unknown condition {name!r}; known: {', '.join(known_names())}",
                         field=field)


def base_names(requested=()) -> list[str]:
    """Return the base conditions to compute: the defaults, and those ``requested`` needs."""
    wanted = [c.name for c in REGISTRY.values() if c.is_base and c.by_default]
    for name in requested:
        condition = REGISTRY.get(name)
        if condition is not None and condition.is_base and name not in wanted:
            wanted.append(name)
    return wanted


def label(name: str, places: dict[str, str] | None = None) -> str:
    """Return a condition's name for people: ``contact:tsup`` -> ``contact with <station>``."""
    found = family_of(name)
    if found:
        family, ident = found
        return f"{FAMILIES[family].label} {(places or {}).get(ident, ident)}"
    condition = REGISTRY.get(name)
    return condition.label if condition else name.replace("_", " ")


def derived(name: str, get: Callable[[str], IntervalSet], edge_s: float) -> IntervalSet | None:
    """Return a derived condition from the others (``get`` returns one by name), or ``None``."""
    condition = REGISTRY.get(name)
    if condition is None or condition.derive is None:
        return None
    return condition.derive(get, edge_s)
