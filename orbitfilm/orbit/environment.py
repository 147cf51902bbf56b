"""The orbital environment: interval sets of light, Earth below, contact and overflight.

``compute_environment`` samples one track of the station for every condition at once, then
refines each condition's boundaries to a millisecond with vectorised root searches. The
definitions (DESIGN.md, "Definitions that tests rely on"):

- ``sunlit``: the line from the station to the Sun's centre clears a sphere of radius
  6378.137 km (skyfield's ``is_sunlit``); ``umbra`` / ``penumbra``: the solar disk fully /
  partly hidden; ``orbital_day`` is full sunlight, ``orbital_night`` is umbra.
- ``earth_lit``: the Sun's centre is above the geometric horizon at the WGS84 sub-point.
- ``contact:ID``: the station is at or above the station's elevation mask.
- ``over:ID``: the sub-point lies inside the region's polygons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet
from ..times import HOUR_S, MINUTE_S, format_iso, format_minute
from . import events
from .elements import ElementSets
from .geometry import (EARTH_RADIUS_KM, SUN_RADIUS_KM, SlowFrame, angle_between,
                       elevation_rad, geodetic_from_itrs, itrs_from_geodetic, teme_to_itrs,
                       up_vector)
from .regions import Region
from .stations import GroundStation

SMOOTH_STEP_S = 60.0   # light changes twice an orbit; grazes are caught at local extrema
REGION_COARSE_STEP_S = 10.0  # 77 km of ground track: finds where the track nears a region
REGION_STEP_S = 1.0          # polygon membership is a step function: sampled finely near it
BETA_STEP_S = HOUR_S
DEFAULT_EDGE_S = 10 * MINUTE_S

BASE_CONDITIONS = ("sunlit", "umbra", "penumbra", "earth_lit")
DERIVED_CONDITIONS = ("orbital_day", "orbital_night", "orbital_sunrise", "orbital_sunset",
                      "earth_dark", "sunlit_not", "always")
_PARAMETRISED = re.compile(r"(contact|over):([A-Za-z0-9][A-Za-z0-9_.-]*)")


def is_known_condition(name: str) -> bool:
    """Return whether ``name`` has the form of a condition the environment can compute."""
    return name in BASE_CONDITIONS or name in DERIVED_CONDITIONS or bool(
        _PARAMETRISED.fullmatch(name))


class Track:
    """The station at an array of instants, with the quantities conditions are made of."""

    def __init__(self, times_s: np.ndarray, elements: ElementSets, frame: SlowFrame):
        self.times_s = np.asarray(times_s, dtype=float)
        self.elements = elements
        self.frame = frame

    @cached_property
    def _state(self):
        position, velocity, errors = self.elements.propagate_teme_km(self.times_s)
        if errors.any():
            from sgp4.api import SGP4_ERRORS

            bad = int(np.flatnonzero(errors)[0])
            raise InputError(f"SGP4 cannot propagate {self.elements.name} at "
                             f"{format_minute(self.times_s[bad])} UTC: "
                             f"{SGP4_ERRORS[int(errors[bad])]}")
        return position, velocity

    @property
    def r_teme_km(self) -> np.ndarray:
        return self._state[0]

    @property
    def v_teme_km_s(self) -> np.ndarray:
        return self._state[1]

    @cached_property
    def sun_teme_km(self) -> np.ndarray:
        return self.frame.sun_teme_km(self.times_s)

    @cached_property
    def gmst_rad(self) -> np.ndarray:
        return self.frame.gmst_rad(self.times_s)

    @cached_property
    def r_itrs_km(self) -> np.ndarray:
        return teme_to_itrs(self.r_teme_km, self.gmst_rad)

    @cached_property
    def geodetic(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return sub-point latitude (rad), longitude (rad) and height (km)."""
        return geodetic_from_itrs(self.r_itrs_km)

    @cached_property
    def shadow_angles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (separation of Sun and Earth centres, Earth radius, Sun radius), radians, as
        seen from the station."""
        r = self.r_teme_km
        to_sun = self.sun_teme_km - r
        distance_km = np.linalg.norm(r, axis=-1)
        separation = angle_between(-r, to_sun)
        earth = np.arcsin(np.minimum(EARTH_RADIUS_KM / distance_km, 1.0))
        sun = np.arcsin(SUN_RADIUS_KM / np.linalg.norm(to_sun, axis=-1))
        return separation, earth, sun


# -- margins: positive exactly where the condition holds ----------------------------------

def sunlit_margin(track: Track) -> np.ndarray:
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


def contact_margin(station: GroundStation) -> Callable[[Track], np.ndarray]:
    lat, lon = np.radians(station.lat_deg), np.radians(station.lon_deg)
    site_km = itrs_from_geodetic(lat, lon, station.alt_m / 1000.0)
    up = up_vector(lat, lon)
    mask = np.radians(station.mask_deg)

    def margin(track: Track) -> np.ndarray:
        return elevation_rad(track.r_itrs_km, site_km, up) - mask

    return margin


def over_margin(region: Region) -> Callable[[Track], np.ndarray]:
    def margin(track: Track) -> np.ndarray:
        lat, lon, _ = track.geodetic
        return np.where(region.contains(np.degrees(lat), np.degrees(lon)), 1.0, -1.0)

    return margin


# -- the environment ---------------------------------------------------------------------

@dataclass
class Environment:
    """Interval sets of every condition over a span, with the beta angle and warnings."""

    span_s: tuple[float, float]
    intervals: dict[str, IntervalSet]
    beta_times_s: np.ndarray
    beta_deg: np.ndarray
    elements: ElementSets
    stations: dict[str, GroundStation] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    full_sun: IntervalSet | None = None

    def condition(self, name: str, edge_s: float = DEFAULT_EDGE_S) -> IntervalSet:
        """Return the interval set of a condition by name (see ``is_known_condition``)."""
        if name in self.intervals:
            return self.intervals[name]
        umbra = self.intervals["umbra"]
        derived = {
            "orbital_day": lambda: self.full_sun,
            "orbital_night": lambda: umbra,
            "orbital_sunrise": lambda: umbra.after_ends(edge_s),
            "orbital_sunset": lambda: umbra.before_starts(edge_s),
            "earth_dark": lambda: self.intervals["earth_lit"].complement(),
            "sunlit_not": lambda: self.intervals["sunlit"].complement(),
            "always": lambda: IntervalSet.whole(self.span_s),
        }
        if name in derived:
            return derived[name]()
        known = ", ".join(sorted(self.intervals) + list(DERIVED_CONDITIONS))
        raise InputError(f"unknown condition {name!r}; this environment has: {known}")

    def to_json(self) -> dict:
        """Return the documented JSON form: intervals, beta, elements, warnings."""
        return {
            "span": [format_iso(self.span_s[0]), format_iso(self.span_s[1])],
            "intervals": {name: s.to_json(format_iso) for name, s in self.intervals.items()},
            "beta_deg": [[format_iso(t), round(float(b), 3)]
                         for t, b in zip(self.beta_times_s, self.beta_deg)],
            "elements": self.elements_used(),
            "warnings": list(self.warnings),
        }

    def elements_used(self) -> list[dict]:
        used = np.unique(self.elements.index_for(np.array(self.span_s)))
        first, last = int(used.min()), int(used.max())
        return self.elements.describe()[first:last + 1]


def compute_environment(elements: ElementSets, start_s: float, end_s: float,
                        stations: Iterable[GroundStation] = (), regions: Iterable[Region] = (),
                        progress: Callable[[str], None] | None = None) -> Environment:
    """Compute every condition over ``[start_s, end_s]`` for the station of ``elements``."""
    if not end_s > start_s:
        raise InputError(f"the span must end after it starts ({format_iso(start_s)} .. "
                         f"{format_iso(end_s)})")
    stations, regions = list(stations), list(regions)
    step = progress or (lambda label: None)
    frame = SlowFrame(start_s, end_s)

    def margin_of(condition):
        return lambda times_s: condition(Track(times_s, elements, frame))

    step("propagating the station")
    smooth_times = events.grid_s(start_s, end_s, SMOOTH_STEP_S)
    smooth_track = Track(smooth_times, elements, frame)

    def smooth(condition) -> IntervalSet:
        return events.search(margin_of(condition), start_s, end_s, SMOOTH_STEP_S,
                             grid_times_s=smooth_times, grid_values=condition(smooth_track))

    step("orbital day and night")
    sunlit, full_sun, umbra = smooth(sunlit_margin), smooth(full_sun_margin), smooth(umbra_margin)
    intervals = {"sunlit": sunlit, "umbra": umbra,
                 "penumbra": umbra.union(full_sun).complement()}
    step("the Earth below")
    intervals["earth_lit"] = smooth(earth_lit_margin)
    for station in stations:
        step(f"contacts with {station.name}")
        intervals[f"contact:{station.id}"] = smooth(contact_margin(station))
    if regions:
        coarse_times = events.grid_s(start_s, end_s, REGION_COARSE_STEP_S)
        coarse_track = Track(coarse_times, elements, frame)
    for region in regions:
        step(f"passes over {region.name}")
        intervals[f"over:{region.id}"] = _over_intervals(region, coarse_track, margin_of)
    beta_times = events.grid_s(start_s, end_s, BETA_STEP_S)
    beta = beta_angle_deg(Track(beta_times, elements, frame))
    environment = Environment((start_s, end_s), intervals, beta_times, beta, elements,
                              {s.id: s for s in stations}, {r.id: r for r in regions},
                              full_sun=full_sun)
    environment.warnings = elements.staleness_warnings(start_s, end_s) + no_night_warnings(
        environment)
    return environment


def _over_intervals(region: Region, coarse: Track, margin_of) -> IntervalSet:
    """Return the passes over a region: a coarse look for nearness, then 1 s samples near it."""
    start_s, end_s = coarse.times_s[0], coarse.times_s[-1]
    lat, lon, _ = coarse.geodetic
    near = region.is_near(np.degrees(lat), np.degrees(lon))
    # Grow each near sample by one coarse step both ways: the track may enter between samples.
    near = near | np.roll(near, 1) | np.roll(near, -1)
    stretches = IntervalSet.from_pairs(
        np.stack((coarse.times_s[near] - REGION_COARSE_STEP_S,
                  coarse.times_s[near] + REGION_COARSE_STEP_S), axis=1), (start_s, end_s))
    found = events.search_stretches(margin_of(over_margin(region)), stretches, REGION_STEP_S)
    return region.passes(found)


def beta_angle_deg(track: Track) -> np.ndarray:
    """Return the solar beta angle: the Sun's elevation above the orbit plane, degrees."""
    normal = np.cross(track.r_teme_km, track.v_teme_km_s)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    sun = track.sun_teme_km / np.linalg.norm(track.sun_teme_km, axis=-1, keepdims=True)
    return np.degrees(np.arcsin(np.einsum("ij,ij->i", normal, sun)))


