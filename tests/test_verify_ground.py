"""`verify` checks the ground unit's days: each rule broken on purpose is caught.

The valid schedule is the Challenge's ground unit before the launch of 5 Oct 2021 (its road
to orbit: Star City until the crew leaves on 16 Sep, Baikonur from the day after their
arrival on 18 Sep, Sundays off) as the ground solver gives it; each test breaks one rule by
hand in the schedule file's ``ground`` block and expects that rule named.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from orbitfilm.production import load_production
from orbitfilm.production.examples import example_path
from orbitfilm.schedule.ground import schedule_ground
from orbitfilm.schedule.verify_ground import check_ground
from orbitfilm.schedule.verify import verify_file

from clirun import run

LIFTOFF = dt.date(2021, 10, 5)
TALENT_FILE = "tests/data/talent/dat/film103.dat"


@pytest.fixture(scope="module")
def challenge():
    return load_production(example_path("challenge-2021"))


@pytest.fixture(scope="module")
def ground(challenge):
    return schedule_ground(challenge, launch_date=LIFTOFF, time_limit_s=20).to_json()


def rules(challenge, ground) -> set[str]:
    return {v.rule for v in check_ground(challenge, ground, LIFTOFF)}


def test_the_solvers_ground_unit_keeps_every_rule(challenge, ground):
    assert check_ground(challenge, ground, LIFTOFF) == []


def test_two_places_on_one_day_are_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    # Scene 4 (TsUP, near Moscow) moved onto a day of the Baikonur scenes, 2,080 km away.
    broken["dates"]["4"] = [ground["dates"]["5"][0]]
    assert "ground_place" in rules(challenge, broken)


def test_a_scene_after_the_launch_is_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    broken["dates"]["6"] = ["2021-10-06"]  # the day after liftoff
    found = rules(challenge, broken)
    assert {"ground_calendar", "ground_window"} <= found


def test_a_baikonur_scene_before_the_crew_arrives_is_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    # 13 Sep 2021 is a Monday, a working day of the calendar: only the road forbids it.
    broken["dates"]["5"] = ["2021-09-13"]
    assert "ground_window" in rules(challenge, broken)


def test_a_sunday_is_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    sunday = dt.date.fromisoformat(ground["dates"]["5"][0])
    sunday += dt.timedelta(days=(6 - sunday.weekday()) % 7)
    broken["dates"]["5"] = [sunday.isoformat()]
    assert "ground_calendar" in rules(challenge, broken)


def test_a_wrong_total_cost_is_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    broken["total_cost"] = 1
    assert rules(challenge, broken) == {"ground_cost"}


def test_a_missing_journey_is_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    broken["travel"] = []
    assert rules(challenge, broken) == {"ground_travel", "ground_cost"}


def test_a_scene_left_undated_is_caught(challenge, ground):
    broken = copy.deepcopy(ground)
    del broken["dates"]["3"]
    assert "ground_accounted" in rules(challenge, broken)


def test_verify_works_for_a_ground_only_production(tmp_path):
    # A talent-scheduling import has ground scenes and no mission: verify checks its days.
    production = tmp_path / "film103.toml"
    run("import", "talent", TALENT_FILE, "-o", str(production))
    schedule = tmp_path / "schedule.json"
    run("schedule", str(production), "-o", str(schedule), "--time-limit", "10")
    assert verify_file(production, schedule) == []
    document = json.loads(schedule.read_text())
    document["ground"]["total_cost"] += 1
    schedule.write_text(json.dumps(document))
    result = run("verify", str(production), str(schedule), check=False)
    assert result.returncode == 1
    assert "ground_cost" in result.stdout


STALE_PRODUCTION = """
title = "Stale"

[mission]
docking = 2022-11-01T08:00:00Z
hatch_open_min = 0
undocking = 2022-11-01T20:00:00Z

[[people]]
id = "director"
name = "The director"
roles = ["director", "camera"]
aboard = "throughout"
"""


def test_verify_warns_of_old_element_sets_like_every_command(tmp_path):
    # The bundled sets end on 2022-09-25: 1 November 2022 is 37 days on, past the 14-day
    # warning (as test_cli_environment checks for environment).
    production = tmp_path / "stale.toml"
    production.write_text(STALE_PRODUCTION)
    schedule = tmp_path / "schedule.json"
    schedule.write_text('{"scenes": [], "unscheduled": []}')
    result = run("verify", str(production), str(schedule))
    assert "warning:" in result.stderr and "days from the nearest element set" in result.stderr
