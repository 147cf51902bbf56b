"""Frames and shapes: the Sun in the TEME frame, TEME to Earth-fixed, WGS84 geodetic points.

The fast path works in SGP4's own TEME frame. skyfield defines the GCRS -> TEME rotation as
``rot_z(theta_GMST1982 - GAST) @ M`` and GCRS -> ITRS as ``rot_z(-GAST) @ M``, so TEME -> ITRS
is exactly ``rot_z(-theta_GMST1982)`` (no polar motion, as skyfield's default). Only slowly
varying quantities (the Sun's TEME position, UT1 - UTC) are computed with skyfield's full
chain at hourly nodes and interpolated; the station moves through them at full resolution.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

import numpy as np

from ..times import DAY_S, HOUR_S, UNIX_EPOCH_JD, to_skyfield

WGS84_A_KM = 6378.137
WGS84_F = 1.0 / 298.257223563
WGS84_E2 = WGS84_F * (2.0 - WGS84_F)
EARTH_RADIUS_KM = 6378.137  # the sphere of skyfield's is_sunlit (ERAD)
SUN_RADIUS_KM = 695_700.0   # IAU 2015 Resolution B3 nominal solar radius
NODE_STEP_S = HOUR_S


@lru_cache(maxsize=1)
def ephemeris():
    """Return DE421 from skyfield-data, opened without any download or expiry check."""
    from importlib import resources

    from skyfield.api import Loader

    # skyfield_data.get_skyfield_data_path() warns that its bundled finals2000A.all has expired;
    # we use only de421.bsp from it (the timescale is skyfield's built-in), so take the folder.
    folder = resources.files("skyfield_data") / "data"
    return Loader(str(folder), expire=False, verbose=False)("de421.bsp")


class SlowFrame:
    """Sun position (TEME, km) and UT1 - UTC (s) at hourly nodes over a span, interpolated."""

    def __init__(self, start_s: float, end_s: float):
        from skyfield.sgp4lib import TEME

        count = int(np.ceil((end_s - start_s) / NODE_STEP_S)) + 2
        self.nodes_s = start_s - NODE_STEP_S / 2 + NODE_STEP_S * np.arange(count)
        t = to_skyfield(self.nodes_s)
        eph = ephemeris()
        sun_gcrs_km = (eph["sun"] - eph["earth"]).at(t).position.km
        self._rotation = TEME.rotation_at(t)
        self._t = t
        self.sun_km = np.einsum("ij...,j...->...i", self._rotation, sun_gcrs_km)
        self.dut1_s = np.asarray(t.dut1, dtype=float)

    def sun_teme_km(self, times_s) -> np.ndarray:
        """Return the Sun's geometric position relative to the Earth, TEME, ``(n, 3)`` km."""
        return self._interpolated(self.sun_km, times_s)

    @cached_property
    def moon_km(self) -> np.ndarray:
        eph = ephemeris()
        moon_gcrs_km = (eph["moon"] - eph["earth"]).at(self._t).position.km
        return np.einsum("ij...,j...->...i", self._rotation, moon_gcrs_km)

    def moon_teme_km(self, times_s) -> np.ndarray:
        """Return the Moon's geometric position relative to the Earth, TEME, ``(n, 3)`` km.

        Linear between hourly nodes: the Moon's 0.55 deg an hour bends its path by about
        4 km in the hour (r * theta**2 / 8), a millionth of a radian seen from the station.
        """
        return self._interpolated(self.moon_km, times_s)

    def teme_to_gcrs(self, vectors: np.ndarray, times_s) -> np.ndarray:
        """Rotate ``(n, 3)`` TEME vectors into GCRS axes (GCRF), as skyfield's satellites do.

        skyfield's ``TEME.rotation_at`` (GCRS -> TEME) is taken at the hourly nodes and
        interpolated element by element; its transpose turns TEME into GCRS.
        """
        rotation = self._rotation.reshape(9, -1).T  # (nodes, 9): row-major 3x3 per node
        at = np.stack([np.interp(times_s, self.nodes_s, rotation[:, k]) for k in range(9)],
                      axis=-1).reshape(-1, 3, 3)
        return np.einsum("nji,nj->ni", at, vectors)

    def _interpolated(self, nodes_km: np.ndarray, times_s) -> np.ndarray:
        return np.stack([np.interp(times_s, self.nodes_s, nodes_km[:, k]) for k in range(3)],
                        axis=-1)

    def gmst_rad(self, times_s) -> np.ndarray:
        """Return theta_GMST1982 (the TEME -> Earth-fixed angle) at each instant."""
        from skyfield.sgp4lib import theta_GMST1982

        ut1_s = np.asarray(times_s, dtype=float) + np.interp(times_s, self.nodes_s, self.dut1_s)
        whole = np.floor(ut1_s / DAY_S)
        theta, _ = theta_GMST1982(whole + UNIX_EPOCH_JD, (ut1_s - whole * DAY_S) / DAY_S)
        return theta


