"""The day-based ground scheduler: tiny boards whose optimum is worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import TALENT
from orbitfilm.errors import InputError
from orbitfilm.schedule.ground import read_talent, solve_talent
from orbitfilm.schedule.ground.model import solve_ground_days as schedule_ground_days
from orbitfilm.schedule.ground.problem import (GroundActor, GroundCalendar, GroundLocation,
                                               GroundProblem, GroundScene, Journey)

MONDAY = dt.date(2021, 10, 4)
WEEKENDS = (5, 6)  # Saturday and Sunday off, Monday being 0


def _from_talent(instance) -> GroundProblem:
    scenes = tuple(GroundScene(sid, d, "set", tuple(
        name for name, row in zip(instance.actor_names, instance.appears) if row[s]))
        for s, (sid, d) in enumerate(zip(instance.scene_ids, instance.durations_days)))
    actors = tuple(GroundActor(n, r) for n, r in zip(instance.actor_names, instance.day_rates))
    return GroundProblem(scenes, actors, calendar=GroundCalendar(MONDAY, weekly_days_off=()))


@pytest.mark.parametrize("relative, total, idle", [("dat/tiny", 29, 2), ("dat/small", 54, 12)])
def test_pure_case_agrees_with_published_optimum_and_exact_solver(relative, total, idle):
    # Two independent methods (this CP-SAT time-indexed model and the bounded DP) and the
    # published optimum (DDOLib test suites, tests/data/talent/known_optima.csv) agree.
    instance = read_talent(TALENT / relative)
    result = schedule_ground_days(_from_talent(instance), time_limit_s=60)
    assert result.optimal
    assert (result.total_cost, result.idle_cost) == (total, idle)
    assert solve_talent(instance).total_cost == total


def _chain(drop_days, unit_day_cost=0.0):
    # A (Ann, 1 day) must precede B (Bob, 5 days) which precedes C (Ann, 1 day).
    scenes = (GroundScene("A", 1, "set", ("Ann",)), GroundScene("B", 5, "set", ("Bob",)),
              GroundScene("C", 1, "set", ("Ann",)))
    return GroundProblem(scenes, (GroundActor("Ann", 100), GroundActor("Bob", 10)),
                         precedences=(("A", "B"), ("B", "C")),
                         calendar=GroundCalendar(MONDAY, WEEKENDS), drop_pickup_min_days=drop_days,
                         unit_day_cost=unit_day_cost)


def test_holding_pays_the_gap():
    # Ann is held from A through C: 7 days x 100 = 700; Bob 5 x 10 = 50. Idle: Ann's 5 days.
    result = schedule_ground_days(_chain(None))
    assert result.order == ("A", "B", "C")
    assert result.actor_costs == {"Ann": 700, "Bob": 50}
    assert (result.total_cost, result.idle_cost) == (750, 500)


def test_drop_pickup_releases_an_actor_for_a_long_enough_gap():
    # With a crew at 1000 a day, the gap is B's 5 shooting days. A rule of 5 lets Ann go:
    # she is paid 2 days = 200; total 200 + 50 + 7 x 1000 = 7250.
    five = schedule_ground_days(_chain(5, 1000))
    assert five.actor_costs["Ann"] == 200 and five.total_cost == 7250
    # A rule of 6: holding her (700 + 50 + 7000 = 7750) beats an empty day to make the gap
    # long enough (200 + 50 + 8000 = 8250).
    six = schedule_ground_days(_chain(6, 1000))
    assert six.actor_costs["Ann"] == 700 and six.total_cost == 7750
    # Without a crew cost the empty day is free, and the solver takes it.
    free = schedule_ground_days(_chain(6))
    assert free.actor_costs["Ann"] == 200 and free.shooting_days == 8


def test_calendar_skips_weekends_and_days_off():
    # Seven shooting days from Monday 4 October 2021 with Wednesday 6 off: Mon 4, Tue 5,
    # Thu 7, Fri 8, then Mon 11, Tue 12, Wed 13 (weekend of 9-10 skipped).
    # The crew's day cost makes the shoot start on the first day and leave none empty.
    problem = _chain(None, 1000)
    calendar = GroundCalendar(MONDAY, WEEKENDS, days_off=(dt.date(2021, 10, 6),))
    result = schedule_ground_days(GroundProblem(problem.scenes, problem.actors,
                                                precedences=problem.precedences,
                                                calendar=calendar, unit_day_cost=1000))
    assert result.dates["A"] == ["2021-10-04"]
    assert result.dates["B"] == ["2021-10-05", "2021-10-07", "2021-10-08", "2021-10-11",
                                 "2021-10-12"]
    assert result.dates["C"] == ["2021-10-13"]


def test_moves_group_scenes_by_location():
    # Four scenes without actors, two at each location: shooting each location's scenes
    # together arrives once at each, 300 + 50 = 350; any interleaving arrives more often.
    scenes = tuple(GroundScene(f"S{i}", 1, loc) for i, loc in enumerate("ABAB"))
    locations = (GroundLocation("A", 300), GroundLocation("B", 50))
    result = schedule_ground_days(GroundProblem(scenes, (), locations,
                                                calendar=GroundCalendar(MONDAY, WEEKENDS)))
    # (An empty day between scenes would keep the unit where it is: no extra arrival.)
    assert result.move_cost == 350 and result.total_cost == 350
    firsts = [result.order[0], result.order[2]]
    assert {scenes[int(s[1])].location for s in firsts} == {"A", "B"}


def test_location_availability_forces_the_day():
    # Baikonur is available on shooting day 3 only: its half-day scene starts on day 3; the
    # other one-day scene has no actor to hold, so nothing is paid either way.
    scenes = (GroundScene("pad", 0.5, "baikonur", ("Yulia",)),
              GroundScene("gym", 1, "star-city", ("Yulia",)))
    locations = (GroundLocation("baikonur", available_days=((3, 3),)),
                 GroundLocation("star-city"))
    result = schedule_ground_days(GroundProblem(scenes, (GroundActor("Yulia", 80),),
                                                locations, calendar=GroundCalendar(MONDAY, WEEKENDS)))
    assert result.start_days["pad"] in (3, 3.5)
    # Yulia: gym (1 day) then pad; the best packs gym right before: days 2-3 -> 1.5 days paid.
    assert result.actor_costs == {"Yulia": 120}


def test_precedence_cycle_is_a_status_not_a_crash():
    scenes = (GroundScene("A", 1, "set"), GroundScene("B", 1, "set"))
    problem = GroundProblem(scenes, (), precedences=(("A", "B"), ("B", "A")),
                            calendar=GroundCalendar(MONDAY, WEEKENDS))
    assert schedule_ground_days(problem).status == "infeasible"


def test_unknown_actor_is_an_input_error():
    problem = GroundProblem((GroundScene("A", 1, "set", ("Nobody",)),), ())
    with pytest.raises(InputError, match="unknown actor"):
        schedule_ground_days(problem)


def _two_places() -> GroundProblem:
    # Two places a day's travel apart (500), P and Q: Ann in A1 at P and B1 at Q, Bob in A2
    # at P; every scene one day.
    scenes = (GroundScene("A1", 1, "p-set", ("Ann",)), GroundScene("B1", 1, "q-set", ("Ann",)),
              GroundScene("A2", 1, "p-set", ("Bob",)))
    locations = (GroundLocation("p-set", place="P"), GroundLocation("q-set", place="Q"))
    return GroundProblem(scenes, (GroundActor("Ann", 100), GroundActor("Bob", 10)), locations,
                         calendar=GroundCalendar(MONDAY), journeys={("P", "Q"): Journey(500, 1)})


@pytest.mark.parametrize("solver", ["cp-sat", "orders"])
def test_a_journey_takes_a_day_and_the_places_are_grouped(solver):
    # By hand: both P scenes together, one journey, Ann's two scenes next to the travel day:
    # A2, A1 | travel | B1 (or its mirror). Ann is paid A1, the travel day and B1: 3 x 100;
    # Bob 1 x 10; one journey 500. Total 810. Going P, Q, P costs a second journey (1,310
    # at least); A1, A2 | travel | B1 holds Ann a day more (910).
    from orbitfilm.schedule.ground.orders import solve_by_orders

    problem = _two_places()
    result = schedule_ground_days(problem) if solver == "cp-sat" else solve_by_orders(problem)
    assert result.optimal and result.total_cost == 810
    assert result.travel_cost == 500 and len(result.travel) == 1
    assert result.actor_costs == {"Ann": 300, "Bob": 10}
    travel_days = set(result.travel[0].dates)
    scene_days = {d for dates in result.dates.values() for d in dates}
    assert len(travel_days) == 1 and not travel_days & scene_days
    # No day holds scenes of both places.
    places = {"A1": "P", "A2": "P", "B1": "Q"}
    by_day: dict[str, set] = {}
    for scene, dates in result.dates.items():
        for day in dates:
            by_day.setdefault(day, set()).add(places[scene])
    assert all(len(p) == 1 for p in by_day.values())
