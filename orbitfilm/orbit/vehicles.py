"""Crew vehicles: their ascent to orbit and the rendezvous profiles that bring them aboard.

Every number here comes from orbital mechanics or public mission records; the sources are
written beside each. Two quantities need a word first.

``ascent_lead_s``: a crewed launch to a station lifts off while the pad is still short of
the station's plane. The rocket inherits the Earth's eastward spin, part of which points
across the plane; the sideways drift, steered out during the climb, brings the vehicle into
the plane at orbit insertion when it lifts off a fraction of the burn early (0.4 to 0.5 of
it for Soyuz-2.1a and Falcon 9). The fraction depends on the rocket's steering, so it is
measured: liftoff against the instant the pad crosses the station's mean plane computed from
public element sets, on uncrewed flights of the same rocket, so that the crewed flights the
method is checked against stay independent of it. The value stored is the lead before
any allowance for node drift (see ``phasing_depth_km``).

``phasing_depth_km``: while it phases, the vehicle flies below the station, where the
Earth's oblateness turns its plane westward faster (the J2 node regression grows as
a^-3.5). A long phasing therefore starts in a plane a little east of the station's, and the
launch comes correspondingly later; the finder works the allowance out from the station's
orbit, the profile's duration and this mean depth below the station.

Phase ranges: ``phase_deg`` is how far along its orbit the station is ahead of the point
where the vehicle reaches orbit, at that instant. The station covers 34.1 degrees during a
528 s Soyuz ascent and the vehicle reaches orbit about 17.7 degrees downrange of the pad
(``insertion_arc_deg``), so the phase at insertion is the phase over the pad at liftoff plus
about 16.4 degrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..times import HOUR_S, MINUTE_S


@dataclass(frozen=True)
class RendezvousProfile:
    """A way from orbit insertion to docking, for phases in ``[min_phase_deg, max_phase_deg)``.

    A bound of ``None`` is open: the profile takes every phase on that side.
    """

    name: str
    min_phase_deg: float | None
    max_phase_deg: float | None
    duration_s: float          # liftoff to docking
    phasing_depth_km: float    # mean height below the station while phasing

    def accepts(self, phase_deg) -> np.ndarray:
        """Return, for each phase angle, whether this profile can use it."""
        phase_deg = np.asarray(phase_deg, dtype=float)
        low = np.full(phase_deg.shape, True) if self.min_phase_deg is None else (
            phase_deg >= self.min_phase_deg)
        high = np.full(phase_deg.shape, True) if self.max_phase_deg is None else (
            phase_deg < self.max_phase_deg)
        return low & high


@dataclass(frozen=True)
class Vehicle:
    """A crew vehicle on its rocket: ascent, lead, profiles (tried in order, last as fallback)."""

    id: str
    name: str
    rocket: str
    ascent_s: float            # liftoff to orbit insertion
    ascent_lead_s: float       # liftoff before the pad crosses the plane, before drift allowance
    insertion_arc_deg: float   # arc from the pad to the insertion point, inertial frame
    hatch_delay_s: float       # docking to hatch opening: leak checks, pressure equalisation
    profiles: tuple[RendezvousProfile, ...]

    def profile_by_name(self, name: str) -> RendezvousProfile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise InputError(f"{self.name} has no {name!r} profile; it flies "
                         f"{', '.join(p.name for p in self.profiles)}", field="profile")


# The downrange arc: speed grows almost linearly to orbital speed over the burn (Soyuz-2.1a:
# about 1.8 km/s at booster separation T+118 s, 4.6 km/s at core separation T+287 s,
# 7.8 km/s at T+528 s), so the arc is about half of 7.8 km/s over the burn after the first,
# nearly vertical minute, plus the pad's own eastward 0.28 km/s along the track:
# (3.9 * 468 + 0.28 * 528) km / 6378 km = 17.7 degrees. It only shifts the reported phase;
# the profile ranges below are written in the same terms.

SOYUZ_MS = Vehicle(
    id="soyuz-ms",
    name="Soyuz MS",
    rocket="Soyuz-2.1a",
    # Spacecraft separation 8 min 48 s after liftoff (Roscosmos launch commentaries; NASA's
    # "Soyuz Launch Overview and Timeline" rounds it to 9 minutes).
    ascent_s=528.0,
    # Measured on the uncrewed Progress MS-14, MS-15 and MS-20 two-orbit flights from Site 31/6
    # (liftoffs 2020-04-25 01:51:41, 2020-07-23 14:26:21, 2022-06-03 09:32:20 UTC): 182, 178
    # and 211 s before the pad crossed the plane, mean 190 s, plus 8 s of two-orbit drift
    # allowance. About 0.4 of the 528 s burn.
    ascent_lead_s=198.0,
    insertion_arc_deg=17.7,
    # Soyuz hatches open about two hours after docking, after leak checks (NASA ISS blog
    # reports of the Soyuz MS flights of 2020-2022).
    hatch_delay_s=2 * HOUR_S,
    profiles=(
        # Where the two-orbit range lies: on the Progress MS-07 launch planned for two orbits
        # the station was to be 165 km (1.5 degrees) behind the pad at liftoff, "to overtake
        # the ascending Soyuz half a minute into its climb" (Spaceflight101, October 2017):
        # -1.5 + 34.1 - 17.7 = 14.9 degrees at insertion. How wide the ranges are: "the phase
        # range of a two-day scheme is 150 degrees, a four-orbit scheme 22, a two-orbit 6"
        # (Roscosmos ballistics experts quoted by Rossiyskaya Gazeta, March 2024). The
        # four-orbit range follows the two-orbit one: two more revolutions below the station
        # eat more phase. Durations: three hours twenty (Progress MS-07 plan 3 h 24 min; the
        # crewed two-orbit flights of 2020-2022 docked 3 h 3 min to 3 h 27 min after liftoff),
        # six hours for four orbits, about 50 h for two days (docking on the 34th orbit; NASA
        # "Soyuz Launch Overview and Timeline"; Soyuz MS-25, 2024: 50 h 34 min). Phasing
        # depths: two-orbit insertion 200 x 240 km climbing to the station within two
        # revolutions averages about 100 km below it; the two-day phasing orbit about 110 km
        # below (this depth reproduces the liftoff of the two-day Progress MS-18, 2021-10-28
        # 00:00:32 UTC, 55 s before the pad crossed the plane: 135 s later than two-orbit
        # flights lift off). The last profile takes every phase the faster ones cannot; its
        # 150 degrees are the phases that fit two days without an extra manoeuvre, and the
        # station's own reboosts set up the phase before a launch date is fixed.
        RendezvousProfile("2-orbit", 11.9, 17.9, 3 * HOUR_S + 20 * MINUTE_S, 100.0),
        RendezvousProfile("4-orbit", 17.9, 39.9, 6 * HOUR_S, 100.0),
        RendezvousProfile("2-day", None, None, 50 * HOUR_S, 110.0),
    ),
)

CREW_DRAGON = Vehicle(
    id="crew-dragon",
    name="Crew Dragon",
    rocket="Falcon 9",
    # Second-stage engine cutoff about 8 min 50 s after liftoff (SpaceX webcasts of Demo-2
    # and Crew-1 to Crew-5); Dragon separates at about 12 min, already in orbit.
    ascent_s=530.0,
    # Measured on the cargo Dragon flights CRS-21, CRS-23, CRS-24 and CRS-25 from LC-39A
    # (liftoffs 2020-12-06 16:17:08, 2021-08-29 07:14:49, 2021-12-21 10:07:08, 2022-07-15
    # 00:44:22 UTC): 179, 160, 208 and 176 s before the pad crossed the plane, plus the
    # node-drift allowance of each one's phasing (23 to 39 h: 68, 81, 58 and 100 s), mean
    # 257 s. About 0.5 of the 530 s burn.
    ascent_lead_s=257.0,
    insertion_arc_deg=17.8,
    # Crew-1 to Crew-5 opened the hatch 1.5 to 2.6 h after docking (NASA ISS blog).
    hatch_delay_s=1 * HOUR_S + 50 * MINUTE_S,
    profiles=(
        # Dragon phases by raising its orbit in several burns from a 200 km insertion and can
        # take any phase within about a day; the crewed flights of 2020-2022 docked 16.7 h
        # (Crew-4) to 29 h (Crew-5) after liftoff, median 21.5 h (NASA mission pages).
        RendezvousProfile("1-day", None, None, 22 * HOUR_S, 100.0),
    ),
)

STARLINER = Vehicle(
    id="starliner",
    name="Starliner",
    rocket="Atlas V N22",
    # Centaur cutoff and spacecraft separation about 15 min after liftoff (Boeing/ULA timeline
    # of OFT-2); Starliner then circularises with its own engines.
    ascent_s=900.0,
    # One measurement only: OFT-2 lifted off from SLC-41 on 2022-05-19 22:54:47 UTC, 259 s
    # before the pad crossed the plane, plus 66 s of drift allowance over its 25.5 h phasing.
    ascent_lead_s=325.0,
    # Same downrange model over a 900 s burn: (3.9 * 840 + 0.28 * 900) / 6378 rad.
    insertion_arc_deg=31.7,
    # Crew Flight Test (2024): docked 17:34 UTC, hatch opened 19:45 UTC (NASA).
    hatch_delay_s=2 * HOUR_S,
    profiles=(
        # OFT-2 docked 25 h 33 min after liftoff, the Crew Flight Test 26 h 40 min (NASA).
        RendezvousProfile("1-day", None, None, 26 * HOUR_S, 100.0),
    ),
)

VEHICLES: dict[str, Vehicle] = {v.id: v for v in (SOYUZ_MS, CREW_DRAGON, STARLINER)}


def vehicle_by_id(vehicle_id: str) -> Vehicle:
    """Return the vehicle of that id; raise ``InputError`` listing the ids that exist."""
    try:
        return VEHICLES[vehicle_id.strip()]
    except KeyError:
        raise InputError(f"unknown vehicle {vehicle_id!r}; known vehicles: "
                         f"{', '.join(VEHICLES)}", field="vehicle") from None
