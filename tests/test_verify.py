"""The independent checker: a valid schedule passes, and each rule broken on purpose is caught.

The schedules are written by hand as the schedule file's JSON, times on a made-up
environment (``environment_from_pairs``): night 10:00-10:40, a contact 10:00-10:50, the
Earth below always lit. Each test breaks one rule of the issue and expects that rule, and
only that rule, to be reported.
"""

from __future__ import annotations

from orbitfilm.mission import Flight

import copy
import json

import pytest

from orbitfilm.errors import InputError, InputErrors
from orbitfilm.production import parse_production
from support.synthetic import environment_from_pairs
from orbitfilm.schedule.verify import check_schedule, verify_file
from orbitfilm.times import parse_iso

PRODUCTION = """
title = "Verify"
[mission]
docking = 2021-10-05T08:00:00Z
hatch_open_min = 0
undocking = 2021-10-05T20:00:00Z
[mission.crew_day]
exercise = []
blocks = [{ name = "lunch", daily = "13:00-14:00" }]
[move]
module_min = 10
[[people]]
id = "director"
name = "The director"
roles = ["director"]
aboard = "throughout"
[[people]]
id = "actor"
name = "The actor"
roles = ["cast"]
aboard = "throughout"
daily_film_limit_min = 40
[[people]]
id = "late"
name = "Arrives late"
roles = ["cast"]
aboard = [2021-10-05T12:00:00Z, 2021-10-05T20:00:00Z]
duties = [{name = "docking ops", start = 2021-10-05T16:00:00Z, end = 2021-10-05T17:00:00Z}]
[[scenes]]
id = "x"
location = "cupola"
cast = ["actor"]
shoot_min = 15
setup_min = 5
light = "night"
[[scenes]]
id = "y"
location = "zvezda"
cast = ["actor"]
shoot_min = 15
contact = "tsup"
after = ["x"]
[[scenes]]
id = "z"
location = "zvezda"
cast = ["late"]
shoot_min = 20
splittable = true
min_piece_min = 10
earliest = 2021-10-05T15:00:00Z
latest = 2021-10-05T18:00:00Z
"""


def at(clock: str) -> str:
    return f"2021-10-05T{clock}:00.000Z"


def entry(scene, start, shoot_start, end, location, cast):
    return {"id": scene, "start": at(start), "shoot_start": at(shoot_start), "end": at(end),
            "location": location, "cast": cast, "conditions": {}}


VALID = {
    "status": "feasible", "objective": 0, "bound": 0, "penalties": [], "unscheduled": [],
    "scenes": [entry("x", "09:55", "10:00", "10:15", "cupola", ["actor"]),
               entry("y", "10:25", "10:25", "10:40", "zvezda", ["actor"]),
               entry("z", "15:00", "15:00", "15:10", "zvezda", ["late"]),
               entry("z", "15:10", "15:10", "15:20", "zvezda", ["late"])],
}


@pytest.fixture(scope="module")
def production():
    return parse_production(PRODUCTION)


@pytest.fixture(scope="module")
def environment(production):
    pairs = {"umbra": [(parse_iso(at("10:00")), parse_iso(at("10:40")))],
             "contact:tsup": [(parse_iso(at("10:00")), parse_iso(at("10:50")))]}
    return environment_from_pairs(production.span_s, pairs)


def rules(production, environment, document) -> list[str]:
    return sorted({v.rule for v in check_schedule(Flight(production, environment=environment), document)})


def changed(**edits) -> dict:
    """Return the valid schedule with scene entries replaced: index -> new entry or None."""
    document = copy.deepcopy(VALID)
    for index, value in edits.items():
        document["scenes"][int(index[1:])] = value
    document["scenes"] = [s for s in document["scenes"] if s is not None]
    return document


def test_the_valid_schedule_passes(production, environment):
    assert check_schedule(Flight(production, environment=environment), VALID) == []


