"""The station along an array of instants, with the quantities every condition is made of.

``Track`` propagates once and derives lazily: TEME position and velocity, the Sun and the
Moon in the same frame, the Earth-fixed position and the WGS84 sub-point. Conditions are
functions of a ``Track`` (``orbit.conditions``).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..errors import InputError
from ..times import format_minute
from .elements import ElementSets
from .geometry import (EARTH_RADIUS_KM, SUN_RADIUS_KM, SlowFrame, angle_between,
                       geodetic_from_itrs, teme_to_itrs)


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
    def moon_teme_km(self) -> np.ndarray:
        return self.frame.moon_teme_km(self.times_s)

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
    def earth_radius_rad(self) -> np.ndarray:
        """Return the Earth's angular radius (the sphere of ``EARTH_RADIUS_KM``) seen from here."""
        distance_km = np.linalg.norm(self.r_teme_km, axis=-1)
        return np.arcsin(np.minimum(EARTH_RADIUS_KM / distance_km, 1.0))

    @cached_property
    def shadow_angles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (separation of Sun and Earth centres, Earth radius, Sun radius), radians, as
        seen from the station."""
        to_sun = self.sun_teme_km - self.r_teme_km
        separation = angle_between(-self.r_teme_km, to_sun)
        sun = np.arcsin(SUN_RADIUS_KM / np.linalg.norm(to_sun, axis=-1))
        return separation, self.earth_radius_rad, sun

    def beta_deg(self) -> np.ndarray:
        """Return the solar beta angle: the Sun's elevation above the orbit plane, degrees."""
        normal = np.cross(self.r_teme_km, self.v_teme_km_s)
        normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
        sun = self.sun_teme_km / np.linalg.norm(self.sun_teme_km, axis=-1, keepdims=True)
        return np.degrees(np.arcsin(np.einsum("ij,ij->i", normal, sun)))
