"""CCSDS Orbit Ephemeris Message (OEM) out: the station's trajectory for STK, GMAT, Orekit.

The message is CCSDS 502.0-B-3 (Orbit Data Messages, version 3.0) in its keyword = value
form (KVN): a header (``CCSDS_OEM_VERS = 3.0``, ``CREATION_DATE``, ``ORIGINATOR``), then a
segment per element set (``orbit.ephemeris``), each a metadata block (``OBJECT_NAME``,
``OBJECT_ID`` (the COSPAR id), ``CENTER_NAME = EARTH``, ``REF_FRAME = GCRF``,
``TIME_SYSTEM = UTC``, ``START_TIME`` .. ``STOP_TIME`` with the useable span the same, and
``INTERPOLATION = LAGRANGE`` of ``INTERPOLATION_DEGREE = 7``) and its states: epoch, x, y, z
in km and their rates in km/s. The message is written by the ``oem`` package (python-oem),
which checks it as it builds it.

REF_FRAME is GCRF, not EME2000: the frame bias between them (23 milliarcseconds) moves the
station by up to 0.8 m, and our states are GCRS-aligned, as skyfield's are.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the renderers import no orbit code: the ephemeris comes computed
    from ..orbit.ephemeris import Ephemeris

ORIGINATOR = "ORBITFILM"
OEM_VERSION = "3.0"


def _utc(seconds: float) -> datetime:
    """Return POSIX seconds as a naive UTC datetime, rounded to the microsecond."""
    return datetime.fromtimestamp(round(float(seconds), 6), tz=timezone.utc).replace(tzinfo=None)


def epoch_text(seconds: float) -> str:
    """Return an instant as the message writes it: ISO 8601 UTC to the microsecond, no zone."""
    return _utc(seconds).strftime("%Y-%m-%dT%H:%M:%S.%f")


def creation_s() -> float:
    """Return the time of writing, or ``SOURCE_DATE_EPOCH`` for reproducible files."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return float(fixed) if fixed.isdigit() else time.time()


def oem_text(ephemeris: "Ephemeris") -> str:
    """Return the ephemeris as an OEM in KVN (see the module's docstring)."""
    from oem import OrbitEphemerisMessage
    from oem.components import EphemerisSegment, HeaderSection, MetaDataSection
    from oem.interface import EPOCH_FORMATERS, NUMBER_FORMATERS

    header = HeaderSection({"CCSDS_OEM_VERS": OEM_VERSION,
                            "CREATION_DATE": epoch_text(creation_s()),
                            "ORIGINATOR": ORIGINATOR})
    segments = []
    for segment in ephemeris.segments:
        start, stop = epoch_text(segment.times_s[0]), epoch_text(segment.times_s[-1])
        metadata = MetaDataSection({
            "OBJECT_NAME": ephemeris.name, "OBJECT_ID": ephemeris.object_id,
            "CENTER_NAME": "EARTH", "REF_FRAME": ephemeris.frame, "TIME_SYSTEM": "UTC",
            "START_TIME": start, "USEABLE_START_TIME": start,
            "USEABLE_STOP_TIME": stop, "STOP_TIME": stop,
            "INTERPOLATION": ephemeris.interpolation,
            "INTERPOLATION_DEGREE": str(ephemeris.interpolation_degree),
        }, version=OEM_VERSION)
        # python-oem's states take datetimes (its State documents its epoch as a DateTime);
        # astropy Time objects would cost a second per 16,000 states in formatting alone.
        epochs = [_utc(t) for t in segment.times_s]
        columns = [tuple(segment.position_km[:, k]) for k in range(3)]
        columns += [tuple(segment.velocity_km_s[:, k]) for k in range(3)]
        segments.append(EphemerisSegment(metadata, (tuple(epochs), *columns),
                                         version=OEM_VERSION))
    message = OrbitEphemerisMessage(header, segments)
    # The KVN text itself; save_as would write it to a path, not whole-and-renamed.
    return message._to_kvn_oem(EPOCH_FORMATERS["iso"], NUMBER_FORMATERS["scientific"])
