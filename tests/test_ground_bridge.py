"""A production's ground scenes through the ground solvers: places, journeys, the calendar
(talent imports: test_talent_import)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from orbitfilm.errors import InputError, InputErrors
from orbitfilm.plan.stage import schedule_flight
from orbitfilm.mission import prepare_flight
from orbitfilm.production import load_production, parse_production
from orbitfilm.production.examples import example_path
from orbitfilm.schedule.ground import ground_problem, schedule_ground
from orbitfilm.schedule.ground.pipeline import is_pure_talent
from orbitfilm.schedule.ground.places import distance_km


@pytest.fixture(scope="module")
def challenge():
    return load_production(example_path("challenge-2021"))


def test_star_city_and_baikonur_are_places_a_journey_apart(challenge):
    problem = ground_problem(challenge, dt.date(2021, 10, 5))
    places = {loc.id: loc.place_id for loc in problem.locations}
    # Star City and TsUP (Korolyov) are about 20 km apart: one place; Baikonur's hotel and
    # Site 31 about 30 km: another; the nearest pair of the two places, Star City (55.878 N
    # 38.112 E) and Site 31 (45.996034 N 63.564003 E), 2,077 km apart by the spherical law
    # of cosines on the mean radius 6371.0088 km (computed here, independently of the
    # haversine the code uses).
    assert places["star-city-centrifuge"] == places["mission-control"] == "star-city"
    assert places["baikonur-cosmonaut-hotel"] == places["baikonur-site-31"] == "baikonur"
    lat1, lon1, lat2, lon2 = map(math.radians, (55.878, 38.112, 45.996034, 63.564003))
    km = 6371.0088 * math.acos(math.sin(lat1) * math.sin(lat2) +
                               math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1))
    every = challenge.all_locations()
    assert distance_km(every["star-city-centrifuge"], every["baikonur-site-31"]) == \
        pytest.approx(km, abs=0.01)
    journey = problem.journey("star-city", "baikonur")
    # The journey costs its km at the [move] table's default of 1 a km, and takes a day.
    assert journey.days == 1 and journey.cost == pytest.approx(km, abs=0.01)


def test_challenge_ground_unit_groups_its_baikonur_scenes_before_the_launch(challenge):
    # The ground calendar is left to the launch (Sundays off): the unit's last day is the
    # day before MS-19's liftoff, 4 October 2021.
    result = schedule_ground(challenge, launch_date=dt.date(2021, 10, 5))
    assert result.optimal
    baikonur = {"5", "6"}
    order = list(result.order)
    # One journey, and Baikonur's scenes together after it (the night before launch, the
    # walk to the rocket); precedence from the file: 2 after 1, 6 after 5.
    assert len(result.travel) == 1 and result.travel[0].to_place == "baikonur"
    assert set(order[-2:]) == baikonur
    assert order.index("1") < order.index("2") and order.index("5") < order.index("6")
    dates = sorted(d for ds in result.dates.values() for d in ds)
    assert dates[-1] <= "2021-10-04"
    assert not any(dt.date.fromisoformat(d).weekday() == 6 for d in dates)
    # No day holds Star City and Baikonur; the travel day holds no scene.
    travel = set(result.travel[0].dates)
    for scene, scene_dates in result.dates.items():
        assert not travel & set(scene_dates)
    # Hand arithmetic: company moves at Star City and TsUP 4 x 200 = 800 (Baikonur's
    # locations charge none); the journey 2,077 (its km at 1 a km); Peresild is held from
    # her first scene to her last: at least her 4 scene days + the travel day = 5 x 1000.
    assert result.move_cost == 800
    assert result.total_cost == pytest.approx(800 + result.travel_cost + sum(
        result.actor_costs.values()))
    assert result.actor_costs["peresild"] >= 5000


def test_richer_ground_problems_are_not_taken_as_pure_talent(challenge):
    problem = ground_problem(challenge, dt.date(2021, 10, 5))
    assert not is_pure_talent(problem)  # move costs, precedence, two places


GROUND_ONLY = """
title = "Ground only"
[[people]]
id = "ann"
name = "Ann"
roles = ["cast"]
day_rate = 100
[[locations]]
id = "set"
kind = "ground"
[[scenes]]
id = "1"
location = "set"
cast = ["ann"]
days = 1
"""


def test_a_ground_production_without_a_calendar_is_told_to_give_one():
    # No mission to count back from, and no [ground] dates: never a baked-in date.
    with pytest.raises(InputErrors, match=r"ground scenes need a calendar"):
        parse_production(GROUND_ONLY)
    production = parse_production(GROUND_ONLY + "[ground]\nstart = 2022-03-07\n")
    result = schedule_flight(prepare_flight(production)).ground
    assert result.dates == {"1": ["2022-03-07"]}


def test_the_library_names_the_missing_calendar():
    production = parse_production(GROUND_ONLY + "[ground]\nstart = 2022-03-07\n")
    bare = production.model_copy(update={"ground": type(production.ground)()})
    with pytest.raises(InputError, match=r"\[ground\] start"):
        schedule_ground(bare)
