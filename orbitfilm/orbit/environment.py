"""The orbital environment: interval sets of light, Earth below, contact and overflight.

``compute_environment`` samples one track of the station for every base condition of the
registry (``orbit.conditions``) at once, then refines each condition's boundaries to a
millisecond with vectorised root searches; derived conditions are made from those on
request. ``Environment.to_json`` is the one serialised form, used by every command and by
the plan document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet
from ..times import HOUR_S, MINUTE_S, format_iso, format_minute
from . import conditions, events
from .conditions import REGION_COARSE_STEP_S, REGION_STEP_S, contact_margin, over_margin
from .elements import ElementSets
from .geometry import SlowFrame, geodetic_from_itrs
from .regions import Region
from .stations import GroundStation
from .track import Track

BETA_STEP_S = HOUR_S
DEFAULT_EDGE_S = 10 * MINUTE_S


def is_known_condition(name: str) -> bool:
    """Return whether ``name`` is a condition the environment can compute."""
    return conditions.is_known(name)


# -- the environment ---------------------------------------------------------------------

# The conditions the JSON lists beside the families: what a person asks of the light and the
# Earth below (sunrise and sunset depend on the production's minutes, so they are derived on
# request, as are the plain complements).
JSON_CONDITIONS = ("sunlit", "umbra", "penumbra", "orbital_day", "earth_lit", "moon_up")


@dataclass
class Environment:
    """Interval sets of every condition over a span, with the beta angle and warnings.

    ``intervals`` holds what was computed (the registry's base conditions and the
    families); ``condition`` also makes the derived ones.
    """

    span_s: tuple[float, float]
    intervals: dict[str, IntervalSet]
    beta_times_s: np.ndarray
    beta_deg: np.ndarray
    elements: ElementSets | None
    stations: dict[str, GroundStation] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    requested: tuple[str, ...] = ()  # derived conditions asked for by name (shown too)

    def condition(self, name: str, edge_s: float = DEFAULT_EDGE_S) -> IntervalSet:
        """Return the interval set of a condition by name (see ``orbit.conditions``)."""
        if name in self.intervals:
            return self.intervals[name]
        try:
            found = conditions.derived(name, lambda other: self.condition(other, edge_s), edge_s)
        except KeyError:
            found = None
        if found is None:
            known = ", ".join(sorted(set(self.intervals) | {
                n for n, c in conditions.REGISTRY.items() if c.derive}))
            raise InputError(f"condition {name!r} was not computed; this environment has: "
                             f"{known}")
        return found

    def has(self, name: str) -> bool:
        """Return whether ``condition(name)`` can answer (computed, or derived from those)."""
        try:
            self.condition(name)
        except InputError:
            return False
        return True

    def to_json(self) -> dict:
        """Return the documented JSON form: the one serialisation of an environment."""
        named = [n for n in JSON_CONDITIONS if self.has(n)]
        named += [n for n in self.requested if n not in named and not conditions.family_of(n)]
        named += [n for n in self.intervals if conditions.family_of(n)]
        umbra = self.intervals["umbra"]
        return {
            "span": [format_iso(self.span_s[0]), format_iso(self.span_s[1])],
            "intervals": {name: self.condition(name).to_json(format_iso) for name in named},
            "orbital_sunrises": [format_iso(t) for t in umbra.true_ends_s()],
            "orbital_sunsets": [format_iso(t) for t in umbra.true_starts_s()],
            "stations": {key: s.name for key, s in self.stations.items()},
            "station_positions": {key: [s.lat_deg, s.lon_deg] for key, s in self.stations.items()},
            "regions": {key: r.name for key, r in self.regions.items()},
            "labels": {name: conditions.label(name, self._places()) for name in named},
            "events": {name: list(conditions.REGISTRY[name].events) for name in named
                       if name in conditions.REGISTRY and conditions.REGISTRY[name].events},
            "beta_deg": [[format_iso(t), round(float(b), 3)]
                         for t, b in zip(self.beta_times_s, self.beta_deg)],
            "elements": self.elements_used(),
            "warnings": list(self.warnings),
        }

    def _places(self) -> dict[str, str]:
        return {**{k: s.name for k, s in self.stations.items()},
                **{k: r.name for k, r in self.regions.items()}}

    def elements_used(self) -> list[dict]:
        if self.elements is None:
            return []
        used = np.unique(self.elements.index_for(np.array(self.span_s)))
        first, last = int(used.min()), int(used.max())
        return self.elements.describe()[first:last + 1]


def compute_environment(elements: ElementSets, start_s: float, end_s: float,
                        stations: Iterable[GroundStation] = (), regions: Iterable[Region] = (),
                        progress: Callable[[str], None] | None = None, *,
                        extra: Iterable[str] = (), allow_stale: bool = False) -> Environment:
    """Compute every condition over ``[start_s, end_s]`` for the station of ``elements``.

    The registry's default base conditions always; ``extra`` names others (``moon_up``);
    ``contact:ID`` for each station and ``over:ID`` for each region. Element sets past their
    limit raise ``InputError`` unless ``allow_stale`` (see ``ElementSets.freshness_warnings``).
    """
    if not end_s > start_s:
        raise InputError(f"the span must end after it starts ({format_iso(start_s)} .. "
                         f"{format_iso(end_s)})")
    stations, regions = list(stations), list(regions)
    _require_requested(extra, stations, regions)
    stale = elements.freshness_warnings(start_s, end_s, allow_stale=allow_stale)
    step = progress or (lambda label: None)
    frame = SlowFrame(start_s, end_s)
    step("propagating the station")
    smooth = _SmoothSearch(elements, frame, start_s, end_s)
    intervals = {}
    for name in conditions.base_names(extra):
        condition = conditions.REGISTRY[name]
        step(condition.label)
        intervals[name] = smooth.search(condition.margin, condition.step_s)
    for station in stations:
        step(f"contacts with {station.name}")
        intervals[f"contact:{station.id}"] = smooth.search(contact_margin(station),
                                                            conditions.FAMILIES["contact"].step_s)
    if regions:
        coarse = smooth.sub_points(events.grid_s(start_s, end_s, REGION_COARSE_STEP_S))
    for region in regions:
        step(f"passes over {region.name}")
        intervals[f"over:{region.id}"] = _over_intervals(region, *coarse, smooth.margin_of)
    beta_times = events.grid_s(start_s, end_s, BETA_STEP_S)
    environment = Environment((start_s, end_s), intervals, beta_times,
                              Track(beta_times, elements, frame).beta_deg(), elements,
                              {s.id: s for s in stations}, {r.id: r for r in regions})
    environment.warnings = stale + no_night_warnings(environment)
    environment.requested = tuple(extra)
    return environment


def _require_requested(extra: Iterable[str], stations: list, regions: list) -> None:
    """Raise ``InputError`` for a requested condition that is neither the registry's nor a
    family's whose ground station or region is given: a name asked for is never dropped."""
    given = {"contact": {s.id for s in stations}, "over": {r.id for r in regions}}
    for name in extra:
        conditions.require_known(name, field="--condition")
        found = conditions.family_of(name)
        if found and found[1] not in given[found[0]]:
            raise InputError(f"{name}: no {'ground station' if found[0] == 'contact' else 'region'}"
                             f" {found[1]!r} is given", field="--condition")


