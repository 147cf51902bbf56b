"""The environment command as a person runs it: formats, files, warnings and one-line errors."""

from __future__ import annotations

import json
import re

import pytest

from clirun import in_process, run

ISO_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
SPAN = ["--start", "2021-10-05T12:22:31Z", "--end", "2021-10-05T18:22:31Z"]


def test_json_has_the_documented_shape(tmp_path):
    out = tmp_path / "env.json"
    run("environment", *SPAN, "-g", "tsup", "-g", "svalbard=78.23,15.39,500,5", "-r", "RU",
        "--format", "json", "-o", str(out))
    document = json.loads(out.read_text())
    assert set(document) >= {"intervals", "beta_deg", "elements", "warnings"}
    assert set(document["intervals"]) == {"sunlit", "umbra", "penumbra", "orbital_day",
                                          "earth_lit", "contact:tsup", "contact:svalbard",
                                          "over:RU"}
    assert document["labels"]["contact:svalbard"] == "contact with svalbard"
    assert document["labels"]["over:RU"] == "over Russia"
    for name, pairs in document["intervals"].items():
        flat = [moment for pair in pairs for moment in pair]
        assert all(ISO_MS.match(m) for m in flat), name
        assert flat == sorted(flat), name
        assert not flat or (flat[0] >= "2021-10-05T12:22:31.000Z"
                            and flat[-1] <= "2021-10-05T18:22:31.000Z"), name
    # Six hours of a 92.9-minute orbit hold three or four orbital nights.
    assert 3 <= len(document["intervals"]["umbra"]) <= 4
    assert document["elements"][0]["epoch"] == "2021-10-04T20:40:47.734Z"


def test_conditions_asked_for_by_name_are_in_the_output():
    # moon_up is a base condition off by default, earth_dark a derived one, contact:tsup a
    # family member named without -g: each asked for, each given.
    text = run("environment", *SPAN, "-c", "moon_up", "-c", "earth_dark", "-c", "contact:tsup",
               "--format", "json").stdout
    intervals = json.loads(text)["intervals"]
    assert {"moon_up", "earth_dark", "contact:tsup"} <= set(intervals)
    # earth_dark is the complement of earth_lit over the span.
    lit, dark = intervals["earth_lit"], intervals["earth_dark"]
    assert lit and dark and lit[0][1] in {pair[0] for pair in dark} | {pair[1] for pair in dark}


def test_csv_and_table(tmp_path):
    text = run("environment", *SPAN, "--format", "csv").stdout
    assert text.splitlines()[0] == "condition,start,end,duration_s"
    assert any(line.startswith("umbra,") for line in text.splitlines())
    table = run("environment", *SPAN, "-g", "tsup").stdout
    assert "orbital sunrise" in table and "contact tsup" in table


def test_stale_elements_warn_with_the_gap():
    # The bundled sets end on 2022-09-25: 1 November 2022 is 37 days on, past the 14-day
    # warning and short of the 60-day limit.
    result = run("environment", "--start", "2022-11-01T00:00:00Z", "--end",
                 "2022-11-01T03:00:00Z", "--format", "csv")
    assert "warning:" in result.stderr and "days from the nearest element set" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--start", "yesterday", "--end", "2021-10-06T00:00:00Z"], "not an ISO 8601 time"),
    (SPAN + ["-g", "atlantis"], "unknown ground station 'atlantis'"),
    (SPAN + ["-g", "x=91,0,0,5"], "latitude 91.0 is outside -90..90"),
    (SPAN + ["-r", "QQ"], "unknown country code 'QQ'"),
    (["--start", "2021-10-06T00:00:00Z", "--end", "2021-10-05T00:00:00Z"],
     "the span must end after it starts"),
    # A condition asked for is computed or refused, never silently dropped.
    (SPAN + ["-c", "moonup"], "unknown condition 'moonup'; known: sunlit"),
    (SPAN + ["-c", "over:ZZ"], "unknown country code 'ZZ'"),
    (SPAN + ["-c", "contact:nowhere"], "unknown ground station 'nowhere'"),
])
def test_bad_input_is_one_line_and_exit_status_2(args, message):
    result = run("environment", *args, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_bad_element_file_names_file_and_line(tmp_path):
    path = tmp_path / "iss.tle"
    path.write_text("ISS (ZARYA)\n"
                    "1 25544U 98067A   21277.86166359  .00005427  00000-0  10685-3 0  9995\n"
                    "2 25544  51.6453 160.4350 0004170  58.5851  39.6969 15.48931550305594\n")
    result = run("environment", *SPAN, "--elements", str(path), check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {path}:2: bad checksum on TLE line 1: the line "
                                     f"sums to 4 but ends in '5'")


def test_every_command_help_has_an_example():
    listed = run("--help").stdout.split("Commands:")[1]
    commands = re.findall(r"^  (\w[\w-]*)  ", listed, flags=re.M)
    assert "environment" in commands
    for command in commands:     # in this process: the same help, no interpreter each
        code, out, _ = in_process(command, "--help")
        assert code == 0 and "Example" in out, command
