"""Launch opportunities to a station: in-plane instants, liftoff, phase, rendezvous, arrival.

A vehicle can reach a station cheaply only by launching into the station's plane, which the
Earth's turning carries each pad through twice a day. The finder samples the pad's distance
from that plane (the pad's unit vector dotted into the normal of the station's mean plane,
both in SGP4's quasi-inertial TEME frame; the Earth-fixed pad turned by skyfield's
``theta_GMST1982``), refines every sign change, and keeps the crossings on the side
the pad's range allows (north-east for the ISS from Baikonur and Kennedy). For each it works
out the liftoff (the vehicle's lead, less a node-drift allowance that depends on the
rendezvous profile), the phase of the station at orbit insertion, the profile that phase
allows (the vehicle's profiles tried in order, the last one taking the rest), and docking and
hatch opening, from which the crew is aboard.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..intervals import IntervalSet
from ..times import HOUR_S, format_iso, format_minute
from . import events
from .elements import ElementSets
from .geometry import SlowFrame, itrs_from_geodetic
from .sites import NORTHEAST, SITES, LaunchSite, parse_site
from .vehicles import RendezvousProfile, Vehicle, vehicle_by_id

# The pad crosses the plane twice a day, hours apart for pads well inside the inclination;
# near the limit latitude the two crossings close up, and the search's extremum check finds
# a pair the 10-minute grid stepped over.
PLANE_STEP_S = 600.0
# Longest lead of any vehicle and profile is a few minutes; search this far past the span so
# that a liftoff inside it whose plane crossing falls after it is found.
LEAD_MARGIN_S = HOUR_S
# Samples of the orbit normal over one period: evenly spread, they cancel its twice-an-orbit
# nodding up to the 7th harmonic.
NORMAL_SAMPLES = 8

# Earth and J2 as in SGP4's WGS72 model, the model of the element sets.
EARTH_ROTATION_RAD_S = 7.292115146706979e-5
MU_KM3_S2 = 398600.8
EARTH_RADIUS_KM = 6378.135
J2 = 0.001082616


@dataclass(frozen=True)
class LaunchOpportunity:
    """One launch to the station: when it lifts off, how it phases, when the crew is aboard."""

    site: LaunchSite
    vehicle: Vehicle
    liftoff_s: float
    in_plane_s: float
    phase_deg: float
    profile: str
    docking_s: float
    hatch_open_s: float

    def crew_aboard(self, span_s: tuple[float, float]) -> IntervalSet:
        """Return when, within ``span_s``, the launched crew is aboard: from hatch opening on."""
        return IntervalSet.from_pairs([(self.hatch_open_s, max(span_s[1], self.hatch_open_s))],
                                      span_s)

    def to_json(self) -> dict:
        return {"site": self.site.id, "vehicle": self.vehicle.id,
                "liftoff": format_iso(self.liftoff_s), "in_plane": format_iso(self.in_plane_s),
                "phase_deg": round(float(self.phase_deg), 2), "profile": self.profile,
                "docking": format_iso(self.docking_s),
                "hatch_open": format_iso(self.hatch_open_s)}


def find_launch_opportunities(elements: ElementSets, site: LaunchSite | str,
                              vehicle: Vehicle | str, start_s: float, end_s: float, *,
                              allow_stale: bool = False) -> list[LaunchOpportunity]:
    """Return every launch of ``vehicle`` from ``site`` lifting off in ``[start_s, end_s)``.

    Sorted by liftoff. Raises ``InputError`` for an unknown site or vehicle, a site that can
    never reach the station's plane, or a span past the element sets' limit
    (``ElementSets.freshness_warnings``, which also gives the warnings short of it).
    """
    site = parse_site(site) if isinstance(site, str) else site
    vehicle = vehicle_by_id(vehicle) if isinstance(vehicle, str) else vehicle
    _check_request(elements, site, start_s, end_s, allow_stale)
    frame = SlowFrame(start_s - HOUR_S, end_s + LEAD_MARGIN_S + vehicle.ascent_s)
    in_plane_s = in_plane_instants(elements, site, start_s, end_s + LEAD_MARGIN_S, frame)
    liftoff_s, phase_deg, chosen = _choose_profiles(elements, site, vehicle, in_plane_s, frame)
    keep = (liftoff_s >= start_s) & (liftoff_s < end_s)
    opportunities = [_opportunity(site, vehicle, *row) for row in
                     zip(liftoff_s[keep], in_plane_s[keep], phase_deg[keep], chosen[keep])]
    return sorted(opportunities, key=lambda o: o.liftoff_s)


def _opportunity(site, vehicle, liftoff_s, in_plane_s, phase_deg, chosen) -> LaunchOpportunity:
    profile = vehicle.profiles[int(chosen)]
    docking_s = float(liftoff_s) + profile.duration_s
    return LaunchOpportunity(site, vehicle, float(liftoff_s), float(in_plane_s),
                             float(phase_deg), profile.name, docking_s,
                             docking_s + vehicle.hatch_delay_s)


# -- checks ---------------------------------------------------------------------------------

def _check_request(elements: ElementSets, site: LaunchSite, start_s: float, end_s: float,
                   allow_stale: bool):
    """Raise ``InputError`` for a request that cannot give a meaningful answer."""
    if not end_s > start_s:
        raise InputError(f"the search span ends ({format_minute(end_s)}) before it starts "
                         f"({format_minute(start_s)}); ask for at least one day")
    elements.freshness_warnings(start_s, end_s, allow_stale=allow_stale)
    inclination_deg = elements.set_at(start_s).inclination_deg
    if not site.reaches_inclination(inclination_deg):
        able = [s.id for s in SITES.values() if s.reaches_inclination(inclination_deg)]
        limit_deg = min(inclination_deg, 180.0 - inclination_deg)
        raise InputError(
            f"site {site.id} at latitude {site.lat_deg:.2f} never passes through the "
            f"{inclination_deg:.2f} degree plane of {elements.name}: a site must lie within "
            f"{limit_deg:.2f} degrees of the equator; sites that work: {', '.join(able)}",
            field="site")


# -- the plane -------------------------------------------------------------------------------

def in_plane_instants(elements: ElementSets, site: LaunchSite, start_s: float, end_s: float,
                      frame: SlowFrame | None = None) -> np.ndarray:
    """Return the instants the site passes through the station's plane on its allowed side."""
    frame = frame or SlowFrame(start_s, end_s)

    def margin(times_s):
        return _plane_offset(elements, site, frame, times_s)[0]

    above = events.search(margin, start_s, end_s, PLANE_STEP_S)
    crossings_s = np.sort(np.concatenate((above.true_starts_s(), above.true_ends_s())))
    if len(crossings_s) == 0:
        return crossings_s
    _, normal, site_unit = _plane_offset(elements, site, frame, crossings_s)
    # The station's direction of motion where its plane passes over the site; its z (north)
    # part tells the north-east crossing from the south-east one.
    northward = np.cross(normal, site_unit)[:, 2] > 0
    return crossings_s[northward == (site.heading == NORTHEAST)]