BROKEN = [
    # x shot 10:30-10:45 runs past the night's end (10:40); y moved after it to stay valid.
    ("conditions", dict(s0=entry("x", "10:25", "10:30", "10:45", "cupola", ["actor"]),
                        s1=entry("y", "10:55", "10:55", "11:10", "zvezda", ["actor"]))),
    # y at 10:20 leaves 5 of the 10 minutes the kit needs from the Cupola to Zvezda.
    ("move", dict(s1=entry("y", "10:20", "10:20", "10:35", "zvezda", ["actor"]))),
    # y starts while x's camera unit is still shooting.
    ("camera_unit", dict(s1=entry("y", "10:10", "10:10", "10:25", "zvezda", ["actor"]))),
    # x's set-up of 5 min squeezed to 2.
    ("setup", dict(s0=entry("x", "09:58", "10:00", "10:15", "cupola", ["actor"]))),
    # y before x, which it must follow (y first, then the move, then x in the night).
    ("precedence", dict(s0=entry("x", "10:20", "10:25", "10:40", "cupola", ["actor"]),
                        s1=entry("y", "10:00", "10:00", "10:10", "zvezda", ["actor"]))),
    # z's pieces 15:00-15:05 and 15:05-15:20: the first is shorter than 10 min.
    ("length", dict(s2=entry("z", "15:00", "15:00", "15:05", "zvezda", ["late"]),
                    s3=entry("z", "15:05", "15:05", "15:20", "zvezda", ["late"]))),
    # z's second piece ends after its latest, 18:00.
    ("latest", dict(s3=entry("z", "17:55", "17:55", "18:05", "zvezda", ["late"]))),
    # z's first piece starts before its earliest, 15:00.
    ("earliest", dict(s2=entry("z", "14:50", "14:50", "15:00", "zvezda", ["late"]))),
    # z during lunch, a fixed block of the crew day (lunch 13:00-14:00).
    ("crew_day", dict(s3=entry("z", "15:10", "15:10", "15:20", "zvezda", ["late"]),
                      s2=entry("z", "13:30", "13:30", "13:40", "zvezda", ["late"]))),
    # z during its cast's docking ops duty, 16:00-17:00.
    ("duty", dict(s2=entry("z", "16:00", "16:00", "16:10", "zvezda", ["late"]),
                  s3=entry("z", "16:10", "16:10", "16:20", "zvezda", ["late"]))),
    # 'late' comes aboard at 12:00; z at 11:00 also falls before its earliest.
    ("aboard", dict(s2=entry("z", "11:00", "11:00", "11:10", "zvezda", ["late"]))),
    # entries with the wrong location.
    ("as_written", dict(s3=entry("z", "15:10", "15:10", "15:20", "cupola", ["late"]))),
    # y dropped with no reason given.
    ("accounted", dict(s1=None)),
    # before docking (07:00).
    ("mission", dict(s2=entry("z", "07:00", "07:00", "07:10", "zvezda", ["late"]))),
]


@pytest.mark.parametrize("rule, edits", BROKEN, ids=[rule for rule, _ in BROKEN])
def test_each_broken_rule_is_named(production, environment, rule, edits):
    found = rules(production, environment, changed(**edits))
    assert rule in found, found


def test_only_the_broken_rule_is_reported(production, environment):
    # A clean single break: y starts 5 min early for the kit's move.
    document = changed(s1=entry("y", "10:20", "10:20", "10:35", "zvezda", ["actor"]))
    [violation] = check_schedule(Flight(production, environment=environment), document)
    assert violation.rule == "move"
    assert "5 min to move the kit from cupola to zvezda (needs 10)" in violation.message


def test_daily_limit_and_two_places_at_once(production, environment):
    document = copy.deepcopy(VALID)
    # x shot a second time, 10:50-11:05: the actor films 15 + 15 + 15 = 45 min that day,
    # more than 40 (and x, not splittable, is shot in two entries).
    document["scenes"].append(entry("x", "10:50", "10:50", "11:05", "cupola", ["actor"]))
    found = rules(production, environment, document)
    assert {"daily_limit", "length"} <= set(found)
    # Moved to 10:30-10:45 it also puts the actor in y (10:25-10:40) at the same time.
    document["scenes"][-1] = entry("x", "10:30", "10:30", "10:45", "cupola", ["actor"])
    assert "person_overlap" in rules(production, environment, document)


def test_a_location_holds_one_scene_at_a_time(environment):
    two_units = parse_production(PRODUCTION + """
[[people]]
id = "second"
name = "Second unit"
roles = ["camera"]
aboard = "throughout"
[[scenes]]
id = "w"
location = "zvezda"
shoot_min = 5
[[units]]
id = "a"
people = ["director"]
[[units]]
id = "b"
people = ["second"]
""")
    document = copy.deepcopy(VALID)
    for scene in document["scenes"]:
        scene["unit"] = "a"
    document["unscheduled"] = [{"id": "w", "reason": "left out for this test"}]
    assert check_schedule(Flight(two_units, environment=environment), document) == []
    # w by unit b in Zvezda 15:03-15:08, while unit a shoots z there 15:00-15:10.
    document["unscheduled"] = []
    document["scenes"].append(dict(entry("w", "15:03", "15:03", "15:08", "zvezda", []),
                                   unit="b"))
    assert [v.rule for v in check_schedule(Flight(two_units, environment=environment), document)] == ["location"]


def test_verify_file_reads_both_files_and_reports_bad_json(tmp_path):
    production_path = tmp_path / "toy.toml"
    production_path.write_text(PRODUCTION, encoding="utf-8")
    schedule_path = tmp_path / "schedule.json"
    schedule_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        verify_file(production_path, schedule_path)
    schedule_path.write_text(json.dumps({"scenes": [{"id": "x"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="each scene needs id, start, shoot_start and end"):
        verify_file(production_path, schedule_path)
    with pytest.raises(InputErrors):
        verify_file(tmp_path / "missing.toml", schedule_path)
