"""Broken production files: every mistake named once, at its line, with its field path.

Each file in tests/data/broken/ is one small valid production with a mistake put in on
purpose; the lines that carry it end with the comment ``# <- mistake``. The expected line of
every error comes from those markers, written by hand, not from the checker.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA
from orbitfilm.errors import InputErrors
from orbitfilm.mission import check_file
from orbitfilm.production.examples import example_text

BROKEN = DATA / "broken"

# file -> (words the message must hold, the field path reported)
EXPECTED = {
    "01-toml-syntax": ("TOML syntax: Invalid value", None),
    "02-unknown-cast": ("unknown person or character 'zhenia' (did you mean 'zhenya'?)",
                        "scenes[1].cast[0]"),
    "03-unknown-location": ("unknown location 'zvezdaa' (did you mean 'zvezda'?)",
                            "scenes[1].location"),
    "04-unknown-after": ("after unknown scene '7'", "scenes[1].after[0]"),
    "05-after-cycle": ("a cycle in after: 1 -> 2 -> 1", "scenes[0].after"),
    "06-negative-duration": ("shoot_min must be more than 0, got -20", "scenes[1].shoot_min"),
    "07-zero-days": ("days must be more than 0, got 0", "scenes[2].days"),
    # 10 minutes: the example's sunrise length (sunrise_sunset_min default, DESIGN.md).
    "08-sunrise-too-long": ("never give more than 10.0 min", "scenes[0].shoot_min"),
    # The ISS's shadow lasts at most arccos(sqrt(h^2 + 2Rh) / (R + h)) / 180 deg = 0.39 of
    # its 92.9-min orbit (h = 420 km, R = 6378 km, beta = 0): about 36 min, never 60.
    "09-night-too-long": ("needs 60 min in one go (orbital_night)", "scenes[1].shoot_min"),
    "10-cast-in-no-scene": ("'dubrov' is cast (plays PYOTR) but in no scene", "people[2]"),
    "11-time-outside-mission": ("earliest 2021-10-04 00:00 UTC is outside the mission",
                                "scenes[1].earliest"),
    "12-undocking-before-docking": ("is not after docking 2021-10-05 12:22 UTC",
                                    "mission.undocking"),
    "13-unknown-field": ("unknown field 'shot_min' (did you mean 'shoot_min'?)",
                         "scenes[1].shot_min"),
    "14-bad-light": ("light must be one of 'day', 'night', 'sunrise', 'sunset' or 'any', "
                     "got 'dawn'", "scenes[0].light"),
    "15-unknown-station": ("unknown ground station 'moon-base'", "scenes[1].contact"),
    "16-unknown-region": ("unknown region 'XX'", "scenes[1].over"),
    "17-cast-never-aboard": ("'peresild' is never aboard", None),
    "18-duty-outside-mission": ("duty 'press call' falls outside the mission",
                                "people[1].duties[0].start"),
    "19-daily-limit": ("needs 20 min in one go but 'peresild' may film 15 min a day",
                       "scenes[1].shoot_min"),
    "20-duplicate-scene": ("'1' is defined twice", None),
    "21-bad-time": ("not an ISO 8601 time: '6 October 2021'", "mission.undocking"),
    "22-minutes-on-the-ground": ("ground location 'star-city': give days, not shoot_min",
                                 "scenes[2].shoot_min"),
    "23-unknown-time-zone": ("unknown time zone 'Europe/Baikonur'", "time_zones[1]"),
    "24-piece-without-split": ("min_piece_min without splittable = true",
                               "scenes[1].min_piece_min"),
    # A mission's end is its undocking or its days aboard (stay_days); either one will do.
    "25-missing-mission-time": ("give one of mission.undocking or mission.stay_days", "mission"),
    "26-unknown-condition": ("unknown condition 'moonlit'", "scenes[1].conditions[0]"),
}


def marked_lines(path: Path) -> set[int]:
    """Return the lines a person marked as wrong."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, start=1) if "# <- mistake" in line}


def errors_of(path: Path):
    with pytest.raises(InputErrors) as caught:
        check_file(path)
    return caught.value.errors


def test_the_suite_holds_at_least_fifteen_distinct_mistakes():
    assert len(EXPECTED) >= 15
    assert {p.stem for p in BROKEN.glob("*.toml")} >= set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_named_at_its_line(name):
    path = BROKEN / f"{name}.toml"
    words, field = EXPECTED[name]
    errors = errors_of(path)
    assert {error.line for error in errors} == marked_lines(path)
    assert any(words in error.message for error in errors), [str(e) for e in errors]
    if field is not None:
        assert field in {error.field for error in errors}
    for error in errors:
        assert error.path == str(path)
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+: .+", str(error))


def test_every_mistake_of_a_file_is_reported_at_once():
    path = BROKEN / "27-many-mistakes.toml"
    errors = errors_of(path)
    assert [error.line for error in errors] == sorted(marked_lines(path))
    assert len(errors) == 5


def test_the_command_prints_one_line_per_mistake_and_exits_2():
    path = BROKEN / "27-many-mistakes.toml"
    run = subprocess.run([sys.executable, "-m", "orbitfilm", "check", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 5
    assert all(line.startswith(f"error: {path}:") for line in lines)
    assert "Traceback" not in run.stderr + run.stdout


def test_a_reserve_as_long_as_the_stay_is_said(tmp_path):
    # The Challenge's stay: hatch open 5 Oct 2021 about 12:22 + 150 min, undocking 17 Oct
    # about 01:14 UTC: 11.4 days. Twenty days kept for re-shoots cover all of it.
    path = tmp_path / "reserve.toml"
    path.write_text(example_text("challenge-2021.toml").replace(
        "[mission]", "[limits]\nreserve_days = 20\n\n[mission]", 1))
    warnings = check_file(path, orbit=False).warnings
    assert any("reserve_days = 20 keeps the whole stay free for re-shoots (11.4 days" in w
               for w in warnings)
