"""The road to orbit waits for the station's traffic: issue 15's last gap.

When the training sets the earliest launch (no fixed date), the launch taken is the first
one whose arrival the traffic takes; the ones before it are reported with why. The case is
the bundled dragon-rival with its date left to the training and training started on
14 Jun 2021, so the crew is ready in early September, while the ISS of iss-2021.toml is full.
"""

from __future__ import annotations

import json

import pytest

from orbitfilm.mission.traffic import bundled_traffic, flies_up
from orbitfilm.production.examples import example_text
from orbitfilm.production.loader import load_production
from orbitfilm.report.training_table import summary_lines
from orbitfilm.station.slots import find_slots
from orbitfilm.times import DAY_S, parse_iso
from orbitfilm.training.road import road_to_orbit

from clirun import run

# Soyuz MS-18 left Nauka with the film crew at 01:14 UTC on 17 Oct 2021 (spacenews.com);
# until then ten were aboard, so three more would be thirteen, above max_aboard = 10.
MS18_UNDOCKING = "2021-10-17T01:14:00Z"


def rival_after_training(tmp_path):
    text = example_text("dragon-rival.toml").replace("date = 2021-10-17\n", "")
    text = text.replace("undocking = 2021-10-27T15:00:00Z", "stay_days = 10")
    text = text.replace("start = 2021-05-03", "start = 2021-06-14")
    path = tmp_path / "rival.toml"
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def road(tmp_path_factory):
    production = load_production(rival_after_training(tmp_path_factory.mktemp("road")))
    return production, road_to_orbit(production, time_limit_s=5, explain=False)


def test_the_launch_waits_until_the_station_has_room(road):
    production, found = road
    ready = found.plan.ready
    launch = found.launch
    assert not found.launch_fixed and ready is not None
    # Ready in September, but nobody can come up while ten are aboard: the first docking
    # the traffic takes is after MS-18's undocking, and liftoff comes after readiness.
    assert launch.docking_s > parse_iso(MS18_UNDOCKING)
    assert launch.liftoff_s >= parse_iso(f"{ready}T00:00:00Z")
    assert found.skipped, "the opportunities of September and early October were refused"
    reasons = [" ".join(m.reasons) for m in found.skipped]
    assert any("cargo-dragon-crs-23" in r for r in reasons)   # it held Harmony forward
    assert any("13" in r and "aboard" in r for r in reasons)
    assert all(m.opportunity.liftoff_s < launch.liftoff_s for m in found.skipped)


def test_the_choice_agrees_with_the_slots_of_the_traffic(road):
    # Independent computation: find_slots works from the port closures and room aboard,
    # not from the opportunities; the chosen docking must lie in an open slot of some
    # Dragon port and every refused docking in none (to the minute, the record's grain).
    production, found = road
    start_s = parse_iso(f"{found.plan.ready}T00:00:00Z")
    slots = find_slots(bundled_traffic(), vehicle="crew-dragon", crew=len(flies_up(production)),
                       stay_days=production.mission.stay_days, start_s=start_s,
                       end_s=start_s + 90 * DAY_S)

    def open_at(moment_s):
        return any(((p.open.starts_s <= moment_s + 60) & (moment_s - 60 <= p.open.ends_s)).any()
                   for p in slots.ports)

    assert open_at(found.launch.docking_s)
    assert not any(open_at(m.opportunity.docking_s - 120) and open_at(m.opportunity.docking_s + 120)
                   for m in found.skipped)
    first_s, _ = slots.first()
    assert first_s <= found.launch.docking_s + 60


def test_the_summary_says_how_many_were_refused_and_why(road):
    _, found = road
    document = found.to_json()
    assert len(document["skipped_for_traffic"]) == len(found.skipped)
    line = next(l for l in summary_lines(document)
                if l.startswith("the station's traffic refused"))
    assert f"refused {len(found.skipped)} earlier" in line
    assert "cargo-dragon-crs-23" in line or "aboard" in line


def test_plan_takes_the_waited_launch_and_says_so_in_the_station_note(tmp_path):
    path = rival_after_training(tmp_path)
    out = tmp_path / "plan"
    run("plan", str(path), "-o", str(out), "--time-limit", "3")
    plan = json.loads((out / "plan.json").read_text())
    docking_s = parse_iso(plan["production"]["mission"]["docking"])
    assert docking_s > parse_iso(MS18_UNDOCKING)
    assert plan["training"]["launch"]["docking"] == plan["production"]["mission"]["docking"]
    assert plan["station"]["note"].startswith("skipped for the station's traffic")