def no_night_warnings(environment: Environment) -> list[str]:
    """Warn of every stretch longer than one and a half orbits without orbital night."""
    period_s = environment.elements.sets[0].period_s
    gaps = environment.intervals["umbra"].complement()
    warnings = []
    for start_s, end_s in gaps:
        if end_s - start_s > 1.5 * period_s:
            inside = (environment.beta_times_s >= start_s) & (environment.beta_times_s <= end_s)
            beta = np.abs(environment.beta_deg[inside]).max() if inside.any() else float("nan")
            warnings.append(f"no orbital night from {format_minute(start_s)} to "
                            f"{format_minute(end_s)} UTC (|beta| up to {beta:.1f} deg): "
                            f"scenes that need night or sunrise cannot be shot then")
    return warnings


def ground_track(elements: ElementSets, start_s: float, end_s: float,
                 step_s: float = MINUTE_S) -> dict[str, np.ndarray]:
    """Return sub-point samples for maps: time, latitude, longitude, altitude, sunlit flag."""
    times_s = events.grid_s(start_s, end_s, step_s)
    track = Track(times_s, elements, SlowFrame(start_s, end_s))
    lat, lon, height_km = track.geodetic
    return {"time_s": times_s, "lat_deg": np.degrees(lat), "lon_deg": np.degrees(lon),
            "alt_km": height_km, "sunlit": sunlit_margin(track) > 0,
            "earth_lit": earth_lit_margin(track) > 0}
