"""The Challenge's road to orbit, against what happened in 2021.

The crew began training at Star City on Monday 24 May 2021 (parabolicarc.com, 25 May
2021), was admitted to fly by the interdepartmental commission on 16 September
(govoritmoskva.ru), arrived at Baikonur on 18 September (tema-kz.net) and lifted off on
Soyuz MS-19 at 08:55:02 UTC on 5 October (NASA Space Station blog). The bundled programme
(``challenge-2021``, its assumptions marked) must clear the crew no later than the real
commission; a start on 1 June, the latest the announcement allowed ("no later than June 1",
parabolicarc.com, 13 May 2021), must still make 5 October; a start on 1 August must not.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from clirun import run
from orbitfilm.mission.links import first_launch_after, production_elements
from orbitfilm.orbit.launch import find_launch_opportunities
from orbitfilm.production.examples import example_path
from orbitfilm.production.loader import load_production
from orbitfilm.times import parse_iso
from orbitfilm.training.road import road_to_orbit

# Time for each plan: the planner must find the Challenge's plan well within it.
TIME_LIMIT_S = 20.0
MS19_LIFTOFF = "2021-10-05T08:55:02Z"


@pytest.fixture(scope="module")
def challenge():
    return load_production(example_path("challenge-2021"))


@pytest.fixture(scope="module")
def roads(challenge):
    return {start: road_to_orbit(challenge, start=date.fromisoformat(start),
                                 time_limit_s=TIME_LIMIT_S, explain=False)
            for start in ("2021-05-24", "2021-06-01", "2021-08-01")}


def test_from_24_may_the_crew_is_cleared_by_the_real_commission(roads):
    road = roads["2021-05-24"]
    assert road.plan.cleared.date() <= date(2021, 9, 16)
    # The exams and the commission come after every session of the crew.
    last_session = max(s.end for s in road.plan.sessions)
    assert road.plan.cleared >= last_session
    # The launch is the production's own, 5 October from Site 31, within a minute of
    # MS-19's liftoff (the launch finder's error on MS-19 is 0.4 s: tests/test_launch.py).
    assert road.launch_fixed and road.launch.site.id == "baikonur-31"
    assert abs(road.launch.liftoff_s - parse_iso(MS19_LIFTOFF)) < 60.0
    assert road.margin_days >= 0


def test_from_1_june_the_launch_of_5_october_still_holds(roads):
    road = roads["2021-06-01"]
    assert road.plan.ready <= date(2021, 10, 5)
    assert road.margin_days >= 0


def test_from_1_august_the_launch_must_move_and_the_plan_says_why(roads, tmp_path):
    road = roads["2021-08-01"]
    # The programme holds some 358 hours a participant, at 8 a day on weekdays: about nine
    # weeks. From 1 August, with 2 days' travel and 17 at Baikonur, 5 October is too early.
    assert road.margin_days < 0 and road.late
    late = example_path("challenge-2021").read_text("utf-8").replace(
        "start = 2021-05-24", "start = 2021-08-01")
    path = tmp_path / "late.toml"
    path.write_text(late, encoding="utf-8")
    # The first launch that works: the finder's first opportunity from ready-to-fly.
    instead = road.first_possible
    assert instead is not None and instead.site.id == "baikonur-31"
    assert instead.liftoff_s >= parse_iso(f"{road.plan.ready}T00:00:00Z")
    # A plan that cannot fly is not a plan: exit 1 (not bad input), naming that launch.
    result = run("plan", str(path), "-o", str(tmp_path / "plan"), "--time-limit",
                 str(TIME_LIMIT_S), check=False)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "after the fixed launch on 2021-10-05" in line and "set by" in line
    assert "the first launch that works lifts off " in line
    assert not (tmp_path / "plan").exists()
    trained = run("train", str(path), "--time-limit", "5", "--no-explain", check=False)
    assert trained.returncode == 1
    assert "the first launch that works: " in trained.stdout


def test_a_soyuz_waits_for_the_two_orbit_express_as_ms_19_did(challenge):
    # Ready on 1 October 2021, the first launch with the express rendezvous is MS-19's own:
    # 5 October, 08:55 UTC. The days between only allow slower profiles.
    elements = production_elements(challenge)
    chosen, refused = first_launch_after(challenge, elements, date(2021, 10, 1))
    assert chosen.profile == "2-orbit"
    # MS-19 is the record's own flight up (flight_up names it): the traffic refuses nothing.
    assert refused == []
    assert abs(chosen.liftoff_s - parse_iso(MS19_LIFTOFF)) < 60.0
    earlier = find_launch_opportunities(elements, "baikonur-31", "soyuz-ms",
                                        parse_iso("2021-10-01"), chosen.liftoff_s)
    assert earlier and all(o.profile != "2-orbit" for o in earlier)


def test_the_train_command_gives_the_plan_as_json(tmp_path):
    out = tmp_path / "road.json"
    run("train", "--time-limit", str(TIME_LIMIT_S), "--no-explain", "-o", str(out))
    road = json.loads(out.read_text("utf-8"))
    assert road["launch"]["site"] == "baikonur-31" and road["launch_fixed"] is True
    assert road["cleared"] <= "2021-09-16" and road["margin_days"] >= 0
    assert {m["name"] for m in road["milestones"].values()} >= {"Main medical commission"}
    first = min(s["start"] for s in road["sessions"])
    assert first.startswith("2021-05-24T09:00:00+03:00")  # Moscow time, the first morning
    # Ready to fly: cleared, 2 days to Baikonur, 17 days there (18 Sep to 5 Oct 2021).
    cleared = date.fromisoformat(road["cleared"][:10])
    assert date.fromisoformat(road["ready"]) == cleared + timedelta(days=19)
    assert road["launch"]["liftoff"].endswith("Z")  # launches are given in UTC
