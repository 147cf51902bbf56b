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
from orbitfilm.mission.chooser import choose_launch
from orbitfilm.mission.links import production_elements
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
    # The agency's dates are kept: main medical commission 31 Aug, exams 8-9 Sep, admitted
    # 16 Sep (section D.1 of the spaceflight notes: 7days.ru, imag.one, govoritmoskva.ru).
    assert road.plan.cleared.date() == date(2021, 9, 16)
    assert road.plan.milestones["main-medical-commission"].date() == date(2021, 8, 31)
    exams = {s.start.date() for s in road.plan.sessions if s.activity.startswith("exam-")}
    assert exams == {date(2021, 9, 8), date(2021, 9, 9)}
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


def test_from_1_august_the_agency_dates_cannot_be_met_and_the_plan_says_who(roads):
    # The agency fixed the main medical commission on 31 Aug 2021 (7days.ru): from 1 August
    # its prerequisites (30 physical sessions a day apart among them) cannot be done by then.
    road = roads["2021-08-01"]
    assert road.plan.cleared is None and road.choice is None
    [reason] = [r for r in road.plan.reasons if "fixed on" in r]
    assert reason.startswith("Main medical commission is fixed on 2021-08-31 (09:00)")
    assert "Physical training 1 (peresild)" in reason and "2021-08-02" in reason


def undated_programme(text: str) -> str:
    """Return the programme with the agency's dates left out: every milestone as early as
    its prerequisites allow, the exams whenever they can be held."""
    for line in ("date = 2021-08-31\n", "date = 2021-09-16\n", "latest = 2021-09-09\n"):
        text = text.replace(line, "")
    return text.replace("earliest = 2021-09-08    #", "#").replace("earliest = 2021-09-08\n", "")


def test_from_1_august_without_agency_dates_the_launch_must_move(tmp_path):
    # The programme holds some 480 hours a participant, at 8 a day on weekdays: about three
    # months. From 1 August, with 2 days' travel and 17 at Baikonur, 5 October is too early.
    late = undated_programme(example_path("challenge-2021").read_text("utf-8")).replace(
        "start = 2021-05-24", "start = 2021-08-01")
    path = tmp_path / "late.toml"
    path.write_text(late, encoding="utf-8")
    road = road_to_orbit(load_production(path), time_limit_s=TIME_LIMIT_S, explain=False)
    assert road.margin_days < 0 and road.late
    # The first launch that works: the chooser's first opportunity from ready-to-fly.
    instead = road.first_possible.opportunity
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
    # 5 October, 08:55 UTC. The days between only allow slower profiles (which the bundled
    # file accepts for a slipped launch; here the production takes the express only).
    express_only = challenge.model_copy(update={"mission": challenge.mission.model_copy(
        update={"launch": challenge.mission.launch.model_copy(update={"profiles": []})})})
    elements = production_elements(challenge)
    choice = choose_launch(express_only, elements, ready=date(2021, 10, 1), fixed=False)
    chosen = choice.opportunity
    assert chosen.profile == "2-orbit"
    # MS-19 is the record's own flight up (flight_up names it): it is set aside, and the
    # rest of the traffic refuses nothing; the days before were passed over for their profile.
    assert choice.set_by == "profile" and choice.refused
    assert all("the production takes 2-orbit" in fit.reasons[0] for fit in choice.refused)
    assert abs(chosen.liftoff_s - parse_iso(MS19_LIFTOFF)) < 60.0
    earlier = find_launch_opportunities(elements, "baikonur-31", "soyuz-ms",
                                        parse_iso("2021-10-01"), chosen.liftoff_s)
    assert earlier and all(o.profile != "2-orbit" for o in earlier)


def test_the_train_command_gives_the_plan_as_json(tmp_path):
    out = tmp_path / "road.json"
    run("train", "--time-limit", str(TIME_LIMIT_S), "--no-explain", "-o", str(out))
    road = json.loads(out.read_text("utf-8"))
    assert road["launch"]["site"] == "baikonur-31" and road["launch_fixed"] is True
    assert road["cleared"][:10] == "2021-09-16" and road["margin_days"] >= 0
    assert {m["name"] for m in road["milestones"].values()} >= {"Main medical commission"}
    first = min(s["start"] for s in road["sessions"])
    assert first.startswith("2021-05-24T09:00:00+03:00")  # Moscow time, the first morning
    # Ready to fly: cleared, 2 days to Baikonur, 17 days there (18 Sep to 5 Oct 2021).
    cleared = date.fromisoformat(road["cleared"][:10])
    assert date.fromisoformat(road["ready"]) == cleared + timedelta(days=19)
    assert road["launch"]["liftoff"].endswith("Z")  # launches are given in UTC


def test_without_its_dates_the_challenge_flies_when_it_did_from_training_and_traffic(tmp_path):
    # The file's docking, launch date and liftoff left out: the road alone must find the
    # real launch. Cleared on 16 Sep (the agency's date), 2 days to Baikonur and 17 there:
    # ready on 5 Oct; the first two-orbit opportunity from then is MS-19's own (liftoff
    # 08:55:02 UTC, NASA Space Station blog; the finder's error on it is 0.4 s,
    # tests/test_launch.py), and the station, MS-19's recorded visit set aside, takes it.
    text = example_path("challenge-2021").read_text("utf-8")
    for line in ("docking = 2021-10-05T12:22:31Z\n", "date = 2021-10-05\n",
                 "liftoff = 2021-10-05T08:55:02Z\n"):
        assert line in text
        text = text.replace(line, "")
    path = tmp_path / "undated.toml"
    path.write_text(text, encoding="utf-8")
    road = road_to_orbit(load_production(path), time_limit_s=TIME_LIMIT_S, explain=False)
    assert road.plan.cleared.date() == date(2021, 9, 16)
    assert road.plan.ready == date(2021, 10, 5) and not road.launch_fixed
    assert road.launch.profile == "2-orbit" and road.launch.site.id == "baikonur-31"
    assert abs(road.launch.liftoff_s - parse_iso(MS19_LIFTOFF)) < 60.0
    assert road.choice.set_by == "ready-to-fly" and road.choice.port == "rassvet"
    # The launch command takes the same road and names what set the date.
    shown = run("launch", str(path), "--format", "json", "--time-limit", "30")
    chosen = json.loads(shown.stdout)
    assert chosen["launch"]["liftoff"] == road.launch.to_json()["liftoff"]
    assert chosen["set_by"] == "ready-to-fly" and chosen["ready"] == "2021-10-05"
