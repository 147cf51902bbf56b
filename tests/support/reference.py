"""The slow, obviously-correct path: skyfield's documented approach with its full frame chain.

A test oracle: used by the reference tests and by ``bench/environment.py`` to check the fast
engine, never by the planner. Each condition is computed the way skyfield's documentation shows:
``find_discrete`` over ``EarthSatellite.at(t).is_sunlit(eph)`` and over the Sun's altitude
at ``wgs84.subpoint_of(...)``, ``EarthSatellite.find_events`` for ground contacts. Umbra and
penumbra (which skyfield lacks) use the same solar-disk definition on skyfield's GCRS
positions of the station and the Sun. When several element sets cover the span, each piece
of the span between epochs is computed with its own set, as the fast engine does.
"""

from __future__ import annotations

import numpy as np
from skyfield.api import EarthSatellite, wgs84
from skyfield.searchlib import find_discrete

from orbitfilm.intervals import IntervalSet
from orbitfilm.orbit.elements import ElementSets
from orbitfilm.orbit.geometry import EARTH_RADIUS_KM, SUN_RADIUS_KM, ephemeris
from orbitfilm.orbit.regions import Region
from orbitfilm.orbit.stations import GroundStation
from orbitfilm.times import DAY_S, to_skyfield

# find_discrete samples a step function at this spacing and bisects each change it sees.
REGION_COARSE_STEP_S = 10.0
REGION_STEP_S = 1.0


def reference_intervals(elements: ElementSets, start_s: float, end_s: float,
                        stations=(), regions=(), step_s: float = 60.0) -> dict[str, IntervalSet]:
    """Return the interval sets of every condition, computed with skyfield alone."""
    pieces = _pieces(elements, start_s, end_s)
    names = ["sunlit", "umbra", "penumbra", "earth_lit"]
    names += [f"contact:{s.id}" for s in stations] + [f"over:{r.id}" for r in regions]
    result = {name: IntervalSet.empty((start_s, end_s)) for name in names}
    for satrec, lo, hi in pieces:
        satellite = EarthSatellite.from_satrec(satrec, to_skyfield(lo).ts)
        found = _piece(satellite, lo, hi, stations, regions, step_s)
        for name, piece in found.items():
            joined = result[name].union(IntervalSet(piece.starts_s, piece.ends_s,
                                                    (start_s, end_s)))
            result[name] = joined
    return result


def _pieces(elements: ElementSets, start_s: float, end_s: float):
    epochs = elements.epochs_s
    cuts = np.concatenate(([start_s], epochs[(epochs > start_s) & (epochs < end_s)], [end_s]))
    return [(elements.set_at(lo).satrec, lo, hi) for lo, hi in zip(cuts[:-1], cuts[1:])]


def _piece(satellite, lo, hi, stations, regions, step_s) -> dict[str, IntervalSet]:
    eph = ephemeris()
    t0, t1 = to_skyfield(lo), to_skyfield(hi)
    span = (lo, hi)

    def sunlit(t):
        return satellite.at(t).is_sunlit(eph)

    def disk(t):
        """Return 0 in umbra, 1 in penumbra, 2 in full sunlight."""
        station_km = satellite.at(t).position.km
        sun_km = (eph["sun"] - eph["earth"]).at(t).position.km
        to_sun = sun_km - station_km
        cos = -(station_km * to_sun).sum(axis=0) / (
            np.linalg.norm(station_km, axis=0) * np.linalg.norm(to_sun, axis=0))
        separation = np.arccos(np.clip(cos, -1.0, 1.0))
        earth = np.arcsin(EARTH_RADIUS_KM / np.linalg.norm(station_km, axis=0))
        sun = np.arcsin(SUN_RADIUS_KM / np.linalg.norm(to_sun, axis=0))
        return (separation > earth - sun).astype(int) + (separation > earth + sun)

    def earth_lit(t):
        subpoint = wgs84.subpoint_of(satellite.at(t))
        altitude, _, _ = (eph["earth"] + subpoint).at(t).observe(eph["sun"]).apparent().altaz()
        return altitude.degrees > 0.0

    result = {"sunlit": _discrete(sunlit, t0, t1, step_s, span)}
    levels = _discrete_levels(disk, t0, t1, step_s, span)
    result["umbra"] = levels[0]
    result["penumbra"] = levels[1]
    result["earth_lit"] = _discrete(earth_lit, t0, t1, step_s, span)
    for station in stations:
        result[f"contact:{station.id}"] = _contacts(satellite, station, t0, t1, span)
    for region in regions:
        result[f"over:{region.id}"] = _overflights(satellite, region, t0, t1, span)
    return result


def _utc_seconds(t) -> np.ndarray:
    # POSIX seconds of skyfield times: TAI minus the leap seconds in force, from the Unix epoch.
    return (t.whole - 2440587.5) * DAY_S + t.tai_fraction * DAY_S - t._leap_seconds()


def _discrete(function, t0, t1, step_s, span) -> IntervalSet:
    function.step_days = step_s / DAY_S
    times, values = find_discrete(t0, t1, function)
    start_state = bool(function(t0))
    moments = _utc_seconds(times)
    return IntervalSet.from_crossings(moments[values.astype(bool)],
                                      moments[~values.astype(bool)], start_state, span)


def _discrete_levels(function, t0, t1, step_s, span) -> list[IntervalSet]:
    """Return, for a function with values 0, 1, 2, the interval set of each value."""
    function.step_days = step_s / DAY_S
    times, values = find_discrete(t0, t1, function)
    moments = np.concatenate(([span[0]], _utc_seconds(times), [span[1]]))
    states = np.concatenate(([int(function(t0))], values))
    return [IntervalSet.from_pairs(
        [(moments[i], moments[i + 1]) for i in np.flatnonzero(states == level)], span)
        for level in range(3)]


def _contacts(satellite, station: GroundStation, t0, t1, span) -> IntervalSet:
    site = wgs84.latlon(station.lat_deg, station.lon_deg, elevation_m=station.alt_m)
    times, kinds = satellite.find_events(site, t0, t1, altitude_degrees=station.mask_deg)
    moments = _utc_seconds(times)
    altitude, _, _ = (satellite - site).at(t0).altaz()
    return IntervalSet.from_crossings(moments[kinds == 0], moments[kinds == 2],
                                      bool(altitude.degrees >= station.mask_deg), span)


def _overflights(satellite, region: Region, t0, t1, span) -> IntervalSet:
    """Return passes: skyfield sub-points every 10 s find where the track nears the region,
    then ``find_discrete`` at 1 s inside those stretches resolves each crossing."""
    def inside(t):
        subpoint = wgs84.subpoint_of(satellite.at(t))
        return region.contains(subpoint.latitude.degrees, subpoint.longitude.degrees)

    coarse_s = np.arange(span[0], span[1] + REGION_COARSE_STEP_S, REGION_COARSE_STEP_S)
    subpoint = wgs84.subpoint_of(satellite.at(to_skyfield(coarse_s)))
    near = region.is_near(subpoint.latitude.degrees, subpoint.longitude.degrees)
    near = near | np.roll(near, 1) | np.roll(near, -1)
    stretches = IntervalSet.from_pairs(np.stack((coarse_s[near] - REGION_COARSE_STEP_S,
                                                 coarse_s[near] + REGION_COARSE_STEP_S), axis=1),
                                       span)
    found = IntervalSet.empty(span)
    for lo, hi in stretches:
        piece = _discrete(inside, to_skyfield(lo), to_skyfield(hi), REGION_STEP_S, (lo, hi))
        found = found.union(IntervalSet(piece.starts_s, piece.ends_s, span))
    return region.passes(found)