class _SmoothSearch:
    """The searches of smooth margins, sharing one track per grid step."""

    def __init__(self, elements: ElementSets, frame: SlowFrame, start_s: float, end_s: float):
        self.elements, self.frame, self.span_s = elements, frame, (start_s, end_s)
        self.tracks: dict[float, Track] = {}

    def margin_of(self, margin):
        return lambda times_s: margin(Track(times_s, self.elements, self.frame))

    def track(self, step_s: float) -> Track:
        if step_s not in self.tracks:
            self.tracks[step_s] = Track(events.grid_s(*self.span_s, step_s), self.elements,
                                        self.frame)
        return self.tracks[step_s]

    def search(self, margin, step_s: float) -> IntervalSet:
        track = self.track(step_s)
        return events.search(self.margin_of(margin), *self.span_s, step_s,
                             grid_times_s=track.times_s, grid_values=margin(track))

    def sub_points(self, times_s: np.ndarray):
        """Return (times, latitudes, longitudes) in degrees, from the smooth track.

        Earth-fixed positions between the minute samples are linear: the chord of 3.8 deg of
        orbit strays 3.7 km from the arc, 0.03 deg of sub-point, where nearness is judged
        with a margin of 0.75 deg; so the coarse look at regions needs no propagation.
        """
        track = self.track(conditions.SMOOTH_STEP_S)
        itrs_km = np.stack([np.interp(times_s, track.times_s, track.r_itrs_km[:, k])
                            for k in range(3)], axis=-1)
        lat, lon, _ = geodetic_from_itrs(itrs_km)
        return times_s, np.degrees(lat), np.degrees(lon)


def _over_intervals(region: Region, times_s, lat_deg, lon_deg, margin_of) -> IntervalSet:
    """Return the passes over a region: a coarse look for nearness, then 1 s samples near it."""
    start_s, end_s = times_s[0], times_s[-1]
    near = region.is_near(lat_deg, lon_deg)
    # Grow each near sample by one coarse step both ways: the track may enter between samples.
    near = near | np.roll(near, 1) | np.roll(near, -1)
    stretches = IntervalSet.from_pairs(
        np.stack((times_s[near] - REGION_COARSE_STEP_S,
                  times_s[near] + REGION_COARSE_STEP_S), axis=1), (start_s, end_s))
    found = events.search_stretches(margin_of(over_margin(region)), stretches, REGION_STEP_S)
    return region.passes(found)


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
            "alt_km": height_km, "sunlit": conditions.sunlit_margin(track) > 0,
            "earth_lit": conditions.earth_lit_margin(track) > 0}
