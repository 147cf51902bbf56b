"""The commands as a person runs them: schedule, verify and plan, on the real orbit.

The production is a small one over the first night aboard of the Challenge mission (ISS
element sets bundled with orbitfilm), so that the orbit is real but the solver has seconds
of work. Every schedule the commands write is checked again with ``orbitfilm verify``.
"""

from __future__ import annotations

import json
import re

import pytest

from orbitfilm.times import parse_iso

from clirun import run

ISO_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

PRODUCTION = """
title = "First evening aboard"
[mission]
docking = 2021-10-05T12:22:31Z
hatch_open_min = 150
undocking = 2021-10-06T12:00:00Z
[limits]
daily_film_min = 1440  # no daily limit: scene 3 is left out by the crew day alone
[[people]]
id = "shipenko"
name = "Klim Shipenko"
roles = ["director"]
[[people]]
id = "peresild"
name = "Yulia Peresild"
roles = ["cast"]
plays = ["ZHENYA"]
[[scenes]]
id = "1"
location = "cupola"
cast = ["ZHENYA"]
shoot_min = 10
setup_min = 15
light = "night"
[[scenes]]
id = "2"
location = "zvezda"
cast = ["zhenya"]
shoot_min = 20
light = "day"
after = ["1"]
[[scenes]]
id = "3"
location = "zvezda"
cast = ["zhenya"]
shoot_min = 600
"""


@pytest.fixture(scope="module")
def production_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "evening.toml"
    path.write_text(PRODUCTION, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def schedule_file(production_file):
    out = production_file.parent / "schedule.json"
    run("schedule", str(production_file), "--time-limit", "5", "--workers", "1",
        "--format", "json", "-o", str(out))
    return out


def test_schedule_json_has_the_documented_fields(schedule_file):
    document = json.loads(schedule_file.read_text(encoding="utf-8"))
    assert set(document) == {"production", "status", "objective", "bound", "scenes",
                             "unscheduled", "penalties"}
    assert document["production"] == {"title": "First evening aboard", "source": "evening.toml"}
    assert document["status"] in ("optimal", "feasible")
    scenes = {scene["id"]: scene for scene in document["scenes"]}
    assert set(scenes) == {"1", "2"}
    for scene in scenes.values():
        assert set(scene) == {"id", "start", "shoot_start", "end", "location", "cast",
                              "conditions"}
        assert all(ISO_MS.match(scene[key]) for key in ("start", "shoot_start", "end"))
    # The conditions as the file writes them, the cast as person ids.
    assert scenes["1"]["conditions"] == {"light": "night"} and scenes["1"]["cast"] == ["peresild"]
    # Set-up 15 min before the camera rolls; 2 after 1; the hatch opens 14:52:31 (docking
    # 12:22:31 plus 150 min), when the cast comes aboard.
    assert parse_iso(scenes["1"]["shoot_start"]) - parse_iso(scenes["1"]["start"]) == 15 * 60
    assert parse_iso(scenes["2"]["shoot_start"]) >= parse_iso(scenes["1"]["end"])
    assert parse_iso(scenes["1"]["shoot_start"]) >= parse_iso("2021-10-05T14:52:31Z")
    # Ten hours in one go never fit in a crew day: the reason says so.
    [left_out] = document["unscheduled"]
    assert left_out["id"] == "3" and "600 min" in left_out["reason"]


def test_verify_accepts_the_schedule_and_names_a_broken_rule(production_file, schedule_file):
    passed = run("verify", str(production_file), str(schedule_file))
    assert "keeps every rule" in passed.stdout
    document = json.loads(schedule_file.read_text(encoding="utf-8"))
    first = next(scene for scene in document["scenes"] if scene["id"] == "1")
    first["location"] = "nauka"
    broken = schedule_file.parent / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    failed = run("verify", str(production_file), str(broken), check=False)
    assert failed.returncode == 1
    assert "as_written: 1 is at cupola, not nauka" in failed.stdout


def test_schedule_table_and_one_line_errors(production_file, tmp_path):
    table = run("schedule", str(production_file), "--time-limit", "3", "--workers", "1")
    assert "Left out" in table.stdout and re.search(r"(optimal|feasible): objective", table.stdout)
    missing = run("schedule", str(tmp_path / "none.toml"), check=False)
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"error: {tmp_path / 'none.toml'}: no such file"]


def test_plan_writes_a_schedule_that_verifies(production_file, tmp_path):
    out = tmp_path / "plan"
    made = run("plan", str(production_file), "-o", str(out), "--time-limit", "3",
               "--workers", "1")
    assert f"into {out}/; open {out / 'report.html'}" in made.stdout
    assert "keeps every rule" in run("verify", str(production_file),
                                     str(out / "schedule.json")).stdout
    # The schedule comes with the plan and every report beside it (issue 7's folder).
    names = {p.name for p in out.iterdir()}
    assert {"schedule.json", "plan.json", "report.html", "stripboard.html"} <= names


def test_plan_library_call_returns_every_piece(production_file, tmp_path):
    from orbitfilm.plan import make_plan
    from orbitfilm.schedule import SolveOptions

    stages = []
    made = make_plan(production_file, tmp_path / "out",
                     options=SolveOptions(time_limit_s=3, workers=1), stage=stages.append)
    assert stages[0] == "loading the production" and "propagating the station" in stages
    assert stages[-2:] == ["scheduling the scenes", "writing the plan and its reports"]
    assert made.flight.launch is None  # the file gives the docking time
    assert made.flight.environment.span_s == made.production.span_s
    assert made.paths[0] == tmp_path / "out" / "report.html"
    written = tmp_path / "out" / "schedule.json"
    assert written in made.paths
    assert json.loads(written.read_text(encoding="utf-8")) == made.schedules.to_json()
    assert json.loads((tmp_path / "out" / "plan.json").read_text("utf-8")) == \
        json.loads(json.dumps({**made.document, "files": sorted(
            str(p.relative_to(tmp_path / "out")) for p in made.paths)}))


def test_plan_finds_the_launch_when_the_file_gives_no_docking(tmp_path):
    from orbitfilm.mission import prepare_flight
    from orbitfilm.production import load_production

    text = PRODUCTION.replace("docking = 2021-10-05T12:22:31Z\n", "").replace(
        "[mission]\n", "[mission]\nlaunch = {site = \"baikonur-31\", vehicle = \"soyuz-ms\", "
                       "date = 2021-10-05}\n")
    path = tmp_path / "launch.toml"
    path.write_text(text, encoding="utf-8")
    flight = prepare_flight(load_production(path), environment=False)
    production, launch = flight.production, flight.launch
    # Soyuz MS-19 lifted off 2021-10-05 08:55:02 UTC and docked 12:22:31 UTC (Roscosmos);
    # the launch finder's documented tolerances are 2 min and 30 min.
    assert abs(launch.liftoff_s - parse_iso("2021-10-05T08:55:02Z")) <= 120
    # The file's docking is the launch's, to the microsecond a datetime holds.
    assert production.mission.docking_s == pytest.approx(launch.docking_s, abs=1e-5)
    assert abs(launch.docking_s - parse_iso("2021-10-05T12:22:31Z")) <= 30 * 60


def test_plan_with_no_production_plans_the_challenge(tmp_path):
    out = tmp_path / "challenge"
    run("plan", "-o", str(out), "--time-limit", "8")
    document = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
    from orbitfilm.production.examples import example_path

    assert len(document["scenes"]) >= 30
    assert "keeps every rule" in run("verify", str(example_path("challenge-2021")),
                                     str(out / "schedule.json")).stdout
