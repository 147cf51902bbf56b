"""The station's ephemeris as a CCSDS OEM, checked by an independent reader and by skyfield.

The reader is ccsds-ndm (Egemen Imre; it parses KVN into the CCSDS NDM/XML 4.0 data
model), not the ``oem`` package that writes the file. Positions are compared with
skyfield's own: ``EarthSatellite.at(t)`` is SGP4 through skyfield's TEME -> GCRS rotation,
and GCRS axes are GCRF's. The agreement is to a metre, and in fact to millimetres: the same
SGP4 at the same UTC instants, the same rotation (ours interpolated from hourly nodes,
which moves the station by millimetres), and the file's 15 significant digits (0.1 um).
A metre is the limit because the frame bias between GCRF and EME2000 (23 mas) is 0.8 m at
the station: a file labelled with the wrong one of the two would fail.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest
from skyfield.api import EarthSatellite

from clirun import run
from conftest import ISS_TLE
from orbitfilm.formats.ccsds_oem import oem_text
from orbitfilm.orbit.elements import load_elements
from orbitfilm.orbit.ephemeris import (INTERPOLATION_DEGREE, STEP_S, international_designator,
                                       station_ephemeris)
from orbitfilm.times import parse_iso, timescale

# The Challenge's stay aboard: docking to undocking.
STAY = ("2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z")
METRE_KM = 1e-3


@pytest.fixture(scope="module")
def ephemeris():
    return station_ephemeris(load_elements(ISS_TLE), *map(parse_iso, STAY))


@pytest.fixture(scope="module")
def message(ephemeris, tmp_path_factory):
    from ccsds_ndm.ndm_io import NdmIo

    path = tmp_path_factory.mktemp("oem") / "iss.oem"
    path.write_text(oem_text(ephemeris), encoding="utf-8")
    return NdmIo().from_path(path)


def skyfield_gcrs_km(element_set, times_s):
    """Return skyfield's GCRS position and velocity of the station at POSIX instants."""
    ts = timescale()
    satellite = EarthSatellite.from_satrec(element_set.satrec, ts)
    t = ts.from_datetimes([datetime.fromtimestamp(s, tz=timezone.utc) for s in times_s])
    at = satellite.at(t)
    return at.position.km.T, at.velocity.km_per_s.T