def _plane_offset(elements, site, frame, times_s):
    """Return the sine of the site's angle from the plane, the plane normal, the site direction."""
    normal = mean_orbit_normal(elements, times_s)
    site_unit = _unit(site_teme_km(site, frame, times_s))
    return np.einsum("ij,ij->i", site_unit, normal), normal, site_unit


def mean_orbit_normal(elements: ElementSets, times_s) -> np.ndarray:
    """Return the unit normal of the station's mean plane, TEME, ``(n, 3)``.

    The osculating normal ``r x v`` nods with the Earth's oblateness twice an orbit, enough
    to move a plane crossing by half a minute; samples spread evenly over one period cancel
    those terms, leaving the plane the station keeps over the hours of a rendezvous.
    """
    times_s = np.atleast_1d(np.asarray(times_s, dtype=float))
    period_s = np.array([elements.sets[i].period_s for i in elements.index_for(times_s)])
    offsets = (np.arange(NORMAL_SAMPLES) + 0.5) / NORMAL_SAMPLES - 0.5
    samples_s = (times_s[:, None] + period_s[:, None] * offsets[None, :]).reshape(-1)
    position_km, velocity_km_s = _station_state(elements, samples_s)
    normals = _unit(np.cross(position_km, velocity_km_s)).reshape(len(times_s), -1, 3)
    return _unit(normals.mean(axis=1))


def site_teme_km(site: LaunchSite, frame: SlowFrame, times_s) -> np.ndarray:
    """Return the site's position in the TEME frame, ``(n, 3)`` km."""
    itrs_km = itrs_from_geodetic(np.radians(site.lat_deg), np.radians(site.lon_deg),
                                 site.alt_m / 1000.0)
    gmst_rad = frame.gmst_rad(np.atleast_1d(np.asarray(times_s, dtype=float)))
    cos, sin = np.cos(gmst_rad), np.sin(gmst_rad)
    # TEME -> Earth-fixed is rot_z(-gmst) (see geometry); this is its inverse.
    return np.stack((cos * itrs_km[0] - sin * itrs_km[1], sin * itrs_km[0] + cos * itrs_km[1],
                     np.full_like(gmst_rad, itrs_km[2])), axis=-1)


