"""The station's trajectory as states in an inertial frame: what an ephemeris file carries.

SGP4 gives position and velocity in its own TEME frame. Flight-dynamics tools (STK, GMAT,
Orekit) want an inertial frame they know: we give GCRF, the Geocentric Celestial Reference
Frame, whose axes are the ICRS's. skyfield defines the GCRS -> TEME rotation as
``rot_z(theta_GMST1982 - GAST) @ M`` (``skyfield.sgp4lib.TEME``) and an ``EarthSatellite``'s
position is the transpose of it applied to SGP4's TEME vector; we apply the same rotation,
taken at hourly nodes and interpolated (it turns by nutation and precession alone: over an
hour the departure from a straight line is below 1e-4 arcsec, a few millimetres at the
station). The velocity is rotated the same way, as skyfield does: TEME turns against GCRF
by 1e-12 rad/s, a few nanometres a second at the station.

Each element set gives one segment: from its epoch (or the span's start) to the next set's
epoch (or the span's end), because a newer set moves the station by up to a few hundred
metres and an interpolation across that jump would be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .elements import ElementSet, ElementSets
from .geometry import SlowFrame
from .track import Track

# A state a minute: Lagrange interpolation of degree 7 (eight states, seven minutes of
# orbit) reproduces SGP4 between them to well under a millimetre (tests/test_ephemeris.py).
STEP_S = 60.0
INTERPOLATION = "LAGRANGE"
INTERPOLATION_DEGREE = 7


@dataclass(frozen=True)
class Segment:
    """States of the station from one element set, at increasing instants (POSIX seconds)."""

    element_set: ElementSet
    times_s: np.ndarray
    position_km: np.ndarray    # (n, 3), GCRF
    velocity_km_s: np.ndarray  # (n, 3), GCRF


@dataclass(frozen=True)
class Ephemeris:
    """The station's states over a span, a segment per element set, in GCRF."""

    name: str
    object_id: str
    span_s: tuple[float, float]
    segments: list[Segment]
    frame: str = "GCRF"
    # How a reader should interpolate between the states (the hint the OEM carries).
    interpolation: str = INTERPOLATION
    interpolation_degree: int = INTERPOLATION_DEGREE


def international_designator(element_set: ElementSet) -> str:
    """Return the COSPAR id (``1998-067A``) from the element set, else the NORAD number.

    A TLE gives the launch year in two digits: 57-99 are the 1900s (Sputnik, 1957), the
    rest the 2000s, as the TLE format's documentation says.
    """
    code = (getattr(element_set.satrec, "intldesg", "") or "").strip()
    if len(code) >= 5 and code[:5].isdigit():
        year = int(code[:2])
        return f"{1900 + year if year >= 57 else 2000 + year}-{code[2:]}"
    return str(element_set.norad_id)


def station_ephemeris(elements: ElementSets, start_s: float, end_s: float,
                      step_s: float = STEP_S) -> Ephemeris:
    """Return the station's GCRF states from ``start_s`` to ``end_s``, a segment per set.

    Inside a segment the states fall on whole multiples of ``step_s`` (whole minutes), with
    the segment's own start and end added.
    """
    frame = SlowFrame(start_s, end_s)
    inside = elements.epochs_s[(elements.epochs_s > start_s) & (elements.epochs_s < end_s)]
    bounds = [start_s, *inside.tolist(), end_s]
    segments = [_segment(elements.set_at(a), a, b, step_s, frame)
                for a, b in zip(bounds[:-1], bounds[1:])]
    sets = elements.sets
    return Ephemeris(sets[-1].name, international_designator(sets[-1]), (start_s, end_s),
                     segments)


def _segment(element_set: ElementSet, start_s: float, end_s: float, step_s: float,
             frame: SlowFrame) -> Segment:
    grid = np.arange(np.floor(start_s / step_s) + 1, np.ceil(end_s / step_s)) * step_s
    times_s = np.concatenate(([start_s], grid, [end_s]))
    track = Track(times_s, ElementSets([element_set]), frame)
    return Segment(element_set, times_s, frame.teme_to_gcrs(track.r_teme_km, times_s),
                   frame.teme_to_gcrs(track.v_teme_km_s, times_s))
