"""Instants as float POSIX seconds (UTC), their ISO 8601 form, and skyfield Time arrays.

orbitfilm keeps every instant as seconds since 1970-01-01T00:00:00Z, counted the POSIX way
(leap seconds are not counted), in names ending ``_s``. That makes interval arithmetic and
the scheduler's integer grids plain subtraction; conversion to a skyfield ``Time`` happens
only where the sky is computed.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np

from .errors import InputError

MINUTE_S = 60.0
HOUR_S = 3600.0
DAY_S = 86400.0
UNIX_EPOCH_JD = 2440587.5
DAILY_PATTERN = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")


@lru_cache(maxsize=1)
def timescale():
    """Return skyfield's timescale from its built-in tables, so nothing is downloaded."""
    from skyfield.api import load

    return load.timescale(builtin=True)


def parse_iso(text: str, *, field: str | None = None, path: str | None = None,
              line: int | None = None) -> float:
    """Return POSIX seconds for an ISO 8601 date or date-time; naive times are taken as UTC."""
    raw = str(text).strip()
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InputError(f"not an ISO 8601 time: {raw!r} (e.g. 2021-10-05T08:55:02Z)",
                         path=path, line=line, field=field) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def to_datetime(seconds: float) -> datetime:
    """Return the UTC datetime of POSIX seconds."""
    return datetime.fromtimestamp(float(seconds), tz=timezone.utc)


def format_iso(seconds: float) -> str:
    """Return ISO 8601 UTC with milliseconds and ``Z``, e.g. ``2021-10-05T08:55:02.000Z``."""
    millis = int(np.floor(float(seconds) * 1000.0 + 0.5))
    whole, ms = divmod(millis, 1000)
    return to_datetime(whole).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


def format_minute(seconds: float) -> str:
    """Return a short UTC time for people, e.g. ``2021-10-05 08:55``."""
    return to_datetime(round(float(seconds))).strftime("%Y-%m-%d %H:%M")


def to_skyfield(seconds_s):
    """Return a skyfield ``Time`` for POSIX seconds (scalar or array), leap seconds applied."""
    seconds_s = np.asarray(seconds_s, dtype=float)
    days, rest_s = np.divmod(seconds_s, DAY_S)
    # Whole UTC days since 1970 plus seconds of day: skyfield adds the leap seconds in force.
    return timescale().utc(1970, 1, 1 + days, 0, 0, rest_s)


def from_julian_utc(jd_utc):
    """Return POSIX seconds for a Julian date on the UTC scale (as in TLE epochs)."""
    return (np.asarray(jd_utc, dtype=float) - UNIX_EPOCH_JD) * DAY_S


def daily_offsets_s(text: str) -> tuple[float, float]:
    """Return the start and end of ``HH:MM-HH:MM`` in seconds after midnight GMT.

    A range that wraps past midnight (``21:30-06:00``) ends on the next day: its end is more
    than ``DAY_S``.
    """
    match = DAILY_PATTERN.match(text)
    if match is None:
        raise InputError(f"expected a daily time range HH:MM-HH:MM (GMT), got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start_s, end_s = h1 * HOUR_S + m1 * MINUTE_S, h2 * HOUR_S + m2 * MINUTE_S
    return start_s, end_s + DAY_S if end_s <= start_s else end_s