def _station_state(elements: ElementSets, times_s):
    times_s = np.atleast_1d(np.asarray(times_s, dtype=float))
    position_km, velocity_km_s, errors = elements.propagate_teme_km(times_s)
    if errors.any():
        from sgp4.api import SGP4_ERRORS

        bad = int(np.flatnonzero(errors)[0])
        raise InputError(f"SGP4 cannot propagate {elements.name} at "
                         f"{format_minute(times_s[bad])} UTC: {SGP4_ERRORS[int(errors[bad])]}")
    return position_km, velocity_km_s


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)


# -- liftoff, phase and profile ---------------------------------------------------------------

def _choose_profiles(elements, site, vehicle, in_plane_s, frame):
    """Return liftoff, phase and profile index for each in-plane instant.

    A profile's lead depends on its phasing (node drift), and the phase on the liftoff, so
    each profile is tried at its own liftoff, in the vehicle's order; the last takes the rest.
    """
    count = len(in_plane_s)
    liftoff_s, phase_deg = np.zeros(count), np.zeros(count)
    chosen = np.full(count, len(vehicle.profiles) - 1)
    open_ = np.ones(count, dtype=bool)
    for index, profile in enumerate(vehicle.profiles):
        if count == 0:
            break
        lead_s = vehicle.ascent_lead_s + node_drift_lead_change_s(elements, in_plane_s, vehicle,
                                                                  profile)
        trial_s = in_plane_s - lead_s
        trial_phase_deg = phase_at_insertion_deg(elements, site, vehicle, trial_s, frame)
        last = index == len(vehicle.profiles) - 1
        take = open_ & (profile.accepts(trial_phase_deg) | last)
        liftoff_s[take], phase_deg[take], chosen[take] = trial_s[take], trial_phase_deg[take], index
        open_ &= ~take
    return liftoff_s, phase_deg, chosen


def phase_at_insertion_deg(elements: ElementSets, site: LaunchSite, vehicle: Vehicle,
                           liftoff_s, frame: SlowFrame | None = None) -> np.ndarray:
    """Return how far the station is ahead of the vehicle's insertion point, in (-180, 180]."""
    liftoff_s = np.atleast_1d(np.asarray(liftoff_s, dtype=float))
    frame = frame or SlowFrame(liftoff_s.min(), liftoff_s.max())
    insertion_s = liftoff_s + vehicle.ascent_s
    position_km, velocity_km_s = _station_state(elements, insertion_s)
    normal = _unit(np.cross(position_km, velocity_km_s))
    pad_km = site_teme_km(site, frame, liftoff_s)
    pad_in_plane = _unit(pad_km - np.einsum("ij,ij->i", pad_km, normal)[:, None] * normal)
    station = _unit(position_km)
    ahead_rad = np.arctan2(np.einsum("ij,ij->i", np.cross(pad_in_plane, station), normal),
                           np.einsum("ij,ij->i", pad_in_plane, station))
    phase_deg = np.degrees(ahead_rad) - vehicle.insertion_arc_deg
    return 180.0 - np.mod(180.0 - phase_deg, 360.0)


def node_drift_lead_change_s(elements: ElementSets, in_plane_s, vehicle: Vehicle,
                             profile: RendezvousProfile) -> np.ndarray:
    """Return how much later than the bare lead to lift off so the planes meet at docking.

    Below the station the J2 node regression is faster; over the phasing the vehicle's plane
    turns west of the station's by ``(rate_vehicle - rate_station) * phasing``, so it must
    start that far east, which the pad reaches that angle over the Earth's rate later
    (negative: the lead shrinks).
    """
    sets = [elements.sets[i] for i in elements.index_for(np.atleast_1d(in_plane_s))]
    a_km = np.array([s.satrec.a * s.satrec.radiusearthkm for s in sets])
    inclination_rad = np.array([s.satrec.inclo for s in sets])
    station_rate = node_regression_rad_s(a_km, inclination_rad)
    vehicle_rate = node_regression_rad_s(a_km - profile.phasing_depth_km, inclination_rad)
    phasing_s = profile.duration_s - vehicle.ascent_s
    return (vehicle_rate - station_rate) * phasing_s / (EARTH_ROTATION_RAD_S - station_rate)


def node_regression_rad_s(a_km, inclination_rad) -> np.ndarray:
    """Return the secular J2 rate of the ascending node of a circular orbit (negative: west)."""
    mean_motion = np.sqrt(MU_KM3_S2 / np.asarray(a_km, dtype=float) ** 3)
    return -1.5 * mean_motion * J2 * (EARTH_RADIUS_KM / a_km) ** 2 * np.cos(inclination_rad)
