"""Element sets: every format reads to the same orbit; every mistake names its file and line."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from sgp4 import exporter
from sgp4.api import Satrec

from orbitfilm.errors import InputError
from orbitfilm.orbit.elements import bundled_iss, load_elements, tle_checksum
from orbitfilm.times import parse_iso

# The element set the launch issue names: ISS, epoch 2021-10-04 20:40 UTC (CelesTrak).
NAME = "ISS (ZARYA)"
LINE1 = "1 25544U 98067A   21277.86166359  .00005427  00000-0  10685-3 0  9994"
LINE2 = "2 25544  51.6453 160.4350 0004170  58.5851  39.6969 15.48931550305594"
# A second satellite (the Hubble Space Telescope, NORAD 20580), checksums computed below.
OTHER1 = "1 20580U 90037B   21277.50000000  .00000764  00000-0  39213-4 0  9995"
OTHER2 = "2 20580  28.4694 172.6364 0002726 117.3185 320.4101 15.09873212534331"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def _fix(line: str) -> str:
    return line[:68] + str(tle_checksum(line))


def test_checksums_of_published_lines():
    # The published lines carry their own checksum in column 69 (CelesTrak TLE format).
    assert tle_checksum(LINE1) == 4 and tle_checksum(LINE2) == 4


def test_two_and_three_line_forms_read_the_same(tmp_path):
    two = load_elements(_write(tmp_path, "a.tle", f"{LINE1}\n{LINE2}\n"))
    three = load_elements(_write(tmp_path, "b.tle", f"{NAME}\n{LINE1}\n{LINE2}\n"))
    assert three.name == NAME and two.norad_id == three.norad_id == 25544
    # Epoch 21277.86166359 = 2021-10-04 + 0.86166359 d = 20:40:47.734 UTC.
    assert three.epochs_s[0] == pytest.approx(parse_iso("2021-10-04T20:40:47.734Z"), abs=1e-3)


@pytest.mark.parametrize("kind", ["json", "csv", "xml"])
def test_omm_formats_propagate_exactly_like_the_tle(tmp_path, kind):
    # sgp4's own exporter writes the OMM fields of the TLE; read back through our reader,
    # the orbit must be the same to the millimetre over a day (same SGP4 initialisation).
    satrec = Satrec.twoline2rv(LINE1, LINE2)
    fields = exporter.export_omm(satrec, NAME)
    if kind == "json":
        path = _write(tmp_path, "iss.json", json.dumps([fields], indent=1))
    elif kind == "csv":
        path = tmp_path / "iss.csv"
        with open(path, "w", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=list(fields))
            writer.writeheader()
            writer.writerow(fields)
    else:
        path = _write(tmp_path, "iss.xml", _omm_xml(fields))
    omm = load_elements(path)
    tle = load_elements(_write(tmp_path, "iss.tle", f"{NAME}\n{LINE1}\n{LINE2}\n"))
    times = tle.epochs_s[0] + np.linspace(0, 86400, 50)
    assert np.abs(omm.propagate_teme_km(times)[0] - tle.propagate_teme_km(times)[0]).max() < 1e-3
    assert omm.name == NAME


def _omm_xml(fields: dict) -> str:
    meta = ("OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME", "TIME_SYSTEM",
            "MEAN_ELEMENT_THEORY")
    mean = ("EPOCH", "MEAN_MOTION", "ECCENTRICITY", "INCLINATION", "RA_OF_ASC_NODE",
            "ARG_OF_PERICENTER", "MEAN_ANOMALY")

    def tags(keys):
        return "".join(f"<{k}>{fields[k]}</{k}>" for k in keys if k in fields)

    rest = [k for k in fields if k not in meta and k not in mean]
    return (f'<?xml version="1.0"?>\n<ndm><omm><body><segment>\n<metadata>{tags(meta)}</metadata>'
            f"\n<data><meanElements>{tags(mean)}</meanElements>"
            f"<tleParameters>{tags(rest)}</tleParameters></data></segment></body></omm></ndm>\n")


def test_newest_set_not_after_each_instant(iss_elements):
    epochs = iss_elements.epochs_s
    # Just after an epoch that set is used; just before it, the previous one; before the
    # first epoch, the first set.
    assert iss_elements.index_for(epochs[10] + 1.0) == 10
    assert iss_elements.index_for(epochs[10] - 1.0) == 9
    assert iss_elements.index_for(epochs[0] - 86400.0) == 0


def test_bundled_sets_are_the_verified_public_sets(iss_elements):
    bundled = bundled_iss()
    assert bundled.norad_id == 25544
    # The package ships the verified public sets of 2020-2022 (tests/data/iss), untouched.
    assert list(bundled.epochs_s) == list(iss_elements.epochs_s)
    # The Challenge's stay is covered: sets on 4, 8, 15, 16 and 17 October 2021.
    assert bundled.freshness_warnings(parse_iso("2021-10-05"), parse_iso("2021-10-17")) == []


def test_stale_span_gets_a_warning_with_the_gap():
    bundled = bundled_iss()
    warnings = bundled.freshness_warnings(parse_iso("2022-11-07"), parse_iso("2022-11-08"))
    # The last bundled epoch is 2022-09-25 04:54:39 UTC: 2022-11-08 00:00 is 43 d 19 h 05 min
    # later, 43.8 days.
    assert len(warnings) == 1 and "43.8 days" in warnings[0]


def test_past_sixty_days_is_an_error_unless_waived_and_then_it_says_so():
    # One rule for every command (issue 12): more than 14 days a warning, more than 60 an
    # error that names the override; waived, the warning records it.
    bundled = bundled_iss()
    # The last bundled set is of 2022-09-25: 1-2 January 2023 is 98 days on.
    start, end = parse_iso("2023-01-01"), parse_iso("2023-01-02")
    with pytest.raises(InputError, match=r"past 60 days SGP4 gives nothing useful") as refused:
        bundled.freshness_warnings(start, end)
    assert refused.value.override == "allow_stale"
    [warning] = bundled.freshness_warnings(start, end, allow_stale=True)
    assert "the 60-day limit was waived" in warning


BROKEN = {
    "bad checksum": (f"{NAME}\n{LINE1[:68]}7\n{LINE2}\n", 2, "bad checksum on TLE line 1"),
    "short line": (f"{LINE1}\n{LINE2[:60]}\n", 2, "TLE line 2 has 60 characters, expected 69"),
    "two satellites": (f"{LINE1}\n{LINE2}\n{_fix(OTHER1)}\n{_fix(OTHER2)}\n", 3,
                       "two different satellites in one file"),
    "unparseable field": (f"{_fix(LINE1)}\n{_fix(LINE2[:52] + ' 15.4x9315' + LINE2[62:])}\n", 2,
                          "cannot parse the mean motion"),
    "line numbers differ": (f"{LINE1}\n{_fix(LINE2[:2] + '25545' + LINE2[7:])}\n", 2,
                            "satellite number 25545 on line 2 differs from 25544"),
    "line 2 alone": (f"{NAME}\n{LINE2}\n", 2, "line 2 of an element set without its line 1"),
    "empty file": ("\n\n", None, "the file is empty"),
    "bad json": ('[{"OBJECT_NAME": "ISS",\n "EPOCH": }]', 2, "not valid JSON"),
    "json missing field": ('[\n{"OBJECT_NAME": "ISS", "EPOCH": "2021-10-04T20:40:47.734"}\n]', 2,
                           "OMM record 1 lacks MEAN_MOTION"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_name_file_line_and_mistake(tmp_path, case):
    text, line, message = BROKEN[case]
    suffix = ".json" if "json" in case else ".tle"
    path = _write(tmp_path, "broken" + suffix, text)
    with pytest.raises(InputError) as caught:
        load_elements(path)
    error = caught.value
    assert error.path == str(path) and error.line == line
    assert message in str(error)
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_elements(tmp_path / "nothing.tle")