def epoch_s(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


def test_a_segment_per_element_set_between_their_epochs(ephemeris, iss_elements):
    start_s, end_s = map(parse_iso, STAY)
    epochs = [s for s in iss_elements.epochs_s if start_s < s < end_s]
    bounds = [start_s, *epochs, end_s]
    assert [(seg.times_s[0], seg.times_s[-1]) for seg in ephemeris.segments] == list(
        zip(bounds[:-1], bounds[1:]))
    for segment in ephemeris.segments:
        # Each from the newest set not after its start.
        assert segment.element_set.epoch_s == iss_elements.set_at(segment.times_s[0]).epoch_s
        inner = segment.times_s[1:-1]
        assert np.all(inner % STEP_S == 0) and np.all(np.diff(segment.times_s) <= STEP_S)
    assert ephemeris.object_id == "1998-067A" and ephemeris.name == "ISS (ZARYA)"


def test_positions_agree_with_skyfield_to_a_metre(ephemeris):
    worst_km = 0.0
    for segment in ephemeris.segments:
        pick = np.linspace(0, len(segment.times_s) - 1, 25).astype(int)
        position, velocity = skyfield_gcrs_km(segment.element_set, segment.times_s[pick])
        worst_km = max(worst_km, np.linalg.norm(position - segment.position_km[pick],
                                                axis=1).max())
        # Velocity to a millimetre a second (the same rotation of SGP4's TEME velocity).
        assert np.linalg.norm(velocity - segment.velocity_km_s[pick], axis=1).max() < 1e-6
    assert worst_km < METRE_KM
    print(f"worst position difference from skyfield: {worst_km * 1e6:.2f} mm")


def lagrange(times_s, values, at_s):
    """Return the Lagrange polynomial through (times, values) at ``at_s`` (values (n, 3))."""
    result = np.zeros(values.shape[1])
    for i, t_i in enumerate(times_s):
        weight = np.prod([(at_s - t_j) / (t_i - t_j) for j, t_j in enumerate(times_s) if j != i])
        result += weight * values[i]
    return result


def test_the_interpolation_hint_holds_between_the_states(ephemeris):
    # INTERPOLATION = LAGRANGE of degree 7: eight states around an instant reproduce SGP4
    # there. Worst case, midway between two states, against skyfield's SGP4 directly.
    segment = max(ephemeris.segments, key=lambda seg: len(seg.times_s))
    count = INTERPOLATION_DEGREE + 1
    worst_km = 0.0
    for first in range(10, len(segment.times_s) - count, 97):
        window = slice(first, first + count)
        middle_s = segment.times_s[first + count // 2 - 1] + STEP_S / 2
        expected, _ = skyfield_gcrs_km(segment.element_set, [middle_s])
        found = lagrange(segment.times_s[window], segment.position_km[window], middle_s)
        worst_km = max(worst_km, np.linalg.norm(found - expected[0]))
    assert worst_km < METRE_KM


def test_an_independent_reader_reads_the_message(message, ephemeris):
    assert message.version == "3.0"
    assert message.header.originator == "ORBITFILM"
    segments = message.body.segment
    assert len(segments) == len(ephemeris.segments)
    for read, mine in zip(segments, ephemeris.segments):
        meta = read.metadata
        assert (meta.object_name, meta.object_id, meta.center_name, meta.ref_frame,
                meta.time_system) == ("ISS (ZARYA)", "1998-067A", "EARTH", "GCRF", "UTC")
        assert (meta.interpolation, meta.interpolation_degree) == ("LAGRANGE", 7)
        assert epoch_s(meta.useable_start_time) == pytest.approx(mine.times_s[0], abs=1e-6)
        assert epoch_s(meta.useable_stop_time) == pytest.approx(mine.times_s[-1], abs=1e-6)
        assert meta.start_time == meta.useable_start_time
        states = read.data.state_vector
        assert len(states) == len(mine.times_s)
        times = np.array([epoch_s(s.epoch) for s in states])
        position = np.array([[s.x.value, s.y.value, s.z.value] for s in states])
        velocity = np.array([[s.x_dot.value, s.y_dot.value, s.z_dot.value] for s in states])
        assert np.abs(times - mine.times_s).max() < 1e-6
        # 15 significant digits of 7,000 km: 1e-10 km.
        assert np.abs(position - mine.position_km).max() < 1e-9
        assert np.abs(velocity - mine.velocity_km_s).max() < 1e-12
        # And what the reader read agrees with skyfield, as above.
        pick = np.arange(0, len(times), 50)
        expected, _ = skyfield_gcrs_km(mine.element_set, times[pick])
        assert np.linalg.norm(position[pick] - expected, axis=1).max() < METRE_KM


def test_international_designator_from_the_tle(iss_elements):
    # ISS (ZARYA): COSPAR 1998-067A, columns 10-17 of line 1 read "98067A".
    assert international_designator(iss_elements.sets[0]) == "1998-067A"


def test_environment_command_writes_the_oem(tmp_path):
    out = tmp_path / "iss.oem"
    result = run("environment", "--start", "2021-10-05T12:22:31Z", "--end",
                 "2021-10-05T14:00:00Z", "--oem", str(out), "--format", "json")
    assert f"wrote {out}" in result.stdout
    text = out.read_text("utf-8")
    assert text.startswith("CCSDS_OEM_VERS = 3.0\n")
    assert "REF_FRAME = GCRF" in text and "TIME_SYSTEM = UTC" in text
    # 12:22:31, every whole minute from 12:23 to 13:59, 14:00: 99 states.
    assert len([line for line in text.splitlines() if line.startswith("2021-")]) == 99


def test_a_bad_oem_path_fails_before_any_work(tmp_path):
    result = run("environment", "--start", "2021-10-05T12:22:31Z", "--end",
                 "2021-10-05T14:00:00Z", "--oem", str(tmp_path / "no" / "iss.oem"),
                 check=False)
    assert result.returncode == 2
    assert "iss.oem: the folder" in result.stderr and "does not exist" in result.stderr