def teme_to_itrs(vectors_km: np.ndarray, gmst_rad: np.ndarray) -> np.ndarray:
    """Rotate ``(n, 3)`` TEME vectors into the Earth-fixed frame (skyfield's ITRS, no polar motion)."""
    cos, sin = np.cos(gmst_rad), np.sin(gmst_rad)
    x, y, z = vectors_km[:, 0], vectors_km[:, 1], vectors_km[:, 2]
    return np.stack((cos * x + sin * y, -sin * x + cos * y, z), axis=-1)


def geodetic_from_itrs(itrs_km: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return WGS84 geodetic latitude (rad), longitude (rad) and height (km) of points."""
    x, y, z = itrs_km[:, 0], itrs_km[:, 1], itrs_km[:, 2]
    lon = np.arctan2(y, x)
    p = np.hypot(x, y)
    lat = np.arctan2(z, p * (1.0 - WGS84_E2))
    # Fixed-point iteration on latitude: four rounds reach well below a millimetre in LEO.
    for _ in range(4):
        sin_lat = np.sin(lat)
        n_km = WGS84_A_KM / np.sqrt(1.0 - WGS84_E2 * sin_lat * sin_lat)
        height_km = p / np.cos(lat) - n_km
        lat = np.arctan2(z, p * (1.0 - WGS84_E2 * n_km / (n_km + height_km)))
    sin_lat = np.sin(lat)
    n_km = WGS84_A_KM / np.sqrt(1.0 - WGS84_E2 * sin_lat * sin_lat)
    height_km = p / np.cos(lat) - n_km
    return lat, lon, height_km


def itrs_from_geodetic(lat_rad, lon_rad, height_km) -> np.ndarray:
    """Return Earth-fixed ``(..., 3)`` km of WGS84 geodetic points."""
    lat_rad, lon_rad, height_km = np.broadcast_arrays(lat_rad, lon_rad, height_km)
    sin_lat = np.sin(lat_rad)
    n_km = WGS84_A_KM / np.sqrt(1.0 - WGS84_E2 * sin_lat * sin_lat)
    r_xy = (n_km + height_km) * np.cos(lat_rad)
    return np.stack((r_xy * np.cos(lon_rad), r_xy * np.sin(lon_rad),
                     (n_km * (1.0 - WGS84_E2) + height_km) * sin_lat), axis=-1)


def up_vector(lat_rad, lon_rad) -> np.ndarray:
    """Return the ellipsoid normal (local vertical) of geodetic points, Earth-fixed."""
    lat_rad, lon_rad = np.broadcast_arrays(lat_rad, lon_rad)
    return np.stack((np.cos(lat_rad) * np.cos(lon_rad), np.cos(lat_rad) * np.sin(lon_rad),
                     np.sin(lat_rad)), axis=-1)


def elevation_rad(target_km: np.ndarray, site_km: np.ndarray, up: np.ndarray) -> np.ndarray:
    """Return the angle of ``target`` above the plane normal to ``up`` at ``site`` (geometric)."""
    line = target_km - site_km
    return np.arcsin(np.einsum("...i,...i->...", line, up) / np.linalg.norm(line, axis=-1))


def angle_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the angle between ``(n, 3)`` vectors, accurate at every size (atan2 form)."""
    cross = np.linalg.norm(np.cross(a, b), axis=-1)
    return np.arctan2(cross, np.einsum("...i,...i->...", a, b))
